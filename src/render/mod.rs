//! Renderers: each output format is its own module writing to a `&mut dyn Write`.
//!
//! Renderers only format; they decide nothing. Colour is decided once by the caller and
//! reaches only the text renderer.

pub mod html;
pub mod ics;
pub mod json;
pub mod lint;
pub mod markdown;
pub mod rules;
pub mod text;

use chrono::{DateTime, FixedOffset};

use crate::aftercare::Checklist;
use crate::answers::{Answers, Reply, Value, value_json};
use crate::rules::{Kind, Outcome, QuestionDef, RuleSet};
use crate::screen::{Screening, Verdict};

/// Everything a screening result shows.
pub struct ScreenReport<'a> {
    pub rules: &'a RuleSet,
    pub answers: &'a Answers,
    pub screening: &'a Screening<'a>,
    /// Present for a candidate (and empty otherwise).
    pub checklist: Option<&'a Checklist<'a>>,
    /// Show every rule checked and each reason's rationale.
    pub explain: bool,
}

/// The checklist on its own (`prescreen aftercare`).
pub struct AftercareReport<'a> {
    pub rules: &'a RuleSet,
    pub answers: &'a Answers,
    pub checklist: &'a Checklist<'a>,
}

/// A clock time as people read it on a checklist: `Tue 24 Nov 14:00`.
pub fn clock(t: &DateTime<FixedOffset>) -> String {
    t.format("%a %-d %b %H:%M").to_string()
}

/// The verdict as one word, and what it means, for people.
pub fn verdict_words(verdict: Verdict) -> (&'static str, &'static str) {
    match verdict {
        Verdict::Candidate => ("CANDIDATE", "can go ahead today"),
        Verdict::Review => ("REVIEW", "a clinician must decide before going ahead"),
        Verdict::Defer => ("DEFER", "not today; can be considered later"),
        Verdict::NotCandidate => ("NOT A CANDIDATE", "not advised"),
    }
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

pub fn outcome_words(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Review => "review",
        Outcome::Defer => "defer",
        Outcome::NotCandidate => "not a candidate",
    }
}

/// A reply as people read it: `yes`, `no`, `not sure`, `not answered`, a date, an option.
pub fn reply_words(question: &QuestionDef, reply: &Reply) -> String {
    match reply {
        Reply::Missing => "not answered".to_string(),
        Reply::NotSure => "not sure".to_string(),
        Reply::Given(Value::Bool(true)) => "yes".to_string(),
        Reply::Given(Value::Bool(false)) => "no".to_string(),
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
    fn clock_reads_like_a_checklist() {
        let t = DateTime::parse_from_rfc3339("2026-11-24T14:00:00+01:00").unwrap();
        assert_eq!(clock(&t), "Tue 24 Nov 14:00");
    }
}
