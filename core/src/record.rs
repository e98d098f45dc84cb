//! One record, end to end: answers -> screening -> checklist (for a candidate) -> the
//! report every renderer reads. `screen` and `batch` both go through [`assess`], so a
//! record screened one at a time and the same record in a batch cannot differ.
//!
//! Pure: no I/O and no clock; the screening date is an argument. A record without a
//! procedure time gets a checklist without clock times: no time is ever invented.

use chrono::NaiveDate;

use crate::aftercare::{self, Checklist};
use crate::answers::{AnswerError, Answers, Problem};
use crate::render::ScreenReport;
use crate::rules::RuleSet;
use crate::screen::{self, Screening, Verdict};

/// What is fixed for every record of a run.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The screening date.
    pub today: NaiveDate,
    /// Whether a candidate gets the aftercare checklist. `screen` always wants it;
    /// `batch` only with `--aftercare`, since it is the bulk of the output.
    pub checklist: bool,
}

/// One screened record: the answers, the screening and, for a candidate whose checklist
/// was asked for, the checklist.
#[derive(Debug, Clone)]
pub struct Assessment<'r> {
    pub answers: Answers,
    pub screening: Screening<'r>,
    pub checklist: Option<Checklist<'r>>,
}

impl<'r> Assessment<'r> {
    /// The report the renderers read (`explain`: every rule checked, and rationales).
    pub fn report<'a>(&'a self, rules: &'a RuleSet, explain: bool) -> ScreenReport<'a> {
        ScreenReport {
            rules,
            answers: &self.answers,
            screening: &self.screening,
            checklist: self.checklist.as_ref(),
            explain,
            reader: crate::render::Reader::Staff,
            reference: None,
        }
    }
}

/// Parses one answers document (JSON answers or a FHIR QuestionnaireResponse) and
/// screens it.
pub fn assess<'r>(
    rules: &'r RuleSet,
    bytes: &[u8],
    settings: &Settings,
) -> Result<Assessment<'r>, AnswerError> {
    assess_reusing(rules, bytes, settings, Answers::empty(rules))
}

/// [`assess`], reading the answers into `spare`: the answers of an earlier assessment,
/// taken back from it, so that a batch's records reuse one set of buffers.
pub fn assess_reusing<'r>(
    rules: &'r RuleSet,
    bytes: &[u8],
    settings: &Settings,
    mut spare: Answers,
) -> Result<Assessment<'r>, AnswerError> {
    crate::fhir::read_into(rules, bytes, &mut spare)?;
    assess_answers(rules, spare, settings)
}

/// Screens answers already parsed (or collected at a prompt), judged on the procedure's
/// own date. A procedure before the screening date is refused as invalid answers.
pub fn assess_answers<'r>(
    rules: &'r RuleSet,
    answers: Answers,
    settings: &Settings,
) -> Result<Assessment<'r>, AnswerError> {
    let screening = screen::screen_for_procedure(rules, &answers, settings.today).map_err(|e| {
        AnswerError::at(
            Problem::BeforeScreening {
                key: e.question.to_string(),
                screened_on: e.screened_on,
            },
            0,
            0,
        )
    })?;
    let checklist = (settings.checklist && screening.verdict == Verdict::Candidate)
        .then(|| aftercare::checklist(rules, &answers, screening.judged_on));
    Ok(Assessment {
        answers,
        screening,
        checklist,
    })
}

/// The longest patient reference a record keeps, in characters.
pub const MAX_REFERENCE_CHARS: usize = 100;

/// Checks a patient reference (a name or booking id, free text) for a record: trimmed;
/// blank means none; one line of at most [`MAX_REFERENCE_CHARS`] characters, without
/// control characters or the invisible characters that reorder text on a terminal
/// (bidirectional overrides, isolates and marks), so that a listing shows what was typed.
/// The same check for `--reference` and for a reference typed at the desk.
pub fn check_reference(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Err("a reference is one line of text, without control characters".to_string());
    }
    if text.chars().count() > MAX_REFERENCE_CHARS {
        return Err(format!(
            "a reference is at most {MAX_REFERENCE_CHARS} characters"
        ));
    }
    Ok(Some(text.to_string()))
}

