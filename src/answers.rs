//! The answers document: one JSON object of answers keyed by question id, parsed and
//! validated against a rule set.
//!
//! Pure: takes bytes. Strict: an unknown key, a repeated key, a value of the wrong type,
//! an impossible date or a choice outside its options is an error. `null` is an honest
//! "not sure" and is kept as such, never read as "no". Errors name the key and never
//! the value: answers are health data.
//!
//! Answers typed at a prompt go through [`parse_text`], the same conversion a JSON
//! string value goes through.

use std::cell::RefCell;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};

use crate::fhir::problem::{ResponseProblem, shown};
use crate::limits::{self, Limit};
use crate::rules::{Kind, QuestionDef, RuleSet};

/// The reserved key for the caller's record id.
pub const ID_KEY: &str = "id";

/// The oldest and latest dates accepted: a typo such as `0226-01-01` or `20266-01-01` is
/// refused rather than screened.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2999;

/// A known answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
    /// Index into the question's options.
    Choice(usize),
    Number(f64),
}

/// What the person said to one question.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Reply {
    /// The key was absent.
    #[default]
    Missing,
    /// `null`, or "Not sure" at the prompt.
    NotSure,
    Given(Value),
}

/// The caller's record identifier, echoed in results.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum RecordId {
    Text(String),
    Number(serde_json::Number),
}

/// All replies of one person, indexed like the rule set's questions.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    replies: Vec<Reply>,
    pub id: Option<RecordId>,
}

impl Answers {
    /// No answers yet: every question missing.
    pub fn empty(rules: &RuleSet) -> Answers {
        Answers {
            replies: vec![Reply::Missing; rules.questions.len()],
            id: None,
        }
    }

    pub fn reply(&self, q: usize) -> &Reply {
        self.replies.get(q).unwrap_or(&Reply::Missing)
    }

    /// The known answer to `q`, if any.
    pub fn value(&self, q: usize) -> Option<&Value> {
        match self.replies.get(q) {
            Some(Reply::Given(v)) => Some(v),
            _ => None,
        }
    }

    pub fn set(&mut self, q: usize, reply: Reply) {
        if let Some(slot) = self.replies.get_mut(q) {
            *slot = reply;
        }
    }

    /// The answers as a JSON document of the same form [`parse`] reads (missing keys left out).
    pub fn to_json(&self, rules: &RuleSet) -> serde_json::Map<String, serde_json::Value> {
        let mut map = serde_json::Map::new();
        if let Some(id) = &self.id {
            map.insert(ID_KEY.to_string(), record_id_json(id));
        }
        for (question, reply) in rules.questions.iter().zip(&self.replies) {
            match reply {
                Reply::Missing => {}
                Reply::NotSure => {
                    map.insert(question.id.clone(), serde_json::Value::Null);
                }
                Reply::Given(value) => {
                    map.insert(question.id.clone(), value_json(question, value));
                }
            }
        }
        map
    }
}

fn record_id_json(id: &RecordId) -> serde_json::Value {
    match id {
        RecordId::Text(s) => serde_json::Value::String(s.clone()),
        RecordId::Number(n) => serde_json::Value::Number(n.clone()),
    }
}

/// A known answer as it is written in an answers document.
pub fn value_json(question: &QuestionDef, value: &Value) -> serde_json::Value {
    match value {
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Date(d) => serde_json::Value::String(d.format("%Y-%m-%d").to_string()),
        Value::DateTime(t) => serde_json::Value::String(t.to_rfc3339()),
        Value::Choice(i) => match &question.kind {
            Kind::Choice(options) => options.get(*i).map_or(serde_json::Value::Null, |o| {
                serde_json::Value::String(o.value.clone())
            }),
            _ => serde_json::Value::Null,
        },
        Value::Number(n) => serde_json::Number::from_f64(*n)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
    }
}

