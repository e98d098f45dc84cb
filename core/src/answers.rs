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

mod scan;

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::fhir::problem::{ResponseProblem, is_identifier, shown};
use crate::limits::{self, Limit};
use crate::rules::{Kind, QuestionDef, RuleSet};
pub use crate::value::Value;

/// The reserved key for the caller's record id.
pub const ID_KEY: &str = "id";

/// The oldest and latest dates accepted: a typo such as `0226-01-01` or `20266-01-01` is
/// refused rather than screened.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2999;

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

/// The caller's record identifier, echoed in results exactly as it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordId {
    Text(String),
    /// A JSON number as written (`123456789012345678901234567890`, `1e400`): echoed
    /// as raw JSON, never through a float, so it comes back digit for digit.
    Number(String),
}

impl RecordId {
    /// The id a raw JSON value stands for: `Ok(None)` for `null` (no id), an error
    /// for anything but a string, a number or `null`.
    fn from_raw(raw: &RawValue) -> Result<Option<RecordId>, ()> {
        let text = raw.get();
        match text.as_bytes().first() {
            // Without escapes the string is what is between the quotes: no second parse.
            Some(b'"') if !text.contains('\\') => Ok(Some(RecordId::Text(
                text.get(1..text.len() - 1).ok_or(())?.to_string(),
            ))),
            Some(b'"') => serde_json::from_str(text)
                .map(|s| Some(RecordId::Text(s)))
                .map_err(|_| ()),
            Some(b'-' | b'0'..=b'9') => Ok(Some(RecordId::Number(text.to_string()))),
            Some(b'n') => Ok(None),
            _ => Err(()),
        }
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordId::Text(s) | RecordId::Number(s) => f.write_str(s),
        }
    }
}

impl serde::Serialize for RecordId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RecordId::Text(s) => serializer.serialize_str(s),
            RecordId::Number(raw) => match RawValue::from_string(raw.clone()) {
                Ok(raw) => raw.serialize(serializer),
                Err(e) => Err(serde::ser::Error::custom(e)),
            },
        }
    }
}

impl schemars::JsonSchema for RecordId {
    fn schema_name() -> Cow<'static, str> {
        "RecordId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The `id` of the answers, as written there: a string, or a number digit for digit.",
            "type": ["string", "number"]
        })
    }
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

    /// The answers as a JSON document of the same form [`parse`] reads (missing keys left
    /// out), without the id: a numeric id is kept as written only by [`RecordId`]'s own
    /// serialization, which a `serde_json::Value` cannot hold.
    pub fn to_json(&self, rules: &RuleSet) -> serde_json::Map<String, serde_json::Value> {
        let mut map = serde_json::Map::new();
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
    /// A key that is not a question of the rule file; `suggestion` is a question id (or
    /// `id`) it is close to, found only for identifier-like keys.
    UnknownKey {
        key: String,
        suggestion: Option<String>,
    },
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
    /// The question or key the problem is about, if it is about one (as written: callers
    /// that show it must check [`is_identifier`] first).
    pub fn key(&self) -> Option<&str> {
        match self {
            Problem::UnknownKey { key, .. }
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

    /// The known key suggested for a mistyped one.
    pub fn suggestion(&self) -> Option<&str> {
        match self {
            Problem::UnknownKey { suggestion, .. } => suggestion.as_deref(),
            _ => None,
        }
    }

    /// A stable, documented name for the kind of problem, for scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Empty => "empty",
            Problem::Blank => "blank",
            Problem::NotUtf8 => "not_utf8",
            Problem::Malformed(_) => "malformed_json",
            Problem::NotAnObject => "not_an_object",
            Problem::UnknownKey { .. } => "unknown_key",
            Problem::DuplicateKey(_) => "duplicate_key",
            Problem::WrongType { .. } => "wrong_type",
            Problem::BadDate { .. } => "bad_date",
            Problem::BadDateTime { .. } => "bad_datetime",
            Problem::NotAnOption { .. } => "not_an_option",
            Problem::OutOfRange { .. } => "out_of_range",
            Problem::BadId => "bad_id",
            Problem::TooLarge { .. } => "too_large",
            Problem::TooDeep { .. } => "too_deep",
            Problem::BeforeScreening { .. } => "before_screening",
            Problem::Response(problem) => problem.code(),
        }
    }
}

