//! The finite answer domain of a set of conditions: every answer the conditions can
//! tell apart, one representative each, and the days worth judging on.
//!
//! Pure. Conditions compare answers with constants only: a boolean is yes, no or
//! unknown; a choice is one of its options or unknown; a number falls at, between,
//! below or above the thresholds it is compared with; a date lies at, before or after
//! each window boundary (relative to the day judged) and each literal date. Taking one
//! answer from each of these classes, for each class of judged day, covers every answer
//! a person can give: that is what makes the lint warnings and the safety proof
//! exhaustive rather than sampled.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};

use super::{Kind, RuleSet};
use crate::answers::{Answers, MAX_YEAR, MIN_YEAR, Reply, Value};
use crate::condition::Cond;

/// A day any screening can be judged on when no literal date ties the conditions to
/// the calendar: windows are relative to it.
pub const PROBE_DAY: Option<NaiveDate> = NaiveDate::from_ymd_opt(2026, 1, 1);

/// `day` moved by `offset` days (back when negative); `None` past the calendar's ends.
pub fn shifted(day: NaiveDate, offset: i64) -> Option<NaiveDate> {
    let days = Days::new(offset.unsigned_abs());
    if offset < 0 {
        day.checked_sub_days(days)
    } else {
        day.checked_add_days(days)
    }
}

/// The constants conditions compare answers with.
#[derive(Debug, Default, Clone)]
pub struct Constants {
    /// Per question: numbers compared with or equated to.
    numbers: Vec<(usize, f64)>,
    /// Per question: dates equated to.
    dates: Vec<(usize, NaiveDate)>,
    /// Day counts of `within_days`, and any window a caller adds.
    windows: BTreeSet<u64>,
}

impl Constants {
    /// Adds the constants of `cond`.
    pub fn collect(&mut self, cond: &Cond) {
        match cond {
            Cond::All(items) | Cond::Any(items) => items.iter().for_each(|c| self.collect(c)),
            Cond::Not(inner) => self.collect(inner),
            Cond::Is { question, value } => match value {
                Value::Number(n) => self.numbers.push((*question, *n)),
                Value::Date(d) => self.dates.push((*question, *d)),
                _ => {}
            },
            Cond::Cmp {
                question, value, ..
            } => self.numbers.push((*question, *value)),
            Cond::WithinDays { days, .. } => {
                self.windows.insert(*days);
            }
        }
    }

    /// Adds a window that is not in any condition (a safety trigger's own window).
    pub fn add_window(&mut self, days: u64) {
        self.windows.insert(days);
    }

    /// The days worth judging on: `PROBE_DAY`, and around each day on which a window
    /// boundary meets a literal date (before, on and after it). Between two of these
    /// days no comparison of an answer changes its truth.
    pub fn days(&self) -> BTreeSet<NaiveDate> {
        let mut days: BTreeSet<NaiveDate> = PROBE_DAY.into_iter().collect();
        for &(_, date) in &self.dates {
            for &window in &self.windows {
                for delta in [-2, -1, 0] {
                    days.extend(shifted(date, window as i64 + delta));
                }
            }
        }
        days
    }

    /// How many days [`Constants::days`] returns, without building them.
    pub fn day_count(&self) -> usize {
        1 + self.dates.len() * self.windows.len() * 3
    }

    /// One answer to question `q` from each class the conditions tell apart on `day`,
    /// and "not sure" last.
    pub fn domain(&self, rules: &RuleSet, q: usize, day: NaiveDate) -> Vec<Reply> {
        let values: Vec<Value> = match rules.questions.get(q).map(|q| &q.kind) {
            // "No" first: the first combination that breaks something then reads like a
            // plain answers document, which makes a clearer counter-example.
            Some(Kind::Boolean) => vec![Value::Bool(false), Value::Bool(true)],
            Some(Kind::Choice(options)) => (0..options.len()).map(Value::Choice).collect(),
            Some(Kind::Number { min, max }) => self.numbers_for(q, *min, *max),
            Some(Kind::Date) => self
                .dates_for(q, day)
                .into_iter()
                .map(Value::Date)
                .collect(),
            // Nothing in the condition language reads a date and time.
            Some(Kind::DateTime) | None => Vec::new(),
        };
        let mut replies: Vec<Reply> = values.into_iter().map(Reply::Given).collect();
        replies.push(Reply::NotSure);
        replies
    }

