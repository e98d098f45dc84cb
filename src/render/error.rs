//! Errors as data: the JSON object a script gets instead of a sentence on stderr, with
//! `--format json` (on stdout) and in `batch`'s error lines. Its own wire types, like the
//! results, with a schema in `rules/error.schema.json`.
//!
//! Keys of answers appear only when they look like identifiers: anything else may be
//! health data typed into the wrong place.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;

use crate::answers::AnswerError;
use crate::error::Error;
use crate::fhir::problem::is_identifier;

/// `{"error": {...}}`: what `--format json` prints on stdout when a command fails.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "prescreen error")]
#[serde(deny_unknown_fields)]
pub struct ErrorDoc {
    pub error: ErrorBody,
}

/// One error: what went wrong, and where when that is known.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    /// Stable name of the error (`invalid_answers`, `read_rules`, ...); see the README's
    /// "Errors as data" for the list.
    pub code: String,
    /// The one-line message also printed on stderr.
    pub message: String,
    /// The answer key the (first) problem is about; `null` when it is about none, or
    /// when the key does not look like an identifier (it is then never repeated).
    pub key: Option<String>,
    /// 1-based line of the (first) problem in the answers document (in `batch`, the input
    /// line); `null` when not known.
    pub line: Option<u64>,
    /// 1-based column of the (first) problem; `null` when not known.
    pub column: Option<u64>,
    /// A known key close to a mistyped one ("did you mean").
    pub suggestion: Option<String>,
    /// Every problem, in document order (answers), or every rule-file problem; empty for
    /// errors that are not about a document's content.
    pub problems: Vec<ProblemDoc>,
}

/// One problem of an answers document or a rule file.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProblemDoc {
    /// Stable name of the kind of problem (`unknown_key`, `wrong_type`, `bad_date`, ...;
    /// `rule_file` for a rule-file problem).
    pub code: String,
    /// The problem as one line, without its position.
    pub message: String,
    pub key: Option<String>,
    /// Where in a rule file (`rules.pregnancy.when`); `null` for answers.
    pub path: Option<String>,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub suggestion: Option<String>,
}

/// A position as JSON: `null` for 0 (not known).
fn place(n: usize) -> Option<u64> {
    (n > 0).then(|| u64::try_from(n).unwrap_or(u64::MAX))
}

/// A key, when it may be shown.
fn safe_key(key: Option<&str>) -> Option<String> {
    key.filter(|k| is_identifier(k)).map(str::to_string)
}

impl ProblemDoc {
    /// One problem of an answers document; `line`, when given, is the batch input line
    /// (the document is that one line).
    fn answer(e: &AnswerError, line: Option<u64>) -> ProblemDoc {
        ProblemDoc {
            code: e.problem.code().to_string(),
            message: e.problem.to_string(),
            key: safe_key(e.problem.key()),
            path: None,
            line: line.or_else(|| place(e.line)),
            column: place(e.column),
            suggestion: e.problem.suggestion().map(str::to_string),
        }
    }
}

impl ErrorBody {
    /// The error a command ended with.
    pub fn of(error: &Error) -> ErrorBody {
        let mut body = ErrorBody {
            code: error.code().to_string(),
            message: error.to_string(),
            key: None,
            line: None,
            column: None,
            suggestion: None,
            problems: Vec::new(),
        };
        match error {
            Error::InvalidAnswers { error, .. } => {
                body.problems = error.all().map(|e| ProblemDoc::answer(e, None)).collect();
                body.locate_first();
            }
            Error::MalformedRules { source, .. } => {
                body.line = place(source.line());
                body.column = place(source.column());
            }
            Error::InvalidRules { problems, .. } => {
                body.problems = problems
                    .iter()
                    .map(|p| ProblemDoc {
                        code: "rule_file".to_string(),
                        message: p.message.clone(),
                        key: None,
                        path: (!p.path.is_empty()).then(|| p.path.clone()),
                        line: None,
                        column: None,
                        suggestion: None,
                    })
                    .collect();
            }
            _ => {}
        }
        body
    }

    /// A refused answers document of a batch: `message` is the one-line text, `line`
    /// the input line it was on.
    pub fn of_answers(error: &AnswerError, message: String, line: u64) -> ErrorBody {
        let mut body = ErrorBody {
            code: "invalid_answers".to_string(),
            message,
            key: None,
            line: Some(line),
            column: None,
            suggestion: None,
            problems: error
                .all()
                .map(|e| ProblemDoc::answer(e, Some(line)))
                .collect(),
        };
        body.locate_first();
        body.line = Some(line);
        body
    }

    /// A batch line refused before its answers were read (too long), or whose result
    /// could not be written.
    pub fn of_line(code: &str, message: String, line: u64) -> ErrorBody {
        ErrorBody {
            code: code.to_string(),
            message,
            key: None,
            line: Some(line),
            column: None,
            suggestion: None,
            problems: Vec::new(),
        }
    }

    /// Key, place and suggestion of the first problem, at the top for simple scripts.
    fn locate_first(&mut self) {
        if let Some(first) = self.problems.first() {
            self.key = first.key.clone();
            self.line = first.line;
            self.column = first.column;
            self.suggestion = first.suggestion.clone();
        }
    }
}

/// Writes `{"error": ...}` pretty-printed, as results are.
pub fn write(error: &Error, out: &mut dyn Write) -> io::Result<()> {
    let doc = ErrorDoc {
        error: ErrorBody::of(error),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Problem;

    #[test]
    fn every_problem_is_listed_and_the_first_is_at_the_top() {
        let mut error = AnswerError::at(
            Problem::UnknownKey {
                key: "pregant".into(),
                suggestion: Some("pregnant".into()),
            },
            1,
            10,
        );
        error.more.push(AnswerError::at(
            Problem::UnknownKey {
                key: "HIV positive".into(),
                suggestion: None,
            },
            1,
            30,
        ));
        let body = ErrorBody::of(&Error::InvalidAnswers {
            origin: "stdin".into(),
            error,
        });
        assert_eq!(body.code, "invalid_answers");
        assert_eq!(body.message, "invalid answers in stdin: 2 problems");
        assert_eq!(
            (
                body.key.as_deref(),
                body.line,
                body.column,
                body.suggestion.as_deref()
            ),
            (Some("pregant"), Some(1), Some(10), Some("pregnant"))
        );
        assert_eq!(body.problems.len(), 2);
        let hidden = &body.problems[1];
        assert_eq!(hidden.key, None, "not an identifier: never echoed");
        assert!(!hidden.message.contains("HIV"), "{}", hidden.message);
        assert_eq!(hidden.code, "unknown_key");
    }

    #[test]
    fn errors_without_a_document_have_no_place() {
        let body = ErrorBody::of(&Error::NoAnswers);
        assert_eq!(body.code, "no_answers");
        assert_eq!((body.key, body.line, body.column), (None, None, None));
        assert!(body.problems.is_empty());
    }
}
