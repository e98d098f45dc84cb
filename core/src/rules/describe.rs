//! Conditions in plain language, for people who review a rule file (`rules show`) and
//! for the descriptions in the answers schema.
//!
//! Pure. Works on the file as written (a valid one: every id resolves), so parameters
//! are named as well as their values.

use super::model::{Amount, AnswerType, Condition, RuleFile};

/// A condition as indented lines: `all`/`any` become a heading and one item per line.
pub fn lines(file: &RuleFile, cond: &Condition) -> Vec<String> {
    let mut out = Vec::new();
    push_lines(file, cond, 0, &mut out);
    out
}

fn push_lines(file: &RuleFile, cond: &Condition, depth: usize, out: &mut Vec<String>) {
    let indent = "  ".repeat(depth);
    match cond {
        Condition::All(items) | Condition::Any(items) if items.len() > 1 => {
            let heading = match cond {
                Condition::All(_) => "all of these:",
                _ => "any of these:",
            };
            out.push(format!("{indent}{heading}"));
            for item in items {
                let mut inner = Vec::new();
                push_lines(file, item, 0, &mut inner);
                let mut first = true;
                for line in inner {
                    let bullet = if first { "- " } else { "  " };
                    first = false;
                    out.push(format!("{indent}  {bullet}{line}"));
                }
            }
        }
        _ => out.push(format!("{indent}{}", sentence(file, cond))),
    }
}

/// A condition as one sentence, with parentheses where `and`/`or` nest.
pub fn sentence(file: &RuleFile, cond: &Condition) -> String {
    match cond {
        Condition::All(items) => joined(file, items, " and "),
        Condition::Any(items) => joined(file, items, " or "),
        Condition::Not(inner) => match inner.as_ref() {
            Condition::Is(eq) => format!(
                "{} is not {}",
                answer(&eq.answer),
                value(file, &eq.answer, &eq.value)
            ),
            other => format!("not ({})", sentence(file, other)),
        },
        Condition::Is(eq) => format!(
            "{} is {}",
            answer(&eq.answer),
            value(file, &eq.answer, &eq.value)
        ),
        Condition::Lt(c) => format!("{} is less than {}", answer(&c.answer), c.value),
        Condition::Le(c) => format!("{} is at most {}", answer(&c.answer), c.value),
        Condition::Gt(c) => format!("{} is more than {}", answer(&c.answer), c.value),
        Condition::Ge(c) => format!("{} is at least {}", answer(&c.answer), c.value),
        Condition::WithinDays(w) => format!(
            "{} is less than {} before the screening date, or later",
            answer(&w.answer),
            days(file, &w.days)
        ),
    }
}

fn joined(file: &RuleFile, items: &[Condition], with: &str) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|item| match item {
            Condition::All(inner) | Condition::Any(inner) if inner.len() > 1 => {
                format!("({})", sentence(file, item))
            }
            _ => sentence(file, item),
        })
        .collect();
    parts.join(with)
}

fn answer(id: &str) -> String {
    format!("`{id}`")
}

/// A literal as people read it: yes/no, an option's label, a date, a number.
fn value(file: &RuleFile, question: &str, value: &serde_json::Value) -> String {
    let kind = file.questions.iter().find(|q| q.id == question);
    match (kind.map(|q| q.kind), value) {
        (Some(AnswerType::Boolean), serde_json::Value::Bool(true)) => "yes".to_string(),
        (Some(AnswerType::Boolean), serde_json::Value::Bool(false)) => "no".to_string(),
        (Some(AnswerType::Choice), serde_json::Value::String(s)) => {
            let label = kind
                .and_then(|q| q.options.iter().find(|o| &o.value == s))
                .map_or(s.as_str(), |o| o.label.get(file.base(), file.base()));
            format!("\"{label}\"")
        }
        (_, serde_json::Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

/// A number of days, naming the parameter it comes from.
pub fn days(file: &RuleFile, amount: &Amount) -> String {
    match amount {
        Amount::Literal(n) => format!("{n} days"),
        Amount::Param { param } => match file.parameters.iter().find(|p| &p.id == param) {
            Some(p) => format!("{} days (parameter `{param}`)", p.value),
            None => format!("parameter `{param}`"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::default_rules;
    use serde_json::json;

    fn cond(value: serde_json::Value) -> Condition {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn sentences() {
        let rules = default_rules();
        let cases = [
            (
                "boolean",
                json!({"is": {"answer": "pregnant", "value": true}}),
                "`pregnant` is yes",
            ),
            (
                "choice label",
                json!({"not": {"is": {"answer": "treatment_area", "value": "body"}}}),
                "`treatment_area` is not \"Body (for example stretch marks)\"",
            ),
            (
                "window with parameter",
                json!({"within_days": {"answer": "radiation_end_date", "days": {"param": "radiation_window_days"}}}),
                "`radiation_end_date` is less than 365 days (parameter `radiation_window_days`) before the screening date, or later",
            ),
            (
                "nesting",
                json!({"any": [
                    {"all": [{"is": {"answer": "eczema", "value": true}}, {"is": {"answer": "psoriasis", "value": false}}]},
                    {"not": {"any": [{"is": {"answer": "open_wounds", "value": true}}, {"gt": {"answer": "x", "value": 2}}]}}
                ]}),
                "(`eczema` is yes and `psoriasis` is no) or not (`open_wounds` is yes or `x` is more than 2)",
            ),
        ];
        for (name, value, expected) in cases {
            assert_eq!(sentence(&rules.file, &cond(value)), expected, "{name}");
        }
    }

    #[test]
    fn lines_indent_nested_lists() {
        let rules = default_rules();
        let c = cond(json!({"all": [
            {"is": {"answer": "radiation_therapy", "value": true}},
            {"any": [{"is": {"answer": "eczema", "value": true}}, {"is": {"answer": "psoriasis", "value": true}}]}
        ]}));
        assert_eq!(
            lines(&rules.file, &c),
            [
                "all of these:",
                "  - `radiation_therapy` is yes",
                "  - any of these:",
                "      - `eczema` is yes",
                "      - `psoriasis` is yes",
            ]
        );
    }
}
