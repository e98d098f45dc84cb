//! The crate's error type: what went wrong, with enough context to say where, as one line.
//!
//! Values carry data, not pre-formatted strings; `exit_code` maps each to the documented
//! status. No colour here: that is the printer's business. No answer value ever appears
//! in a message, only the key that is wrong.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::answers::AnswerError;
use crate::bookings::BookingsError;
use crate::limits::Limit;
use crate::rules::{Problem, RulesError};

/// Exit statuses (documented in the README and in `--help`).
pub mod exit {
    pub const CANDIDATE: u8 = 0;
    pub const NOT_CANDIDATE: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const DEFER: u8 = 3;
    pub const REVIEW: u8 = 4;
    /// EX_DATAERR: invalid answers.
    pub const INVALID_ANSWERS: u8 = 65;
    /// EX_NOINPUT: an input file cannot be read.
    pub const NO_INPUT: u8 = 66;
    /// EX_IOERR: an output could not be written.
    pub const IO: u8 = 74;
    /// EX_UNAVAILABLE: built without the self-check page's engine (`page`).
    pub const UNAVAILABLE: u8 = 69;
    /// EX_CONFIG: an invalid rule file.
    pub const INVALID_RULES: u8 = 78;
    /// Interrupted by the user (128 + SIGINT).
    pub const INTERRUPTED: u8 = 130;
}

