//! The questionnaire's logic: which question comes next, what a changed answer
//! invalidates, and the answers built so far.
//!
//! Pure: no terminal. `ask` drives it through a `Prompter`; tests drive it directly.
//! The order and the conditions come from the rule file alone, so a new question there
//! shows up here with no code change.

use chrono::NaiveDate;

use crate::answers::{Answers, Reply};
use crate::condition::{Facts, Tri};
use crate::rules::{Purpose, RuleSet};
use crate::screen::{self, Verdict};

pub struct Questionnaire<'r> {
    rules: &'r RuleSet,
    answers: Answers,
    today: NaiveDate,
}

impl<'r> Questionnaire<'r> {
    pub fn new(rules: &'r RuleSet, today: NaiveDate) -> Questionnaire<'r> {
        Questionnaire {
            rules,
            answers: Answers::empty(rules),
            today,
        }
    }

    pub fn rules(&self) -> &'r RuleSet {
        self.rules
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn into_answers(self) -> Answers {
        self.answers
    }

    /// The verdict the answers so far lead to, judged on the procedure's own date once
    /// it is known (a procedure before the screening date, which the prompt refuses,
    /// would be `review`).
    pub fn verdict(&self) -> Verdict {
        screen::screen_for_procedure(self.rules, &self.answers, self.today)
            .map_or(Verdict::Review, |s| s.verdict)
    }

    /// The next question to ask, if any: the first unasked screening question that
    /// applies, in file order; then, only once the screening answers make a candidate,
    /// the first unasked aftercare question that applies.
    pub fn next(&self) -> Option<usize> {
        let facts = Facts::new(self.rules, &self.answers, self.today);
        let unasked = |purpose: Purpose| {
            self.rules
                .questions
                .iter()
                .enumerate()
                .position(|(q, question)| {
                    question.purpose == purpose
                        && *self.answers.reply(q) == Reply::Missing
                        && facts.applies(q) == Tri::True
                })
        };
        unasked(Purpose::Screening).or_else(|| {
            if self.verdict() == Verdict::Candidate {
                unasked(Purpose::Aftercare)
            } else {
                None
            }
        })
    }

    /// Records a reply. Answers to questions that no longer apply (their `ask_if` is no
    /// longer true) are cleared, as if never asked; their indices are returned.
    pub fn answer(&mut self, q: usize, reply: Reply) -> Vec<usize> {
        self.answers.set(q, reply);
        let mut cleared = Vec::new();
        loop {
            let facts = Facts::new(self.rules, &self.answers, self.today);
            let stale = (0..self.rules.questions.len()).find(|&r| {
                *self.answers.reply(r) != Reply::Missing && facts.applies(r) != Tri::True
            });
            match stale {
                Some(r) => {
                    self.answers.set(r, Reply::Missing);
                    cleared.push(r);
                }
                None => return cleared,
            }
        }
    }

    /// The questions answered so far, in file order: what the summary shows.
    pub fn answered(&self) -> Vec<usize> {
        (0..self.rules.questions.len())
            .filter(|&q| *self.answers.reply(q) != Reply::Missing)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Value;
    use crate::testing::{default_rules, q};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn ids(rules: &RuleSet, qs: &[usize]) -> Vec<String> {
        qs.iter().map(|&i| rules.questions[i].id.clone()).collect()
    }

    /// Answers every question `next` asks with `reply_for`, returning the ids in order.
    fn run(qn: &mut Questionnaire, reply_for: impl Fn(&str) -> Reply) -> Vec<String> {
        let mut asked = Vec::new();
        while let Some(next) = qn.next() {
            let id = qn.rules().questions[next].id.clone();
            qn.answer(next, reply_for(&id));
            asked.push(id);
            assert!(asked.len() < 100, "the questionnaire does not end");
        }
        asked
    }

    fn no(id: &str) -> Reply {
        match id {
            "procedure_time" => Reply::NotSure,
            "treatment_area" => Reply::Given(Value::Choice(0)),
            _ => Reply::Given(Value::Bool(false)),
        }
    }

    #[test]
    fn a_candidate_is_asked_screening_then_aftercare_questions() {
        let rules = default_rules();
        let mut qn = Questionnaire::new(&rules, day());
        let asked = run(&mut qn, no);
        assert_eq!(
            asked,
            [
                "pregnant",
                "eczema",
                "psoriasis",
                "other_skin_disease",
                "open_wounds",
                "scarring_history",
                "radiation_therapy",
                "procedure_time",
                "treatment_area",
                "wears_makeup",
                "outdoors_next_24h",
                "uses_alcohol_based_products",
            ],
            "no end date after 'no' to radiation"
        );
        assert_eq!(qn.verdict(), Verdict::Candidate);
    }

    #[test]
    fn the_end_date_is_asked_only_after_yes() {
        let rules = default_rules();
        let mut qn = Questionnaire::new(&rules, day());
        let asked = run(&mut qn, |id| match id {
            "radiation_therapy" => Reply::Given(Value::Bool(true)),
            "radiation_end_date" => {
                Reply::Given(Value::Date(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()))
            }
            other => no(other),
        });
        assert_eq!(
            &asked[6..],
            ["radiation_therapy", "radiation_end_date"],
            "no aftercare questions: deferred"
        );
        assert_eq!(qn.verdict(), Verdict::Defer);
    }

    #[test]
    fn not_sure_stops_before_aftercare_and_leads_to_review() {
        let rules = default_rules();
        let mut qn = Questionnaire::new(&rules, day());
        let asked = run(&mut qn, |id| {
            if id == "eczema" {
                Reply::NotSure
            } else {
                no(id)
            }
        });
        assert_eq!(asked.len(), 7);
        assert_eq!(qn.verdict(), Verdict::Review);
    }

    #[test]
    fn changing_an_answer_clears_what_no_longer_applies_and_asks_what_now_does() {
        let rules = default_rules();
        let mut qn = Questionnaire::new(&rules, day());
        run(&mut qn, |id| match id {
            "radiation_therapy" => Reply::Given(Value::Bool(true)),
            "radiation_end_date" => {
                Reply::Given(Value::Date(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()))
            }
            other => no(other),
        });
        assert_eq!(qn.verdict(), Verdict::Defer);
        // The person misspoke: no radiation therapy after all.
        let cleared = qn.answer(
            q(&rules, "radiation_therapy"),
            Reply::Given(Value::Bool(false)),
        );
        assert_eq!(ids(&rules, &cleared), ["radiation_end_date"]);
        assert_eq!(qn.verdict(), Verdict::Candidate, "the flip");
        let then_asked = run(&mut qn, no);
        assert_eq!(
            then_asked[0], "procedure_time",
            "aftercare questions now apply"
        );
        assert!(!ids(&rules, &qn.answered()).contains(&"radiation_end_date".to_string()));
    }

    #[test]
    fn a_new_question_in_the_rule_file_is_asked_with_no_code_change() {
        let rules = crate::testing::rules_from(|d| {
            let questions = d["questions"].as_array_mut().unwrap();
            questions.insert(1, serde_json::json!({
                "id": "breastfeeding", "type": "boolean", "purpose": "screening", "prompt": "Are you breastfeeding?"
            }));
        });
        let mut qn = Questionnaire::new(&rules, day());
        assert_eq!(run(&mut qn, no)[1], "breastfeeding");
    }
}
