//! Renderers: each output format is its own module writing to a `&mut dyn Write`.
//!
//! Renderers only format; they decide nothing. Colour is decided once by the caller and
//! reaches only the text renderer.
//!
//! The renderers here build text only; the text renderer (colour), the error documents
//! and the schema listing use the CLI's own types and live in the CLI's `render`.

pub mod html;
pub mod ics;
pub mod json;
pub mod lint;
pub mod markdown;
pub mod rules;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::aftercare::Checklist;
use crate::answers::{Answers, Reply, Value, value_json};
use crate::i18n::{self, Words};
use crate::rules::{Kind, Outcome, QuestionDef, RuleSet};
use crate::screen::{Reason, ReasonKind, Screening, Status, Verdict};

/// Who reads a result: staff at the desk (the default), or the person themselves
/// (`--for self`): plain words, dates written out, and what to do next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Reader {
    #[default]
    Staff,
    Patient,
}

impl Reader {
    /// The heading over the reasons: "Why" for the person, "Reasons" for staff.
    pub fn reasons_heading(self, w: &Words) -> &'static str {
        w.get(match self {
            Reader::Staff => "sheet-reasons",
            Reader::Patient => "sheet-why",
        })
    }

    /// A reason's outcome in this reader's words.
    pub fn outcome_words(self, w: &Words, outcome: Outcome) -> &'static str {
        match self {
            Reader::Staff => outcome_words(w, outcome),
            Reader::Patient => patient_outcome_words(w, outcome),
        }
    }
}

/// Everything a screening result shows.
pub struct ScreenReport<'a> {
    pub rules: &'a RuleSet,
    pub answers: &'a Answers,
    pub screening: &'a Screening<'a>,
    /// Present for a candidate (and empty otherwise).
    pub checklist: Option<&'a Checklist<'a>>,
    /// Show every rule checked and each reason's rationale.
    pub explain: bool,
    /// Who reads it: the words change, never the verdict or the reasons.
    pub reader: Reader,
    /// The patient reference typed at the desk: printed on this person's sheet (HTML)
    /// and kept in the record, nowhere else.
    pub reference: Option<&'a str>,
}

/// The checklist on its own (`prescreen aftercare`), with the screening it follows and,
/// for any verdict but `candidate`, the clinician who gave the go-ahead.
pub struct AftercareReport<'a> {
    pub rules: &'a RuleSet,
    pub answers: &'a Answers,
    pub screening: &'a Screening<'a>,
    pub checklist: &'a Checklist<'a>,
    /// Initials of the clinician who gave the go-ahead (`--go-ahead-by`).
    pub go_ahead_by: Option<&'a str>,
}

/// A clock time as people read it on a checklist, with the year: `Tue 24 Nov 2026 14:00`.
pub fn clock(w: &Words, t: &DateTime<FixedOffset>) -> String {
    i18n::clock(w, t)
}

/// The offset times are shown in: `UTC+01:00`.
pub fn offset_words(t: &DateTime<FixedOffset>) -> String {
    t.format("UTC%:z").to_string()
}

/// The first window of a checklist as people read it: from and until with the year and
/// the offset, or, with no known procedure time, no clock times at all.
pub fn first_window_words(w: &Words, checklist: &Checklist) -> String {
    match (&checklist.starts, &checklist.first_window_ends) {
        (Some(starts), Some(ends)) => w.fill(
            "window-first",
            &[
                ("from", &clock(w, starts)),
                ("until", &clock(w, ends)),
                ("offset", &offset_words(starts)),
            ],
        ),
        _ => w.get("window-first-unknown").to_string(),
    }
}

/// When the second window starts, as people read it.
pub fn after_window_words(w: &Words, checklist: &Checklist) -> String {
    match &checklist.first_window_ends {
        Some(ends) => w.fill(
            "window-after",
            &[("from", &clock(w, ends)), ("offset", &offset_words(ends))],
        ),
        None => w.get("window-after-unknown").to_string(),
    }
}

/// The verdict as one word, and what it means, for people. The meaning holds for the
/// date judged (the procedure's own date when known), not necessarily today.
pub fn verdict_words(w: &Words, verdict: Verdict) -> (&'static str, &'static str) {
    let (word, meaning) = match verdict {
        Verdict::Candidate => ("verdict-candidate", "verdict-candidate-meaning"),
        Verdict::Review => ("verdict-review", "verdict-review-meaning"),
        Verdict::Defer => ("verdict-defer", "verdict-defer-meaning"),
        Verdict::NotCandidate => ("verdict-not-candidate", "verdict-not-candidate-meaning"),
    };
    (w.get(word), w.get(meaning))
}

