//! Conditions in plain language, for people who review a rule file (`rules show`) and
//! for the descriptions in the answers schema.
//!
//! Pure. Works on the file as written (a valid one: every id resolves), so parameters
//! are named as well as their values. The words (`is`, `and`, `days`…) come from the
//! catalogue of the language chosen; ids, parameter names and values stay as written.

use super::RuleSet;
use super::model::{Amount, AnswerType, Condition, RuleFile};
use crate::i18n::Words;

/// What a condition is put into words with: the file as written, the language its
/// option labels are shown in, and the program's words in that language.
#[derive(Debug, Clone, Copy)]
pub struct Describe<'a> {
    pub file: &'a RuleFile,
    pub lang: &'a str,
    pub words: &'static Words,
}

impl<'a> Describe<'a> {
    /// In the rule set's language: what `rules show` prints.
    pub fn new(rules: &'a RuleSet) -> Self {
        Describe {
            file: &rules.file,
            lang: &rules.lang,
            words: rules.words(),
        }
    }

    /// In the base catalogue's words and the file's first language: the answers schema,
    /// which is for programs and never changes with the language.
    pub fn base(file: &'a RuleFile) -> Self {
        Describe {
            file,
            lang: file.base(),
            words: crate::i18n::words(crate::i18n::BASE),
        }
    }

    /// A condition as indented lines: `all`/`any` become a heading and one item per line.
    pub fn lines(&self, cond: &Condition) -> Vec<String> {
        let mut out = Vec::new();
        self.push_lines(cond, 0, &mut out);
        out
    }

    fn push_lines(&self, cond: &Condition, depth: usize, out: &mut Vec<String>) {
        let indent = "  ".repeat(depth);
        match cond {
            Condition::All(items) | Condition::Any(items) if items.len() > 1 => {
                let heading = self.words.get(match cond {
                    Condition::All(_) => "describe-all-of",
                    _ => "describe-any-of",
                });
                out.push(format!("{indent}{heading}"));
                for item in items {
                    let mut inner = Vec::new();
                    self.push_lines(item, 0, &mut inner);
                    let mut first = true;
                    for line in inner {
                        let bullet = if first { "- " } else { "  " };
                        first = false;
                        out.push(format!("{indent}  {bullet}{line}"));
                    }
                }
            }
            _ => out.push(format!("{indent}{}", self.sentence(cond))),
        }
    }

    /// A condition as one sentence, with parentheses where `and`/`or` nest.
    pub fn sentence(&self, cond: &Condition) -> String {
        let w = self.words;
        let compare = |key: &'static str, id: &str, value: &str| {
            w.fill(key, &[("answer", &answer(id)), ("value", value)])
        };
        match cond {
            Condition::All(items) => self.joined(items, w.get("describe-and")),
            Condition::Any(items) => self.joined(items, w.get("describe-or")),
            Condition::Not(inner) => match inner.as_ref() {
                Condition::Is(eq) => compare(
                    "describe-is-not",
                    &eq.answer,
                    &self.value(&eq.answer, &eq.value),
                ),
                other => w.fill("describe-not", &[("condition", &self.sentence(other))]),
            },
            Condition::Is(eq) => compare(
                "describe-is",
                &eq.answer,
                &self.value(&eq.answer, &eq.value),
            ),
            Condition::Lt(c) => compare("describe-less-than", &c.answer, &c.value.to_string()),
            Condition::Le(c) => compare("describe-at-most", &c.answer, &c.value.to_string()),
            Condition::Gt(c) => compare("describe-more-than", &c.answer, &c.value.to_string()),
            Condition::Ge(c) => compare("describe-at-least", &c.answer, &c.value.to_string()),
            Condition::WithinDays(wd) => w.fill(
                "describe-within-days",
                &[
                    ("answer", &answer(&wd.answer)),
                    ("days", &self.days(&wd.days)),
                ],
            ),
        }
    }

    fn joined(&self, items: &[Condition], with: &str) -> String {
        let parts: Vec<String> = items
            .iter()
            .map(|item| match item {
                Condition::All(inner) | Condition::Any(inner) if inner.len() > 1 => {
                    format!("({})", self.sentence(item))
                }
                _ => self.sentence(item),
            })
            .collect();
        parts.join(&format!(" {with} "))
    }

    /// A literal as people read it: yes/no, an option's label, a date, a number.
    fn value(&self, question: &str, value: &serde_json::Value) -> String {
        let (file, w) = (self.file, self.words);
        let kind = file.questions.iter().find(|q| q.id == question);
        match (kind.map(|q| q.kind), value) {
            (Some(AnswerType::Boolean), serde_json::Value::Bool(true)) => {
                w.get("reply-yes").to_string()
            }
            (Some(AnswerType::Boolean), serde_json::Value::Bool(false)) => {
                w.get("reply-no").to_string()
            }
            (Some(AnswerType::Choice), serde_json::Value::String(s)) => {
                let label = kind
                    .and_then(|q| q.options.iter().find(|o| &o.value == s))
                    .map_or(s.as_str(), |o| o.label.get(self.lang, file.base()));
                format!("\"{label}\"")
            }
            (_, serde_json::Value::String(s)) => s.clone(),
            (_, other) => other.to_string(),
        }
    }

    /// A number of days, naming the parameter it comes from.
    pub fn days(&self, amount: &Amount) -> String {
        let w = self.words;
        match amount {
            Amount::Literal(n) => w.fill("describe-days", &[("days", &n.to_string())]),
            Amount::Param { param } => {
                let name = format!("`{param}`");
                match self.file.parameters.iter().find(|p| &p.id == param) {
                    Some(p) => w.fill(
                        "describe-days-parameter",
                        &[("days", &p.value.to_string()), ("parameter", &name)],
                    ),
                    None => w.fill("describe-parameter", &[("parameter", &name)]),
                }
            }
        }
    }
}

