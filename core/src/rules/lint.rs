//! `prescreen rules lint`: every problem of a rule file, errors and warnings apart.
//!
//! Pure: bytes in, problems out. Errors come from the one validation path every command
//! uses ([`RuleSet::from_bytes`]), so lint and loading can never disagree on what is
//! invalid. Warnings are things that load but are probably mistakes; they never block
//! loading:
//! - a screening question no rule (nor any `ask_if`) uses;
//! - a parameter nothing uses;
//! - a rule that can never fire, an aftercare item whose condition can never hold;
//! - texts left empty;
//! - a documented exclusion whose rule reads more than its own questions.
//!
//! "Can never fire" is decided by trying every combination of the answers the condition
//! (and the `ask_if` of those questions) can tell apart: each boolean, each option, each
//! side of every number threshold and day window, and no answer at all. Conditions that
//! would need more than [`MAX_COMBINATIONS`] tries are not judged (no warning).

use super::compile::item_path;
use super::model::{self, Amount, Condition, RuleFile};
use super::{Problem, RuleSet, RulesError, domain, safety, texts, visible};
use crate::answers::Reply;
use crate::condition::{Cond, Tri};
use crate::facts::Facts;

/// The most answer combinations tried for one condition.
pub const MAX_COMBINATIONS: usize = 100_000;

/// The most work (combinations tried times questions per try) for a whole file, so a
/// huge hostile file is linted in seconds; conditions past it are not judged.
pub const MAX_WORK: usize = 10_000_000;

/// What lint found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Problems that stop the file from loading.
    pub errors: Vec<Problem>,
    /// Probable mistakes that do not stop it.
    pub warnings: Vec<Problem>,
}

/// Lints a rule file.
pub fn lint(bytes: &[u8]) -> Report {
    match RuleSet::from_bytes(bytes) {
        Ok(rules) => {
            let mut warnings = file_warnings(&rules.file);
            warnings.extend(condition_warnings(&rules));
            Report {
                errors: Vec::new(),
                warnings,
            }
        }
        Err(e) => {
            // The file as written may still parse: then its text-level warnings are useful.
            let warnings = match &e {
                RulesError::Invalid(_) => serde_json::from_slice::<RuleFile>(bytes)
                    .map(|file| file_warnings(&file))
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            Report {
                errors: e.problems(),
                warnings,
            }
        }
    }
}

fn warn(out: &mut Vec<Problem>, path: String, message: impl Into<String>) {
    out.push(Problem {
        path,
        message: message.into(),
    });
}

/// Warnings that need only the file as written: unused questions and parameters, and
/// empty texts.
fn file_warnings(file: &RuleFile) -> Vec<Problem> {
    let mut out = Vec::new();

    let mut used_answers = Vec::new();
    let mut used_params = Vec::new();
    for rule in &file.rules {
        references(&rule.when, &mut used_answers, &mut used_params);
        if let Some(e) = &rule.eligible_from {
            used_answers.push(e.answer.as_str());
            param_of(&e.plus_days, &mut used_params);
        }
    }
    for question in &file.questions {
        if let Some(cond) = &question.ask_if {
            references(cond, &mut used_answers, &mut used_params);
        }
    }
    let mut item_params = Vec::new();
    for item in &file.aftercare.items {
        if let Some(cond) = &item.when {
            references(cond, &mut Vec::new(), &mut item_params);
        }
    }
    for (i, q) in file.questions.iter().enumerate() {
        if q.purpose == model::Purpose::Screening && !used_answers.contains(&q.id.as_str()) {
            warn(
                &mut out,
                item_path("questions", i, &q.id),
                format!(
                    "screening question `{}` is not used by any rule: its answer changes nothing",
                    q.id
                ),
            );
        }
    }
    for (i, p) in file.parameters.iter().enumerate() {
        let id = p.id.as_str();
        // `screening_valid_days` is read by the engine itself.
        if !used_params.contains(&id)
            && !item_params.contains(&id)
            && id != crate::rules::SCREENING_VALID_DAYS
        {
            warn(
                &mut out,
                item_path("parameters", i, id),
                format!("parameter `{id}` is not used"),
            );
        }
    }

    // Plain strings that are not texts to translate, then every text in every language.
    let mut plain: Vec<(String, &str)> = vec![("version".into(), &file.version)];
    match &file.clinic {
        Some(model::Clinic::Name(name)) => plain.push(("clinic".into(), name)),
        Some(model::Clinic::Details(details)) => plain.push(("clinic.name".into(), &details.name)),
        None => {}
    }
    for (path, text) in plain {
        if !visible::is_visible(text) {
            warn(&mut out, path, "the text is empty");
        }
    }
    let base = file.base();
    for (path, text) in texts::every_text(file) {
        if texts::is_required(file, text) {
            continue; // an empty one stops the file from loading
        }
        let entries = text.entries(base);
        let empty: Vec<&str> = entries
            .iter()
            .filter(|(_, words)| !visible::is_visible(words))
            .map(|(lang, _)| *lang)
            .collect();
        if empty.len() == entries.len() {
            warn(&mut out, path, "the text is empty");
        } else {
            for lang in empty {
                warn(
                    &mut out,
                    path.clone(),
                    format!("the \"{lang}\" text is empty"),
                );
            }
        }
    }
    out.extend(texts::warnings(file));
    out
}

/// The question ids and parameter ids a condition names.
fn references<'c>(cond: &'c Condition, answers: &mut Vec<&'c str>, params: &mut Vec<&'c str>) {
    super::compile::answer_ids(cond, answers);
    params_in(cond, params);
}

