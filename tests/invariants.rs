//! The safety invariants of the default rule file, over random answer sets (proptest):
//! - changing any screening answer from `false` to `true` never improves the verdict;
//! - removing or nulling any screening answer that applies never yields `candidate`;
//! - the verdict is always the worst outcome among the reasons (`candidate` iff none);
//! - every `defer` with a date has `eligible_from` after the screening date.
//!
//! And over 2,000 random mutants of the default rule file: whenever the safety proof
//! accepts one, answers that give a documented exclusion never screen weaker than its
//! default and always report its reason.
//!
//! Verdicts are ordered candidate < review < defer < not_candidate.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a failure is the report

use chrono::{Days, NaiveDate};
use prescreen::answers;
use prescreen::condition::Tri;
use prescreen::facts::Facts;
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

// ---------------------------------------------------------------------------------
// Mutants of the default rule file: whatever lint accepts keeps every exclusion.
// ---------------------------------------------------------------------------------

mod mutants {
    use super::*;
    use prescreen::rules::Kind;
    use prescreen::rules::safety::{EXCLUSIONS, Exclusion, Trigger};
    use proptest::test_runner::{Config, TestRunner};
    use std::cell::Cell;

    /// The default file's rules, in order (index into `rules` of the file).
    const RULES: usize = 7;
    /// Questions `ask_if` may be put on: the screening ones after the first.
    const SCREENING_QUESTIONS: usize = 8;

    /// An answer test: `question` (an index into [`BOOLEAN_SCREENING`] or, past its end,
    /// into the questions the mutant added) is `value`, maybe negated.
    #[derive(Debug, Clone)]
    struct Atom {
        question: usize,
        value: bool,
        negate: bool,
    }

    #[derive(Debug, Clone)]
    enum Mutation {
        /// Wrap a rule's condition with another answer, one of six ways.
        Wrap { rule: usize, how: u8, atom: Atom },
        /// Set the radiation window.
        Window(i64),
        /// Set `eligible_from` of the radiation rule to a literal day count.
        Eligible(i64),
        /// Add a boolean screening question, and maybe wrap a rule with it.
        AddBoolean { wrap: Option<(usize, u8, bool)> },
        /// Add a number screening question, and maybe wrap a rule with a comparison.
        AddNumber {
            threshold: u8,
            wrap: Option<(usize, u8)>,
        },
        /// Put an `ask_if` on a question, reading an earlier one.
        AskIf { target: usize, atom: Atom },
        /// Exempt one radiation end date (days from 2026-01-01).
        Exempt(i64),
    }

    fn atom() -> impl Strategy<Value = Atom> {
        (0usize..9, any::<bool>(), any::<bool>()).prop_map(|(question, value, negate)| Atom {
            question,
            value,
            negate,
        })
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        prop_oneof![
            4 => (0..RULES, 0u8..6, atom()).prop_map(|(rule, how, atom)| Mutation::Wrap { rule, how, atom }),
            2 => prop_oneof![Just(0i64), Just(2), Just(31), Just(364), Just(365), Just(366), Just(3650)]
                .prop_map(Mutation::Window),
            1 => prop_oneof![Just(0i64), Just(30), Just(365), Just(3650)].prop_map(Mutation::Eligible),
            2 => proptest::option::of((0..RULES, 0u8..6, any::<bool>()))
                .prop_map(|wrap| Mutation::AddBoolean { wrap }),
            1 => (0u8..130, proptest::option::of((0..RULES, 0u8..4)))
                .prop_map(|(threshold, wrap)| Mutation::AddNumber { threshold, wrap }),
            2 => (1..SCREENING_QUESTIONS, atom()).prop_map(|(target, atom)| Mutation::AskIf { target, atom }),
            1 => (-400i64..400).prop_map(Mutation::Exempt),
        ]
    }

    fn is(answer: &str, value: Value) -> Value {
        json!({"is": {"answer": answer, "value": value}})
    }

    fn wrap(when: Value, how: u8, other: Value) -> Value {
        match how {
            0 => json!({"all": [when, other]}),
            1 => json!({"any": [when, other]}),
            2 => json!({"not": {"not": when}}),
            3 => json!({"all": [when, {"not": other}]}),
            4 => json!({"any": [when, {"not": other}]}),
            _ => json!({"not": {"any": [{"not": when}, other]}}),
        }
    }