fn answer(id: &str) -> String {
    format!("`{id}`")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{default_rules, spanish_rules};
    use serde_json::json;

    fn cond(value: serde_json::Value) -> Condition {
        serde_json::from_value(value).unwrap()
    }

    fn nesting() -> Condition {
        cond(json!({"any": [
            {"all": [{"is": {"answer": "eczema", "value": true}}, {"is": {"answer": "psoriasis", "value": false}}]},
            {"not": {"any": [{"is": {"answer": "open_wounds", "value": true}}, {"gt": {"answer": "x", "value": 2}}]}}
        ]}))
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
                "literal days",
                json!({"within_days": {"answer": "radiation_end_date", "days": 30}}),
                "`radiation_end_date` is less than 30 days before the screening date, or later",
            ),
            (
                "bounds",
                json!({"all": [{"lt": {"answer": "x", "value": 1}}, {"le": {"answer": "x", "value": 2}}, {"ge": {"answer": "x", "value": 0.5}}]}),
                "`x` is less than 1 and `x` is at most 2 and `x` is at least 0.5",
            ),
        ];
        for (name, value, expected) in cases {
            assert_eq!(
                Describe::new(&rules).sentence(&cond(value)),
                expected,
                "{name}"
            );
        }
        assert_eq!(
            Describe::new(&rules).sentence(&nesting()),
            "(`eczema` is yes and `psoriasis` is no) or not (`open_wounds` is yes or `x` is more than 2)"
        );
    }

    /// In Spanish the words change; ids, parameter names and numbers do not, and an
    /// option is named by its Spanish label.
    #[test]
    fn sentences_in_spanish() {
        let rules = spanish_rules();
        let cases = [
            (
                "boolean",
                json!({"is": {"answer": "pregnant", "value": true}}),
                "`pregnant` es sí",
            ),
            (
                "window with parameter",
                json!({"within_days": {"answer": "radiation_end_date", "days": {"param": "radiation_window_days"}}}),
                "`radiation_end_date` es menos de 365 días (parámetro `radiation_window_days`) antes de la fecha de la evaluación, o posterior",
            ),
            (
                "bounds",
                json!({"all": [{"lt": {"answer": "x", "value": 1}}, {"le": {"answer": "x", "value": 2}}, {"ge": {"answer": "x", "value": 0.5}}]}),
                "`x` es menor que 1 y `x` es como máximo 2 y `x` es como mínimo 0.5",
            ),
        ];
        for (name, value, expected) in cases {
            assert_eq!(
                Describe::new(&rules).sentence(&cond(value)),
                expected,
                "{name}"
            );
        }
        assert_eq!(
            Describe::new(&rules).sentence(&nesting()),
            "(`eczema` es sí y `psoriasis` es no) o no es cierto que (`open_wounds` es sí o `x` es mayor que 2)"
        );
        let body = cond(json!({"not": {"is": {"answer": "treatment_area", "value": "body"}}}));
        let spanish = Describe::new(&rules).sentence(&body);
        assert!(
            spanish.starts_with("`treatment_area` no es \""),
            "{spanish}"
        );
        assert!(!spanish.contains("Body"), "{spanish}");
        // The answers schema keeps the base words and the file's first language.
        assert_eq!(
            Describe::base(&rules.file).sentence(&body),
            "`treatment_area` is not \"Body (for example stretch marks)\""
        );
    }

    #[test]
    fn lines_indent_nested_lists() {
        let c = cond(json!({"all": [
            {"is": {"answer": "radiation_therapy", "value": true}},
            {"any": [{"is": {"answer": "eczema", "value": true}}, {"is": {"answer": "psoriasis", "value": true}}]}
        ]}));
        assert_eq!(
            Describe::new(&default_rules()).lines(&c),
            [
                "all of these:",
                "  - `radiation_therapy` is yes",
                "  - any of these:",
                "      - `eczema` is yes",
                "      - `psoriasis` is yes",
            ]
        );
        assert_eq!(
            Describe::new(&spanish_rules()).lines(&c),
            [
                "se cumplen todas estas:",
                "  - `radiation_therapy` es sí",
                "  - se cumple al menos una de estas:",
                "      - `eczema` es sí",
                "      - `psoriasis` es sí",
            ]
        );
    }
}
