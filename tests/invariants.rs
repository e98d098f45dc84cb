//! The safety invariants of the default rule file, over random answer sets (proptest):
//! - changing any screening answer from `false` to `true` never improves the verdict;
//! - removing or nulling any screening answer that applies never yields `candidate`;
//! - the verdict is always the worst outcome among the reasons (`candidate` iff none);
//! - every `defer` with a date has `eligible_from` after the screening date.
//!
//! Verdicts are ordered candidate < review < defer < not_candidate.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a failure is the report

use chrono::{Days, NaiveDate};
use prescreen::answers;
use prescreen::condition::{Facts, Tri};
use prescreen::rules::{Outcome, Purpose, RuleSet};
use prescreen::screen::{ReasonKind, Screening, Verdict, screen};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const BOOLEAN_SCREENING: [&str; 7] = [
    "pregnant",
    "eczema",
    "psoriasis",
    "other_skin_disease",
    "open_wounds",
    "scarring_history",
    "radiation_therapy",
];

fn rules() -> RuleSet {
    RuleSet::default_rules().expect("the default rule file loads")
}

/// An answer that may be left out (`None`), `null` ("not sure"), or given.
fn maybe(value: impl Strategy<Value = Value>) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Value::Null)),
        4 => value.prop_map(Some),
    ]
}

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(offset))
        .unwrap()
}

/// A screening answer: mostly "no", so that candidates (and flips from them) are common.
fn screening_boolean() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Value::Null)),
        6 => Just(Some(Value::Bool(false))),
        2 => Just(Some(Value::Bool(true))),
    ]
}

/// A screening day and an answers document for the default rule file.
fn answer_sets() -> impl Strategy<Value = (NaiveDate, Map<String, Value>)> {
    let booleans = proptest::collection::vec(screening_boolean(), 7);
    // The radiation end date: left out, null, or this many days from the screening day.
    let end_date = prop_oneof![
        1 => Just(None),
        1 => Just(Some(None)),
        4 => (-1_000i64..1_000).prop_map(|d| Some(Some(d))),
    ];
    let tailoring = (
        maybe(prop_oneof![Just("face"), Just("neck"), Just("body")].prop_map(|s| json!(s))),
        maybe(any::<bool>().prop_map(Value::Bool)),
        maybe(any::<bool>().prop_map(Value::Bool)),
        maybe(any::<bool>().prop_map(Value::Bool)),
        maybe(
            (0u32..24, 0u32..60)
                .prop_map(|(h, m)| json!(format!("2030-06-01T{h:02}:{m:02}:00+02:00"))),
        ),
    );
    (0u64..36_000, booleans, end_date, tailoring).prop_map(
        |(today, booleans, end_date, tailoring)| {
            let today = day(today);
            let mut doc = Map::new();
            for (id, value) in BOOLEAN_SCREENING.iter().zip(booleans) {
                if let Some(value) = value {
                    doc.insert(id.to_string(), value);
                }
            }
            match end_date {
                None => {}
                Some(None) => {
                    doc.insert("radiation_end_date".into(), Value::Null);
                }
                Some(Some(offset)) => {
                    let days = Days::new(offset.unsigned_abs());
                    let end = if offset < 0 {
                        today.checked_sub_days(days)
                    } else {
                        today.checked_add_days(days)
                    };
                    let end = end.unwrap().format("%Y-%m-%d").to_string();
                    doc.insert("radiation_end_date".into(), json!(end));
                }
            }
            let (area, makeup, outdoors, alcohol, time) = tailoring;
            for (id, value) in [
                ("treatment_area", area),
                ("wears_makeup", makeup),
                ("outdoors_next_24h", outdoors),
                ("uses_alcohol_based_products", alcohol),
                ("procedure_time", time),
            ] {
                if let Some(value) = value {
                    doc.insert(id.into(), value);
                }
            }
            (today, doc)
        },
    )
}