    fn date(offset: i64) -> NaiveDate {
        let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let days = Days::new(offset.unsigned_abs());
        if offset < 0 {
            base.checked_sub_days(days).unwrap()
        } else {
            base.checked_add_days(days).unwrap()
        }
    }

    /// The default file with `mutations` applied.
    fn mutant(mutations: &[Mutation]) -> Value {
        let mut doc: Value = serde_json::from_slice(prescreen::rules::DEFAULT_RULES).unwrap();
        let mut added: Vec<String> = Vec::new();
        let name = |atom: &Atom, added: &[String]| {
            BOOLEAN_SCREENING
                .get(atom.question)
                .map(|s| s.to_string())
                .or_else(|| added.first().cloned())
                .unwrap_or_else(|| "other_skin_disease".to_string())
        };
        let test = |atom: &Atom, added: &[String]| {
            let t = is(&name(atom, added), Value::Bool(atom.value));
            if atom.negate { json!({"not": t}) } else { t }
        };
        for m in mutations {
            match m {
                Mutation::Wrap { rule, how, atom } => {
                    let when = doc["rules"][rule]["when"].take();
                    doc["rules"][rule]["when"] = wrap(when, *how, test(atom, &added));
                }
                Mutation::Window(days) => doc["parameters"][0]["value"] = json!(days),
                Mutation::Eligible(days) => {
                    doc["rules"][5]["eligible_from"]["plus_days"] = json!(days)
                }
                Mutation::AddBoolean { wrap: w } => {
                    let id = format!("extra_{}", added.len());
                    doc["questions"].as_array_mut().unwrap().push(json!({
                        "id": id, "type": "boolean", "purpose": "screening", "prompt": format!("Extra question {id}?")
                    }));
                    if let Some((rule, how, value)) = w {
                        let when = doc["rules"][rule]["when"].take();
                        doc["rules"][rule]["when"] = wrap(when, *how, is(&id, Value::Bool(*value)));
                    }
                    added.push(id);
                }
                Mutation::AddNumber { threshold, wrap: w } => {
                    let id = format!("number_{}", added.len());
                    doc["questions"].as_array_mut().unwrap().push(json!({
                        "id": id, "type": "number", "purpose": "screening", "prompt": format!("Number {id}?"),
                        "min": 0, "max": 130
                    }));
                    if let Some((rule, how)) = w {
                        let when = doc["rules"][rule]["when"].take();
                        let cmp = json!({"lt": {"answer": id, "value": threshold}});
                        doc["rules"][rule]["when"] = wrap(when, *how, cmp);
                    }
                }
                Mutation::AskIf { target, atom } => {
                    // Only earlier questions: the default file's own order.
                    let earlier = atom.question % target;
                    let id = doc["questions"][earlier]["id"]
                        .as_str()
                        .unwrap()
                        .to_string();
                    let mut cond = is(&id, Value::Bool(atom.value));
                    if atom.negate {
                        cond = json!({"not": cond});
                    }
                    let question = &mut doc["questions"][target];
                    question["ask_if"] = match question.get("ask_if") {
                        Some(existing) => json!({"all": [existing.clone(), cond]}),
                        None => cond,
                    };
                }
                Mutation::Exempt(offset) => {
                    let when = doc["rules"][5]["when"].take();
                    let day = date(*offset).format("%Y-%m-%d").to_string();
                    doc["rules"][5]["when"] =
                        json!({"all": [when, {"not": is("radiation_end_date", json!(day))}]});
                }
            }
        }
        doc
    }

