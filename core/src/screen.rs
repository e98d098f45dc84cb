//! Screening: answers + rules + dates -> verdict and reasons.
//!
//! Pure: no I/O and no clock; the dates are arguments. Fail-safe by construction:
//! - the verdict is the worst outcome among the reasons, `candidate` only when there are none;
//! - an applicable screening question without a known answer adds an `unanswered` review;
//! - a rule that cannot be decided because of unknown answers never counts as cleared:
//!   the unknown answers it needs are reported as `unanswered` too;
//! - an answer to a screening question that another answer rules out (its `ask_if` is
//!   false) is a `contradiction` review, never silently dropped;
//! - date conditions are judged on the procedure's own local date when it is known
//!   ([`judged_on`]), and a procedure further ahead than `screening_valid_days` is a
//!   `screen_again` review: answers about the present can change by then.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::answers::{Answers, Value};
use crate::condition::Tri;
use crate::facts::Facts;
use crate::flags::Flags;
use crate::rules::compile::UNANSWERED;
use crate::rules::{Outcome, Purpose, RuleDef, RuleSet};

/// The rule id of a reason for contradictory answers.
pub const CONTRADICTION: &str = "contradiction";

/// The rule id of a reason for a procedure too far ahead of the screening.
pub const SCREEN_AGAIN: &str = "screen_again";

/// The result of a screening, from best to worst (so `max` is the worst).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
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

/// What kind of reason: a rule of the file, or one the engine adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    Rule,
    /// An applicable question without a known answer (`question`).
    Unanswered,
    /// `question` was answered although the answer to `against` rules it out.
    Contradiction,
    /// The procedure is further ahead than `screening_valid_days`.
    ScreenAgain,
}

/// One reason the verdict is not (or not only) `candidate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason<'r> {
    /// The rule id, or `unanswered`, `contradiction`, `screen_again`.
    pub rule: &'r str,
    pub kind: ReasonKind,
    pub outcome: Outcome,
    pub message: &'r str,
    pub rationale: Option<&'r str>,
    /// For `unanswered`: the question without an answer; for `contradiction`: the
    /// question answered although it does not apply.
    pub question: Option<&'r str>,
    /// For `contradiction`: the earlier question whose answer rules `question` out.
    pub against: Option<&'r str>,
    pub eligible_from: Option<NaiveDate>,
}

/// What became of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
    /// The screening date (`--date`, else today).
    pub screened_on: NaiveDate,
    /// The date the date conditions were judged on: the procedure's own local date when
    /// the procedure time is known, else the screening date.
    pub judged_on: NaiveDate,
    /// What became of each rule (see [`Screening::checked`]): two flags per rule, so
    /// that a screening allocates nothing for them.
    rules: &'r [RuleDef],
    fired: Flags,
    cleared: Flags,
}

impl<'r> Screening<'r> {
    /// Every rule of the file in order, with what became of it.
    pub fn checked(&self) -> impl Iterator<Item = Check<'r>> + '_ {
        self.rules.iter().enumerate().map(|(i, rule)| Check {
            rule,
            status: if self.fired.get(i) {
                Status::Fired
            } else if self.cleared.get(i) {
                Status::Cleared
            } else {
                Status::Undecided
            },
        })
    }
}

/// A procedure whose own local date is before the screening date: a screening cannot
/// be for it. Carries the question (the aftercare `starts_at`) that gave the time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeforeScreening<'r> {
    pub question: &'r str,
    pub screened_on: NaiveDate,
}

/// The procedure's own local calendar date (in its own offset), when the procedure
/// time is answered.
pub fn procedure_date(rules: &RuleSet, answers: &Answers) -> Option<NaiveDate> {
    match answers.value(rules.aftercare.starts_at) {
        Some(Value::DateTime(t)) => Some(t.date_naive()),
        _ => None,
    }
}

/// The date to judge date conditions on: the procedure's own local date when known,
/// else the screening date.
pub fn judged_on(rules: &RuleSet, answers: &Answers, screened_on: NaiveDate) -> NaiveDate {
    procedure_date(rules, answers).unwrap_or(screened_on)
}

/// Screens one person's answers screened on `screened_on`, judged on the procedure's
/// own date ([`judged_on`]). A procedure before the screening date is refused.
pub fn screen_for_procedure<'r>(
    rules: &'r RuleSet,
    answers: &Answers,
    screened_on: NaiveDate,
) -> Result<Screening<'r>, BeforeScreening<'r>> {
    let judged = judged_on(rules, answers, screened_on);
    if judged < screened_on {
        return Err(BeforeScreening {
            question: &rules.questions[rules.aftercare.starts_at].id,
            screened_on,
        });
    }
    Ok(screen_dated(rules, answers, screened_on, judged))
}

