//! The JSON result lines of `batch`: their own wire types, so internal refactors cannot
//! change them by accident. A screened line is `screen`'s document with `line` in
//! front; a rejected one says only where it is, its `id` when it can be told, and what
//! is wrong as the error object of `--format json` (a key, never an answer).
//!
//! Screened lines, a million to a run, are written by [`LineWriter`]: by hand, into the
//! output buffer, with what is the same on every line (the keys, the `rules` block)
//! rendered once per run. It writes exactly what serde_json writes for [`ResultDoc`],
//! the reference, which the tests compare it with. Pure: bytes into a `Vec`.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset, Timelike};
use schemars::JsonSchema;
use serde::Serialize;

use crate::answers::RecordId;
use crate::record::Assessment;
use crate::render::error::ErrorBody;
use crate::render::json::{ScreenDoc, items, rules_doc};
use crate::rules::compile::UNANSWERED;
use crate::rules::{Outcome, RuleSet};
use crate::screen::{CONTRADICTION, Reason, SCREEN_AGAIN, Verdict};

/// A screened line: its input line and the same object `screen --format json` prints.
//
// The reference form: the hand-written [`LineWriter`] must write exactly this.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ResultDoc<'a> {
    /// The 1-based input line.
    pub line: u64,
    #[serde(flatten)]
    pub result: ScreenDoc<'a>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ErrorDoc<'a> {
    pub line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a RecordId>,
    /// The same object `--format json` prints for an error, `line` being the input line.
    pub error: ErrorBody,
}

/// One line of `batch` output: a result, or an error (for the schema; each is written
/// as its own type).
#[derive(JsonSchema)]
#[schemars(title = "prescreen batch line")]
#[allow(dead_code)] // only its schema is used
#[serde(untagged)]
pub enum BatchLine<'a> {
    Result(ResultDoc<'a>),
    Error(ErrorDoc<'a>),
}

/// Writes screened lines for one run: one rule set, one screening date, with or
/// without checklists.
pub struct LineWriter<'r> {
    /// `,"schema_version":N`: after the line number.
    version: Vec<u8>,
    /// The opening of every reason the screening can give, rendered once.
    reasons: Vec<ReasonHead<'r>>,
    screened_on: NaiveDate,
    /// `,"screened_on":"DATE","judged_on":` for that date.
    dates: Vec<u8>,
    /// `,"rules":{...}}` and the line break: the end of every line.
    tail: Vec<u8>,
    checklist: bool,
}

/// `{"rule":…,"outcome":…,"message":…` of a reason with these three: the same on every
/// line that gives it.
struct ReasonHead<'r> {
    rule: &'r str,
    outcome: Outcome,
    message: &'r str,
    bytes: Vec<u8>,
}

impl<'r> ReasonHead<'r> {
    fn new(rule: &'r str, outcome: Outcome, message: &'r str) -> ReasonHead<'r> {
        let mut bytes = Vec::new();
        push_reason_head(&mut bytes, rule, outcome, message);
        ReasonHead {
            rule,
            outcome,
            message,
            bytes,
        }
    }

    /// Whether this is the opening of `reason`: its message is the very text rendered
    /// (compared by address first, which tells the rules' reasons apart cheaply).
    fn opens(&self, reason: &Reason) -> bool {
        std::ptr::eq(self.message, reason.message)
            && self.outcome == reason.outcome
            && self.rule == reason.rule
    }
}

/// `,"screened_on":"DATE","judged_on":`, the judged date to follow.
fn push_dates_head(out: &mut Vec<u8>, screened_on: NaiveDate) {
    out.extend_from_slice(b",\"screened_on\":");
    push_date(out, screened_on);
    out.extend_from_slice(b",\"judged_on\":");
}

fn push_reason_head(out: &mut Vec<u8>, rule: &str, outcome: Outcome, message: &str) {
    out.extend_from_slice(b"{\"rule\":");
    push_str(out, rule);
    out.extend_from_slice(b",\"outcome\":\"");
    out.extend_from_slice(Verdict::from(outcome).id().as_bytes());
    out.extend_from_slice(b"\",\"message\":");
    push_str(out, message);
}

