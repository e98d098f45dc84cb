//! The safety check: a rule file that could let a documented exclusion through does not
//! load.
//!
//! Pure. The six exclusions named in the reference (pregnancy, eczema, psoriasis, open
//! wounds, a history of problem scarring, recent radiation therapy) must each be present
//! with an outcome at least as strict as the default, unless the file waives it in
//! writing under `waived`. "Present" means more than a rule with the right id: the rule
//! must actually fire for the canonical answer that triggers it (that one question
//! answered yes, every other boolean screening question no), so a rule whose condition
//! was edited into something that never fires, or whose question was hidden behind an
//! `ask_if`, counts as missing.
//!
//! What lives here is the safety floor, not clinical content: ids, outcomes and triggers
//! are fixed by the documented rule-file contract; texts and windows stay in the file.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};

use super::model::{Outcome, RuleFile};
use super::{Kind, Problem, Purpose, RuleSet};
use crate::answers::{Answers, Reply, Value};
use crate::condition::{Facts, Tri};

/// How a documented exclusion is triggered in the canonical probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// This boolean question answered yes.
    Yes(&'static str),
    /// This boolean question answered yes and this date question answered with each of
    /// [`DATE_OFFSETS`] days from the screening date (yesterday; still ongoing).
    YesWithDate(&'static str, &'static str),
}

/// One documented exclusion and the least strict outcome the file may give it.
#[derive(Debug, Clone, Copy)]
pub struct Exclusion {
    pub rule: &'static str,
    pub at_least: Outcome,
    pub trigger: Trigger,
}

/// The six documented exclusions with their default outcomes.
pub const EXCLUSIONS: [Exclusion; 6] = [
    Exclusion {
        rule: "pregnancy",
        at_least: Outcome::Defer,
        trigger: Trigger::Yes("pregnant"),
    },
    Exclusion {
        rule: "eczema",
        at_least: Outcome::NotCandidate,
        trigger: Trigger::Yes("eczema"),
    },
    Exclusion {
        rule: "psoriasis",
        at_least: Outcome::NotCandidate,
        trigger: Trigger::Yes("psoriasis"),
    },
    Exclusion {
        rule: "open_wounds",
        at_least: Outcome::Defer,
        trigger: Trigger::Yes("open_wounds"),
    },
    Exclusion {
        rule: "scarring_history",
        at_least: Outcome::NotCandidate,
        trigger: Trigger::Yes("scarring_history"),
    },
    Exclusion {
        rule: "recent_radiation",
        at_least: Outcome::Defer,
        trigger: Trigger::YesWithDate("radiation_therapy", "radiation_end_date"),
    },
];

/// For a date trigger: the end date relative to the screening date. Yesterday (the
/// treatment has just ended) and in 30 days (still ongoing) must both fire.
pub const DATE_OFFSETS: [i64; 2] = [-1, 30];

/// The screening date of the probe. Any date works: windows are relative to it.
pub const PROBE_DAY: Option<NaiveDate> = NaiveDate::from_ymd_opt(2026, 1, 1);

fn outcome_id(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Review => "review",
        Outcome::Defer => "defer",
        Outcome::NotCandidate => "not_candidate",
    }
}

/// The checks that need only the file as written: waivers, presence and outcomes.
pub fn check_declared(file: &RuleFile) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut waived = HashSet::new();
    for (i, waiver) in file.waived.iter().enumerate() {
        let path = format!("waived[{i}]");
        if !EXCLUSIONS.iter().any(|e| e.rule == waiver.exclusion) {
            let known: Vec<String> = EXCLUSIONS.iter().map(|e| format!("`{}`", e.rule)).collect();
            problems.push(Problem {
                path: format!("{path}.exclusion"),
                message: format!(
                    "`{}` is not a documented exclusion (those are {})",
                    waiver.exclusion,
                    known.join(", ")
                ),
            });
        } else if !waived.insert(waiver.exclusion.as_str()) {
            problems.push(Problem {
                path: format!("{path}.exclusion"),
                message: format!("`{}` is waived twice", waiver.exclusion),
            });
        }
        if waiver.reason.trim().is_empty() {
            problems.push(Problem {
                path: format!("{path}.reason"),
                message: "a waiver needs its reason in writing".to_string(),
            });
        }
    }
    for exclusion in EXCLUSIONS.iter().filter(|e| !waived.contains(e.rule)) {
        match file.rules.iter().find(|r| r.id == exclusion.rule) {
            None => problems.push(Problem {
                path: "rules".to_string(),
                message: format!(
                    "the documented exclusion `{}` is missing: add the rule (outcome `{}` or stricter) or waive it under `waived` with a reason",
                    exclusion.rule,
                    outcome_id(exclusion.at_least)
                ),
            }),
            Some(rule) if rule.outcome < exclusion.at_least => problems.push(Problem {
                path: format!("rules.{}.outcome", exclusion.rule),
                message: format!(
                    "the documented exclusion `{}` must be `{}` or stricter, not `{}` (or waive it under `waived` with a reason)",
                    exclusion.rule,
                    outcome_id(exclusion.at_least),
                    outcome_id(rule.outcome)
                ),
            }),
            Some(_) => {}
        }
    }
    problems
}

