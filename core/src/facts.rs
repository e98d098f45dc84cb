//! The answers as conditions see them on a given day ([`Facts`]), and the three-valued
//! evaluation of a compiled [`Cond`] over them. Above `answers` and `rules`, which the
//! condition type itself sits below.
//!
//! Pure: no I/O, no clock (the screening date is passed in). An unknown answer (missing,
//! `null`, "not sure") is [`Tri::Unknown`], never "no": `all`, `any` and `not` follow
//! Kleene's logic, so an unknown can only be outvoted by a known answer that decides the
//! result on its own.

use chrono::{Days, NaiveDate};

use crate::answers::{Answers, Value};
use crate::condition::{CmpOp, Cond, Tri};
use crate::flags::Flags;
use crate::rules::RuleSet;

impl Cond {
    /// Evaluates the condition; unknown answers propagate as [`Tri::Unknown`].
    ///
    /// The common rule, one answer compared with a value, is decided here, inline in
    /// the caller; anything else by the recursive [`eval_tree`](Self::eval_tree).
    #[inline]
    pub fn eval(&self, facts: &Facts) -> Tri {
        match self {
            Cond::Is { question, value } => match facts.value(*question) {
                Some(answer) => known(answer == value),
                None => Tri::Unknown,
            },
            _ => self.eval_tree(facts),
        }
    }

    fn eval_tree(&self, facts: &Facts) -> Tri {
        match self {
            Cond::All(items) => {
                let mut result = Tri::True;
                for item in items {
                    match item.eval(facts) {
                        Tri::False => return Tri::False,
                        Tri::Unknown => result = Tri::Unknown,
                        Tri::True => {}
                    }
                }
                result
            }
            Cond::Any(items) => {
                let mut result = Tri::False;
                for item in items {
                    match item.eval(facts) {
                        Tri::True => return Tri::True,
                        Tri::Unknown => result = Tri::Unknown,
                        Tri::False => {}
                    }
                }
                result
            }
            Cond::Not(inner) => inner.eval(facts).not(),
            Cond::Is { question, value } => match facts.value(*question) {
                Some(answer) => known(answer == value),
                None => Tri::Unknown,
            },
            Cond::Cmp {
                question,
                op,
                value,
            } => match facts.value(*question) {
                Some(Value::Number(n)) => known(match op {
                    CmpOp::Lt => n < value,
                    CmpOp::Le => n <= value,
                    CmpOp::Gt => n > value,
                    CmpOp::Ge => n >= value,
                }),
                _ => Tri::Unknown,
            },
            Cond::WithinDays { question, days } => match facts.value(*question) {
                // Past the end of the calendar counts as within: the fail-safe side.
                Some(Value::Date(date)) => known(
                    date.checked_add_days(Days::new(*days))
                        .is_none_or(|end| end > facts.today),
                ),
                _ => Tri::Unknown,
            },
        }
    }
}

fn known(b: bool) -> Tri {
    if b { Tri::True } else { Tri::False }
}

/// The answers as conditions see them on a given day.
///
/// A question whose `ask_if` is false does not apply: its answer is ignored (seen as
/// unknown), exactly as if it had not been asked. `ask_if` may only name earlier
/// questions (checked when the rule file is compiled), so one pass in file order decides
/// every question.
pub struct Facts<'a> {
    answers: &'a Answers,
    /// Whether each question applies: decided (true or false) and, if so, true. A
    /// question not yet decided is `Unknown`.
    decided: Flags,
    applying: Flags,
    today: NaiveDate,
}

