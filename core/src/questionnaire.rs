//! The questionnaire's logic: which question comes next, what a changed answer
//! invalidates, and the answers built so far.
//!
//! Pure: no terminal. `ask` drives it through a `Prompter`; tests drive it directly.
//! The order and the conditions come from the rule file alone, so a new question there
//! shows up here with no code change.

use chrono::NaiveDate;

use crate::answers::{Answers, Reply};
use crate::condition::Tri;
use crate::facts::Facts;
use crate::rules::{Purpose, RuleSet};
use crate::screen::{self, Verdict};

pub struct Questionnaire<'r> {
    rules: &'r RuleSet,
    answers: Answers,
    today: NaiveDate,
    /// Answers given before the questionnaire started (`--answers` with
    /// `--interactive`) and not changed since: they are not asked, only shown at the
    /// summary.
    prefilled: Vec<bool>,
    /// The question on screen after going back (and while walking forward again over
    /// the answers kept); `None` at the frontier, the first question not yet answered.
    at: Option<usize>,
}

/// Where a question stands among the questions of its part that are asked, given the
/// answers so far: "3 of 7". The total can grow (a "yes" that brings a follow-up) or
/// shrink (an answer that makes one unnecessary); it never counts a question that will
/// not be asked, nor a pre-filled one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub part: Purpose,
    pub number: usize,
    pub total: usize,
}