impl<'r> LineWriter<'r> {
    pub fn new(
        rules: &'r RuleSet,
        screened_on: NaiveDate,
        checklist: bool,
    ) -> serde_json::Result<LineWriter<'r>> {
        let texts = &rules.texts;
        let reasons = rules
            .rules
            .iter()
            .map(|rule| ReasonHead::new(&rule.id, rule.outcome, &rule.reason))
            .chain([
                ReasonHead::new(UNANSWERED, Outcome::Review, &texts.unanswered),
                ReasonHead::new(CONTRADICTION, Outcome::Review, &texts.contradiction),
                ReasonHead::new(SCREEN_AGAIN, Outcome::Review, &texts.screen_again),
            ])
            .collect();
        let mut version = b",\"schema_version\":".to_vec();
        push_number(&mut version, u64::from(crate::render::json::SCHEMA_VERSION));
        let mut dates = Vec::new();
        push_dates_head(&mut dates, screened_on);
        let mut tail = b",\"rules\":".to_vec();
        serde_json::to_writer(&mut tail, &rules_doc(rules))?;
        tail.extend_from_slice(b"}\n");
        Ok(LineWriter {
            version,
            reasons,
            screened_on,
            dates,
            tail,
            checklist,
        })
    }

    /// Appends the result line of `assessment` (input line `line`) to `out`. On an
    /// error `out` may hold part of a line: the caller cuts it off.
    pub fn write(
        &self,
        out: &mut Vec<u8>,
        line: u64,
        rules: &RuleSet,
        assessment: &Assessment,
    ) -> serde_json::Result<()> {
        let screening = &assessment.screening;
        out.extend_from_slice(b"{\"line\":");
        push_number(out, line);
        out.extend_from_slice(&self.version);
        if let Some(id) = &assessment.answers.id {
            out.extend_from_slice(b",\"id\":");
            match id {
                RecordId::Text(text) => push_str(out, text),
                // Digits only (every id the scanner reads): a JSON number as it is, which
                // is what serde_json writes for the raw value, without copying and
                // checking it again.
                RecordId::Number(digits)
                    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    out.extend_from_slice(digits.as_bytes());
                }
                RecordId::Number(_) => serde_json::to_writer(&mut *out, id)?,
            }
        }
        out.extend_from_slice(b",\"verdict\":\"");
        out.extend_from_slice(screening.verdict.id().as_bytes());
        out.extend_from_slice(b"\",\"reasons\":[");
        for (i, reason) in screening.reasons.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            match self.reasons.iter().find(|head| head.opens(reason)) {
                Some(head) => out.extend_from_slice(&head.bytes),
                None => push_reason_head(out, reason.rule, reason.outcome, reason.message),
            }
            if let Some(question) = reason.question {
                out.extend_from_slice(b",\"question\":");
                push_str(out, question);
            }
            if let Some(against) = reason.against {
                out.extend_from_slice(b",\"against\":");
                push_str(out, against);
            }
            if let Some(date) = reason.eligible_from {
                out.extend_from_slice(b",\"eligible_from\":");
                push_date(out, date);
            }
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"eligible_from\":");
        match screening.eligible_from {
            Some(date) => push_date(out, date),
            None => out.extend_from_slice(b"null"),
        }
        if self.checklist {
            out.extend_from_slice(b",\"aftercare\":");
            let items = assessment.checklist.as_ref().map(items).unwrap_or_default();
            serde_json::to_writer(&mut *out, &items)?;
        }
        out.extend_from_slice(b",\"procedure_time\":");
        match assessment.answers.value(rules.aftercare.starts_at) {
            Some(crate::answers::Value::DateTime(time)) => push_time(out, time),
            _ => out.extend_from_slice(b"null"),
        }
        if screening.screened_on == self.screened_on {
            out.extend_from_slice(&self.dates);
        } else {
            push_dates_head(out, screening.screened_on);
        }
        push_date(out, screening.judged_on);
        out.extend_from_slice(&self.tail);
        Ok(())
    }
}

/// A JSON string, escaped as serde_json escapes it: copied as it is when nothing in it
/// needs escaping (nearly always), else written by serde_json.
fn push_str(out: &mut Vec<u8>, text: &str) {
    if is_plain(text.as_bytes()) {
        out.reserve(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        // Writing to a Vec cannot fail, nor can serializing a str.
        let _ = serde_json::to_writer(&mut *out, text);
    }
}

/// No quote, backslash or control character: nothing serde_json would escape. Eight
/// bytes at a time (a reason's message is a hundred or so).
fn is_plain(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_bytes = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let mut words = bytes.chunks_exact(8);
    let flags = words.by_ref().fold(0, |flags, chunk| {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        flags
            | zero_bytes(word ^ (ONES * u64::from(b'"')))
            | zero_bytes(word ^ (ONES * u64::from(b'\\')))
            | word.wrapping_sub(ONES * 0x20) & !word & HIGHS
    });
    flags == 0
        && words
            .remainder()
            .iter()
            .all(|&b| b >= 0x20 && b != b'"' && b != b'\\')
}

fn push_number(out: &mut Vec<u8>, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// The two digits of every number below 100, looked up rather than divided out: a
/// result line has a dozen of them.
const PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0; 2]; 100];
    let mut n = 0;
    while n < 100 {
        pairs[n] = [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
        n += 1;
    }
    pairs
};