/// What is wrong with an answers document. Carries keys, never values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Empty,
    /// Only whitespace: a blank line or document, not an empty one.
    Blank,
    NotUtf8,
    /// Not JSON: the parser's description (it names no value).
    Malformed(String),
    NotAnObject,
    UnknownKey(String),
    DuplicateKey(String),
    WrongType {
        key: String,
        expected: &'static str,
    },
    BadDate {
        key: String,
    },
    BadDateTime {
        key: String,
    },
    NotAnOption {
        key: String,
        options: Vec<String>,
    },
    OutOfRange {
        key: String,
    },
    BadId,
    /// Larger than [`limits::MAX_BYTES`].
    TooLarge {
        limit: usize,
    },
    /// Nested deeper than [`limits::MAX_DEPTH`].
    TooDeep {
        limit: usize,
    },
    /// The procedure time (`key`) falls on a local date before the screening date:
    /// a screening cannot be for a procedure already done.
    BeforeScreening {
        key: String,
        screened_on: NaiveDate,
    },
    /// A QuestionnaireResponse refused for what only FHIR can get wrong.
    Response(ResponseProblem),
}

impl Problem {
    /// The question or key the problem is about, if it is about one.
    pub fn key(&self) -> Option<&str> {
        match self {
            Problem::UnknownKey(key)
            | Problem::DuplicateKey(key)
            | Problem::WrongType { key, .. }
            | Problem::BadDate { key }
            | Problem::BadDateTime { key }
            | Problem::NotAnOption { key, .. }
            | Problem::OutOfRange { key }
            | Problem::BeforeScreening { key, .. } => Some(key),
            Problem::BadId => Some(ID_KEY),
            Problem::Response(problem) => problem.link_id(),
            _ => None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Empty => f.write_str("no answers: the input is empty"),
            Problem::Blank => f.write_str("no answers: the input is blank (only whitespace)"),
            Problem::NotUtf8 => f.write_str("the input is not UTF-8 text"),
            Problem::Malformed(msg) => write!(f, "not valid JSON: {msg}"),
            Problem::NotAnObject => {
                f.write_str("answers must be one JSON object ({\"question_id\": answer, ...})")
            }
            Problem::UnknownKey(key) => write!(f, "unknown answer key `{}`", shown(key)),
            Problem::DuplicateKey(key) => write!(f, "answer `{}` is given twice", shown(key)),
            Problem::WrongType { key, expected } => write!(f, "answer `{key}` must be {expected}"),
            Problem::BadDate { key } => {
                write!(
                    f,
                    "answer `{key}` is not a real date as YYYY-MM-DD between {MIN_YEAR} and {MAX_YEAR}"
                )
            }
            Problem::BadDateTime { key } => write!(
                f,
                "answer `{key}` is not a date and time as YYYY-MM-DDTHH:MM[:SS] with an offset (Z or +HH:MM)"
            ),
            Problem::NotAnOption { key, options } => {
                let options: Vec<String> = options.iter().map(|o| format!("`{o}`")).collect();
                write!(f, "answer `{key}` must be one of {}", options.join(", "))
            }
            Problem::OutOfRange { key } => write!(f, "answer `{key}` is out of range"),
            Problem::BadId => write!(f, "`{ID_KEY}` must be a string or a number"),
            Problem::TooLarge { limit } => Limit::TooLarge { limit: *limit }.fmt(f),
            Problem::TooDeep { limit } => Limit::TooDeep { limit: *limit }.fmt(f),
            Problem::BeforeScreening { key, screened_on } => write!(
                f,
                "answer `{key}` is on a date before the screening date {screened_on}: a screening is for a procedure on or after the day it is done"
            ),
            Problem::Response(problem) => problem.fmt(f),
        }
    }
}

/// A problem and where in the document it is (1-based; 0 when not known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    pub problem: Problem,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.problem
            )
        } else {
            self.problem.fmt(f)
        }
    }
}