/// Screens one person's answers with every date condition judged on the day `on`
/// (which is also the screening date).
pub fn screen<'r>(rules: &'r RuleSet, answers: &Answers, on: NaiveDate) -> Screening<'r> {
    screen_dated(rules, answers, on, on)
}

/// Screens with the date conditions judged on `judged_on`, for a screening on
/// `screened_on`. A `judged_on` more than `screening_valid_days` after `screened_on`
/// adds a `screen_again` review. `judged_on` before `screened_on` is allowed here (an
/// aftercare sheet for a procedure already done); [`screen_for_procedure`] refuses it.
pub fn screen_dated<'r>(
    rules: &'r RuleSet,
    answers: &Answers,
    screened_on: NaiveDate,
    judged_on: NaiveDate,
) -> Screening<'r> {
    let on = judged_on;
    let facts = Facts::new(rules, answers, on);
    let mut reported = Flags::new(rules.questions.len());
    let mut unanswered: Vec<usize> = Vec::new();
    let mut contradictions = Vec::new();
    for (q, question) in rules.questions.iter().enumerate() {
        if question.purpose != Purpose::Screening {
            continue;
        }
        match facts.applies(q) {
            // Applying, its answer is the one given.
            Tri::True if answers.value(q).is_none() => {
                reported.set(q);
                unanswered.push(q);
            }
            // Answered although an earlier answer rules the question out: which of the
            // two is wrong is for a clinician to find out, never resolved toward "no".
            Tri::False if answers.value(q).is_some() => {
                let mut read = Vec::new();
                if let Some(cond) = &question.ask_if {
                    cond.collect_questions(&mut read);
                }
                let against = read.into_iter().find(|&r| facts.value(r).is_some());
                contradictions.push(Reason {
                    rule: CONTRADICTION,
                    kind: ReasonKind::Contradiction,
                    outcome: Outcome::Review,
                    message: &rules.texts.contradiction,
                    rationale: None,
                    question: Some(&question.id),
                    against: against.map(|r| rules.questions[r].id.as_str()),
                    eligible_from: None,
                });
            }
            _ => {}
        }
    }

    let mut reasons = Vec::new();
    let mut fired = Flags::new(rules.rules.len());
    let mut cleared = Flags::new(rules.rules.len());
    for (r, rule) in rules.rules.iter().enumerate() {
        match rule.when.eval(&facts) {
            Tri::True => {
                reasons.push(Reason {
                    rule: &rule.id,
                    kind: ReasonKind::Rule,
                    outcome: rule.outcome,
                    message: &rule.reason,
                    rationale: rule.rationale.as_deref(),
                    question: None,
                    against: None,
                    eligible_from: eligible_from(rule, &facts, on),
                });
                fired.set(r);
            }
            Tri::False => cleared.set(r),
            Tri::Unknown => {
                let unknown = rule
                    .inputs
                    .iter()
                    .copied()
                    .filter(|&q| facts.value(q).is_none());
                let unknown: Vec<usize> = unknown.collect();
                // Already explained when one of its unknown inputs is reported.
                if !unknown.iter().any(|&q| reported.get(q)) {
                    for q in unknown {
                        reported.set(q);
                        unanswered.push(q);
                    }
                }
            }
        }
    }

    unanswered.sort_unstable();
    reasons.extend(unanswered.into_iter().map(|q| Reason {
        rule: UNANSWERED,
        kind: ReasonKind::Unanswered,
        outcome: Outcome::Review,
        message: &rules.texts.unanswered,
        rationale: None,
        question: Some(&rules.questions[q].id),
        against: None,
        eligible_from: None,
    }));
    reasons.extend(contradictions);
    let ahead = judged_on.signed_duration_since(screened_on).num_days();
    if u64::try_from(ahead).is_ok_and(|days| days > rules.screening_valid_days) {
        reasons.push(Reason {
            rule: SCREEN_AGAIN,
            kind: ReasonKind::ScreenAgain,
            outcome: Outcome::Review,
            message: &rules.texts.screen_again,
            rationale: None,
            question: None,
            against: None,
            eligible_from: None,
        });
    }

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
        screened_on,
        judged_on,
        rules: &rules.rules,
        fired,
        cleared,
    }
}