/// The check that needs a compiled rule set: each documented exclusion that is not
/// waived fires for its canonical trigger.
pub fn check_fires(rules: &RuleSet) -> Vec<Problem> {
    let Some(day) = PROBE_DAY else {
        return vec![Problem {
            path: "rules".to_string(),
            message: "the safety check has no probe date".to_string(),
        }];
    };
    let waived: HashSet<&str> = rules
        .file
        .waived
        .iter()
        .map(|w| w.exclusion.as_str())
        .collect();
    let mut problems = Vec::new();
    for exclusion in EXCLUSIONS.iter().filter(|e| !waived.contains(e.rule)) {
        let Some(rule) = rules.rules.iter().find(|r| r.id == exclusion.rule) else {
            continue; // reported by `check_declared`
        };
        let path = format!("rules.{}.when", exclusion.rule);
        for probe in probes(rules, exclusion.trigger, day) {
            let message = match probe {
                Err(message) => message,
                Ok((answers, described)) => {
                    let facts = Facts::new(rules, &answers, day);
                    if rule.when.eval(&facts) == Tri::True {
                        continue;
                    }
                    format!(
                        "the documented exclusion `{}` does not fire when {described} and every other screening question is no: fix its condition or waive it under `waived` with a reason",
                        exclusion.rule
                    )
                }
            };
            problems.push(Problem {
                path: path.clone(),
                message,
            });
            break;
        }
    }
    problems
}

type Probe = Result<(Answers, String), String>;

/// The canonical answers that must trigger an exclusion, each with how to say it.
fn probes(rules: &RuleSet, trigger: Trigger, day: NaiveDate) -> Vec<Probe> {
    let mut base = Answers::empty(rules);
    for (q, question) in rules.questions.iter().enumerate() {
        if question.purpose == Purpose::Screening && question.kind == Kind::Boolean {
            base.set(q, Reply::Given(Value::Bool(false)));
        }
    }
    let find = |id: &str, kind: Kind, what: &str| {
        rules
            .questions
            .iter()
            .position(|q| q.id == id && q.kind == kind)
            .ok_or_else(|| format!("the safety check needs {what} question `{id}`"))
    };
    match trigger {
        Trigger::Yes(id) => vec![find(id, Kind::Boolean, "the boolean").map(|q| {
            let mut answers = base;
            answers.set(q, Reply::Given(Value::Bool(true)));
            (answers, format!("`{id}` is yes"))
        })],
        Trigger::YesWithDate(id, date_id) => {
            let flag = find(id, Kind::Boolean, "the boolean");
            let date = find(date_id, Kind::Date, "the date");
            DATE_OFFSETS
                .iter()
                .map(|&offset| {
                    let (flag, date) = (flag.clone()?, date.clone()?);
                    let when = shifted(day, offset).ok_or("the probe date is out of range")?;
                    let mut answers = base.clone();
                    answers.set(flag, Reply::Given(Value::Bool(true)));
                    answers.set(date, Reply::Given(Value::Date(when)));
                    let relative = if offset < 0 {
                        format!("{} day(s) before the screening date", -offset)
                    } else {
                        format!("{offset} day(s) after the screening date (still ongoing)")
                    };
                    Ok((
                        answers,
                        format!("`{id}` is yes and `{date_id}` is {relative}"),
                    ))
                })
                .collect()
        }
    }
}

