//! The safety check: a rule file that could let a documented exclusion through does not
//! load.
//!
//! Pure. The six exclusions named in the reference (pregnancy, eczema, psoriasis, open
//! wounds, a history of problem scarring, recent radiation therapy) must each be present
//! with an outcome at least as strict as the default, unless the file waives it in
//! writing under `waived`. Presence is proved, not sampled: for every combination of the
//! answers the rule's condition can tell apart (see [`domain`](super::domain)) in which
//! the exclusion's trigger is given, on every class of day judged,
//! - each question of the trigger is asked (no `ask_if` hides it), and
//! - the exclusion's own rule fires, so its reason is reported and the verdict is at
//!   least its outcome.
//!
//! For recent radiation the trigger is "yes" with an end date less than the default
//! window (365 days) before the day judged, or later (still going on): a shorter window
//! fails the proof like any other weakening. Around the proof, checks on the file as
//! written: the trigger questions stay `screening` questions with no copy under another
//! id; the window is the documented parameter, not a literal; `eligible_from` is
//! exactly the end of its rule's window, and absent where no end can be known; a waiver
//! says why in at least three visible words. Every refusal of the proof carries a
//! counter-example: the answers, as one line of JSON, and the day they were judged on.
//!
//! What lives here is the safety floor, not clinical content: ids, outcomes and triggers
//! are fixed by the documented rule-file contract; texts and windows stay in the file.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};

use super::domain::{self, Constants};
use super::model::{Amount, Condition, Outcome, RuleFile, Text};
use super::{Kind, Problem, Proved, Purpose, RuleDef, RuleSet, visible};
use crate::answers::{Answers, Reply, Value};
use crate::condition::{Cond, Tri};
use crate::facts::Facts;

pub use super::domain::{PROBE_DAY, shifted};

/// The most answer combinations the proof tries for one rule file. A file whose
/// exclusions depend on more is refused, never passed unchecked.
pub const MAX_COMBINATIONS: usize = 2_000_000;

/// The fewest words a waiver's reason may have.
pub const MIN_WAIVER_WORDS: usize = 3;

/// What gives a documented exclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// This boolean question answered yes.
    Yes(&'static str),
    /// The boolean question `flag` answered yes and the date question `date` answered
    /// with a day less than `days` days before the day judged, or any later day.
    YesWithin {
        flag: &'static str,
        date: &'static str,
        /// The parameter that sets the window in the rule file.
        param: &'static str,
        /// The documented default window.
        days: u64,
    },
}

/// One documented exclusion and the least strict outcome the file may give it.
#[derive(Debug, Clone, Copy)]
pub struct Exclusion {
    pub rule: &'static str,
    pub at_least: Outcome,
    pub trigger: Trigger,
}

impl Exclusion {
    /// The ids of the questions that give it.
    pub fn questions(&self) -> Vec<&'static str> {
        match self.trigger {
            Trigger::Yes(flag) => vec![flag],
            Trigger::YesWithin { flag, date, .. } => vec![flag, date],
        }
    }
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
        trigger: Trigger::YesWithin {
            flag: "radiation_therapy",
            date: "radiation_end_date",
            param: "radiation_window_days",
            days: 365,
        },
    },
];

/// How a counter-example breaks an exclusion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// This question of the trigger is not asked: an `ask_if` hides it.
    NotAsked(String),
    /// The exclusion's rule does not fire.
    DoesNotFire,
}

/// Answers that give an exclusion's trigger, under which the rule file lets it through.
#[derive(Debug, Clone)]
pub struct CounterExample {
    pub exclusion: &'static str,
    pub failure: Failure,
    /// The day the answers are judged on (and screened on).
    pub day: NaiveDate,
    pub answers: Answers,
    /// The answers document, as one line of JSON.
    pub json: String,
}

fn outcome_id(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Review => "review",
        Outcome::Defer => "defer",
        Outcome::NotCandidate => "not_candidate",
    }
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
    }
}