/// Parses one answers document.
pub fn parse(rules: &RuleSet, bytes: &[u8]) -> Result<Answers, AnswerError> {
    let at = |problem| AnswerError {
        problem,
        line: 0,
        column: 0,
    };
    let text = limits::check(bytes).map_err(|limit| {
        at(match limit {
            Limit::TooLarge { limit } => Problem::TooLarge { limit },
            Limit::NotUtf8 => Problem::NotUtf8,
            Limit::TooDeep { limit } => Problem::TooDeep { limit },
        })
    })?;
    match text.trim_start().as_bytes().first() {
        None if text.is_empty() => return Err(at(Problem::Empty)),
        None => return Err(at(Problem::Blank)),
        Some(b'{') => {}
        Some(_) => return Err(at(Problem::NotAnObject)),
    }
    let problem = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let result = AnswersSeed {
        rules,
        problem: &problem,
    }
    .deserialize(&mut de)
    .and_then(|answers| de.end().map(|()| answers));
    result.map_err(|e| {
        let found = problem.into_inner();
        let problem = match (e.classify(), found) {
            (serde_json::error::Category::Data, Some(p)) => p,
            (serde_json::error::Category::Data, None) => Problem::NotAnObject,
            _ => Problem::Malformed(without_position(&e)),
        };
        let (line, column) = position(text, e.line(), e.column());
        AnswerError {
            problem,
            line,
            column,
        }
    })
}

/// serde_json reports an error found at a line break as column 0 of the next line;
/// people look for it at the end of the line where it is.
fn position(text: &str, line: usize, column: usize) -> (usize, usize) {
    if column > 0 || line < 2 {
        return (line, column);
    }
    let previous = text.split('\n').nth(line - 2).unwrap_or("");
    (
        line - 1,
        previous.trim_end_matches('\r').chars().count() + 1,
    )
}

/// The parser's message without its " at line L column C" tail (we print our own).
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Converts text (a JSON string value, or what was typed at a prompt) to an answer.
pub fn parse_text(question: &QuestionDef, text: &str) -> Result<Value, Problem> {
    let key = || question.id.clone();
    match &question.kind {
        Kind::Date => parse_date(text)
            .map(Value::Date)
            .ok_or_else(|| Problem::BadDate { key: key() }),
        Kind::DateTime => parse_datetime(text)
            .map(Value::DateTime)
            .ok_or_else(|| Problem::BadDateTime { key: key() }),
        Kind::Choice(options) => options
            .iter()
            .position(|o| o.value == text)
            .map(Value::Choice)
            .ok_or_else(|| Problem::NotAnOption {
                key: key(),
                options: options.iter().map(|o| o.value.clone()).collect(),
            }),
        Kind::Boolean | Kind::Number { .. } => Err(Problem::WrongType {
            key: key(),
            expected: question.kind.expected(),
        }),
    }
}

/// Checks a number answer against the question's bounds.
pub fn check_number(question: &QuestionDef, n: f64) -> Result<Value, Problem> {
    let (min, max) = match &question.kind {
        Kind::Number { min, max } => (*min, *max),
        _ => {
            return Err(Problem::WrongType {
                key: question.id.clone(),
                expected: question.kind.expected(),
            });
        }
    };
    let in_range = n.is_finite() && min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m);
    if in_range {
        Ok(Value::Number(n))
    } else {
        Err(Problem::OutOfRange {
            key: question.id.clone(),
        })
    }
}

/// Parses a calendar date written exactly as `YYYY-MM-DD`, within the accepted years.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    // The digits are checked above; reading them directly is many times faster than a
    // format-string parse, which shows when a batch reads millions of dates.
    let number = |digits: &[u8]| {
        digits
            .iter()
            .fold(0u32, |n, c| n * 10 + u32::from(c - b'0'))
    };
    let year = i32::try_from(number(&b[0..4])).ok()?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, number(&b[5..7]), number(&b[8..10]))
}

/// Parses an RFC 3339 date and time with an offset; seconds may be left out.
pub fn parse_datetime(text: &str) -> Option<DateTime<FixedOffset>> {
    let parsed = DateTime::parse_from_rfc3339(text)
        .ok()
        .or_else(|| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z").ok())
        .or_else(|| {
            text.strip_suffix('Z')
                .or_else(|| text.strip_suffix('z'))
                .and_then(|t| {
                    DateTime::parse_from_str(&format!("{t}+00:00"), "%Y-%m-%dT%H:%M%:z").ok()
                })
        })?;
    // The date part must have the strict shape too (chrono accepts one-digit months).
    parse_date(text.get(..10)?)?;
    Some(parsed)
}

struct AnswersSeed<'a> {
    rules: &'a RuleSet,
    problem: &'a RefCell<Option<Problem>>,
}