impl<'a> Facts<'a> {
    pub fn new(rules: &RuleSet, answers: &'a Answers, today: NaiveDate) -> Facts<'a> {
        let count = rules.questions.len();
        let mut facts = Facts {
            answers,
            decided: Flags::new(count),
            applying: Flags::new(count),
            today,
        };
        for (q, question) in rules.questions.iter().enumerate() {
            let applies = match &question.ask_if {
                None => Tri::True,
                Some(cond) => cond.eval(&facts),
            };
            match applies {
                Tri::True => {
                    facts.decided.set(q);
                    facts.applying.set(q);
                }
                Tri::False => facts.decided.set(q),
                Tri::Unknown => {}
            }
        }
        facts
    }

    /// Whether question `q` applies: `True` when it must be answered, `False` when it is
    /// not asked, `Unknown` when an earlier answer it depends on is unknown.
    pub fn applies(&self, q: usize) -> Tri {
        match (self.decided.get(q), self.applying.get(q)) {
            (false, _) => Tri::Unknown,
            (true, true) => Tri::True,
            (true, false) => Tri::False,
        }
    }

    /// The answer to `q` as conditions see it: `None` when unknown or not applicable.
    pub fn value(&self, q: usize) -> Option<&'a Value> {
        match self.applies(q) {
            Tri::False => None,
            // While `Facts::new` runs, later questions are not yet decided; `ask_if`
            // never reads them (compile rejects forward references).
            Tri::True | Tri::Unknown => self.answers.value(q),
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{answers, default_rules, q};
    use serde_json::json;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn kleene_tables() {
        let rules = default_rules();
        let yes = Cond::Is {
            question: q(&rules, "pregnant"),
            value: Value::Bool(true),
        };
        let a_true = answers(&rules, json!({"pregnant": true}));
        let a_false = answers(&rules, json!({"pregnant": false}));
        let a_null = answers(&rules, json!({"pregnant": null}));
        let a_missing = answers(&rules, json!({}));
        let never = Cond::Any(vec![]);
        let always = Cond::All(vec![]);
        let cases: Vec<(&str, Cond, &Answers, Tri)> = vec![
            ("is true", yes.clone(), &a_true, Tri::True),
            ("is false", yes.clone(), &a_false, Tri::False),
            ("null is unknown", yes.clone(), &a_null, Tri::Unknown),
            ("missing is unknown", yes.clone(), &a_missing, Tri::Unknown),
            (
                "not unknown",
                Cond::Not(Box::new(yes.clone())),
                &a_null,
                Tri::Unknown,
            ),
            (
                "not false",
                Cond::Not(Box::new(yes.clone())),
                &a_false,
                Tri::True,
            ),
            (
                "all with unknown",
                Cond::All(vec![yes.clone(), always.clone()]),
                &a_null,
                Tri::Unknown,
            ),
            (
                "all false beats unknown",
                Cond::All(vec![yes.clone(), never.clone()]),
                &a_null,
                Tri::False,
            ),
            (
                "any true beats unknown",
                Cond::Any(vec![yes.clone(), always.clone()]),
                &a_null,
                Tri::True,
            ),
            (
                "any with unknown",
                Cond::Any(vec![yes.clone(), never.clone()]),
                &a_null,
                Tri::Unknown,
            ),
        ];
        for (name, cond, answers, expected) in cases {
            let facts = Facts::new(&rules, answers, date("2026-11-23"));
            assert_eq!(cond.eval(&facts), expected, "{name}");
        }
    }

    #[test]
    fn within_days_boundaries() {
        let rules = default_rules();
        let end = q(&rules, "radiation_end_date");
        let within = Cond::WithinDays {
            question: end,
            days: 365,
        };
        let cases = [
            ("ended 364 days ago", "2025-11-24", Tri::True),
            ("ended exactly 365 days ago", "2025-11-23", Tri::False),
            ("ended long ago", "2020-01-01", Tri::False),
            ("ends today", "2026-11-23", Tri::True),
            ("still ongoing", "2027-02-01", Tri::True),
        ];
        for (name, end_date, expected) in cases {
            let a = answers(
                &rules,
                json!({"radiation_therapy": true, "radiation_end_date": end_date}),
            );
            let facts = Facts::new(&rules, &a, date("2026-11-23"));
            assert_eq!(within.eval(&facts), expected, "{name}");
        }
    }

    #[test]
    fn not_applicable_answers_are_ignored() {
        let rules = default_rules();
        let end = q(&rules, "radiation_end_date");
        let a = answers(
            &rules,
            json!({"radiation_therapy": false, "radiation_end_date": "2026-11-01"}),
        );
        let facts = Facts::new(&rules, &a, date("2026-11-23"));
        assert_eq!(facts.applies(end), Tri::False);
        assert_eq!(facts.value(end), None);
        let a = answers(&rules, json!({"radiation_therapy": null}));
        let facts = Facts::new(&rules, &a, date("2026-11-23"));
        assert_eq!(facts.applies(end), Tri::Unknown);
    }

    #[test]
    fn numeric_comparisons() {
        let rules = crate::testing::rules_with_number();
        let age = q(&rules, "age");
        let a = answers(&rules, json!({"age": 17}));
        let facts = Facts::new(&rules, &a, date("2026-11-23"));
        let cases = [
            (CmpOp::Lt, 18.0, Tri::True),
            (CmpOp::Lt, 17.0, Tri::False),
            (CmpOp::Le, 17.0, Tri::True),
            (CmpOp::Gt, 16.5, Tri::True),
            (CmpOp::Ge, 17.5, Tri::False),
        ];
        for (op, value, expected) in cases {
            let cond = Cond::Cmp {
                question: age,
                op,
                value,
            };
            assert_eq!(cond.eval(&facts), expected, "17 {} {value}", op.symbol());
        }
        let unknown = answers(&rules, json!({"age": null}));
        let facts = Facts::new(&rules, &unknown, date("2026-11-23"));
        assert_eq!(
            Cond::Cmp {
                question: age,
                op: CmpOp::Lt,
                value: 18.0
            }
            .eval(&facts),
            Tri::Unknown
        );
    }
}