#[derive(Debug)]
pub enum Error {
    /// A rule file could not be read.
    ReadRules { path: PathBuf, source: io::Error },
    /// A rule file is not JSON or does not fit the format.
    MalformedRules {
        origin: String,
        source: serde_json::Error,
    },
    /// A rule file is well-formed but wrong; every problem is listed.
    InvalidRules {
        origin: String,
        problems: Vec<Problem>,
    },
    /// An answers file could not be read.
    ReadAnswers { origin: String, source: io::Error },
    /// An answers document is invalid.
    InvalidAnswers { origin: String, error: AnswerError },
    /// A booking export for `desk --answers` that cannot be used as a whole.
    Bookings {
        origin: String,
        error: Box<BookingsError>,
    },
    /// Nothing to screen: stdin is a terminal and no answers were given.
    NoAnswers,
    /// A result could not be written.
    Write { target: String, source: io::Error },
    /// The questionnaire was cancelled (Esc, Ctrl-C, or the terminal went away).
    Interrupted,
    /// A `desk` session ended by Ctrl-C, SIGTERM or SIGHUP: the screenings confirmed
    /// before are in the record file; the one in progress, if any, is not.
    DeskInterrupted,
    /// `--interactive` without a terminal.
    NeedsTerminal,
    /// `--interactive --answers -`: stdin cannot hold both the pre-filled answers and
    /// the keys typed at the questionnaire.
    PrefillFromStdin,
    /// `batch` with nothing to read: stdin is a terminal and no file was given.
    NoBatchInput,
    /// `batch` refused some lines (each has an `error` result); the others were screened.
    RejectedLines { rejected: u64, lines: u64 },
    /// A rule file refused before parsing: too large, not UTF-8 or nested too deep.
    RulesRefused { origin: String, limit: Limit },
    /// The record could not be appended to the record file, or the file was refused.
    Record { path: PathBuf, source: io::Error },
    /// One file given for two outputs (`--out X --record X`).
    SameFile {
        path: PathBuf,
        first: &'static str,
        second: &'static str,
    },
    /// A record file could not be read to list it (`records`), or is not a record file.
    ReadRecords { origin: String, source: io::Error },
    /// `records --from` after `--to`: no date is in that range.
    DateRange { from: String, to: String },
    /// An output format this command does not write (`aftercare --format fhir`).
    FormatNotFor {
        format: &'static str,
        command: &'static str,
    },
    /// `--print` found nowhere to send the sheet: no default printer, no browser opener.
    NoPrintRoute,
    /// The program the sheet was handed to could not start or failed (`why` says which).
    PrintFailed { program: String, why: String },
    /// `page` in a binary built without the page's WebAssembly engine.
    PageEngineMissing,
    /// `--lang` names a language the rule file has no texts in.
    UnknownLanguage {
        origin: String,
        lang: String,
        available: Vec<String>,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::ReadRules { .. } | Error::ReadAnswers { .. } => exit::NO_INPUT,
            Error::MalformedRules { .. } | Error::InvalidRules { .. } => exit::INVALID_RULES,
            Error::InvalidAnswers { .. } => exit::INVALID_ANSWERS,
            Error::Bookings { .. } => exit::INVALID_ANSWERS,
            Error::NoAnswers => exit::USAGE,
            Error::Write { .. } => exit::IO,
            Error::Interrupted | Error::DeskInterrupted => exit::INTERRUPTED,
            Error::NeedsTerminal => exit::USAGE,
            Error::PrefillFromStdin => exit::USAGE,
            Error::NoBatchInput => exit::USAGE,
            Error::RejectedLines { .. } => exit::INVALID_ANSWERS,
            Error::RulesRefused { .. } => exit::INVALID_RULES,
            Error::FormatNotFor { .. } => exit::USAGE,
            Error::Record { .. } => exit::IO,
            Error::SameFile { .. } => exit::USAGE,
            Error::NoPrintRoute | Error::PrintFailed { .. } => exit::IO,
            Error::ReadRecords { .. } => exit::NO_INPUT,
            Error::DateRange { .. } => exit::USAGE,
            Error::PageEngineMissing => exit::UNAVAILABLE,
            Error::UnknownLanguage { .. } => exit::USAGE,
        }
    }

    /// A stable, documented name for the error, for scripts (`"code"` in a JSON error).
    /// Never changed once released; a new variant gets a new code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::ReadRules { .. } => "read_rules",
            Error::MalformedRules { .. } => "malformed_rules",
            Error::InvalidRules { .. } => "invalid_rules",
            Error::ReadAnswers { .. } => "read_answers",
            Error::InvalidAnswers { .. } => "invalid_answers",
            Error::Bookings { .. } => "bookings",
            Error::NoAnswers => "no_answers",
            Error::Write { .. } => "write",
            Error::Interrupted => "interrupted",
            Error::DeskInterrupted => "desk_interrupted",
            Error::NeedsTerminal => "needs_terminal",
            Error::PrefillFromStdin => "prefill_from_stdin",
            Error::NoBatchInput => "no_batch_input",
            Error::RejectedLines { .. } => "rejected_lines",
            Error::RulesRefused { .. } => "rules_refused",
            Error::FormatNotFor { .. } => "format_not_for",
            Error::Record { .. } => "record",
            Error::SameFile { .. } => "same_file",
            Error::NoPrintRoute => "no_print_route",
            Error::PrintFailed { .. } => "print_failed",
            Error::ReadRecords { .. } => "read_records",
            Error::DateRange { .. } => "date_range",
            Error::PageEngineMissing => "page_engine_missing",
            Error::UnknownLanguage { .. } => "unknown_language",
        }
    }

    /// Lines to print before the summary line: one per rule-file problem, or one per
    /// problem of an answers document that has more than one.
    pub fn details(&self) -> Vec<String> {
        match self {
            Error::InvalidRules { origin, problems } => {
                problems.iter().map(|p| format!("{origin}: {p}")).collect()
            }
            Error::InvalidAnswers { origin, error } if !error.more.is_empty() => error
                .all()
                .map(|e| format!("invalid answers in {origin}: {}", e.first()))
                .collect(),
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::ReadRules { path, source } => {
                write!(f, "cannot read rule file `{}`: {}", path.display(), io_message(source))
            }
            Error::MalformedRules { origin, source } => write!(f, "invalid rule file `{origin}`: {source}"),
            Error::InvalidRules { origin, problems } => {
                let n = problems.len();
                write!(f, "invalid rule file `{origin}`: {n} problem{}", if n == 1 { "" } else { "s" })
            }
            Error::ReadAnswers { origin, source } => {
                write!(f, "cannot read answers from {origin}: {}", io_message(source))
            }
            Error::InvalidAnswers { origin, error } if error.more.is_empty() => {
                write!(f, "invalid answers in {origin}: {error}")
            }
            // Each is listed before this line (see `details`).
            Error::InvalidAnswers { origin, error } => write!(
                f,
                "invalid answers in {origin}: {} problems",
                error.more.len() + 1
            ),
            Error::NoAnswers => f.write_str(
                "no answers: stdin is a terminal; pass --answers FILE or pipe a JSON object of answers",
            ),
            Error::Write { target, source } => write!(f, "cannot write {target}: {}", io_message(source)),
            Error::Interrupted => f.write_str("cancelled: nothing was recorded"),
            Error::DeskInterrupted => f.write_str(
                "desk session interrupted: every screening confirmed before is in the record file; one in progress was not recorded",
            ),
            Error::NeedsTerminal => f.write_str(
                "the questionnaire needs a terminal; to screen without one, pipe JSON answers: \
                 prescreen screen --answers FILE (or < FILE)",
            ),
            Error::Bookings { origin, error } => write!(
                f,
                "cannot pre-fill from the booking export {origin}: {error}; no screening was started"
            ),
            Error::PrefillFromStdin => f.write_str(
                "--interactive cannot take pre-filled answers from stdin (`--answers -`): the questionnaire reads its keys there; give them as a file",
            ),
            Error::NoBatchInput => f.write_str(
                "no input: stdin is a terminal; give an NDJSON file or pipe one JSON object of answers per line",
            ),
            Error::RejectedLines { rejected, lines } => write!(
                f,
                "{rejected} of {lines} lines rejected (their results have `error`); the others were screened"
            ),
            Error::RulesRefused { origin, limit } => write!(f, "invalid rule file `{origin}`: {limit}"),
            Error::FormatNotFor { format, command } => {
                write!(f, "`{command}` has no `--format {format}` output")
            }
            Error::Record { path, source } => write!(
                f,
                "cannot write record file `{}`: {}; no record was kept",
                path.display(),
                io_message(source)
            ),
            Error::NoPrintRoute => f.write_str(
                "cannot print the sheet: no default printer (`lpstat -d`) and no `xdg-open` to open it in a browser; \
                 name a program with --print-command CMD, or write it with --out sheet.html",
            ),
            Error::PrintFailed { program, why } => {
                write!(f, "cannot print the sheet with `{program}`: {why}")
            }
            Error::ReadRecords { origin, source } => {
                write!(f, "cannot read record file {origin}: {}", io_message(source))
            }
            Error::DateRange { from, to } => {
                write!(f, "--from {from} is after --to {to}: no date is in that range")
            }
            Error::PageEngineMissing => f.write_str(
                "this prescreen was built without the self-check page's engine: build it with \
                 `cargo build -p prescreen-page-engine --target wasm32-unknown-unknown --profile page`, \
                 then build prescreen with PRESCREEN_PAGE_WASM naming the .wasm (README, \"The self-check page\")",
            ),
            Error::UnknownLanguage { origin, lang, available } => write!(
                f,
                "--lang {lang}: rule file `{origin}` has no texts in that language; its languages are {}",
                available.join(", ")
            ),
            Error::SameFile { path, first, second } => write!(
                f,
                "`{}` is given for both {first} and {second}; each output needs its own file",
                path.display()
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::ReadRules { source, .. }
            | Error::ReadAnswers { source, .. }
            | Error::Write { source, .. }
            | Error::Record { source, .. }
            | Error::ReadRecords { source, .. } => Some(source),
            Error::MalformedRules { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Error {
    /// The error for a rule file that did not load, named by `origin` in messages.
    pub fn from_rules(origin: String, error: RulesError) -> Error {
        match error {
            RulesError::Malformed(source) => Error::MalformedRules { origin, source },
            RulesError::Invalid(problems) => Error::InvalidRules { origin, problems },
            RulesError::Refused(limit) => Error::RulesRefused { origin, limit },
            RulesError::Unavailable(u) => Error::UnknownLanguage {
                origin,
                lang: u.wanted,
                available: u.available,
            },
        }
    }
}

/// An I/O error as a short lower-case phrase ("no such file or directory").
fn io_message(e: &io::Error) -> String {
    let text = e.to_string();
    // Drop the "(os error 2)" tail: it helps nobody at a front desk.
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Problem as AnswerProblem;

    #[test]
    fn messages_are_one_line_with_their_context() {
        let cases = [
            (
                Error::ReadRules {
                    path: "x.json".into(),
                    source: io::Error::from(io::ErrorKind::NotFound),
                },
                "cannot read rule file `x.json`: entity not found",
                exit::NO_INPUT,
            ),
            (
                Error::InvalidAnswers {
                    origin: "`a.json`".into(),
                    error: AnswerError::at(
                        AnswerProblem::UnknownKey {
                            key: "pregant".into(),
                            suggestion: Some("pregnant".into()),
                        },
                        1,
                        11,
                    ),
                },
                "invalid answers in `a.json`: line 1, column 11: unknown answer key `pregant`; did you mean `pregnant`?",
                exit::INVALID_ANSWERS,
            ),
            (
                Error::InvalidRules {
                    origin: "r.json".into(),
                    problems: vec![Problem {
                        path: "rules.x".into(),
                        message: "bad".into(),
                    }],
                },
                "invalid rule file `r.json`: 1 problem",
                exit::INVALID_RULES,
            ),
            (
                Error::RulesRefused {
                    origin: "r.json".into(),
                    limit: Limit::TooDeep { limit: 32 },
                },
                "invalid rule file `r.json`: the document nests more than 32 levels deep",
                exit::INVALID_RULES,
            ),
            (
                Error::UnknownLanguage {
                    origin: "r.json".into(),
                    lang: "fr".into(),
                    available: vec!["en".into(), "es".into()],
                },
                "--lang fr: rule file `r.json` has no texts in that language; its languages are en, es",
                exit::USAGE,
            ),
        ];
        for (error, text, code) in cases {
            assert_eq!(error.to_string(), text);
            assert!(!error.to_string().contains('\n'));
            assert_eq!(error.exit_code(), code);
        }
    }

    #[test]
    fn every_error_has_its_own_stable_code() {
        let io = || io::Error::from(io::ErrorKind::NotFound);
        let all = [
            Error::ReadRules {
                path: "r".into(),
                source: io(),
            },
            Error::MalformedRules {
                origin: "r".into(),
                source: serde_json::from_str::<u8>("x").unwrap_err(),
            },
            Error::InvalidRules {
                origin: "r".into(),
                problems: Vec::new(),
            },
            Error::ReadAnswers {
                origin: "a".into(),
                source: io(),
            },
            Error::InvalidAnswers {
                origin: "a".into(),
                error: AnswerError::at(AnswerProblem::Empty, 0, 0),
            },
            Error::NoAnswers,
            Error::Write {
                target: "t".into(),
                source: io(),
            },
            Error::Interrupted,
            Error::DeskInterrupted,
            Error::NeedsTerminal,
            Error::PrefillFromStdin,
            Error::Bookings {
                origin: "b".into(),
                error: Box::new(BookingsError::NoId { line: 1 }),
            },
            Error::NoBatchInput,
            Error::RejectedLines {
                rejected: 1,
                lines: 2,
            },
            Error::RulesRefused {
                origin: "r".into(),
                limit: Limit::NotUtf8,
            },
            Error::FormatNotFor {
                format: "fhir",
                command: "aftercare",
            },
            Error::Record {
                path: "r".into(),
                source: io(),
            },
            Error::SameFile {
                path: "f".into(),
                first: "--out",
                second: "--ics",
            },
            Error::NoPrintRoute,
            Error::PrintFailed {
                program: "lp".into(),
                why: "it ended with status 1".into(),
            },
            Error::ReadRecords {
                origin: "r".into(),
                source: io(),
            },
            Error::DateRange {
                from: "b".into(),
                to: "a".into(),
            },
            Error::PageEngineMissing,
            Error::UnknownLanguage {
                origin: "r".into(),
                lang: "fr".into(),
                available: vec!["en".into()],
            },
        ];
        let mut codes: Vec<&str> = all.iter().map(Error::code).collect();
        for code in &codes {
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{code}"
            );
        }
        // The README's "Errors as data" lists every code a script may see.
        let readme = include_str!("../README.md");
        for code in &codes {
            assert!(
                readme.contains(&format!("`{code}`")),
                "README lacks `{code}`"
            );
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "codes are distinct");
    }
}