fn params_in<'c>(cond: &'c Condition, params: &mut Vec<&'c str>) {
    match cond {
        Condition::All(items) | Condition::Any(items) => {
            items.iter().for_each(|item| params_in(item, params))
        }
        Condition::Not(inner) => params_in(inner, params),
        Condition::WithinDays(w) => param_of(&w.days, params),
        _ => {}
    }
}

fn param_of<'a>(amount: &'a Amount, params: &mut Vec<&'a str>) {
    if let Amount::Param { param } = amount {
        params.push(param);
    }
}

/// Warnings that need compiled conditions: rules and items that can never apply.
fn condition_warnings(rules: &RuleSet) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut work = MAX_WORK;
    for (i, rule) in rules.rules.iter().enumerate() {
        extra_inputs(rules, i, &mut out);
        if can_hold(rules, &rule.when, &mut work) == Some(false) {
            warn(
                &mut out,
                format!("{}.when", item_path("rules", i, &rule.id)),
                format!(
                    "rule `{}` can never fire: no combination of answers makes its condition true",
                    rule.id
                ),
            );
        }
    }
    for (i, item) in rules.aftercare.items.iter().enumerate() {
        if let Some(when) = &item.when
            && can_hold(rules, when, &mut work) == Some(false)
        {
            warn(
                &mut out,
                format!("{}.when", item_path("aftercare.items", i, &item.id)),
                format!(
                    "the condition of aftercare item `{}` can never hold: it shows only when an answer is unknown",
                    item.id
                ),
            );
        }
    }
    out
}

/// A proved exclusion whose rule reads more than its own questions: the proof shows the
/// extra answers cannot switch it off, but a new dependency is worth a second look.
fn extra_inputs(rules: &RuleSet, i: usize, out: &mut Vec<Problem>) {
    let rule = &rules.rules[i];
    let Some(exclusion) = rules
        .proofs
        .iter()
        .find(|p| p.exclusion == rule.id)
        .and_then(|p| safety::EXCLUSIONS.iter().find(|e| e.rule == p.exclusion))
    else {
        return;
    };
    let own = exclusion.questions();
    let extra: Vec<String> = rule
        .inputs
        .iter()
        .map(|&q| rules.questions[q].id.as_str())
        .filter(|id| !own.contains(id))
        .map(|id| format!("`{id}`"))
        .collect();
    if !extra.is_empty() {
        warn(
            out,
            format!("{}.when", item_path("rules", i, &rule.id)),
            format!(
                "the documented exclusion `{}` also reads {}: proved to fire whatever they are, but check that this is meant",
                rule.id,
                extra.join(", ")
            ),
        );
    }
}

