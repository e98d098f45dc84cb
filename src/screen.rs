//! Screening: answers + rules + screening date -> verdict and reasons.
//!
//! Pure: no I/O and no clock; the date is an argument. Fail-safe by construction:
//! - the verdict is the worst outcome among the reasons, `candidate` only when there are none;
//! - an applicable screening question without a known answer adds an `unanswered` review;
//! - a rule that cannot be decided because of unknown answers never counts as cleared:
//!   the unknown answers it needs are reported as `unanswered` too.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::answers::{Answers, Value};
use crate::condition::{Facts, Tri};
use crate::rules::compile::UNANSWERED;
use crate::rules::{Outcome, Purpose, RuleDef, RuleSet};

/// The result of a screening, from best to worst (so `max` is the worst).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Candidate,
    Review,
    Defer,
    NotCandidate,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Verdict::Candidate,
        Verdict::Review,
        Verdict::Defer,
        Verdict::NotCandidate,
    ];

    /// The id used in JSON and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Candidate => "candidate",
            Verdict::Review => "review",
            Verdict::Defer => "defer",
            Verdict::NotCandidate => "not_candidate",
        }
    }
}

impl From<Outcome> for Verdict {
    fn from(outcome: Outcome) -> Verdict {
        match outcome {
            Outcome::Review => Verdict::Review,
            Outcome::Defer => Verdict::Defer,
            Outcome::NotCandidate => Verdict::NotCandidate,
        }
    }
}

/// One reason the verdict is not (or not only) `candidate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason<'r> {
    /// The rule id, or `unanswered`.
    pub rule: &'r str,
    pub outcome: Outcome,
    pub message: &'r str,
    pub rationale: Option<&'r str>,
    /// For `unanswered`: the question without an answer.
    pub question: Option<&'r str>,
    pub eligible_from: Option<NaiveDate>,
}

/// What became of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Fired,
    Cleared,
    /// Unknown answers kept it from being decided; they are reported as `unanswered`.
    Undecided,
}

/// Every rule of the file in order, with what became of it: the explanation.
#[derive(Debug, Clone)]
pub struct Check<'r> {
    pub rule: &'r RuleDef,
    pub status: Status,
}

#[derive(Debug, Clone)]
pub struct Screening<'r> {
    pub verdict: Verdict,
    pub reasons: Vec<Reason<'r>>,
    /// Set only for `defer` when every deferral has a date: the latest of them.
    pub eligible_from: Option<NaiveDate>,
    pub screened_on: NaiveDate,
    pub checked: Vec<Check<'r>>,
}

/// Screens one person's answers on the given day.
pub fn screen<'r>(rules: &'r RuleSet, answers: &Answers, on: NaiveDate) -> Screening<'r> {
    let facts = Facts::new(rules, answers, on);
    let mut reported = vec![false; rules.questions.len()];
    let mut unanswered: Vec<usize> = Vec::new();
    for (q, question) in rules.questions.iter().enumerate() {
        if question.purpose == Purpose::Screening
            && facts.applies(q) == Tri::True
            && facts.value(q).is_none()
        {
            reported[q] = true;
            unanswered.push(q);
        }
    }

    let mut reasons = Vec::new();
    let mut checked = Vec::with_capacity(rules.rules.len());
    for rule in &rules.rules {
        let status = match rule.when.eval(&facts) {
            Tri::True => {
                reasons.push(Reason {
                    rule: &rule.id,
                    outcome: rule.outcome,
                    message: &rule.reason,
                    rationale: rule.rationale.as_deref(),
                    question: None,
                    eligible_from: eligible_from(rule, &facts, on),
                });
                Status::Fired
            }
            Tri::False => Status::Cleared,
            Tri::Unknown => {
                let unknown = rule
                    .inputs
                    .iter()
                    .copied()
                    .filter(|&q| facts.value(q).is_none());
                let unknown: Vec<usize> = unknown.collect();
                // Already explained when one of its unknown inputs is reported.
                if !unknown.iter().any(|&q| reported[q]) {
                    for q in unknown {
                        reported[q] = true;
                        unanswered.push(q);
                    }
                }
                Status::Undecided
            }
        };
        checked.push(Check { rule, status });
    }

    unanswered.sort_unstable();
    reasons.extend(unanswered.into_iter().map(|q| Reason {
        rule: UNANSWERED,
        outcome: Outcome::Review,
        message: &rules.texts.unanswered,
        rationale: None,
        question: Some(&rules.questions[q].id),
        eligible_from: None,
    }));

    let verdict = reasons
        .iter()
        .map(|r| Verdict::from(r.outcome))
        .max()
        .unwrap_or(Verdict::Candidate);
    let eligible_from = if verdict == Verdict::Defer {
        reasons
            .iter()
            .filter(|r| r.outcome == Outcome::Defer)
            .map(|r| r.eligible_from)
            .collect::<Option<Vec<_>>>()
            .and_then(|dates| dates.into_iter().max())
    } else {
        None
    };
    Screening {
        verdict,
        reasons,
        eligible_from,
        screened_on: on,
        checked,
    }
}