/// Unicode's bidirectional formatting characters: they can make text read differently
/// from what it holds.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether one line starts as every complete record line does,
/// `{"schema_version":N,"recorded_at":"`.
pub fn starts_like_record(line: &[u8]) -> bool {
    matches!(line_start(line), Start::Record)
}

/// Whether one line ends inside that beginning: a record cut short there (a writer
/// killed mid-record).
pub fn torn_in_record_head(line: &[u8]) -> bool {
    matches!(line_start(line), Start::Torn)
}

/// Whether `start` (the first bytes of a file) can be the start of a record file: empty,
/// or lines that begin as every record line does, `{"schema_version":N,"recorded_at":`.
/// Lines cut short inside that beginning (left by writers killed mid-record, each
/// followed by a newline from the next writer) are passed over. A JSON result (no
/// `recorded_at`), a handout or anything else is not a record file, so neither
/// `--record` appends to it nor `--out` replaces a record file by mistake.
pub fn looks_like_record(start: &[u8]) -> bool {
    if start.is_empty() {
        return true;
    }
    let mut lines = start.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        let last = lines.peek().is_none();
        match line_start(line) {
            Start::Record => return true,
            Start::Other => return false,
            Start::Torn if last => return true,
            // A blank line is never written between records.
            Start::Torn if line.is_empty() => return false,
            Start::Torn => {}
        }
    }
    false
}

/// How a line begins, as far as telling a record file goes.
enum Start {
    Record,
    Other,
    /// It ends inside the beginning of a record.
    Torn,
}