/// The two digits of `n` (below 100; a larger `n` gives those of `n % 100`).
fn two(n: u32) -> [u8; 2] {
    PAIRS[(n % 100) as usize]
}

/// `"YYYY-MM-DD` (the opening quote and the date) for a year of four digits.
fn date_text(year: u32, month: u32, day: u32) -> [u8; 11] {
    let [y0, y1] = two(year / 100);
    let [y2, y3] = two(year);
    let [m0, m1] = two(month);
    let [d0, d1] = two(day);
    [b'"', y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1]
}

/// A date as a JSON string, as [`crate::render::json::iso_date`] writes it.
fn push_date(out: &mut Vec<u8>, date: NaiveDate) {
    match u32::try_from(date.year()) {
        Ok(year) if year <= 9999 => {
            out.extend_from_slice(&date_text(year, date.month(), date.day()));
            out.push(b'"');
        }
        _ => push_str(out, &crate::render::json::iso_date(date)),
    }
}

/// A time as a JSON string, as [`crate::render::json::procedure_time`] writes it
/// (chrono's `to_rfc3339`): written directly for whole seconds in a year of four digits
/// and an offset of whole minutes, the form every booking has; by chrono otherwise.
fn push_time(out: &mut Vec<u8>, time: &DateTime<FixedOffset>) {
    let local = time.naive_local();
    let offset = time.offset().fix().local_minus_utc();
    let plain = local.nanosecond() == 0 && offset % 60 == 0;
    match u32::try_from(local.year()) {
        Ok(year) if plain && year <= 9999 => {
            out.extend_from_slice(&date_text(year, local.month(), local.day()));
            let [h0, h1] = two(local.hour());
            let [i0, i1] = two(local.minute());
            let [s0, s1] = two(local.second());
            let sign = if offset < 0 { b'-' } else { b'+' };
            let minutes = offset.unsigned_abs() / 60;
            let [oh0, oh1] = two(minutes / 60);
            let [om0, om1] = two(minutes % 60);
            out.extend_from_slice(&[
                b'T', h0, h1, b':', i0, i1, b':', s0, s1, sign, oh0, oh1, b':', om0, om1, b'"',
            ]);
        }
        _ => push_str(out, &time.to_rfc3339()),
    }
}