/// Whether some answers make `cond` true on some screening day; `None` when there are
/// too many combinations to try, or `work` (counted down) runs out.
pub fn can_hold(rules: &RuleSet, cond: &Cond, work: &mut usize) -> Option<bool> {
    let involved = domain::closure(rules, &[], &[cond]);
    let constants = domain::constants(rules, &involved, &[cond]);
    if constants.day_count() > MAX_COMBINATIONS {
        return None;
    }
    let cost = rules.questions.len() + 1;
    let mut budget = MAX_COMBINATIONS;
    for day in constants.days() {
        let domains: Vec<Vec<Reply>> = involved
            .iter()
            .map(|&q| constants.domain(rules, q, day))
            .collect();
        let total = domains
            .iter()
            .try_fold(1usize, |n, d| n.checked_mul(d.len()))?;
        budget = budget.checked_sub(total)?;
        *work = work.checked_sub(total.checked_mul(cost)?)?;
        let complete = domain::each_combination(rules, &involved, &domains, |answers| {
            cond.eval(&Facts::new(rules, answers, day)) != Tri::True
        });
        if !complete {
            return Some(true);
        }
    }
    Some(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::default_json;
    use serde_json::json;

    fn lint_edit(edit: impl FnOnce(&mut serde_json::Value)) -> Report {
        let mut doc = default_json();
        edit(&mut doc);
        lint(doc.to_string().as_bytes())
    }

    fn lines(problems: &[Problem]) -> Vec<String> {
        problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_default_file_is_clean() {
        assert_eq!(lint(crate::rules::DEFAULT_RULES), Report::default());
    }

    #[test]
    fn each_warning() {
        type Edit = Box<dyn FnOnce(&mut serde_json::Value)>;
        let cases: Vec<(&str, Edit, &str)> = vec![
            (
                "unused screening question",
                Box::new(|d| {
                    d["questions"].as_array_mut().unwrap().push(json!({
                        "id": "diabetes", "type": "boolean", "purpose": "screening", "prompt": {"en": "Diabetes?", "es": "¿Diabetes?"}
                    }))
                }),
                "questions.diabetes: screening question `diabetes` is not used by any rule: its answer changes nothing",
            ),
            (
                "unused parameter",
                Box::new(|d| {
                    d["parameters"].as_array_mut().unwrap().push(json!({
                        "id": "spare", "value": 3, "description": {"en": "x", "es": "x"}
                    }))
                }),
                "parameters.spare: parameter `spare` is not used",
            ),
            (
                "contradictory rule",
                Box::new(|d| {
                    d["rules"][6]["when"] = json!({"all": [
                        {"is": {"answer": "other_skin_disease", "value": true}},
                        {"is": {"answer": "other_skin_disease", "value": false}}
                    ]})
                }),
                "rules.other_skin_disease.when: rule `other_skin_disease` can never fire: no combination of answers makes its condition true",
            ),
            (
                "rule on a question that never applies",
                Box::new(|d| {
                    d["rules"][6]["when"] = json!({"all": [
                        {"is": {"answer": "other_skin_disease", "value": true}},
                        {"is": {"answer": "radiation_therapy", "value": false}},
                        {"is": {"answer": "radiation_end_date", "value": "2020-01-01"}}
                    ]})
                }),
                "rules.other_skin_disease.when: rule `other_skin_disease` can never fire: no combination of answers makes its condition true",
            ),
            (
                "aftercare item that never holds",
                Box::new(|d| {
                    d["aftercare"]["items"][3]["when"] = json!({"all": [
                        {"is": {"answer": "treatment_area", "value": "face"}},
                        {"is": {"answer": "treatment_area", "value": "body"}}
                    ]})
                }),
                "aftercare.items.makeup_wait.when: the condition of aftercare item `makeup_wait` can never hold: it shows only when an answer is unknown",
            ),
            (
                "empty optional text",
                Box::new(|d| d["rules"][0]["rationale"] = json!({"en": "  ", "es": " "})),
                "rules.pregnancy.rationale: the text is empty",
            ),
            (
                "empty option label",
                Box::new(|d| {
                    d["questions"][9]["options"][0]["label"] = json!({"en": "", "es": ""})
                }),
                "questions.treatment_area.options[0].label: the text is empty",
            ),
        ];
        for (name, edit, expected) in cases {
            let report = lint_edit(edit);
            assert_eq!(report.errors, Vec::new(), "{name}");
            assert_eq!(
                lines(&report.warnings),
                vec![expected.to_string()],
                "{name}"
            );
        }
    }

    #[test]
    fn an_exclusion_that_reads_other_answers_is_worth_a_look() {
        let report = lint_edit(|d| {
            d["rules"][1]["when"] = json!({"any": [
                {"is": {"answer": "eczema", "value": true}},
                {"is": {"answer": "psoriasis", "value": true}}
            ]});
        });
        assert_eq!(report.errors, Vec::new());
        assert_eq!(
            lines(&report.warnings),
            [
                "rules.eczema.when: the documented exclusion `eczema` also reads `psoriasis`: proved to fire whatever they are, but check that this is meant"
            ]
        );
    }

    #[test]
    fn boundaries_that_can_be_met_are_not_flagged() {
        let report = lint_edit(|d| {
            d["questions"].as_array_mut().unwrap().push(json!({
                "id": "age", "type": "number", "purpose": "aftercare", "prompt": {"en": "Age?", "es": "¿Edad?"}, "min": 0, "max": 130
            }));
            d["aftercare"]["items"][3]["when"] = json!({"all": [
                {"gt": {"answer": "age", "value": 17.5}},
                {"lt": {"answer": "age", "value": 18}}
            ]});
            d["rules"][6]["when"] = json!({"all": [
                {"is": {"answer": "other_skin_disease", "value": true}},
                {"not": {"within_days": {"answer": "radiation_end_date", "days": 10}}},
                {"within_days": {"answer": "radiation_end_date", "days": 11}}
            ]});
        });
        assert_eq!(report, Report::default());
    }

    #[test]
    fn an_invalid_file_reports_errors_and_its_text_warnings() {
        let report = lint_edit(|d| {
            d["rules"][0]["when"] = json!({"is": {"answer": "pregant", "value": true}});
            d["rules"][1]["rationale"] = json!({"en": "", "es": "\u{200B}"});
        });
        assert_eq!(
            lines(&report.errors),
            ["rules.pregnancy.when.is: unknown question `pregant`"]
        );
        assert_eq!(
            lines(&report.warnings),
            [
                "questions.pregnant: screening question `pregnant` is not used by any rule: its answer changes nothing",
                "rules.eczema.rationale: the text is empty"
            ]
        );
    }
}