    /// Each threshold, a number between each two, one below the lowest and one above the
    /// highest, within the question's bounds.
    fn numbers_for(&self, q: usize, min: Option<f64>, max: Option<f64>) -> Vec<Value> {
        let mut points: Vec<f64> = self
            .numbers
            .iter()
            .filter(|(question, _)| *question == q)
            .map(|(_, n)| *n)
            .chain(min)
            .chain(max)
            .collect();
        points.sort_by(f64::total_cmp);
        points.dedup();
        let mut candidates = points.clone();
        candidates.extend(points.windows(2).map(|w| w[0] / 2.0 + w[1] / 2.0));
        candidates.extend(points.first().map(|p| p - 1.0));
        candidates.extend(points.last().map(|p| p + 1.0));
        if candidates.is_empty() {
            candidates.push(0.0);
        }
        candidates.sort_by(f64::total_cmp);
        candidates.dedup();
        candidates
            .into_iter()
            .filter(|n| n.is_finite() && min.is_none_or(|m| *n >= m) && max.is_none_or(|m| *n <= m))
            .map(Value::Number)
            .collect()
    }

    /// The first day of each stretch of dates on which every comparison is constant:
    /// each window's first day inside it (`day - window + 1`), each literal date and the
    /// day after it, and the earliest date an answer can have.
    fn dates_for(&self, q: usize, day: NaiveDate) -> BTreeSet<NaiveDate> {
        let mut dates = BTreeSet::new();
        dates.extend(NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1));
        dates.insert(day);
        dates.extend(shifted(day, 1));
        for &window in &self.windows {
            dates.extend(shifted(day, 1 - window as i64));
            dates.extend(shifted(day, -(window as i64)));
        }
        for &(question, date) in &self.dates {
            if question == q {
                dates.insert(date);
                dates.extend(shifted(date, 1));
                dates.extend(shifted(date, -1));
            }
        }
        let first = NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1);
        let last = NaiveDate::from_ymd_opt(MAX_YEAR, 12, 31);
        dates.retain(|d| first.is_none_or(|f| *d >= f) && last.is_none_or(|l| *d <= l));
        dates
    }
}

/// The questions that decide `conds`: those they read and, transitively, those the
/// `ask_if` of these read (a question that does not apply has no answer).
pub fn closure(rules: &RuleSet, start: &[usize], conds: &[&Cond]) -> Vec<usize> {
    let mut involved: Vec<usize> = Vec::new();
    for &q in start {
        if !involved.contains(&q) {
            involved.push(q);
        }
    }
    for cond in conds {
        cond.collect_questions(&mut involved);
    }
    let mut seen = 0;
    while seen < involved.len() {
        if let Some(ask_if) = rules
            .questions
            .get(involved[seen])
            .and_then(|q| q.ask_if.as_ref())
        {
            ask_if.collect_questions(&mut involved);
        }
        seen += 1;
    }
    involved
}

/// The constants of `conds` and of the `ask_if` of every question in `involved`.
pub fn constants(rules: &RuleSet, involved: &[usize], conds: &[&Cond]) -> Constants {
    let mut constants = Constants::default();
    for cond in conds {
        constants.collect(cond);
    }
    for &q in involved {
        if let Some(ask_if) = rules.questions.get(q).and_then(|q| q.ask_if.as_ref()) {
            constants.collect(ask_if);
        }
    }
    constants
}

/// Calls `visit` with every combination of `domains` (one reply per question of
/// `involved`, all other answers missing) until it returns `false`. Returns whether
/// every combination was visited.
pub fn each_combination(
    rules: &RuleSet,
    involved: &[usize],
    domains: &[Vec<Reply>],
    mut visit: impl FnMut(&Answers) -> bool,
) -> bool {
    if domains.iter().any(Vec::is_empty) {
        return true;
    }
    let mut choice = vec![0usize; domains.len()];
    let mut answers = Answers::empty(rules);
    loop {
        for ((&q, options), &pick) in involved.iter().zip(domains).zip(&choice) {
            answers.set(q, options[pick].clone());
        }
        if !visit(&answers) {
            return false;
        }
        // Next combination (an odometer over the domains).
        let mut position = 0;
        while let Some(slot) = choice.get_mut(position) {
            *slot += 1;
            if *slot < domains[position].len() {
                break;
            }
            *slot = 0;
            position += 1;
        }
        if position == choice.len() {
            return true;
        }
    }
}