impl AnswersSeed<'_> {
    fn fail<E: de::Error>(&self, problem: Problem) -> E {
        *self.problem.borrow_mut() = Some(problem);
        E::custom("invalid answers")
    }
}

impl<'de> DeserializeSeed<'de> for AnswersSeed<'_> {
    type Value = Answers;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Answers, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for AnswersSeed<'_> {
    type Value = Answers;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object of answers")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Answers, M::Error> {
        let mut answers = Answers::empty(self.rules);
        let mut seen = vec![false; self.rules.questions.len()];
        let mut seen_id = false;
        while let Some(key) = map.next_key_seed(KeySeed { rules: self.rules })? {
            match key {
                Key::Unknown(name) => return Err(self.fail(Problem::UnknownKey(name))),
                Key::Id => {
                    if std::mem::replace(&mut seen_id, true) {
                        return Err(self.fail(Problem::DuplicateKey(ID_KEY.to_string())));
                    }
                    answers.id = map
                        .next_value_seed(IdSeed)
                        .map_err(|_: M::Error| self.fail(Problem::BadId))?;
                }
                Key::Question(q) => {
                    let question = &self.rules.questions[q];
                    if std::mem::replace(&mut seen[q], true) {
                        return Err(self.fail(Problem::DuplicateKey(question.id.clone())));
                    }
                    let reply = map
                        .next_value_seed(ReplySeed {
                            question,
                            problem: self.problem,
                        })
                        .inspect_err(|_| {
                            // A default visitor method (wrong JSON type) sets nothing: say what was expected.
                            if self.problem.borrow().is_none() {
                                *self.problem.borrow_mut() = Some(Problem::WrongType {
                                    key: question.id.clone(),
                                    expected: question.kind.expected(),
                                });
                            }
                        })?;
                    answers.replies[q] = reply;
                }
            }
        }
        Ok(answers)
    }
}

enum Key {
    Question(usize),
    Id,
    Unknown(String),
}

struct KeySeed<'a> {
    rules: &'a RuleSet,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answer key")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        if key == ID_KEY {
            return Ok(Key::Id);
        }
        Ok(match self.rules.question_index(key) {
            Some(q) => Key::Question(q),
            None => Key::Unknown(key.to_string()),
        })
    }
}

struct IdSeed;

impl<'de> DeserializeSeed<'de> for IdSeed {
    type Value = Option<RecordId>;
    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for IdSeed {
    type Value = Option<RecordId>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a number")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(RecordId::Text(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(RecordId::Number(v.into())))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(RecordId::Number(v.into())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        serde_json::Number::from_f64(v)
            .map(|n| Some(RecordId::Number(n)))
            .ok_or_else(|| E::custom("bad id"))
    }
}

struct ReplySeed<'a> {
    question: &'a QuestionDef,
    problem: &'a RefCell<Option<Problem>>,
}

impl ReplySeed<'_> {
    fn settle<E: de::Error>(&self, result: Result<Value, Problem>) -> Result<Reply, E> {
        result.map(Reply::Given).map_err(|problem| {
            *self.problem.borrow_mut() = Some(problem);
            E::custom("invalid answer")
        })
    }
    fn number<E: de::Error>(&self, n: f64) -> Result<Reply, E> {
        self.settle(check_number(self.question, n))
    }
    fn wrong<E: de::Error>(&self) -> Result<Reply, E> {
        self.settle(Err(Problem::WrongType {
            key: self.question.id.clone(),
            expected: self.question.kind.expected(),
        }))
    }
}