/// The known key (a question id, or `id`) closest to an unknown `key`, when it is close
/// enough to be a slip of the keyboard: at most one edit in five characters, and at most
/// two. Only identifier-like keys are matched: anything else is not a typo of one.
pub fn suggest(rules: &RuleSet, key: &str) -> Option<String> {
    if !is_identifier(key) {
        return None;
    }
    let key = key.to_ascii_lowercase();
    let allowed = (key.chars().count() / 5).clamp(1, 2);
    std::iter::once(ID_KEY)
        .chain(rules.questions.iter().map(|q| q.id.as_str()))
        .map(|known| (edit_distance(&key, &known.to_ascii_lowercase()), known))
        .filter(|&(d, _)| d <= allowed)
        .min_by_key(|&(d, _)| d)
        .map(|(_, known)| known.to_string())
}

/// Levenshtein distance, counting an adjacent swap (`pregnatn`) as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Rows i-2, i-1 and i of the table.
    let mut before = vec![0; b.len() + 1];
    let mut last: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            row[j] = best;
        }
        std::mem::swap(&mut before, &mut last);
        std::mem::swap(&mut last, &mut row);
    }
    last[b.len()]
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
            Problem::UnknownKey { key, suggestion } => {
                if is_identifier(key) {
                    write!(f, "unknown answer key `{key}`")?;
                } else {
                    // It may be health data ("HIV positive"): describe it, never echo it.
                    write!(
                        f,
                        "unknown answer key of {} characters (not an identifier, so not shown)",
                        key.chars().count()
                    )?;
                }
                match suggestion {
                    Some(known) => write!(f, "; did you mean `{known}`?"),
                    None => Ok(()),
                }
            }
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
            Problem::BadId => write!(f, "`{ID_KEY}` must be a string, a number or null"),
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

/// A problem and where in the document it is (1-based; 0 when not known), with the
/// document's other problems, if any, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    pub problem: Problem,
    pub line: usize,
    pub column: usize,
    /// The problems after the first (each with an empty `more`). Empty when there are
    /// none, or when the first stopped the reading (JSON that is not well-formed).
    pub more: Vec<AnswerError>,
}

impl AnswerError {
    /// One problem at a place (`0, 0` when it has none).
    pub fn at(problem: Problem, line: usize, column: usize) -> AnswerError {
        AnswerError {
            problem,
            line,
            column,
            more: Vec::new(),
        }
    }

    /// Every problem, the first one first.
    pub fn all(&self) -> impl Iterator<Item = &AnswerError> {
        std::iter::once(self).chain(&self.more)
    }

    /// The first problem alone, as one line ("line 1, column 10: unknown answer key ...").
    pub fn first(&self) -> FirstProblem<'_> {
        FirstProblem(self)
    }
}

/// The first problem of an [`AnswerError`] and where it is.
pub struct FirstProblem<'a>(&'a AnswerError);

impl fmt::Display for FirstProblem<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        if e.line > 0 {
            write!(f, "line {}, column {}: {}", e.line, e.column, e.problem)
        } else {
            e.problem.fmt(f)
        }
    }
}

impl fmt::Display for AnswerError {
    /// The first problem; with others, how many there are in all.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.first().fmt(f)?;
        write_more(f, self)
    }
}

/// " (and N more problems)" when the first problem of `e` is not its only one.
pub fn write_more(f: &mut fmt::Formatter<'_>, e: &AnswerError) -> fmt::Result {
    match e.more.len() {
        0 => Ok(()),
        1 => f.write_str(" (and 1 more problem)"),
        n => write!(f, " (and {n} more problems)"),
    }
}

/// Parses one answers document.
///
/// A document of the common shape is read in one pass by [`scan`]; any other, and every
/// document that is refused, by [`parse_full`], which alone decides the refusal and its
/// message.
pub fn parse(rules: &RuleSet, bytes: &[u8]) -> Result<Answers, AnswerError> {
    let mut answers = Answers::empty(rules);
    parse_into(rules, bytes, &mut answers)?;
    Ok(answers)
}

/// [`parse`] into `answers`, whose buffers are reused when the document is of the
/// common shape: a batch reads a million records into one. On an error `answers`
/// holds nothing of use.
pub fn parse_into(rules: &RuleSet, bytes: &[u8], answers: &mut Answers) -> Result<(), AnswerError> {
    if bytes.len() <= limits::MAX_BYTES && scan::scan_into(rules, bytes, answers).is_some() {
        return Ok(());
    }
    *answers = parse_full(rules, bytes)?;
    Ok(())
}