/// A date as people say it: `Tuesday 1 June 2027`, `martes 1 de junio de 2027`.
pub fn long_date(w: &Words, date: NaiveDate) -> String {
    i18n::long_date(w, date)
}

/// The verdict for the person themselves, as what to do: `You can book`, `Please wait
/// until Tuesday 1 June 2027`. True for the date judged, like [`verdict_words`].
pub fn patient_verdict(w: &Words, verdict: Verdict, eligible_from: Option<NaiveDate>) -> String {
    match (verdict, eligible_from) {
        (Verdict::Candidate, _) => w.get("patient-can-book").to_string(),
        (Verdict::Review, _) => w.get("patient-talk-first").to_string(),
        (Verdict::Defer, Some(date)) => {
            w.fill("patient-wait-until", &[("date", &long_date(w, date))])
        }
        (Verdict::Defer, None) => w.get("patient-wait").to_string(),
        (Verdict::NotCandidate, _) => w.get("patient-not-advised").to_string(),
    }
}

/// A reason's outcome for the person themselves.
pub fn patient_outcome_words(w: &Words, outcome: Outcome) -> &'static str {
    w.get(match outcome {
        Outcome::Review => "patient-outcome-review",
        Outcome::Defer => "patient-outcome-defer",
        Outcome::NotCandidate => "patient-outcome-not-candidate",
    })
}

/// When the person was checked, for themselves: `Checked on Monday 23 November 2026`,
/// with the procedure's date when it is another day.
pub fn patient_dates_words(w: &Words, s: &Screening) -> String {
    let checked = long_date(w, s.screened_on);
    if s.judged_on != s.screened_on {
        w.fill(
            "patient-checked-on-for",
            &[
                ("date", &checked),
                ("procedure", &long_date(w, s.judged_on)),
            ],
        )
    } else {
        w.fill("patient-checked-on", &[("date", &checked)])
    }
}

/// Which date a screening holds for, in words: `screened on 2026-11-23 for a procedure
/// on 2026-11-30`, or `screened on 2026-11-23 and judged on that date` (a procedure that
/// day, or no procedure time given). ISO dates: staff compare them with the booking.
pub fn dates_words(w: &Words, s: &Screening) -> String {
    let screened = s.screened_on.to_string();
    if s.judged_on != s.screened_on {
        w.fill(
            "dates-screened-for",
            &[
                ("screened", &screened),
                ("judged", &s.judged_on.to_string()),
            ],
        )
    } else {
        w.fill("dates-screened", &[("screened", &screened)])
    }
}

/// The answers a reason is about, as (question prompt, reply in words), in the order a
/// person reads them: for a contradiction the ruling answer first.
pub fn reason_answers<'a>(
    rules: &'a RuleSet,
    answers: &Answers,
    reason: &Reason,
) -> Vec<(&'a str, String)> {
    let mut ids = Vec::new();
    if reason.kind == ReasonKind::Contradiction {
        ids.extend(reason.against);
    }
    if reason.kind != ReasonKind::Rule {
        ids.extend(reason.question);
    }
    ids.into_iter()
        .filter_map(|id| rules.question_index(id))
        .map(|q| {
            let question = &rules.questions[q];
            (
                question.prompt.as_str(),
                reply_words(rules.words(), question, answers.reply(q)),
            )
        })
        .collect()
}

/// The rule file's next steps for someone at home: one for each kind of outcome among
/// the reasons, worst first (the verdict's own first), so that "wait until the date" and
/// "talk to the clinic about the open questions" both show when both apply.
pub fn next_steps<'a>(rules: &'a RuleSet, s: &Screening) -> Vec<&'a str> {
    let Some(steps) = &rules.audiences.patient.next_steps else {
        return Vec::new();
    };
    if s.reasons.is_empty() {
        return vec![steps.candidate.as_str()];
    }
    let mut outcomes: Vec<Verdict> = s.reasons.iter().map(|r| r.outcome.into()).collect();
    outcomes.sort_unstable_by(|a, b| b.cmp(a));
    outcomes.dedup();
    outcomes
        .into_iter()
        .map(|v| match v {
            Verdict::Candidate => steps.candidate.as_str(),
            Verdict::Review => steps.review.as_str(),
            Verdict::Defer => steps.defer.as_str(),
            Verdict::NotCandidate => steps.not_candidate.as_str(),
        })
        .collect()
}