/// `day` moved by `offset` days (back when negative); `None` past the calendar's ends.
pub fn shifted(day: NaiveDate, offset: i64) -> Option<NaiveDate> {
    let days = Days::new(offset.unsigned_abs());
    if offset < 0 {
        day.checked_sub_days(days)
    } else {
        day.checked_add_days(days)
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::{RuleSet, RulesError};
    use crate::testing::{EditCase, assert_each_edit_reports, problems};
    use serde_json::json;

    fn rule_index(doc: &serde_json::Value, id: &str) -> usize {
        doc["rules"]
            .as_array()
            .unwrap()
            .iter()
            .position(|r| r["id"] == id)
            .unwrap()
    }

    fn remove_rule(doc: &mut serde_json::Value, id: &str) {
        let i = rule_index(doc, id);
        doc["rules"].as_array_mut().unwrap().remove(i);
    }

    #[test]
    fn each_documented_exclusion_is_required() {
        for exclusion in super::EXCLUSIONS {
            let found = problems(|d| remove_rule(d, exclusion.rule));
            let expected = format!(
                "rules: the documented exclusion `{}` is missing",
                exclusion.rule
            );
            assert!(
                found.len() == 1 && found[0].starts_with(&expected),
                "{}: {found:?}",
                exclusion.rule
            );
        }
    }

    #[test]
    fn weakening_or_disabling_an_exclusion_is_an_error() {
        let cases: Vec<EditCase> = vec![
            (
                "weaker outcome",
                Box::new(|d| {
                    let i = rule_index(d, "eczema");
                    d["rules"][i]["outcome"] = json!("defer");
                }),
                "rules.eczema.outcome: the documented exclusion `eczema` must be `not_candidate` or stricter, not `defer`",
            ),
            (
                "condition on the wrong answer",
                Box::new(|d| {
                    let i = rule_index(d, "pregnancy");
                    d["rules"][i]["when"] = json!({"is": {"answer": "pregnant", "value": false}});
                }),
                "rules.pregnancy.when: the documented exclusion `pregnancy` does not fire when `pregnant` is yes and every other screening question is no",
            ),
            (
                "question hidden behind ask_if",
                Box::new(|d| {
                    d["questions"][4]["ask_if"] =
                        json!({"is": {"answer": "eczema", "value": true}});
                }),
                "rules.open_wounds.when: the documented exclusion `open_wounds` does not fire when `open_wounds` is yes",
            ),
            (
                "window of zero days",
                Box::new(|d| d["parameters"][0]["value"] = json!(0)),
                "rules.recent_radiation.when: the documented exclusion `recent_radiation` does not fire when `radiation_therapy` is yes and `radiation_end_date` is 1 day(s) before the screening date",
            ),
            (
                "ongoing treatment not covered",
                Box::new(|d| {
                    let i = rule_index(d, "recent_radiation");
                    d["rules"][i]["when"]["all"][1] = json!({"not": {"within_days": {"answer": "radiation_end_date", "days": 0}}});
                }),
                "`radiation_end_date` is 30 day(s) after the screening date (still ongoing)",
            ),
            (
                "trigger question missing",
                Box::new(|d| {
                    d["questions"].as_array_mut().unwrap().remove(2);
                    let i = rule_index(d, "psoriasis");
                    d["rules"][i]["when"] = json!({"is": {"answer": "eczema", "value": true}});
                }),
                "rules.psoriasis.when: the safety check needs the boolean question `psoriasis`",
            ),
            (
                "waiver without a reason",
                Box::new(|d| d["waived"] = json!([{"exclusion": "eczema", "reason": " "}])),
                "waived[0].reason: a waiver needs its reason in writing",
            ),
            (
                "waiver of something undocumented",
                Box::new(|d| d["waived"] = json!([{"exclusion": "acne", "reason": "x"}])),
                "waived[0].exclusion: `acne` is not a documented exclusion",
            ),
            (
                "waived twice",
                Box::new(|d| {
                    d["waived"] = json!([
                        {"exclusion": "eczema", "reason": "x"},
                        {"exclusion": "eczema", "reason": "y"}
                    ])
                }),
                "waived[1].exclusion: `eczema` is waived twice",
            ),
        ];
        assert_each_edit_reports(cases);
    }

    #[test]
    fn a_waiver_with_a_reason_lets_an_exclusion_go() {
        let found = problems(|d| {
            remove_rule(d, "eczema");
            let i = rule_index(d, "pregnancy");
            d["rules"][i]["outcome"] = json!("review");
            d["waived"] = json!([
                {"exclusion": "eczema", "reason": "Screened by the referring dermatologist."},
                {"exclusion": "pregnancy", "reason": "A clinician always reviews pregnancy here."}
            ]);
        });
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn stricter_outcomes_and_extra_conditions_that_still_fire_are_fine() {
        let found = problems(|d| {
            let i = rule_index(d, "pregnancy");
            d["rules"][i]["outcome"] = json!("not_candidate");
            let i = rule_index(d, "eczema");
            d["rules"][i]["when"] = json!({"any": [
                {"is": {"answer": "eczema", "value": true}},
                {"is": {"answer": "psoriasis", "value": true}}
            ]});
        });
        assert_eq!(found, Vec::<String>::new());
        assert!(matches!(
            RuleSet::from_bytes(b"{}"),
            Err(RulesError::Malformed(_))
        ));
    }
}