/// The day a deferral ends, when the rule says how to compute it and the date is known.
/// Never a day on or before the screening date: a fired deferral with such a date
/// (a rule file whose window and date disagree) is reported without a date.
fn eligible_from(rule: &RuleDef, facts: &Facts, on: NaiveDate) -> Option<NaiveDate> {
    let (q, days) = rule.eligible_from?;
    match facts.value(q) {
        Some(Value::Date(date)) => date.checked_add_days(Days::new(days)).filter(|d| *d > on),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{answers, default_rules, rules_from, screening_candidate};
    use serde_json::json;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// (rule, outcome, question, eligible_from) of each reason.
    fn reasons_of(s: &Screening) -> Vec<(String, Outcome, Option<String>, Option<String>)> {
        s.reasons
            .iter()
            .map(|r| {
                (
                    r.rule.to_string(),
                    r.outcome,
                    r.question.map(str::to_string),
                    r.eligible_from.map(|d| d.to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn verdicts_for_each_exclusion() {
        let rules = default_rules();
        let cases = [
            ("nothing applies", json!({}), Verdict::Candidate, None),
            ("pregnant", json!({"pregnant": true}), Verdict::Defer, None),
            (
                "eczema",
                json!({"eczema": true}),
                Verdict::NotCandidate,
                None,
            ),
            (
                "psoriasis",
                json!({"psoriasis": true}),
                Verdict::NotCandidate,
                None,
            ),
            (
                "scarring",
                json!({"scarring_history": true}),
                Verdict::NotCandidate,
                None,
            ),
            (
                "open wounds",
                json!({"open_wounds": true}),
                Verdict::Defer,
                None,
            ),
            (
                "other skin disease",
                json!({"other_skin_disease": true}),
                Verdict::Review,
                None,
            ),
            (
                "recent radiation",
                json!({"radiation_therapy": true, "radiation_end_date": "2026-06-01"}),
                Verdict::Defer,
                Some("2027-06-01"),
            ),
            (
                "old radiation",
                json!({"radiation_therapy": true, "radiation_end_date": "2020-06-01"}),
                Verdict::Candidate,
                None,
            ),
            (
                "worst wins",
                json!({"pregnant": true, "eczema": true, "other_skin_disease": true}),
                Verdict::NotCandidate,
                None,
            ),
        ];
        for (name, overrides, verdict, eligible) in cases {
            let a = answers(&rules, screening_candidate(overrides));
            let s = screen(&rules, &a, day("2026-11-23"));
            assert_eq!(s.verdict, verdict, "{name}: {:?}", reasons_of(&s));
            assert_eq!(
                s.eligible_from.map(|d| d.to_string()).as_deref(),
                eligible,
                "{name}"
            );
        }
    }

    #[test]
    fn every_fired_rule_is_reported_in_file_order() {
        let rules = default_rules();
        let a = answers(
            &rules,
            screening_candidate(
                json!({"other_skin_disease": true, "pregnant": true, "eczema": true}),
            ),
        );
        let s = screen(&rules, &a, day("2026-11-23"));
        let ids: Vec<&str> = s.reasons.iter().map(|r| r.rule).collect();
        assert_eq!(ids, ["pregnancy", "eczema", "other_skin_disease"]);
        assert_eq!(s.eligible_from, None, "not a defer verdict");
    }

    #[test]
    fn unknown_answers_lead_to_review_never_candidate() {
        let rules = default_rules();
        let cases = [
            (
                "missing",
                json!({"pregnant": false}),
                vec![
                    "eczema",
                    "psoriasis",
                    "other_skin_disease",
                    "open_wounds",
                    "scarring_history",
                    "radiation_therapy",
                ],
            ),
            (
                "null",
                screening_candidate(json!({"eczema": null})),
                vec!["eczema"],
            ),
            (
                "end date missing",
                screening_candidate(json!({"radiation_therapy": true})),
                vec!["radiation_end_date"],
            ),
            (
                "end date not sure",
                screening_candidate(json!({"radiation_therapy": true, "radiation_end_date": null})),
                vec!["radiation_end_date"],
            ),
            (
                "radiation not sure: the date is not asked",
                screening_candidate(json!({"radiation_therapy": null})),
                vec!["radiation_therapy"],
            ),
        ];
        for (name, doc, questions) in cases {
            let a = answers(&rules, doc);
            let s = screen(&rules, &a, day("2026-11-23"));
            assert_eq!(s.verdict, Verdict::Review, "{name}");
            let found: Vec<&str> = s
                .reasons
                .iter()
                .filter(|r| r.rule == "unanswered")
                .filter_map(|r| r.question)
                .collect();
            assert_eq!(found, questions, "{name}");
            assert!(
                s.reasons.iter().all(|r| r.outcome == Outcome::Review),
                "{name}"
            );
        }
    }

    #[test]
    fn a_known_yes_outranks_an_unknown() {
        let rules = default_rules();
        let a = answers(
            &rules,
            screening_candidate(json!({"eczema": true, "pregnant": null})),
        );
        let s = screen(&rules, &a, day("2026-11-23"));
        assert_eq!(s.verdict, Verdict::NotCandidate);
        assert_eq!(reasons_of(&s).len(), 2);
    }

    #[test]
    fn end_date_is_ignored_when_radiation_is_denied() {
        let rules = default_rules();
        let a = answers(
            &rules,
            screening_candidate(
                json!({"radiation_therapy": false, "radiation_end_date": "2026-11-01"}),
            ),
        );
        assert_eq!(
            screen(&rules, &a, day("2026-11-23")).verdict,
            Verdict::Candidate
        );
    }

    #[test]
    fn radiation_window_boundaries() {
        let rules = default_rules();
        let cases = [
            (
                "day before eligible",
                "2025-11-24",
                "2026-11-23",
                Verdict::Defer,
                Some("2026-11-24"),
            ),
            (
                "eligible day itself",
                "2025-11-23",
                "2026-11-23",
                Verdict::Candidate,
                None,
            ),
            (
                "ongoing: end in the future",
                "2027-01-15",
                "2026-11-23",
                Verdict::Defer,
                Some("2028-01-15"),
            ),
            (
                "leap day end, screened the day before eligible",
                "2024-02-29",
                "2025-02-27",
                Verdict::Defer,
                Some("2025-02-28"),
            ),
            (
                "leap day end, eligible day",
                "2024-02-29",
                "2025-02-28",
                Verdict::Candidate,
                None,
            ),
            (
                "window spans a leap day",
                "2023-03-01",
                "2024-02-28",
                Verdict::Defer,
                Some("2024-02-29"),
            ),
            (
                "window spans a leap day, eligible day",
                "2023-03-01",
                "2024-02-29",
                Verdict::Candidate,
                None,
            ),
        ];
        for (name, end, on, verdict, eligible) in cases {
            let a = answers(
                &rules,
                screening_candidate(json!({"radiation_therapy": true, "radiation_end_date": end})),
            );
            let s = screen(&rules, &a, day(on));
            assert_eq!(s.verdict, verdict, "{name}");
            assert_eq!(
                s.eligible_from.map(|d| d.to_string()).as_deref(),
                eligible,
                "{name}"
            );
        }
    }

    #[test]
    fn top_level_eligible_from_needs_every_deferral_dated() {
        let rules = default_rules();
        let radiation = json!({"radiation_therapy": true, "radiation_end_date": "2026-06-01"});
        let mut with_pregnancy = radiation.clone();
        with_pregnancy["pregnant"] = json!(true);
        let s = screen(
            &rules,
            &answers(&rules, screening_candidate(with_pregnancy)),
            day("2026-11-23"),
        );
        assert_eq!(s.verdict, Verdict::Defer);
        assert_eq!(s.eligible_from, None, "pregnancy has no date");
        let radiation_reason = s
            .reasons
            .iter()
            .find(|r| r.rule == "recent_radiation")
            .unwrap();
        assert_eq!(
            radiation_reason.eligible_from,
            Some(day("2027-06-01")),
            "each reason keeps its own date"
        );
    }

    #[test]
    fn latest_deferral_date_wins() {
        let rules = rules_from(|d| {
            d["rules"].as_array_mut().unwrap().push(json!({
                "id": "second_window", "outcome": "defer",
                "when": {"within_days": {"answer": "radiation_end_date", "days": 30}},
                "eligible_from": {"answer": "radiation_end_date", "plus_days": 30},
                "reason": "A second, shorter window."
            }));
        });
        let a = answers(
            &rules,
            screening_candidate(
                json!({"radiation_therapy": true, "radiation_end_date": "2026-11-20"}),
            ),
        );
        let s = screen(&rules, &a, day("2026-11-23"));
        let dates: Vec<String> = s
            .reasons
            .iter()
            .filter_map(|r| r.eligible_from)
            .map(|d| d.to_string())
            .collect();
        assert_eq!(dates, ["2027-11-20", "2026-12-20"]);
        assert_eq!(s.eligible_from, Some(day("2027-11-20")));
    }

    #[test]
    fn undecided_rule_reports_what_it_needs() {
        // A rule on an aftercare answer: unknown there must not let the person through.
        let rules = rules_from(|d| {
            d["rules"].as_array_mut().unwrap().push(json!({
                "id": "body_only_review", "outcome": "review",
                "when": {"is": {"answer": "treatment_area", "value": "body"}},
                "reason": "Body treatments are reviewed."
            }));
        });
        let a = answers(&rules, screening_candidate(json!({})));
        let s = screen(&rules, &a, day("2026-11-23"));
        assert_eq!(s.verdict, Verdict::Review);
        assert_eq!(
            reasons_of(&s),
            [(
                "unanswered".to_string(),
                Outcome::Review,
                Some("treatment_area".to_string()),
                None
            )]
        );
        let status = s
            .checked
            .iter()
            .find(|c| c.rule.id == "body_only_review")
            .unwrap()
            .status;
        assert_eq!(status, Status::Undecided);
    }

    #[test]
    fn explanation_lists_every_rule_in_order() {
        let rules = default_rules();
        let a = answers(&rules, screening_candidate(json!({"psoriasis": true})));
        let s = screen(&rules, &a, day("2026-11-23"));
        let statuses: Vec<(&str, Status)> = s
            .checked
            .iter()
            .map(|c| (c.rule.id.as_str(), c.status))
            .collect();
        assert_eq!(
            statuses,
            [
                ("pregnancy", Status::Cleared),
                ("eczema", Status::Cleared),
                ("psoriasis", Status::Fired),
                ("scarring_history", Status::Cleared),
                ("open_wounds", Status::Cleared),
                ("recent_radiation", Status::Cleared),
                ("other_skin_disease", Status::Cleared),
            ]
        );
    }
}