fn verdict_of(rules: &RuleSet, doc: &Map<String, Value>, today: NaiveDate) -> Verdict {
    let answers = answers::parse(rules, Value::Object(doc.clone()).to_string().as_bytes())
        .expect("generated answers are valid");
    screen(rules, &answers, today).verdict
}

fn check_result(result: &Screening, today: NaiveDate) -> Result<(), TestCaseError> {
    let worst = result
        .reasons
        .iter()
        .map(|r| Verdict::from(r.outcome))
        .max();
    prop_assert_eq!(result.verdict, worst.unwrap_or(Verdict::Candidate));
    prop_assert_eq!(
        result.verdict == Verdict::Candidate,
        result.reasons.is_empty()
    );
    for reason in &result.reasons {
        if let Some(date) = reason.eligible_from {
            prop_assert_eq!(reason.outcome, Outcome::Defer);
            prop_assert!(
                date > today,
                "{} eligible from {date}, screened {today}",
                reason.rule
            );
        }
    }
    if let Some(date) = result.eligible_from {
        prop_assert_eq!(result.verdict, Verdict::Defer);
        prop_assert!(date > today);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn the_verdict_is_the_worst_reason_and_deferrals_end_after_today((today, doc) in answer_sets()) {
        let rules = rules();
        let answers = answers::parse(&rules, Value::Object(doc).to_string().as_bytes()).unwrap();
        check_result(&screen(&rules, &answers, today), today)?;
    }

    #[test]
    fn a_yes_never_improves_the_verdict((today, doc) in answer_sets()) {
        let rules = rules();
        let before = verdict_of(&rules, &doc, today);
        // Except where the `no` contradicted another answer (the end date of a denied
        // radiation therapy): the yes resolves that contradiction.
        let answers = answers::parse(&rules, Value::Object(doc.clone()).to_string().as_bytes()).unwrap();
        let screening = screen(&rules, &answers, today);
        let contradicted: Vec<&str> = screening
            .reasons
            .iter()
            .filter(|r| r.kind == ReasonKind::Contradiction)
            .filter_map(|r| r.against)
            .collect();
        for id in BOOLEAN_SCREENING {
            if doc.get(id) == Some(&Value::Bool(false)) && !contradicted.contains(&id) {
                let mut flipped = doc.clone();
                flipped.insert(id.into(), Value::Bool(true));
                let after = verdict_of(&rules, &flipped, today);
                prop_assert!(after >= before, "{id}: false -> true took {before:?} to {after:?}");
            }
        }
    }

    #[test]
    fn an_unknown_screening_answer_never_yields_candidate((today, doc) in answer_sets()) {
        let rules = rules();
        let answers = answers::parse(&rules, Value::Object(doc.clone()).to_string().as_bytes()).unwrap();
        let facts = Facts::new(&rules, &answers, today);
        for (q, question) in rules.questions.iter().enumerate() {
            // A question that does not apply (the end date when radiation_therapy is
            // false) is not required: its answer is ignored.
            if question.purpose != Purpose::Screening || facts.applies(q) == Tri::False {
                continue;
            }
            let mut removed = doc.clone();
            removed.remove(&question.id);
            let mut nulled = doc.clone();
            nulled.insert(question.id.clone(), Value::Null);
            for (how, changed) in [("removed", removed), ("null", nulled)] {
                let verdict = verdict_of(&rules, &changed, today);
                prop_assert!(verdict != Verdict::Candidate, "`{}` {how} gave candidate", question.id);
            }
        }
    }
}

#[test]
fn the_generator_reaches_every_verdict() {
    // Guards against vacuous properties: the answer sets above do produce each verdict.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let rules = rules();
    let mut runner = TestRunner::deterministic();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..500 {
        let (today, doc) = answer_sets().new_tree(&mut runner).unwrap().current();
        seen.insert(verdict_of(&rules, &doc, today));
    }
    assert_eq!(seen.len(), 4, "verdicts reached: {seen:?}");
}