/// The full parser: limits first (size, UTF-8, nesting), then serde_json with the
/// visitors below.
fn parse_full(rules: &RuleSet, bytes: &[u8]) -> Result<Answers, AnswerError> {
    let at = |problem| AnswerError::at(problem, 0, 0);
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
        let first = AnswerError::at(problem, line, column);
        if e.classify() != serde_json::error::Category::Data {
            return first;
        }
        // A wrong answer does not stop the reading: list every one.
        let mut all = all_problems(rules, text).into_iter();
        match all.next() {
            // Both readings met the same first problem (as they should).
            Some(same) if same.problem == first.problem => AnswerError {
                more: all.collect(),
                ..same
            },
            _ => first,
        }
    })
}

/// Every problem of an object of answers, in document order, each at the end of the key
/// or value it is about (at the start of an array or object given as a value). Empty
/// when the document is not a well-formed JSON object.
///
/// Slower than [`parse`] (it reads the document twice): only for documents already
/// refused, so a batch of good records never pays for it.
fn all_problems(rules: &RuleSet, text: &str) -> Vec<AnswerError> {
    let Ok(Entries(entries)) = serde_json::from_str::<Entries>(text) else {
        return Vec::new();
    };
    let offset = |s: &str| (s.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let place = |at: usize| {
        let before = &text.as_bytes()[..at.min(text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        (line, at - start + 1)
    };
    let mut found = Vec::new();
    let mut seen = vec![false; rules.questions.len()];
    let mut seen_id = false;
    for (key, value) in entries {
        let raw = value.get();
        let value_start = offset(raw);
        let value_end = value_start + raw.len().max(1) - 1;
        // The closing quote of the key; for a key with escapes (not borrowed), just before the value.
        let key_end = match &key {
            Cow::Borrowed(k) => offset(k) + k.len(),
            Cow::Owned(_) => value_start.saturating_sub(2),
        };
        let at_value = if raw.starts_with(['[', '{']) {
            value_start
        } else {
            value_end
        };
        let mut problem = |problem: Problem, at: usize| {
            let (line, column) = place(at);
            found.push(AnswerError::at(problem, line, column));
        };
        if key == ID_KEY {
            if std::mem::replace(&mut seen_id, true) {
                problem(Problem::DuplicateKey(ID_KEY.to_string()), key_end);
            } else if RecordId::from_raw(value).is_err() {
                problem(Problem::BadId, value_end);
            }
            continue;
        }
        let Some(q) = rules.question_index(&key) else {
            let suggestion = suggest(rules, &key);
            problem(
                Problem::UnknownKey {
                    key: key.into_owned(),
                    suggestion,
                },
                key_end,
            );
            continue;
        };
        let question = &rules.questions[q];
        if std::mem::replace(&mut seen[q], true) {
            problem(Problem::DuplicateKey(question.id.clone()), key_end);
            continue;
        }
        let slot = RefCell::new(None);
        let mut de = serde_json::Deserializer::from_str(raw);
        let read = ReplySeed {
            question,
            problem: &slot,
        }
        .deserialize(&mut de);
        if let Err(e) = read {
            let found = slot.into_inner().unwrap_or_else(|| match e.classify() {
                serde_json::error::Category::Data => Problem::WrongType {
                    key: question.id.clone(),
                    expected: question.kind.expected(),
                },
                _ => Problem::Malformed(without_position(&e)),
            });
            problem(found, at_value);
        }
    }
    found
}

/// A key as written, borrowed from the document when it has no escapes (so that where it
/// is can be told).
struct KeyText<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for KeyText<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyText<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Borrowed(key)))
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Owned(key.to_string())))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// The keys and raw values of a JSON object, in order, repeats kept.
struct Entries<'de>(Vec<(Cow<'de, str>, &'de RawValue)>);

impl<'de> serde::Deserialize<'de> for Entries<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Entries<'de>, M::Error> {
                let mut entries = Vec::new();
                while let Some(KeyText(key)) = map.next_key()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(V)
    }
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
    if let Some(parsed) = parse_plain_datetime(text) {
        return Some(parsed);
    }
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