impl<'r> Questionnaire<'r> {
    pub fn new(rules: &'r RuleSet, today: NaiveDate) -> Questionnaire<'r> {
        Questionnaire {
            rules,
            answers: Answers::empty(rules),
            today,
            prefilled: vec![false; rules.questions.len()],
            at: None,
        }
    }

    /// A questionnaire that starts from answers already known (a booking system's):
    /// only what is missing is asked. Pre-filled answers to questions that do not apply
    /// are dropped, as a changed answer drops them; their indices are returned.
    pub fn with_answers(
        rules: &'r RuleSet,
        today: NaiveDate,
        answers: Answers,
    ) -> (Questionnaire<'r>, Vec<usize>) {
        let prefilled = (0..rules.questions.len())
            .map(|q| *answers.reply(q) != Reply::Missing)
            .collect();
        let mut qn = Questionnaire {
            rules,
            answers,
            today,
            prefilled,
            at: None,
        };
        let dropped = qn.clear_stale();
        (qn, dropped)
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

    /// Whether the answer to `q` was pre-filled and has not been changed.
    pub fn is_prefilled(&self, q: usize) -> bool {
        self.prefilled.get(q).copied().unwrap_or(false)
    }

    /// The verdict the answers so far lead to, judged on the procedure's own date once
    /// it is known (a procedure before the screening date, which the prompt refuses,
    /// would be `review`).
    pub fn verdict(&self) -> Verdict {
        screen::screen_for_procedure(self.rules, &self.answers, self.today)
            .map_or(Verdict::Review, |s| s.verdict)
    }

    /// The first question not yet answered: the first unasked screening question that
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

    /// The questions asked (answered or still to come) given the answers so far, in the
    /// order they are asked: the screening questions that apply, then, for a candidate,
    /// the aftercare questions that apply. Pre-filled answers are not asked.
    pub fn plan(&self) -> Vec<usize> {
        let facts = &Facts::new(self.rules, &self.answers, self.today);
        let candidate = self.verdict() == Verdict::Candidate;
        let part = |purpose: Purpose| {
            (0..self.rules.questions.len()).filter(move |&q| {
                self.rules.questions[q].purpose == purpose
                    && facts.applies(q) == Tri::True
                    && !self.is_prefilled(q)
            })
        };
        let mut plan: Vec<usize> = part(Purpose::Screening).collect();
        if candidate {
            plan.extend(part(Purpose::Aftercare));
        }
        plan
    }

    /// The question to show now: the one gone back to (or walked forward to), else the
    /// first one not answered; `None` when every question is answered (the summary).
    /// Never one after a question still unanswered.
    pub fn current(&self) -> Option<usize> {
        let next = self.next();
        let at = self.at.filter(|q| self.plan().contains(q));
        match (at, next) {
            (Some(at), Some(next)) if self.order(next) < self.order(at) => Some(next),
            (Some(at), _) => Some(at),
            (None, next) => next,
        }
    }

    /// Goes back to the question asked before the current one (from the summary: the
    /// last one asked), keeping every answer. `None` at the first question.
    pub fn back(&mut self) -> Option<usize> {
        let current = self.current();
        let previous = self
            .plan()
            .into_iter()
            .rev()
            .find(|&q| current.is_none_or(|c| self.order(q) < self.order(c)))?;
        self.at = Some(previous);
        Some(previous)
    }

    /// Records a reply and moves on to the question asked after `q` (answered already
    /// when walking forward after going back). Answers to questions that no longer
    /// apply (their `ask_if` is no longer true) are cleared, as if never asked; their
    /// indices are returned.
    pub fn answer(&mut self, q: usize, reply: Reply) -> Vec<usize> {
        let cleared = self.set(q, reply);
        let after = self.order(q);
        self.at = self.plan().into_iter().find(|&r| self.order(r) > after);
        cleared
    }

    /// Changes an answer from the summary: as [`Questionnaire::answer`], but what follows
    /// is only what is now missing, then the summary again.
    pub fn change(&mut self, q: usize, reply: Reply) -> Vec<usize> {
        let cleared = self.set(q, reply);
        self.at = None;
        cleared
    }

    fn set(&mut self, q: usize, reply: Reply) -> Vec<usize> {
        self.answers.set(q, reply);
        if let Some(p) = self.prefilled.get_mut(q) {
            *p = false;
        }
        self.clear_stale()
    }

    /// Clears the answers to questions that do not apply; returns their indices.
    fn clear_stale(&mut self) -> Vec<usize> {
        let mut cleared = Vec::new();
        loop {
            let facts = Facts::new(self.rules, &self.answers, self.today);
            let stale = (0..self.rules.questions.len()).find(|&r| {
                *self.answers.reply(r) != Reply::Missing && facts.applies(r) != Tri::True
            });
            match stale {
                Some(r) => {
                    self.answers.set(r, Reply::Missing);
                    if let Some(p) = self.prefilled.get_mut(r) {
                        *p = false;
                    }
                    cleared.push(r);
                }
                None => return cleared,
            }
        }
    }

    /// Where `q` stands among the asked questions of its part, if it is asked.
    pub fn progress(&self, q: usize) -> Option<Progress> {
        let part = self.rules.questions.get(q)?.purpose;
        let asked: Vec<usize> = self
            .plan()
            .into_iter()
            .filter(|&r| self.rules.questions[r].purpose == part)
            .collect();
        let number = asked.iter().position(|&r| r == q)? + 1;
        Some(Progress {
            part,
            number,
            total: asked.len(),
        })
    }

    /// Screening questions come before aftercare ones, each in file order.
    fn order(&self, q: usize) -> (bool, usize) {
        let aftercare = self
            .rules
            .questions
            .get(q)
            .is_some_and(|question| question.purpose == Purpose::Aftercare);
        (aftercare, q)
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

    fn at(qn: &Questionnaire) -> Option<String> {
        qn.current().map(|c| qn.rules().questions[c].id.clone())
    }

    /// Answers the current question (as the terminal does) until `stop` is current.
    fn answer_until(qn: &mut Questionnaire, stop: &str, reply_for: impl Fn(&str) -> Reply) {
        while let Some(c) = qn.current() {
            let id = qn.rules().questions[c].id.clone();
            if id == stop {
                return;
            }
            qn.answer(c, reply_for(&id));
        }
        panic!("`{stop}` never came");
    }

    #[test]
    fn back_keeps_every_answer_and_walks_forward_over_them() {
        let rules = default_rules();
        let mut qn = Questionnaire::new(&rules, day());
        assert_eq!(qn.back(), None, "nothing before the first question");
        answer_until(&mut qn, "procedure_time", no);
        let before = qn.answered();
        assert_eq!(qn.back(), Some(q(&rules, "radiation_therapy")));
        assert_eq!(qn.back(), Some(q(&rules, "scarring_history")));
        assert_eq!(qn.answered(), before, "going back keeps every answer");
        assert_eq!(at(&qn).as_deref(), Some("scarring_history"));
        // Re-answered the same: the next one is shown with its kept answer...
        qn.answer(q(&rules, "scarring_history"), no("scarring_history"));
        assert_eq!(at(&qn).as_deref(), Some("radiation_therapy"));
        assert_eq!(
            qn.answers().reply(q(&rules, "radiation_therapy")),
            &Reply::Given(Value::Bool(false))
        );
        // ...and after it, the first question not answered yet.
        qn.answer(q(&rules, "radiation_therapy"), no("radiation_therapy"));
        assert_eq!(at(&qn).as_deref(), Some("procedure_time"));
        assert_eq!(qn.answered(), before);
    }

    #[test]
    fn going_back_and_changing_an_answer_asks_its_new_follow_up_and_drops_the_old() {
        let rules = default_rules();
        let mut qn = Questionnaire::new(&rules, day());
        run(&mut qn, no);
        assert_eq!(qn.current(), None, "at the summary");
        // From the summary, back is the last question asked.
        assert_eq!(qn.back(), Some(q(&rules, "uses_alcohol_based_products")));
        while qn.current() != Some(q(&rules, "radiation_therapy")) {
            qn.back().unwrap();
        }
        qn.answer(
            q(&rules, "radiation_therapy"),
            Reply::Given(Value::Bool(true)),
        );
        assert_eq!(at(&qn).as_deref(), Some("radiation_end_date"));
        qn.answer(
            q(&rules, "radiation_end_date"),
            Reply::Given(Value::Date(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap())),
        );
        assert_eq!(qn.verdict(), Verdict::Defer);
        assert_eq!(qn.current(), None, "no aftercare questions for a deferral");
        // Back to "no": the end date goes, the aftercare answers kept come back in turn.
        qn.back().unwrap();
        let cleared = qn.answer(q(&rules, "radiation_end_date"), Reply::NotSure);
        assert!(cleared.is_empty());
        qn.back().unwrap();
        assert_eq!(at(&qn).as_deref(), Some("radiation_end_date"));
        qn.back().unwrap();
        let cleared = qn.answer(
            q(&rules, "radiation_therapy"),
            Reply::Given(Value::Bool(false)),
        );
        assert_eq!(ids(&rules, &cleared), ["radiation_end_date"]);
        assert_eq!(at(&qn).as_deref(), Some("procedure_time"));
        assert_eq!(
            qn.answers().reply(q(&rules, "procedure_time")),
            &Reply::NotSure
        );
    }

    #[test]
    fn a_change_from_the_summary_asks_only_what_is_missing() {
        let rules = default_rules();
        let mut qn = Questionnaire::new(&rules, day());
        run(&mut qn, no);
        qn.change(q(&rules, "pregnant"), Reply::Given(Value::Bool(false)));
        assert_eq!(qn.current(), None, "nothing missing: back to the summary");
        qn.change(
            q(&rules, "radiation_therapy"),
            Reply::Given(Value::Bool(true)),
        );
        assert_eq!(at(&qn).as_deref(), Some("radiation_end_date"));
    }

    #[test]
    fn makeup_is_not_asked_about_for_a_body_treatment() {
        let rules = default_rules();
        for (area, asked) in [(0, true), (1, true), (2, false)] {
            let mut qn = Questionnaire::new(&rules, day());
            let ids = run(&mut qn, |id| match id {
                "treatment_area" => Reply::Given(Value::Choice(area)),
                other => no(other),
            });
            assert_eq!(
                ids.contains(&"wears_makeup".to_string()),
                asked,
                "area {area}"
            );
        }
        // Changed to "body" afterwards: the makeup answer is dropped.
        let mut qn = Questionnaire::new(&rules, day());
        run(&mut qn, no);
        let cleared = qn.change(q(&rules, "treatment_area"), Reply::Given(Value::Choice(2)));
        assert_eq!(ids(&rules, &cleared), ["wears_makeup"]);
    }

    #[test]
    fn progress_counts_only_the_questions_asked_given_the_answers_so_far() {
        let rules = default_rules();
        let mut qn = Questionnaire::new(&rules, day());
        let progress = |qn: &Questionnaire, id: &str| {
            let p = qn.progress(q(&rules, id)).unwrap();
            (p.part, p.number, p.total)
        };
        use Purpose::{Aftercare, Screening};
        assert_eq!(progress(&qn, "pregnant"), (Screening, 1, 7));
        assert_eq!(qn.progress(q(&rules, "radiation_end_date")), None);
        answer_until(&mut qn, "radiation_end_date", |id| match id {
            "radiation_therapy" => Reply::Given(Value::Bool(true)),
            other => no(other),
        });
        assert_eq!(progress(&qn, "radiation_end_date"), (Screening, 8, 8));
        qn.back().unwrap();
        qn.answer(
            q(&rules, "radiation_therapy"),
            Reply::Given(Value::Bool(false)),
        );
        assert_eq!(progress(&qn, "radiation_therapy"), (Screening, 7, 7));
        // The makeup question counts once the area is known not to be the body.
        assert_eq!(progress(&qn, "procedure_time"), (Aftercare, 1, 4));
        answer_until(&mut qn, "outdoors_next_24h", no);
        assert_eq!(progress(&qn, "outdoors_next_24h"), (Aftercare, 4, 5));
        qn.change(q(&rules, "treatment_area"), Reply::Given(Value::Choice(2)));
        assert_eq!(progress(&qn, "outdoors_next_24h"), (Aftercare, 3, 4));
    }

    #[test]
    fn prefilled_answers_are_not_asked_nor_counted_and_can_be_changed() {
        let rules = default_rules();
        let given = crate::testing::answers(
            &rules,
            serde_json::json!({
                "pregnant": false, "eczema": false, "psoriasis": null,
                "radiation_therapy": false, "radiation_end_date": "2026-01-01",
                "treatment_area": "face"
            }),
        );
        let (mut qn, dropped) = Questionnaire::with_answers(&rules, day(), given);
        assert_eq!(
            ids(&rules, &dropped),
            ["radiation_end_date"],
            "does not apply"
        );
        assert!(
            qn.is_prefilled(q(&rules, "psoriasis")),
            "not sure is an answer"
        );
        assert_eq!(
            qn.progress(q(&rules, "other_skin_disease"))
                .map(|p| (p.number, p.total)),
            Some((1, 3))
        );
        let asked = run(&mut qn, no);
        assert_eq!(
            asked,
            ["other_skin_disease", "open_wounds", "scarring_history"]
        );
        assert_eq!(qn.verdict(), Verdict::Review, "psoriasis: not sure");
        // Going back never reaches a pre-filled question; changing one makes it asked.
        for id in ["scarring_history", "open_wounds", "other_skin_disease"] {
            assert_eq!(qn.back(), Some(q(&rules, id)));
        }
        assert_eq!(qn.back(), None);
        qn.change(q(&rules, "psoriasis"), Reply::Given(Value::Bool(false)));
        assert!(!qn.is_prefilled(q(&rules, "psoriasis")));
        assert!(qn.is_prefilled(q(&rules, "treatment_area")));
        assert_eq!(
            run(&mut qn, no),
            [
                "procedure_time",
                "wears_makeup",
                "outdoors_next_24h",
                "uses_alcohol_based_products"
            ]
        );
    }
}
