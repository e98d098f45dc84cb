//! Builders shared by the unit tests: rule sets and answers from `serde_json::json!`.
//! Compiled only for tests (the core's own, and the CLI's through the `testing` feature of
//! its dev-dependency on the core), so its unwraps are test failures, never a panic on
//! user input.

use serde_json::{Value, json};

use crate::answers::{self, Answers};
use crate::rules::{DEFAULT_RULES, RuleSet};

/// The default rule file as a JSON value, to edit in tests.
pub fn default_json() -> Value {
    serde_json::from_slice(DEFAULT_RULES).unwrap()
}

pub fn default_rules() -> RuleSet {
    RuleSet::default_rules().unwrap()
}

/// The default rule file in Spanish, as `--lang es` loads it.
pub fn spanish_rules() -> RuleSet {
    let wanted = crate::rules::lang::Wanted {
        tag: Some("es".to_string()),
        explicit: true,
    };
    RuleSet::load(DEFAULT_RULES, &wanted).unwrap()
}

/// The default rule file with `edit` applied; panics if the result does not load.
pub fn rules_from(edit: impl FnOnce(&mut Value)) -> RuleSet {
    let mut doc = default_json();
    edit(&mut doc);
    RuleSet::from_bytes(doc.to_string().as_bytes()).unwrap()
}

/// The default rules plus an optional numeric `age` question (aftercare purpose).
pub fn rules_with_number() -> RuleSet {
    rules_from(|d| {
        d["questions"].as_array_mut().unwrap().push(json!({
            "id": "age", "type": "number", "purpose": "aftercare", "prompt": "How old are you?", "min": 0, "max": 130
        }));
    })
}

pub fn answers(rules: &RuleSet, doc: Value) -> Answers {
    answers::parse(rules, doc.to_string().as_bytes()).unwrap()
}

pub fn q(rules: &RuleSet, id: &str) -> usize {
    rules.question_index(id).unwrap()
}

/// Every screening question answered "no", with `overrides` on top.
pub fn screening_candidate(overrides: Value) -> Value {
    let mut doc = json!({
        "pregnant": false, "eczema": false, "psoriasis": false, "other_skin_disease": false,
        "open_wounds": false, "scarring_history": false, "radiation_therapy": false
    });
    if let (Some(base), Some(extra)) = (doc.as_object_mut(), overrides.as_object()) {
        for (k, v) in extra {
            base.insert(k.clone(), v.clone());
        }
    }
    doc
}

/// An edit of the default rule file, named, with a problem it must cause.
pub type EditCase = (&'static str, Box<dyn FnOnce(&mut Value)>, &'static str);

/// Loads the default file with `edit` applied and returns the problems found, as the
/// CLI prints them (`malformed: ...` and `refused: ...` for the format and limits).
pub fn problems(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    use crate::rules::RulesError;
    let mut doc = default_json();
    edit(&mut doc);
    match RuleSet::from_bytes(doc.to_string().as_bytes()) {
        Ok(_) => Vec::new(),
        Err(RulesError::Invalid(problems)) => problems.iter().map(ToString::to_string).collect(),
        Err(RulesError::Malformed(e)) => vec![format!("malformed: {e}")],
        Err(RulesError::Refused(limit)) => vec![format!("refused: {limit}")],
        Err(e @ RulesError::Unavailable(_)) => {
            e.problems().iter().map(ToString::to_string).collect()
        }
    }
}

/// Checks that each edit reports (at least) its expected problem.
pub fn assert_each_edit_reports(cases: Vec<EditCase>) {
    for (name, edit, expected) in cases {
        let found = problems(edit);
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "{name}: expected `{expected}` in {found:?}"
        );
    }
}