    /// A small deterministic generator for the answers of a mutant.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n.max(1)
        }
    }

    /// Random answers to every question of `rules`, with `exclusion`'s trigger given,
    /// judged on `day`; `dates` are literal dates worth trying as the end date.
    fn answers_with_trigger(
        rules: &RuleSet,
        exclusion: &Exclusion,
        day: NaiveDate,
        dates: &[NaiveDate],
        rng: &mut Rng,
    ) -> Map<String, Value> {
        let shift = |offset: i64| {
            let days = Days::new(offset.unsigned_abs());
            if offset < 0 {
                day.checked_sub_days(days)
            } else {
                day.checked_add_days(days)
            }
            .unwrap()
        };
        let mut doc = Map::new();
        for q in &rules.questions {
            let value = match rng.next(6) {
                0 => continue,
                1 => Value::Null,
                _ => match &q.kind {
                    Kind::Boolean => Value::Bool(rng.next(2) == 0),
                    Kind::Number { .. } => json!(rng.next(131)),
                    Kind::Choice(options) => {
                        json!(options[rng.next(options.len() as u64) as usize].value)
                    }
                    Kind::Date => json!(
                        shift(rng.next(1600) as i64 - 800)
                            .format("%Y-%m-%d")
                            .to_string()
                    ),
                    Kind::DateTime => continue,
                },
            };
            doc.insert(q.id.clone(), value);
        }
        match exclusion.trigger {
            Trigger::Yes(flag) => {
                doc.insert(flag.into(), Value::Bool(true));
            }
            Trigger::YesWithin {
                flag, date, days, ..
            } => {
                doc.insert(flag.into(), Value::Bool(true));
                // Within the default window before the day judged, or later.
                let in_window: Vec<&NaiveDate> = dates
                    .iter()
                    .filter(|d| **d + Days::new(days) > day)
                    .collect();
                let end = if !in_window.is_empty() && rng.next(2) == 0 {
                    *in_window[rng.next(in_window.len() as u64) as usize]
                } else {
                    shift(rng.next(days + 400) as i64 - (days as i64 - 1))
                };
                doc.insert(date.into(), json!(end.format("%Y-%m-%d").to_string()));
            }
        }
        doc
    }

    #[test]
    fn whatever_lint_accepts_keeps_every_exclusion() {
        const MUTANTS: u32 = 2_000;
        const ANSWER_SETS: u64 = 12;
        let accepted = Cell::new(0u32);
        let refused = Cell::new(0u32);
        let weakened_but_safe = Cell::new(0u32);
        let config = Config {
            cases: MUTANTS,
            failure_persistence: None,
            ..Config::default()
        };
        let strategy = (proptest::collection::vec(mutation(), 1..4), any::<u64>());
        let result = TestRunner::new(config).run(&strategy, |(mutations, seed)| {
            let doc = mutant(&mutations);
            let Ok(rules) = RuleSet::from_bytes(doc.to_string().as_bytes()) else {
                refused.set(refused.get() + 1);
                return Ok(());
            };
            accepted.set(accepted.get() + 1);
            if mutations
                .iter()
                .any(|m| matches!(m, Mutation::Wrap { .. } | Mutation::AskIf { .. }))
            {
                weakened_but_safe.set(weakened_but_safe.get() + 1);
            }
            let dates: Vec<NaiveDate> = mutations
                .iter()
                .filter_map(|m| match m {
                    Mutation::Exempt(offset) => Some(date(*offset)),
                    _ => None,
                })
                .collect();
            let mut rng = Rng(seed | 1);
            for _ in 0..ANSWER_SETS {
                let exclusion = &EXCLUSIONS[rng.next(EXCLUSIONS.len() as u64) as usize];
                let day = date(rng.next(800) as i64 - 400);
                let doc = answers_with_trigger(&rules, exclusion, day, &dates, &mut rng);
                let text = Value::Object(doc).to_string();
                let answers =
                    answers::parse(&rules, text.as_bytes()).expect("generated answers are valid");
                let screening = screen(&rules, &answers, day);
                prop_assert!(
                    screening.verdict >= Verdict::from(exclusion.at_least),
                    "{}: {:?} for {text} on {day}",
                    exclusion.rule,
                    screening.verdict
                );
                prop_assert!(
                    screening.reasons.iter().any(|r| r.rule == exclusion.rule),
                    "{}: reason missing for {text} on {day}",
                    exclusion.rule
                );
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
        // Not vacuous: many mutants are accepted, many refused, and some accepted ones
        // have a wrapped condition or a new ask_if.
        let (accepted, refused, wrapped) = (accepted.get(), refused.get(), weakened_but_safe.get());
        eprintln!(
            "mutants: {accepted} accepted ({wrapped} with a wrap or ask_if), {refused} refused"
        );
        assert_eq!(accepted + refused, MUTANTS);
        assert!(
            accepted >= MUTANTS / 5,
            "accepted {accepted}, refused {refused}"
        );
        assert!(
            refused >= MUTANTS / 5,
            "accepted {accepted}, refused {refused}"
        );
        assert!(
            wrapped >= MUTANTS / 10,
            "accepted with a wrap or ask_if: {wrapped}"
        );
    }
}