/// The day a deferral ends, when the rule says how to compute it and the date is known.
/// Never a day on or before the day judged: a fired deferral with such a date (a rule
/// file whose window and date disagree) is reported without a date.
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
    use crate::rules::DEFAULT_SCREENING_VALID_DAYS;
    use crate::testing::{answers, default_rules, rules_from, screening_candidate};
    use chrono::{DateTime, FixedOffset};
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
    fn contradictions_go_to_review_naming_both_answers() {
        let rules = default_rules();
        let cases = [
            (
                "denied, with an end date three days ago",
                json!({"radiation_therapy": false, "radiation_end_date": "2026-11-20"}),
                Verdict::Review,
                true,
            ),
            (
                "denied, with an end date in 2999",
                json!({"radiation_therapy": false, "radiation_end_date": "2999-01-01"}),
                Verdict::Review,
                true,
            ),
            (
                "denied, end date null: no answer, no contradiction",
                json!({"radiation_therapy": false, "radiation_end_date": null}),
                Verdict::Candidate,
                false,
            ),
            (
                "not sure, with a date: the date is used",
                json!({"radiation_therapy": null, "radiation_end_date": "2026-11-20"}),
                Verdict::Review,
                false,
            ),
            (
                "yes, with a date: no contradiction",
                json!({"radiation_therapy": true, "radiation_end_date": "2026-11-20"}),
                Verdict::Defer,
                false,
            ),
        ];
        for (name, overrides, verdict, contradiction) in cases {
            let a = answers(&rules, screening_candidate(overrides));
            let s = screen(&rules, &a, day("2026-11-23"));
            assert_eq!(s.verdict, verdict, "{name}: {:?}", reasons_of(&s));
            let found: Vec<(Option<&str>, Option<&str>)> = s
                .reasons
                .iter()
                .filter(|r| r.kind == ReasonKind::Contradiction)
                .map(|r| (r.question, r.against))
                .collect();
            let expected = if contradiction {
                vec![(Some("radiation_end_date"), Some("radiation_therapy"))]
            } else {
                vec![]
            };
            assert_eq!(found, expected, "{name}");
            if contradiction {
                let r = s.reasons.iter().find(|r| r.rule == CONTRADICTION).unwrap();
                assert_eq!(r.outcome, Outcome::Review);
                assert_eq!(r.message, rules.texts.contradiction);
            }
        }
    }

    /// A procedure at one instant, 2026-11-24 06:00 UTC, written in each offset from
    /// -12:00 to +14:00: its own local date decides the day judged, whatever the
    /// machine's zone. Radiation ended 2025-11-24: the window ends 2026-11-24.
    #[test]
    fn the_procedure_is_judged_on_its_own_local_date_in_every_offset() {
        let rules = default_rules();
        let instant = DateTime::parse_from_rfc3339("2026-11-24T06:00:00Z").unwrap();
        let cases = [
            ("-12:00", -720, "2026-11-23"),
            ("-10:00 (Honolulu)", -600, "2026-11-23"),
            ("-09:30", -570, "2026-11-23"),
            ("-07:00", -420, "2026-11-23"),
            ("-06:00", -360, "2026-11-24"),
            ("+00:00", 0, "2026-11-24"),
            ("+05:45", 345, "2026-11-24"),
            ("+14:00", 840, "2026-11-24"),
        ];
        for (name, minutes, local_date) in cases {
            let offset = FixedOffset::east_opt(minutes * 60).unwrap();
            let time = instant.with_timezone(&offset);
            let a = answers(
                &rules,
                screening_candidate(json!({
                    "radiation_therapy": true, "radiation_end_date": "2025-11-24",
                    "procedure_time": time.to_rfc3339()
                })),
            );
            assert_eq!(
                judged_on(&rules, &a, day("2026-11-01")),
                day(local_date),
                "{name}"
            );
            // Screened the day before: judged on the procedure's date, kept apart.
            let s = screen_for_procedure(&rules, &a, day("2026-11-23")).unwrap();
            assert_eq!(s.screened_on, day("2026-11-23"), "{name}");
            assert_eq!(s.judged_on, day(local_date), "{name}");
            let verdict = if local_date == "2026-11-23" {
                Verdict::Defer
            } else {
                Verdict::Candidate
            };
            assert_eq!(s.verdict, verdict, "{name}");
            // Screened on 2026-11-24 (a machine a day ahead): a procedure whose own
            // date is the 23rd is before the screening date and refused.
            let refused = screen_for_procedure(&rules, &a, day("2026-11-24"));
            assert_eq!(refused.is_err(), local_date == "2026-11-23", "{name}");
            if let Err(e) = refused {
                assert_eq!(e.question, "procedure_time");
            }
        }
    }

    #[test]
    fn without_a_procedure_time_the_screening_date_is_judged() {
        let rules = default_rules();
        for doc in [json!({}), json!({"procedure_time": null})] {
            let a = answers(&rules, screening_candidate(doc));
            let s = screen_for_procedure(&rules, &a, day("2026-11-23")).unwrap();
            assert_eq!(
                (s.screened_on, s.judged_on),
                (day("2026-11-23"), day("2026-11-23"))
            );
        }
    }

    #[test]
    fn screening_valid_days_boundary() {
        let default = default_rules();
        let one_day = rules_from(|d| {
            d["parameters"][1]["value"] = json!(1);
        });
        let unset = rules_from(|d| {
            d["parameters"].as_array_mut().unwrap().remove(1);
        });
        assert_eq!(default.screening_valid_days, 30);
        assert_eq!(unset.screening_valid_days, DEFAULT_SCREENING_VALID_DAYS);
        let cases = [
            ("same day", &default, "2026-11-23", Verdict::Candidate),
            ("30 days ahead", &default, "2026-12-23", Verdict::Candidate),
            ("31 days ahead", &default, "2026-12-24", Verdict::Review),
            ("in 2028", &default, "2028-01-10", Verdict::Review),
            ("unset: 30 days", &unset, "2026-12-23", Verdict::Candidate),
            ("unset: 31 days", &unset, "2026-12-24", Verdict::Review),
            (
                "1 day: tomorrow",
                &one_day,
                "2026-11-24",
                Verdict::Candidate,
            ),
            (
                "1 day: 2 days ahead",
                &one_day,
                "2026-11-25",
                Verdict::Review,
            ),
            (
                "leap: 30 days to 29 Feb",
                &default,
                "2028-02-29",
                Verdict::Candidate,
            ),
            (
                "leap: 31 days to 1 Mar",
                &default,
                "2028-03-01",
                Verdict::Review,
            ),
        ];
        for (name, rules, date, verdict) in cases {
            let screened_on = if name.starts_with("leap") {
                day("2028-01-30")
            } else {
                day("2026-11-23")
            };
            let a = answers(
                rules,
                screening_candidate(json!({"procedure_time": format!("{date}T10:00:00+01:00")})),
            );
            let s = screen_for_procedure(rules, &a, screened_on).unwrap();
            assert_eq!(s.verdict, verdict, "{name}");
            let again = s
                .reasons
                .iter()
                .filter(|r| r.kind == ReasonKind::ScreenAgain)
                .count();
            assert_eq!(again, usize::from(verdict == Verdict::Review), "{name}");
            if let Some(r) = s.reasons.iter().find(|r| r.rule == SCREEN_AGAIN) {
                assert_eq!(r.message, rules.texts.screen_again, "{name}");
            }
        }
    }

    #[test]
    fn leap_days_on_the_procedure_date() {
        let rules = default_rules();
        // (radiation end, procedure date, verdict, eligible from), screened the same day.
        let cases = [
            (
                "window ends on 29 Feb: the 28th",
                "2027-03-01",
                "2028-02-28",
                Verdict::Defer,
                Some("2028-02-29"),
            ),
            (
                "window ends on 29 Feb: the 29th",
                "2027-03-01",
                "2028-02-29",
                Verdict::Candidate,
                None,
            ),
            (
                "ended on 29 Feb: a year later",
                "2028-02-29",
                "2029-02-28",
                Verdict::Candidate,
                None,
            ),
            (
                "ended on 29 Feb: the day before",
                "2028-02-29",
                "2029-02-27",
                Verdict::Defer,
                Some("2029-02-28"),
            ),
        ];
        for (name, end, procedure, verdict, eligible) in cases {
            let a = answers(
                &rules,
                screening_candidate(json!({
                    "radiation_therapy": true, "radiation_end_date": end,
                    "procedure_time": format!("{procedure}T09:00:00-05:00")
                })),
            );
            let s = screen_for_procedure(&rules, &a, day(procedure)).unwrap();
            assert_eq!(s.verdict, verdict, "{name}");
            assert_eq!(
                s.eligible_from.map(|d| d.to_string()).as_deref(),
                eligible,
                "{name}"
            );
        }
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
            .checked()
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
            .checked()
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