impl<'de> DeserializeSeed<'de> for ReplySeed<'_> {
    type Value = Reply;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Reply, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ReplySeed<'_> {
    type Value = Reply;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.question.kind.expected())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Reply, E> {
        Ok(Reply::NotSure)
    }
    fn visit_none<E: de::Error>(self) -> Result<Reply, E> {
        Ok(Reply::NotSure)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Reply, E> {
        match self.question.kind {
            Kind::Boolean => Ok(Reply::Given(Value::Bool(v))),
            _ => self.wrong(),
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Reply, E> {
        self.settle(parse_text(self.question, v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Reply, E> {
        self.visit_f64(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Reply, E> {
        self.visit_f64(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Reply, E> {
        match self.question.kind {
            Kind::Number { .. } => self.number(v),
            _ => self.wrong(),
        }
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _seq: A) -> Result<Reply, A::Error> {
        self.wrong()
    }
    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<Reply, A::Error> {
        self.wrong()
    }
}

/// The record id of a document that was refused, when it can still be told, so that an
/// error result can be joined back to the caller's record.
///
/// Lenient where [`parse`] is strict: other keys and values are skipped unread. The id
/// counts only when it is the single top-level `id`, a string or a number, and the
/// document goes on well-formed past it (so a number cut short at the end of a truncated
/// line is not taken for the whole id). `None` otherwise.
pub fn find_id(bytes: &[u8]) -> Option<RecordId> {
    let found = RefCell::new(IdSearch::default());
    let mut de = serde_json::Deserializer::from_slice(bytes);
    // The document may be broken further on: what was found before that still counts.
    let _ = de::Deserializer::deserialize_map(&mut de, IdFinder { found: &found });
    match found.into_inner() {
        IdSearch {
            confirmed: Some(id),
            seen: 1,
            ..
        } => Some(id),
        _ => None,
    }
}

#[derive(Default)]
struct IdSearch {
    /// How many `id` keys were met.
    seen: usize,
    /// An id read but not yet followed by well-formed JSON.
    pending: Option<RecordId>,
    confirmed: Option<RecordId>,
}

struct IdFinder<'a> {
    found: &'a RefCell<IdSearch>,
}

impl<'de> Visitor<'de> for IdFinder<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        loop {
            let key = map.next_key::<IsId>();
            {
                // The previous value ended well: a key or the end of the object follows.
                let mut found = self.found.borrow_mut();
                if key.is_ok()
                    && let Some(id) = found.pending.take()
                {
                    found.confirmed = Some(id);
                }
            }
            match key? {
                None => return Ok(()),
                Some(IsId(true)) => {
                    self.found.borrow_mut().seen += 1;
                    let id = map.next_value_seed(IdSeed)?;
                    self.found.borrow_mut().pending = id;
                }
                Some(IsId(false)) => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
    }
}

/// A key, told apart only as `id` or not.
struct IsId(bool);

impl<'de> serde::Deserialize<'de> for IsId {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<IsId, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IsId;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<IsId, E> {
                Ok(IsId(key == ID_KEY))
            }
        }
        deserializer.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{default_rules, q};

    fn problem_of(input: &str) -> Problem {
        parse(&default_rules(), input.as_bytes())
            .unwrap_err()
            .problem
    }

    #[test]
    fn values_of_every_type_parse() {
        let rules = default_rules();
        let a = parse(
            &rules,
            br#"{"id": "A-1", "pregnant": false, "radiation_end_date": "2024-02-29",
                "procedure_time": "2026-11-23T14:00:00+01:00", "treatment_area": "neck", "wears_makeup": null}"#,
        )
        .unwrap();
        assert_eq!(a.id, Some(RecordId::Text("A-1".into())));
        assert_eq!(
            a.reply(q(&rules, "pregnant")),
            &Reply::Given(Value::Bool(false))
        );
        assert_eq!(
            a.value(q(&rules, "radiation_end_date")),
            Some(&Value::Date(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()))
        );
        assert_eq!(
            a.value(q(&rules, "treatment_area")),
            Some(&Value::Choice(1))
        );
        assert_eq!(a.reply(q(&rules, "wears_makeup")), &Reply::NotSure);
        assert_eq!(a.reply(q(&rules, "eczema")), &Reply::Missing);
        let Some(Value::DateTime(t)) = a.value(q(&rules, "procedure_time")) else {
            panic!()
        };
        assert_eq!(t.to_rfc3339(), "2026-11-23T14:00:00+01:00");
    }

    #[test]
    fn bad_documents_are_refused_without_echoing_values() {
        let cases = [
            (
                "unknown key",
                r#"{"pregant": true}"#,
                Problem::UnknownKey("pregant".into()),
            ),
            (
                "wrong type",
                r#"{"pregnant": "no"}"#,
                Problem::WrongType {
                    key: "pregnant".into(),
                    expected: "true, false or null",
                },
            ),
            (
                "number for bool",
                r#"{"eczema": 0}"#,
                Problem::WrongType {
                    key: "eczema".into(),
                    expected: "true, false or null",
                },
            ),
            (
                "object for bool",
                r#"{"eczema": {"a": 1}}"#,
                Problem::WrongType {
                    key: "eczema".into(),
                    expected: "true, false or null",
                },
            ),
            (
                "impossible date",
                r#"{"radiation_end_date": "2026-02-30"}"#,
                Problem::BadDate {
                    key: "radiation_end_date".into(),
                },
            ),
            (
                "sloppy date",
                r#"{"radiation_end_date": "2026-2-3"}"#,
                Problem::BadDate {
                    key: "radiation_end_date".into(),
                },
            ),
            (
                "five-digit year",
                r#"{"radiation_end_date": "20260-01-01"}"#,
                Problem::BadDate {
                    key: "radiation_end_date".into(),
                },
            ),
            (
                "not leap year",
                r#"{"radiation_end_date": "2025-02-29"}"#,
                Problem::BadDate {
                    key: "radiation_end_date".into(),
                },
            ),
            (
                "datetime without offset",
                r#"{"procedure_time": "2026-11-23T14:00:00"}"#,
                Problem::BadDateTime {
                    key: "procedure_time".into(),
                },
            ),
            (
                "choice outside options",
                r#"{"treatment_area": "scalp"}"#,
                Problem::NotAnOption {
                    key: "treatment_area".into(),
                    options: vec!["face".into(), "neck".into(), "body".into()],
                },
            ),
            (
                "duplicate key",
                r#"{"pregnant": true, "pregnant": false}"#,
                Problem::DuplicateKey("pregnant".into()),
            ),
            ("bad id", r#"{"id": true}"#, Problem::BadId),
            ("array", r#"[{"pregnant": true}]"#, Problem::NotAnObject),
            ("string", r#""pregnant""#, Problem::NotAnObject),
            ("empty", "", Problem::Empty),
            ("blank", "  \n", Problem::Blank),
        ];
        for (name, input, expected) in cases {
            let found = problem_of(input);
            assert_eq!(found, expected, "{name}");
            assert!(!found.to_string().contains("\"no\""), "{name}: {found}");
        }
    }

    #[test]
    fn malformed_json_has_line_and_column() {
        let e = parse(&default_rules(), b"{\n  \"pregnant\": tru,\n}").unwrap_err();
        assert!(matches!(e.problem, Problem::Malformed(_)), "{e:?}");
        assert_eq!((e.line, e.column), (2, 18));
        let e = parse(&default_rules(), br#"{"pregnant": true} {"eczema": true}"#).unwrap_err();
        assert_eq!(e.problem, Problem::Malformed("trailing characters".into()));
        let e = parse(&default_rules(), b"{\"pregnant\": true").unwrap_err();
        assert!(matches!(e.problem, Problem::Malformed(_)), "{e:?}");
    }

    #[test]
    fn an_error_never_contains_the_answer_value() {
        let e = parse(&default_rules(), br#"{"radiation_end_date": "1999-13-45"}"#).unwrap_err();
        assert!(!e.to_string().contains("1999"), "{e}");
        let e = parse(&default_rules(), br#"{"treatment_area": "left-breast"}"#).unwrap_err();
        assert!(!e.to_string().contains("breast"), "{e}");
    }

    #[test]
    fn hostile_documents_are_refused_by_the_limits() {
        let deep = format!("{{\"pregnant\": {}{}}}", "[".repeat(40), "]".repeat(40));
        let big = format!(
            "{{\"pregnant\": true{}}}",
            " ".repeat(crate::limits::MAX_BYTES)
        );
        let cases = [
            ("too deep", deep, Problem::TooDeep { limit: 32 }),
            ("too large", big, Problem::TooLarge { limit: 1 << 20 }),
            (
                "absurd number",
                r#"{"pregnant": 1e999}"#.to_string(),
                Problem::Malformed("number out of range".into()),
            ),
        ];
        for (name, input, expected) in cases {
            assert_eq!(problem_of(&input), expected, "{name}");
        }
    }

    #[test]
    fn non_utf8_is_refused() {
        assert_eq!(
            parse(&default_rules(), b"{\"pregnant\": \"\xff\"}")
                .unwrap_err()
                .problem,
            Problem::NotUtf8
        );
    }

    #[test]
    fn escaped_keys_are_matched_and_long_keys_shortened() {
        let rules = default_rules();
        let a = parse(&rules, br#"{"pr\u0065gnant": true}"#).unwrap();
        assert_eq!(a.value(q(&rules, "pregnant")), Some(&Value::Bool(true)));
        let long = format!("{{\"{}\": 1}}", "x".repeat(500));
        let shown = problem_of(&long).to_string();
        assert!(shown.len() < 120, "{shown}");
    }

    #[test]
    fn the_id_of_a_refused_document_is_found_when_it_can_be_told() {
        let num = |n: u64| Some(RecordId::Number(n.into()));
        let text = |s: &str| Some(RecordId::Text(s.into()));
        let cases = [
            (
                "before a bad key",
                r#"{"id": "A-1", "pregant": true}"#,
                text("A-1"),
            ),
            ("after a bad key", r#"{"pregant": true, "id": 7}"#, num(7)),
            (
                "after a bad value",
                r#"{"pregnant": "no", "id": 7}"#,
                num(7),
            ),
            (
                "before a syntax error",
                r#"{"id": 42, "pregnant": tru}"#,
                num(42),
            ),
            (
                "after a syntax error",
                r#"{"pregnant": tru, "id": 42}"#,
                None,
            ),
            ("cut short after the id", r#"{"id": 12"#, None),
            ("cut short in a key", r#"{"id": 12, "pre"#, None),
            (
                "cut short in a value",
                r#"{"id": 12, "pregnant": tr"#,
                num(12),
            ),
            (
                "escaped key",
                r#"{"\u0069d": "B", "x": [1, {"id": 3}]}"#,
                text("B"),
            ),
            ("nested ids do not count", r#"{"x": {"id": 3}}"#, None),
            ("twice", r#"{"id": 1, "id": 2}"#, None),
            ("not a string or number", r#"{"id": true, "x": 1}"#, None),
            ("not an object", r#"["id", 1]"#, None),
        ];
        for (name, input, expected) in cases {
            assert_eq!(find_id(input.as_bytes()), expected, "{name}");
        }
        assert_eq!(find_id(b"{\"id\": \"\xff\", \"x\": 1}"), None, "not UTF-8");
    }

    #[test]
    fn dates_are_strict_and_within_the_accepted_years() {
        let cases = [
            ("first accepted day", "1900-01-01", true),
            ("last accepted day", "2999-12-31", true),
            ("leap day", "2024-02-29", true),
            ("before the range", "1899-12-31", false),
            ("after the range", "3000-01-01", false),
            ("month zero", "2026-00-10", false),
            ("month 13", "2026-13-01", false),
            ("day zero", "2026-04-00", false),
            ("31 April", "2026-04-31", false),
            ("century not leap", "2100-02-29", false),
            ("sign", "+026-01-01", false),
            ("slashes", "2026/01/01", false),
        ];
        for (name, text, ok) in cases {
            let parsed = parse_date(text);
            assert_eq!(parsed.is_some(), ok, "{name}");
            if let Some(d) = parsed {
                assert_eq!(d.format("%Y-%m-%d").to_string(), text, "{name}");
            }
        }
    }

    #[test]
    fn to_json_round_trips() {
        let rules = default_rules();
        let input = serde_json::json!({"id": 7, "pregnant": null, "treatment_area": "body", "radiation_end_date": "2026-01-31"});
        let a = parse(&rules, input.to_string().as_bytes()).unwrap();
        assert_eq!(serde_json::Value::Object(a.to_json(&rules)), input);
    }
}