/// The reference writer, for comparison: what `batch` wrote before [`LineWriter`].
#[cfg(test)]
pub fn reference_line(
    line: u64,
    rules: &RuleSet,
    assessment: &Assessment,
    checklist: bool,
) -> Vec<u8> {
    let report = assessment.report(rules, false);
    let mut result = ScreenDoc::new(&report);
    if !checklist {
        result.aftercare = None;
    }
    let answered = crate::render::json::procedure_time(rules, &assessment.answers);
    assert_eq!(result.procedure_time, answered);
    let mut out = serde_json::to_vec(&ResultDoc { line, result }).unwrap();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Settings, assess};
    use crate::testing::default_rules;

    #[test]
    fn outcomes_are_written_as_serde_writes_them() {
        for outcome in [Outcome::Review, Outcome::Defer, Outcome::NotCandidate] {
            assert_eq!(
                serde_json::to_string(&outcome).unwrap(),
                format!("\"{}\"", Verdict::from(outcome).id())
            );
        }
    }

    #[test]
    fn strings_numbers_dates_and_times_are_written_as_serde_writes_them() {
        let long = "a message of a reason, long enough to be read eight bytes at a time";
        let mut texts = vec![
            "",
            "plain",
            "quote \" backslash \\ slash /",
            "\u{0}\u{1}\u{1f}\n\t\r\u{8}\u{c}",
            "\u{7f}\u{80}é 日本 😀 \u{2028}",
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
        for at in 0..long.len() {
            for special in ["\"", "\\", "\u{1}", "\u{1f}", "\u{7f}", "é"] {
                texts.push(format!("{}{special}{}", &long[..at], &long[at..]));
            }
        }
        for text in &texts {
            let mut out = Vec::new();
            push_str(&mut out, text);
            assert_eq!(out, serde_json::to_vec(text).unwrap(), "{text:?}");
        }
        for n in [0, 1, 9, 10, 99, 100, 12345, u64::MAX] {
            let mut out = Vec::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
        for (y, m, d) in [
            (2026, 11, 23),
            (1900, 1, 1),
            (2999, 12, 31),
            (9, 3, 4),
            (12345, 6, 7),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let mut out = Vec::new();
            push_date(&mut out, date);
            assert_eq!(out, format!("\"{date}\"").as_bytes());
        }
        let times = [
            "2026-11-23T14:00:00+01:00",
            "2026-11-23T14:00:00Z",
            "2026-11-23T00:00:59-05:30",
            "1900-01-01T23:59:00+14:00",
            "2999-12-31T12:00:00-12:00",
            "2026-11-23T14:00:00.250+01:00",
            "2026-11-23T14:00:00.000000001+01:00",
        ];
        let mut times: Vec<DateTime<FixedOffset>> = times
            .iter()
            .map(|t| DateTime::parse_from_rfc3339(t).unwrap())
            .collect();
        // Offsets with seconds: chrono writes those.
        for seconds in [3630, -30, 59] {
            let offset = FixedOffset::east_opt(seconds).unwrap();
            times.push(times[0].with_timezone(&offset));
        }
        for time in times {
            let mut out = Vec::new();
            push_time(&mut out, &time);
            assert_eq!(
                out,
                serde_json::to_vec(&time.to_rfc3339()).unwrap(),
                "{time}"
            );
        }
    }

    #[test]
    fn a_line_is_written_as_the_reference_writes_it() {
        let rules = default_rules();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let documents = [
            r#"{}"#,
            r#"{"id": "a\"b", "pregnant": false, "eczema": false, "psoriasis": false, "other_skin_disease": false, "open_wounds": false, "scarring_history": false, "radiation_therapy": false, "procedure_time": "2026-11-24T09:30:00+01:00", "treatment_area": "face", "wears_makeup": true, "outdoors_next_24h": true, "uses_alcohol_based_products": true}"#,
            r#"{"id": 12, "pregnant": false, "eczema": false, "psoriasis": false, "other_skin_disease": false, "open_wounds": false, "scarring_history": false, "radiation_therapy": false, "procedure_time": "2026-11-24T09:30:00.5-03:30"}"#,
            r#"{"id": 1.5, "pregnant": true, "radiation_therapy": true, "radiation_end_date": "2026-10-01"}"#,
            r#"{"id": -0, "radiation_therapy": false, "radiation_end_date": "2026-05-01"}"#,
            r#"{"id": 0}"#,
            r#"{"id": 123456789012345678901234567890}"#,
            r#"{"id": 1e400}"#,
            r#"{"id": "all yes", "pregnant": true, "eczema": true, "psoriasis": true, "other_skin_disease": true, "open_wounds": true, "scarring_history": true, "radiation_therapy": true, "radiation_end_date": "2026-10-01", "treatment_area": "body"}"#,
            r#"{"pregnant": false, "eczema": false, "psoriasis": false, "other_skin_disease": false, "open_wounds": false, "scarring_history": false, "radiation_therapy": false, "procedure_time": "2027-11-24T09:30:00Z"}"#,
        ];
        // A writer for another screening date writes the dates itself; one made from a
        // copy of the rules writes every reason itself (none is the text it rendered).
        let other_day = today.pred_opt().unwrap();
        let copy = rules.clone();
        for (checklist, writer_day, writer_rules) in [
            (false, today, &rules),
            (true, today, &rules),
            (false, other_day, &rules),
            (true, today, &copy),
        ] {
            let writer = LineWriter::new(writer_rules, writer_day, checklist).unwrap();
            for (n, document) in documents.iter().enumerate() {
                let settings = Settings { today, checklist };
                let assessment = assess(&rules, document.as_bytes(), &settings).unwrap();
                let mut out = Vec::new();
                writer
                    .write(&mut out, n as u64 + 1, &rules, &assessment)
                    .unwrap();
                let expected = reference_line(n as u64 + 1, &rules, &assessment, checklist);
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    String::from_utf8(expected).unwrap(),
                    "{document}, checklist {checklist}, writer for {writer_day}"
                );
            }
        }
    }
}