/// The form nearly every booking writes, `YYYY-MM-DDTHH:MM:SS+HH:MM`, read directly (a
/// batch reads a million of them); `None` for anything else, which chrono then reads.
/// Accepts only what the general path accepts, with the same result (a test compares).
fn parse_plain_datetime(text: &str) -> Option<DateTime<FixedOffset>> {
    let b = text.as_bytes();
    let shape = b.len() == 25
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && matches!(b[19], b'+' | b'-')
        && b[22] == b':'
        && [11, 12, 14, 15, 17, 18, 20, 21, 23, 24]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    if !shape {
        return None;
    }
    let two = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
    let (hour, minute, second) = (two(11), two(14), two(17));
    let (offset_hours, offset_minutes) = (two(20), two(23));
    if hour > 23 || minute > 59 || second > 59 || offset_hours > 23 || offset_minutes > 59 {
        return None;
    }
    let date = parse_date(text.get(..10)?)?;
    let seconds = i32::try_from(offset_hours * 3600 + offset_minutes * 60).ok()?;
    let offset = FixedOffset::east_opt(if b[19] == b'-' { -seconds } else { seconds })?;
    let local = date.and_hms_opt(hour, minute, second)?;
    local.and_local_timezone(offset).single()
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
                Key::Unknown(key) => {
                    let suggestion = suggest(self.rules, &key);
                    return Err(self.fail(Problem::UnknownKey { key, suggestion }));
                }
                Key::Id => {
                    if std::mem::replace(&mut seen_id, true) {
                        return Err(self.fail(Problem::DuplicateKey(ID_KEY.to_string())));
                    }
                    let raw: &RawValue = map.next_value()?;
                    answers.id = RecordId::from_raw(raw).map_err(|()| self.fail(Problem::BadId))?;
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
                    let raw: &RawValue = map.next_value()?;
                    let id = RecordId::from_raw(raw).map_err(|()| de::Error::custom("bad id"))?;
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
                Problem::UnknownKey {
                    key: "pregant".into(),
                    suggestion: Some("pregnant".into()),
                },
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
        let num = |n: u64| Some(RecordId::Number(n.to_string()));
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
    fn every_problem_of_a_document_is_reported_in_order() {
        let text = "{\"pregnant\": false, \"pregant\": true,\n \"eczma\": false, \"eczema\": \"no\", \"HIV positive\": 1}";
        let e = parse(&default_rules(), text.as_bytes()).unwrap_err();
        let found: Vec<(Problem, usize, usize)> = e
            .all()
            .map(|e| (e.problem.clone(), e.line, e.column))
            .collect();
        let unknown = |key: &str, suggestion: Option<&str>| Problem::UnknownKey {
            key: key.into(),
            suggestion: suggestion.map(str::to_string),
        };
        assert_eq!(
            found,
            [
                (unknown("pregant", Some("pregnant")), 1, 29),
                (unknown("eczma", Some("eczema")), 2, 8),
                (
                    Problem::WrongType {
                        key: "eczema".into(),
                        expected: "true, false or null"
                    },
                    2,
                    31
                ),
                (unknown("HIV positive", None), 2, 47),
            ]
        );
        assert_eq!(
            e.to_string(),
            "line 1, column 29: unknown answer key `pregant`; did you mean `pregnant`? (and 3 more problems)"
        );
        // A syntax error stops the reading: it is the only problem.
        let e = parse(&default_rules(), br#"{"pregant": true, "eczema": tru}"#).unwrap_err();
        assert!(e.more.is_empty(), "{e:?}");
    }

    #[test]
    fn suggestions_only_for_near_identifiers() {
        let rules = default_rules();
        let cases = [
            ("one letter left out", "pregant", Some("pregnant")),
            ("two swapped", "pregnatn", Some("pregnant")),
            ("capitals", "Eczema", Some("eczema")),
            ("the id", "ID", Some("id")),
            ("nothing near", "favourite_colour", None),
            ("not an identifier", "pregnant!", None),
            ("too short to guess", "x", None),
        ];
        for (name, key, expected) in cases {
            assert_eq!(suggest(&rules, key).as_deref(), expected, "{name}");
        }
    }

    #[test]
    fn keys_that_are_not_identifiers_are_never_echoed() {
        for key in ["HIV positive", "pregnant: yes", "ümlaut", &"x".repeat(65)] {
            let doc = serde_json::json!({ key: true }).to_string();
            let shown = problem_of(&doc).to_string();
            assert!(!shown.contains(key), "{shown}");
            assert!(shown.contains("not shown"), "{shown}");
        }
        assert_eq!(
            problem_of(r#"{"smoker-2": true}"#).to_string(),
            "unknown answer key `smoker-2`"
        );
    }

    #[test]
    fn ids_are_kept_as_written_and_null_is_no_id() {
        let rules = default_rules();
        let cases = [
            (r#"{"id": null}"#, None),
            (r#"{"id": "A-1"}"#, Some(RecordId::Text("A-1".into()))),
            (r#"{"id": "A\u002d1"}"#, Some(RecordId::Text("A-1".into()))),
            (r#"{"id": ""}"#, Some(RecordId::Text(String::new()))),
            (
                r#"{"id": 123456789012345678901234567890}"#,
                Some(RecordId::Number("123456789012345678901234567890".into())),
            ),
            (r#"{"id": 1e400}"#, Some(RecordId::Number("1e400".into()))),
            (r#"{"id": -0.10}"#, Some(RecordId::Number("-0.10".into()))),
        ];
        for (doc, expected) in cases {
            let answers = parse(&rules, doc.as_bytes()).unwrap();
            assert_eq!(answers.id, expected, "{doc}");
            if let Some(id @ RecordId::Number(_)) = &answers.id {
                let written = serde_json::to_string(id).unwrap();
                assert!(doc.contains(&written), "{doc}: {written}");
            }
        }
        assert_eq!(
            find_id(br#"{"id": 123456789012345678901234567890, "x": 1}"#),
            Some(RecordId::Number("123456789012345678901234567890".into()))
        );
        assert_eq!(problem_of(r#"{"id": [1]}"#), Problem::BadId);
    }

    #[test]
    fn the_plain_time_form_reads_as_chrono_reads_it() {
        // The general path alone: what parse_datetime did before the plain form.
        let general = |text: &str| {
            DateTime::parse_from_rfc3339(text)
                .ok()
                .or_else(|| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z").ok())
                .filter(|_| text.get(..10).and_then(parse_date).is_some())
        };
        let base = "2026-11-23T14:05:09+01:30";
        let mut texts: Vec<String> = vec![
            base.into(),
            "2026-11-23T23:59:59-23:59".into(),
            "2026-11-23T00:00:00+00:00".into(),
            "2026-11-23T00:00:00-00:00".into(),
            "2026-11-23T23:59:60+00:00".into(),
            "2026-11-23T24:00:00+00:00".into(),
            "2026-11-23T12:00:00+24:00".into(),
            "2026-11-23T12:00:00+01:60".into(),
            "2026-02-29T12:00:00+01:00".into(),
            "2024-02-29T12:00:00+01:00".into(),
            "1899-12-31T12:00:00+01:00".into(),
            "2026-11-23t14:05:09+01:30".into(),
            "2026-11-23 14:05:09+01:30".into(),
        ];
        // Every byte of the base replaced by each of a few that matter.
        for at in 0..base.len() {
            for c in [
                '0', '9', '5', '6', '2', '3', '+', '-', ':', 'T', 'Z', ' ', '.',
            ] {
                let mut t = base.to_string();
                t.replace_range(at..at + 1, &c.to_string());
                texts.push(t);
            }
        }
        let mut plain = 0;
        for text in &texts {
            let fast = parse_plain_datetime(text);
            if fast.is_some() {
                plain += 1;
                assert_eq!(fast, general(text), "{text}");
                assert_eq!(
                    fast.map(|t| t.offset().local_minus_utc()),
                    general(text).map(|t| t.offset().local_minus_utc()),
                    "{text}"
                );
            }
            assert_eq!(parse_datetime(text), general(text), "{text}");
        }
        assert!(plain > 50, "{plain}");
    }

    #[test]
    fn to_json_round_trips() {
        let rules = default_rules();
        let input = serde_json::json!({"pregnant": null, "treatment_area": "body", "radiation_end_date": "2026-01-31"});
        let a = parse(&rules, input.to_string().as_bytes()).unwrap();
        assert_eq!(serde_json::Value::Object(a.to_json(&rules)), input);
    }
}