fn line_start(line: &[u8]) -> Start {
    const HEAD: &[u8] = br#"{"schema_version":"#;
    const NEXT: &[u8] = br#","recorded_at":""#;
    let Some(rest) = line.strip_prefix(HEAD) else {
        return if HEAD.starts_with(line) {
            Start::Torn
        } else {
            Start::Other
        };
    };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let after = &rest[digits..];
    if after.is_empty() {
        Start::Torn
    } else if digits == 0 {
        Start::Other
    } else if after.starts_with(NEXT) {
        Start::Record
    } else if NEXT.starts_with(after) {
        Start::Torn
    } else {
        Start::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_files_are_recognised_by_their_first_line() {
        let cases: [(&str, &[u8], bool); 14] = [
            ("empty", b"", true),
            (
                "a record",
                br#"{"schema_version":1,"recorded_at":"2026-11-23T10:00:00Z"}"#,
                true,
            ),
            (
                "two records",
                b"{\"schema_version\":12,\"recorded_at\":\"x\"}\n{\"a\"",
                true,
            ),
            ("torn in the key", br#"{"schema_ver"#, true),
            ("torn after the version", br#"{"schema_version":1"#, true),
            (
                "torn in recorded_at",
                br#"{"schema_version":1,"record"#,
                true,
            ),
            (
                "a JSON result",
                br#"{"schema_version":1,"verdict":"review"}"#,
                false,
            ),
            ("pretty JSON", b"{\n  \"schema_version\": 1", false),
            ("markdown", b"# Screening result\n", false),
            ("a blank first line", b"\n{\"schema_version\":1", false),
            (
                "no version digits",
                br#"{"schema_version":,"recorded_at":""#,
                false,
            ),
            ("pretty JSON's first line alone", b"{", true),
            (
                "torn lines, then a record",
                b"{\"sch\n{\"schema_version\":1,\"recorded_at\":\"x\"}\n",
                true,
            ),
            ("a torn line, then another file", b"{\n# notes", false),
        ];
        for (name, start, expected) in cases {
            assert_eq!(looks_like_record(start), expected, "{name}");
        }
    }
    #[test]
    fn references_are_one_trimmed_line_of_printable_text() {
        let long = "x".repeat(MAX_REFERENCE_CHARS + 1);
        let longest = "é".repeat(MAX_REFERENCE_CHARS);
        // (name, text, the reference kept: `Err` when refused)
        type Case<'a> = (&'a str, &'a str, Result<Option<&'a str>, ()>);
        let cases: [Case; 9] = [
            ("a name", "Ann Lee", Ok(Some("Ann Lee"))),
            ("trimmed", "  B-1042 \t", Ok(Some("B-1042"))),
            ("blank is none", "   ", Ok(None)),
            ("empty is none", "", Ok(None)),
            ("two lines", "Ann\nLee", Err(())),
            ("an escape", "Ann\u{1b}[2J", Err(())),
            ("a bidi override", "Ann\u{202E}eeL", Err(())),
            ("too long", &long, Err(())),
            ("100 characters, 200 bytes", &longest, Ok(Some(&longest))),
        ];
        for (name, text, expected) in cases {
            let got = check_reference(text);
            match expected {
                Ok(value) => assert_eq!(got.ok().flatten().as_deref(), value, "{name}"),
                Err(()) => assert!(got.is_err(), "{name}: {got:?}"),
            }
        }
    }

    #[test]
    fn a_record_line_starts_with_its_version_and_time() {
        assert!(starts_like_record(
            br#"{"schema_version":1,"recorded_at":"x"}"#
        ));
        assert!(!starts_like_record(br#"{"schema_version":1,"rec"#));
        assert!(!starts_like_record(
            br#"{"recorded_at":"x","schema_version":1}"#
        ));
        assert!(!starts_like_record(b""));
        assert!(torn_in_record_head(br#"{"schema_version":1,"rec"#));
        assert!(!torn_in_record_head(br#"{"verdict":"defer"}"#));
    }

    use crate::testing::{default_rules, screening_candidate};
    use serde_json::json;

    fn settings(checklist: bool) -> Settings {
        Settings {
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            checklist,
        }
    }

    #[test]
    fn the_checklist_is_for_a_candidate_who_asked_for_it() {
        let rules = default_rules();
        let cases = [
            (
                "candidate, asked",
                json!({}),
                true,
                Verdict::Candidate,
                true,
            ),
            (
                "candidate, not asked",
                json!({}),
                false,
                Verdict::Candidate,
                false,
            ),
            (
                "deferred, asked",
                json!({"pregnant": true}),
                true,
                Verdict::Defer,
                false,
            ),
        ];
        for (name, overrides, asked, verdict, has_checklist) in cases {
            let bytes = screening_candidate(overrides).to_string();
            let a = assess(&rules, bytes.as_bytes(), &settings(asked)).unwrap();
            assert_eq!(a.screening.verdict, verdict, "{name}");
            assert_eq!(a.checklist.is_some(), has_checklist, "{name}");
            assert_eq!(a.report(&rules, false).checklist.is_some(), has_checklist);
        }
    }

    #[test]
    fn no_time_is_invented_without_a_procedure_time() {
        let rules = default_rules();
        let bytes = screening_candidate(json!({})).to_string();
        let a = assess(&rules, bytes.as_bytes(), &settings(true)).unwrap();
        let checklist = a.checklist.unwrap();
        assert_eq!(checklist.starts, None);
        assert!(checklist.items.iter().all(|i| i.until.is_none()));
        assert_eq!(a.screening.judged_on, settings(true).today);
    }

    #[test]
    fn a_procedure_before_the_screening_date_is_refused() {
        let rules = default_rules();
        let cases = [
            ("day before, own offset", "2026-11-22T23:30:00-10:00", true),
            ("same day late, west", "2026-11-23T23:30:00-10:00", false),
            ("same day early, east", "2026-11-23T00:30:00+14:00", false),
            ("in 1900", "1900-01-01T10:00:00Z", true),
        ];
        for (name, time, refused) in cases {
            let bytes = screening_candidate(json!({"procedure_time": time})).to_string();
            let result = assess(&rules, bytes.as_bytes(), &settings(true));
            assert_eq!(result.is_err(), refused, "{name}");
            if let Err(e) = result {
                assert_eq!(e.problem.key(), Some("procedure_time"), "{name}");
            }
        }
    }

    #[test]
    fn bad_answers_are_the_parser_error() {
        let e = assess(&default_rules(), br#"{"pregant": true}"#, &settings(true)).unwrap_err();
        assert_eq!(e.problem.key(), Some("pregant"));
    }
}