/// Whether a waiver's reason is in writing: visible, and at least a few words, in every
/// language it is given in (a reviewer may read any of them).
fn is_written(file: &RuleFile, reason: &Text) -> bool {
    reason
        .entries(file.base())
        .iter()
        .all(|(_, r)| visible::word_count(r) >= MIN_WAIVER_WORDS)
}

/// Whether a text has visible letters in every language it is given in.
fn is_visible(file: &RuleFile, text: &Text) -> bool {
    text.entries(file.base())
        .iter()
        .all(|(_, t)| visible::is_visible(t))
}

/// The exclusions the file does not waive. A waiver without a reason in writing waives
/// nothing: the exclusion is still checked (and the waiver reported).
fn not_waived(file: &RuleFile) -> impl Iterator<Item = &'static Exclusion> + '_ {
    EXCLUSIONS.iter().filter(|e| {
        !file
            .waived
            .iter()
            .any(|w| w.exclusion == e.rule && is_written(file, &w.reason))
    })
}

/// Lower-case visible words, so that two prompts that read the same compare equal.
fn normalized(prompt: &str) -> String {
    let cleaned: String = prompt
        .chars()
        .map(|c| {
            if visible::is_visible_letter(c) {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The checks that need only the file as written: waivers, presence, outcomes, the
/// trigger questions, the window parameter and `eligible_from` where no end is known.
pub fn check_declared(file: &RuleFile) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut waived = HashSet::new();
    for (i, waiver) in file.waived.iter().enumerate() {
        let path = format!("waived[{i}]");
        if !EXCLUSIONS.iter().any(|e| e.rule == waiver.exclusion) {
            let known: Vec<String> = EXCLUSIONS.iter().map(|e| format!("`{}`", e.rule)).collect();
            problems.push(problem(
                format!("{path}.exclusion"),
                format!(
                    "`{}` is not a documented exclusion (those are {})",
                    waiver.exclusion,
                    known.join(", ")
                ),
            ));
        } else if !waived.insert(waiver.exclusion.as_str()) {
            problems.push(problem(
                format!("{path}.exclusion"),
                format!("`{}` is waived twice", waiver.exclusion),
            ));
        }
        if !is_visible(file, &waiver.reason) {
            problems.push(problem(
                format!("{path}.reason"),
                "a waiver needs its reason in writing (visible letters, not only blanks or invisible characters)",
            ));
        } else if !is_written(file, &waiver.reason) {
            problems.push(problem(
                format!("{path}.reason"),
                format!("a waiver's reason must say why in at least {MIN_WAIVER_WORDS} words"),
            ));
        }
    }
    for exclusion in not_waived(file) {
        let rule = file.rules.iter().find(|r| r.id == exclusion.rule);
        match rule {
            None => problems.push(problem(
                "rules",
                format!(
                    "the documented exclusion `{}` is missing: add the rule (outcome `{}` or stricter) or waive it under `waived` with a reason",
                    exclusion.rule,
                    outcome_id(exclusion.at_least)
                ),
            )),
            Some(rule) if rule.outcome < exclusion.at_least => problems.push(problem(
                format!("rules.{}.outcome", exclusion.rule),
                format!(
                    "the documented exclusion `{}` must be `{}` or stricter, not `{}` (or waive it under `waived` with a reason)",
                    exclusion.rule,
                    outcome_id(exclusion.at_least),
                    outcome_id(rule.outcome)
                ),
            )),
            Some(_) => {}
        }
        check_trigger_questions(file, exclusion, &mut problems);
        match (exclusion.trigger, rule) {
            (Trigger::Yes(_), Some(rule)) if rule.eligible_from.is_some() => {
                problems.push(problem(
                    format!("rules.{}.eligible_from", exclusion.rule),
                    format!(
                        "the documented exclusion `{}` has no end that can be known in advance: it cannot promise a date (remove eligible_from)",
                        exclusion.rule
                    ),
                ));
            }
            (Trigger::YesWithin { date, param, .. }, Some(rule)) => {
                let mut literals = Vec::new();
                literal_windows(&rule.when, date, param, &mut literals);
                for days in literals {
                    problems.push(problem(
                        format!("rules.{}.when", exclusion.rule),
                        format!(
                            "the window on `{date}` is written as {days}: use the parameter `{param}` (`{{\"param\": \"{param}\"}}`), so the clinic sets the window in one place"
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
    problems
}

/// The trigger questions of a documented exclusion stay screening questions, and no
/// other question asks the same thing under another id.
fn check_trigger_questions(file: &RuleFile, exclusion: &Exclusion, problems: &mut Vec<Problem>) {
    for id in exclusion.questions() {
        let Some(question) = file.questions.iter().find(|q| q.id == id) else {
            continue; // reported by the proof, with what it needs
        };
        if question.purpose != Purpose::Screening {
            problems.push(problem(
                format!("questions.{id}.purpose"),
                format!(
                    "`{id}` gives the documented exclusion `{}`: it must be a `screening` question, asked and required before any verdict",
                    exclusion.rule
                ),
            ));
        }
        // Two prompts that read the same in any one language ask the same.
        let base = file.base();
        let prompts: Vec<(&str, String)> = question
            .prompt
            .entries(base)
            .into_iter()
            .map(|(lang, p)| (lang, normalized(p)))
            .filter(|(_, p)| !p.is_empty())
            .collect();
        for (i, other) in file.questions.iter().enumerate() {
            let same = other
                .prompt
                .entries(base)
                .into_iter()
                .any(|(lang, p)| prompts.contains(&(lang, normalized(p))));
            if other.id != id && same {
                problems.push(problem(
                    format!(
                        "{}.prompt",
                        super::path::item_path("questions", i, &other.id)
                    ),
                    format!(
                        "`{}` asks the same as `{id}`, which gives the documented exclusion `{}`: two copies of one question can be answered differently",
                        other.id, exclusion.rule
                    ),
                ));
            }
        }
    }
}

/// The `within_days` on `date` written with a literal day count or another parameter.
fn literal_windows(cond: &Condition, date: &str, param: &str, out: &mut Vec<String>) {
    match cond {
        Condition::All(items) | Condition::Any(items) => items
            .iter()
            .for_each(|item| literal_windows(item, date, param, out)),
        Condition::Not(inner) => literal_windows(inner, date, param, out),
        Condition::WithinDays(w) if w.answer == date => match &w.days {
            Amount::Literal(n) => out.push(format!("the literal {n} days")),
            Amount::Param { param: other } if other != param => {
                out.push(format!("the parameter `{other}`"))
            }
            Amount::Param { .. } => {}
        },
        _ => {}
    }
}

/// The checks that need the compiled rule set: `eligible_from` sits exactly at the end
/// of its rule's window, and each documented exclusion that is not waived is proved.
/// Returns what was proved and the problems.
pub fn prove(rules: &RuleSet) -> (Vec<Proved>, Vec<Problem>) {
    let mut problems = check_eligible_from(rules);
    let mut proofs = Vec::new();
    let mut budget = MAX_COMBINATIONS;
    for exclusion in not_waived(&rules.file) {
        let Some(rule) = rules.rules.iter().find(|r| r.id == exclusion.rule) else {
            continue; // reported by `check_declared`
        };
        match prove_one(rules, exclusion, rule, &mut budget) {
            Ok(combinations) => proofs.push(Proved {
                exclusion: exclusion.rule,
                combinations,
            }),
            Err(refusal) => problems.push(refusal.problem(exclusion)),
        }
    }
    (proofs, problems)
}

/// The counter-examples the proof finds, for tests that screen them.
#[cfg(test)]
pub(crate) fn counter_examples(rules: &RuleSet) -> Vec<CounterExample> {
    let mut budget = MAX_COMBINATIONS;
    not_waived(&rules.file)
        .filter_map(|exclusion| {
            let rule = rules.rules.iter().find(|r| r.id == exclusion.rule)?;
            match prove_one(rules, exclusion, rule, &mut budget) {
                Err(Refusal::Counter(example)) => Some(*example),
                _ => None,
            }
        })
        .collect()
}

/// Why an exclusion could not be proved.
enum Refusal {
    /// Boxed: a counter-example is large and refusals travel in `Result`s.
    Counter(Box<CounterExample>),
    /// The trigger needs a question the file does not have (or not of that type).
    Needs(String),
    TooLarge,
}

impl Refusal {
    fn problem(self, exclusion: &Exclusion) -> Problem {
        let path = format!("rules.{}.when", exclusion.rule);
        match self {
            Refusal::Needs(message) => problem(path, message),
            Refusal::TooLarge => problem(
                path,
                format!(
                    "the safety check cannot prove the documented exclusion `{}`: its condition and the questions it depends on allow more than {MAX_COMBINATIONS} answer combinations; simplify it",
                    exclusion.rule
                ),
            ),
            Refusal::Counter(example) => {
                let at = format!(
                    "counter-example, screened on {}: {}",
                    example.day, example.json
                );
                match example.failure {
                    Failure::NotAsked(question) => problem(
                        format!("questions.{question}.ask_if"),
                        format!(
                            "`{question}` gives the documented exclusion `{}` but is not asked for every answer: no ask_if may hide it; {at}",
                            exclusion.rule
                        ),
                    ),
                    Failure::DoesNotFire => problem(
                        path,
                        format!(
                            "the documented exclusion `{}` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; {at}",
                            exclusion.rule
                        ),
                    ),
                }
            }
        }
    }
}

/// Whether an end date `date` lies less than `days` days before `day`, or later.
fn within(date: NaiveDate, days: u64, day: NaiveDate) -> bool {
    date.checked_add_days(Days::new(days))
        .is_none_or(|end| end > day)
}

/// Proves one exclusion: returns how many combinations were tried, or why not.
fn prove_one(
    rules: &RuleSet,
    exclusion: &Exclusion,
    rule: &RuleDef,
    budget: &mut usize,
) -> Result<usize, Refusal> {
    let find = |id: &str, kind: Kind, what: &str| {
        rules
            .questions
            .iter()
            .position(|q| q.id == id && q.kind == kind)
            .ok_or_else(|| Refusal::Needs(format!("the safety check needs {what} question `{id}`")))
    };
    let (flag, date) = match exclusion.trigger {
        Trigger::Yes(id) => (find(id, Kind::Boolean, "the boolean")?, None),
        Trigger::YesWithin {
            flag, date, days, ..
        } => (
            find(flag, Kind::Boolean, "the boolean")?,
            Some((find(date, Kind::Date, "the date")?, days)),
        ),
    };
    let mut triggers = vec![flag];
    triggers.extend(date.map(|(q, _)| q));
    let involved = domain::closure(rules, &triggers, &[&rule.when]);
    let mut constants: Constants = domain::constants(rules, &involved, &[&rule.when]);
    if let Some((_, days)) = date {
        constants.add_window(days);
    }
    if constants.day_count() > *budget {
        return Err(Refusal::TooLarge);
    }
    // The domain of each involved question on each day, the trigger given.
    let mut spaces = Vec::new();
    let mut total = 0usize;
    for day in constants.days() {
        let domains: Vec<Vec<Reply>> = involved
            .iter()
            .map(|&q| match date {
                _ if q == flag => vec![Reply::Given(Value::Bool(true))],
                Some((d, days)) if q == d => constants
                    .domain(rules, q, day)
                    .into_iter()
                    .filter(|r| matches!(r, Reply::Given(Value::Date(x)) if within(*x, days, day)))
                    .collect(),
                _ => constants.domain(rules, q, day),
            })
            .collect();
        let count = domains
            .iter()
            .try_fold(1usize, |n, d| n.checked_mul(d.len()))
            .ok_or(Refusal::TooLarge)?;
        total = total.checked_add(count).ok_or(Refusal::TooLarge)?;
        if total > *budget {
            return Err(Refusal::TooLarge);
        }
        spaces.push((day, domains));
    }
    *budget -= total;
    let mut found = None;
    for (day, domains) in &spaces {
        domain::each_combination(rules, &involved, domains, |answers| {
            let facts = Facts::new(rules, answers, *day);
            let failure = match triggers.iter().find(|&&q| facts.applies(q) != Tri::True) {
                Some(&q) => Failure::NotAsked(rules.questions[q].id.clone()),
                None if rule.when.eval(&facts) != Tri::True => Failure::DoesNotFire,
                None => return true,
            };
            found = Some(counter_example(
                rules, exclusion, failure, answers, &involved, *day,
            ));
            false
        });
        if let Some(example) = found {
            return Err(Refusal::Counter(Box::new(example)));
        }
    }
    Ok(total)
}

/// A whole answers document around the combination that fails: the other yes/no
/// screening questions that nothing makes conditional are answered no, so that the
/// exclusion's absence shows in the verdict.
fn counter_example(
    rules: &RuleSet,
    exclusion: &Exclusion,
    failure: Failure,
    combination: &Answers,
    involved: &[usize],
    day: NaiveDate,
) -> CounterExample {
    let mut answers = combination.clone();
    for (q, question) in rules.questions.iter().enumerate() {
        if question.purpose == Purpose::Screening
            && question.kind == Kind::Boolean
            && question.ask_if.is_none()
            && !involved.contains(&q)
        {
            answers.set(q, Reply::Given(Value::Bool(false)));
        }
    }
    // Serialising a map of JSON values cannot fail.
    let json = serde_json::to_string(&answers.to_json(rules)).unwrap_or_default();
    CounterExample {
        exclusion: exclusion.rule,
        failure,
        day,
        answers,
        json,
    }
}

/// `eligible_from` on any rule: the date answer it counts from must be read by a
/// window (`within_days`) of the rule's condition, and the day count must be that
/// window's, so the date given is exactly the first day the rule no longer fires.
fn check_eligible_from(rules: &RuleSet) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (i, rule) in rules.rules.iter().enumerate() {
        let Some((q, days)) = rule.eligible_from else {
            continue;
        };
        let path = format!(
            "{}.eligible_from",
            super::path::item_path("rules", i, &rule.id)
        );
        let id = &rules.questions[q].id;
        let mut windows = Vec::new();
        windows_on(&rule.when, q, true, &mut windows);
        let positive: Vec<u64> = windows.iter().filter(|w| w.1).map(|w| w.0).collect();
        if positive.is_empty() {
            problems.push(problem(
                path,
                format!(
                    "the rule's condition has no window (`within_days`) on `{id}`: eligible_from can only name the end of one"
                ),
            ));
        } else if let Some(&(window, _)) = windows.iter().find(|w| w.0 != days) {
            // A concrete case: the date answer is the day judged.
            let example = PROBE_DAY.and_then(|end| {
                let given = end.checked_add_days(Days::new(days))?;
                let over = end.checked_add_days(Days::new(window))?;
                Some(if days < window {
                    format!("; counter-example: with `{id}` {end}, eligible_from would give {given}, yet the rule defers until {over}")
                } else {
                    format!("; counter-example: with `{id}` {end}, the rule no longer defers from {over}, yet eligible_from would give {given}")
                })
            });
            problems.push(problem(
                path,
                format!(
                    "`{id}` + {days} days is not where the rule's window ends (`{id}` + {window} days): eligible_from must be exactly the end of the window{}",
                    example.unwrap_or_default()
                ),
            ));
        }
    }
    problems
}

/// The windows on question `q` in `cond`: (days, whether they count toward firing).
fn windows_on(cond: &Cond, q: usize, positive: bool, out: &mut Vec<(u64, bool)>) {
    match cond {
        Cond::All(items) | Cond::Any(items) => items
            .iter()
            .for_each(|item| windows_on(item, q, positive, out)),
        Cond::Not(inner) => windows_on(inner, q, !positive, out),
        Cond::WithinDays { question, days } if *question == q => out.push((*days, positive)),
        _ => {}
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
                "rules.pregnancy.when: the documented exclusion `pregnancy` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"eczema\":false,\"open_wounds\":false,\"other_skin_disease\":false,\"pregnant\":true,",
            ),
            (
                "question hidden behind ask_if",
                Box::new(|d| {
                    d["questions"][4]["ask_if"] =
                        json!({"is": {"answer": "eczema", "value": true}});
                }),
                "questions.open_wounds.ask_if: `open_wounds` gives the documented exclusion `open_wounds` but is not asked for every answer: no ask_if may hide it; counter-example, screened on 2026-01-01: {\"eczema\":false,\"open_wounds\":true,",
            ),
            (
                "window of zero days",
                Box::new(|d| d["parameters"][0]["value"] = json!(0)),
                "rules.recent_radiation.when: the documented exclusion `recent_radiation` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"eczema\":false,\"open_wounds\":false,\"other_skin_disease\":false,\"pregnant\":false,\"psoriasis\":false,\"radiation_end_date\":\"2025-01-02\",\"radiation_therapy\":true,",
            ),
            (
                "ongoing treatment not covered",
                Box::new(|d| {
                    let i = rule_index(d, "recent_radiation");
                    d["rules"][i]["when"]["all"][1] = json!({"not": {"within_days": {"answer": "radiation_end_date", "days": 0}}});
                }),
                "\"radiation_end_date\":\"2026-01-02\",\"radiation_therapy\":true,",
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
                "waived[0].reason: a waiver needs its reason in writing (visible letters, not only blanks or invisible characters)",
            ),
            (
                "waiver of something undocumented",
                Box::new(|d| {
                    d["waived"] = json!([{"exclusion": "acne", "reason": "Not done here at all."}])
                }),
                "waived[0].exclusion: `acne` is not a documented exclusion",
            ),
            (
                "waived twice",
                Box::new(|d| {
                    d["waived"] = json!([
                        {"exclusion": "eczema", "reason": "Screened by the dermatologist."},
                        {"exclusion": "eczema", "reason": "Screened by the dermatologist."}
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

    use super::{CounterExample, Failure, MAX_COMBINATIONS, PROBE_DAY, counter_examples};
    use crate::answers;
    use crate::rules::compile::compile_unchecked;
    use crate::rules::model::RuleFile;
    use crate::screen::{Verdict, screen};
    use chrono::NaiveDate;

    /// A fixture of `tests/lint/` (the CLI tests lint the same files).
    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/../tests/lint/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap()
    }

    /// The fixture compiled without the safety check, and what the checked load says.
    fn unchecked(name: &str) -> (RuleSet, Vec<String>) {
        let bytes = fixture(name);
        let refused = match RuleSet::from_bytes(&bytes) {
            Err(RulesError::Invalid(problems)) => {
                problems.iter().map(ToString::to_string).collect()
            }
            other => panic!("{name}: expected a refusal, got {other:?}"),
        };
        let file: RuleFile = serde_json::from_slice(&bytes).unwrap();
        (compile_unchecked(file, String::new()).unwrap(), refused)
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn each_counter_example_really_gives_the_weaker_result() {
        let cases = [
            ("safety-conjunction.json", "pregnancy", Verdict::Review),
            ("safety-any-not.json", "eczema", Verdict::Review),
            ("safety-not-any.json", "open_wounds", Verdict::Review),
            (
                "safety-new-number-question.json",
                "pregnancy",
                Verdict::Candidate,
            ),
            (
                "safety-new-choice-question.json",
                "scarring_history",
                Verdict::Candidate,
            ),
            (
                "safety-duplicate-question.json",
                "pregnancy",
                Verdict::Candidate,
            ),
            ("safety-ask-if-hides.json", "pregnancy", Verdict::Review),
            (
                "safety-window-short.json",
                "recent_radiation",
                Verdict::Candidate,
            ),
            (
                "safety-window-literal.json",
                "recent_radiation",
                Verdict::Candidate,
            ),
            (
                "safety-date-exemption.json",
                "recent_radiation",
                Verdict::Candidate,
            ),
        ];
        for (name, exclusion, verdict) in cases {
            let (rules, refused) = unchecked(name);
            let found: Vec<CounterExample> = counter_examples(&rules);
            let [example] = found.as_slice() else {
                panic!("{name}: one counter-example expected, got {found:?}");
            };
            assert_eq!(example.exclusion, exclusion, "{name}");
            // The refusal shows exactly this counter-example.
            assert!(
                refused.iter().any(|p| p.ends_with(&format!(
                    "counter-example, screened on {}: {}",
                    example.day, example.json
                ))),
                "{name}: {refused:?}"
            );
            // The line is a valid answers document, and it is the one screened.
            let parsed = answers::parse(&rules, example.json.as_bytes()).unwrap();
            assert_eq!(parsed, example.answers, "{name}");
            let screening = screen(&rules, &parsed, example.day);
            let at_least = super::EXCLUSIONS
                .iter()
                .find(|e| e.rule == exclusion)
                .unwrap()
                .at_least;
            assert!(
                screening.reasons.iter().all(|r| r.rule != exclusion),
                "{name}: the reason is reported"
            );
            assert_eq!(screening.verdict, verdict, "{name}");
            assert!(screening.verdict < Verdict::from(at_least), "{name}");
            if name == "safety-ask-if-hides.json" {
                assert_eq!(example.failure, Failure::NotAsked("pregnant".into()));
            } else {
                assert_eq!(example.failure, Failure::DoesNotFire, "{name}");
            }
        }
    }

    #[test]
    fn each_eligible_from_mismatch_really_misleads() {
        // Radiation ended on the probe day: screened then, and on the date promised.
        let ended = json!({
            "pregnant": false, "eczema": false, "psoriasis": false, "other_skin_disease": false,
            "open_wounds": false, "scarring_history": false, "radiation_therapy": true,
            "radiation_end_date": "2026-01-01"
        });
        let probe = PROBE_DAY.unwrap();
        let cases = [
            // (fixture, date promised, verdict on the promised day)
            (
                "safety-eligible-from-short.json",
                Some("2026-01-31"),
                Verdict::Defer,
            ),
            // A date on the day judged is never given: the deferral has no date at all.
            ("safety-eligible-from-zero.json", None, Verdict::Defer),
            (
                "safety-eligible-from-long.json",
                Some("2035-12-30"),
                Verdict::Candidate,
            ),
        ];
        for (name, promised, verdict) in cases {
            let (rules, refused) = unchecked(name);
            assert!(
                refused
                    .iter()
                    .any(|p| p.starts_with("rules.recent_radiation.eligible_from: ")),
                "{name}: {refused:?}"
            );
            let a = answers::parse(&rules, ended.to_string().as_bytes()).unwrap();
            let first = screen(&rules, &a, probe);
            assert_eq!(first.verdict, Verdict::Defer, "{name}");
            assert_eq!(first.eligible_from, promised.map(day), "{name}");
            if let Some(promised) = promised {
                // Long: already a candidate a day after the real window ends.
                let on = if verdict == Verdict::Candidate {
                    day("2027-01-01")
                } else {
                    day(promised)
                };
                assert_eq!(screen(&rules, &a, on).verdict, verdict, "{name}");
            }
        }

        // A date for a pregnancy: promised, though nothing says she will not be pregnant.
        let (rules, refused) = unchecked("safety-eligible-from-pregnancy.json");
        assert!(
            refused[0].contains("has no end that can be known"),
            "{refused:?}"
        );
        let mut pregnant = ended.clone();
        pregnant["pregnant"] = json!(true);
        let a = answers::parse(&rules, pregnant.to_string().as_bytes()).unwrap();
        let s = screen(&rules, &a, probe);
        let reason = s.reasons.iter().find(|r| r.rule == "pregnancy").unwrap();
        assert_eq!(reason.eligible_from, Some(day("2027-01-01")));
    }

    #[test]
    fn texts_and_questions_that_only_look_right() {
        let probe = PROBE_DAY.unwrap();
        // The pregnancy question moved to aftercare: the questionnaire asks aftercare
        // questions only of a candidate, so it is never asked before a verdict.
        let (_, refused) = unchecked("safety-purpose-aftercare.json");
        assert_eq!(refused.len(), 1, "{refused:?}");
        assert!(
            refused[0].starts_with("questions.pregnant.purpose: "),
            "{refused:?}"
        );

        // An invisible waiver: psoriasis goes without a reason anyone can read.
        let (rules, refused) = unchecked("safety-invisible-waiver.json");
        assert!(refused[0].starts_with("waived[0].reason: "), "{refused:?}");
        let a = crate::testing::answers(
            &rules,
            crate::testing::screening_candidate(json!({"psoriasis": true})),
        );
        assert_eq!(screen(&rules, &a, probe).verdict, Verdict::Candidate);

        // An invisible reason: the deferral would be reported with nothing to read.
        let Err(RulesError::Invalid(refused)) =
            RuleSet::from_bytes(&fixture("safety-invisible-reason.json"))
        else {
            panic!("an invisible reason must be refused");
        };
        assert_eq!(
            refused[0].to_string(),
            "rules.open_wounds.reason: the reason is empty: it has no visible letters"
        );
    }

    #[test]
    fn the_default_file_is_proved_for_every_exclusion() {
        let rules = crate::testing::default_rules();
        let proved: Vec<(&str, bool)> = rules
            .proofs
            .iter()
            .map(|p| (p.exclusion, p.combinations > 0))
            .collect();
        let expected: Vec<(&str, bool)> =
            super::EXCLUSIONS.iter().map(|e| (e.rule, true)).collect();
        assert_eq!(proved, expected);
        assert!(counter_examples(&rules).is_empty());
        // A waived exclusion is not proved.
        let rules = crate::testing::rules_from(|d| {
            d["waived"] =
                json!([{"exclusion": "eczema", "reason": "Screened by the dermatologist."}]);
        });
        assert!(rules.proofs.iter().all(|p| p.exclusion != "eczema"));
        assert_eq!(rules.proofs.len(), 5);
    }

    #[test]
    fn removing_the_projects_own_extra_rule_is_allowed() {
        let found = problems(|d| remove_rule(d, "other_skin_disease"));
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn a_domain_too_large_to_enumerate_is_refused_not_passed() {
        let found = problems(|d| {
            let mut all = Vec::new();
            for i in 0..14 {
                let id = format!("extra_{i}");
                d["questions"].as_array_mut().unwrap().push(json!({
                    "id": id, "type": "boolean", "purpose": "screening", "prompt": format!("Extra question {i}?")
                }));
                all.push(json!({"is": {"answer": id, "value": true}}));
            }
            let i = rule_index(d, "pregnancy");
            d["rules"][i]["when"] = json!({"any": [
                {"is": {"answer": "pregnant", "value": true}},
                {"all": all}
            ]});
        });
        assert_eq!(
            found,
            [format!(
                "rules.pregnancy.when: the safety check cannot prove the documented exclusion `pregnancy`: its condition and the questions it depends on allow more than {MAX_COMBINATIONS} answer combinations; simplify it"
            )]
        );
    }

    #[test]
    fn stricter_windows_and_conditions_are_proved() {
        let found = problems(|d| {
            d["parameters"][0]["value"] = json!(400);
            let i = rule_index(d, "recent_radiation");
            d["rules"][i]["when"] = json!({"any": [
                d["rules"][i]["when"].clone(),
                {"not": {"not": {"is": {"answer": "radiation_end_date", "value": "2020-02-02"}}}}
            ]});
            let i = rule_index(d, "pregnancy");
            d["rules"][i]["when"] = json!({"not": {"is": {"answer": "pregnant", "value": false}}});
        });
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn short_waiver_reasons_are_not_in_writing() {
        let found = problems(|d| {
            remove_rule(d, "eczema");
            d["waived"] = json!([{"exclusion": "eczema", "reason": "no\u{200B}"}]);
        });
        assert_eq!(
            found,
            [
                "waived[0].reason: a waiver's reason must say why in at least 3 words",
                "rules: the documented exclusion `eczema` is missing: add the rule (outcome `not_candidate` or stricter) or waive it under `waived` with a reason"
            ]
        );
    }
}