/// How to reach the clinic, as a sheet shows it: only what the rule file gives and has
/// visible text in.
pub struct Contact<'a> {
    pub name: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub out_of_hours: Option<&'a str>,
}

impl Contact<'_> {
    /// The phone's `tel:` URI, for a link.
    pub fn tel(&self) -> Option<String> {
        self.phone.map(crate::rules::phone::tel_uri)
    }
}

fn shown(text: Option<&str>) -> Option<&str> {
    text.filter(|t| crate::rules::visible::is_visible(t))
}

/// The clinic's contact details, or `None` when the rule file names no clinic (or only
/// empty texts for it).
pub fn contact(rules: &RuleSet) -> Option<Contact<'_>> {
    let clinic = rules.clinic.as_ref()?;
    let contact = Contact {
        name: shown(Some(clinic.name.as_str())),
        phone: shown(clinic.phone.as_deref()),
        out_of_hours: shown(clinic.out_of_hours.as_deref()),
    };
    (contact.name.is_some() || contact.phone.is_some() || contact.out_of_hours.is_some())
        .then_some(contact)
}

/// A symbol that carries the verdict without colour (the word always follows it).
pub fn verdict_symbol(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Candidate => "✓",
        Verdict::Review => "?",
        Verdict::Defer => "‖",
        Verdict::NotCandidate => "✗",
    }
}

pub fn outcome_words(w: &Words, outcome: Outcome) -> &'static str {
    w.get(match outcome {
        Outcome::Review => "outcome-review",
        Outcome::Defer => "outcome-defer",
        Outcome::NotCandidate => "outcome-not-candidate",
    })
}

/// What became of a rule checked (`--explain`): `fired`, `cleared`, `undecided`.
pub fn check_status_words(w: &Words, status: Status) -> &'static str {
    w.get(match status {
        Status::Fired => "check-fired",
        Status::Cleared => "check-cleared",
        Status::Undecided => "check-undecided",
    })
}

/// A reply as people read it: `yes`, `no`, `not sure`, `not answered`, a date, an option.
pub fn reply_words(w: &Words, question: &QuestionDef, reply: &Reply) -> String {
    match reply {
        Reply::Missing => w.get("reply-missing").to_string(),
        Reply::NotSure => w.get("reply-not-sure").to_string(),
        Reply::Given(Value::Bool(true)) => w.get("reply-yes").to_string(),
        Reply::Given(Value::Bool(false)) => w.get("reply-no").to_string(),
        Reply::Given(Value::DateTime(t)) => t.format("%Y-%m-%d %H:%M").to_string(),
        Reply::Given(Value::Choice(i)) => match &question.kind {
            Kind::Choice(options) => options
                .get(*i)
                .map_or_else(String::new, |o| o.label.clone()),
            _ => String::new(),
        },
        Reply::Given(value) => match value_json(question, value) {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        },
    }
}

/// `text` with its first letter in upper case, for a phrase that starts a sentence.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Breaks `text` into lines of at most `width` characters (longer words stand alone).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_whole() {
        let cases = [
            ("short", "a b c", 10, vec!["a b c"]),
            ("breaks at width", "aaa bbb ccc", 7, vec!["aaa bbb", "ccc"]),
            (
                "long word alone",
                "a verylongword b",
                4,
                vec!["a", "verylongword", "b"],
            ),
            ("empty", "", 5, vec![""]),
        ];
        for (name, text, width, expected) in cases {
            assert_eq!(wrap(text, width), expected, "{name}");
        }
    }

    #[test]
    fn a_patient_reads_what_to_do() {
        let june = NaiveDate::from_ymd_opt(2027, 6, 1);
        let cases = [
            (Verdict::Candidate, None, "You can book"),
            (
                Verdict::Defer,
                june,
                "Please wait until Tuesday 1 June 2027",
            ),
            (Verdict::Defer, None, "Please wait before booking"),
            (
                Verdict::Review,
                None,
                "Please talk to the clinic before booking",
            ),
            (
                Verdict::NotCandidate,
                None,
                "This treatment is not advised for you",
            ),
        ];
        for (verdict, date, words) in cases {
            assert_eq!(patient_verdict(i18n::words("en"), verdict, date), words);
        }
    }

    #[test]
    fn clock_reads_like_a_checklist() {
        let t = DateTime::parse_from_rfc3339("2026-11-24T14:00:00+01:00").unwrap();
        assert_eq!(clock(i18n::words("en"), &t), "Tue 24 Nov 2026 14:00");
        assert_eq!(offset_words(&t), "UTC+01:00");
    }
}
