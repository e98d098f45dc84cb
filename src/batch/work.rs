//! Screening a chunk of lines into result lines: the per-record work of a batch, done on
//! whichever thread holds the chunk.
//!
//! Pure: bytes in, bytes out; every line goes through [`record::assess`], the pipeline
//! `screen` uses. Exactly one result line per input line, whatever happens.

use std::fmt;

use crate::answers::{self, AnswerError, Answers};
use crate::batch::lines::{Chunk, Line, MAX_LINE};
use crate::batch::summary::Tally;
use crate::batch::wire::{ErrorDoc, LineWriter};
use crate::record::{self, Assessment, Settings};
use crate::render::error::ErrorBody;
use crate::rules::RuleSet;

/// Why a line got an `error` result instead of a screening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    Answers(AnswerError),
    TooLong,
    /// The result could not be serialized (never expected; reported, not hidden).
    Unwritable,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The line is the result's `line`; within it, the column is what helps.
            Rejection::Answers(e) if e.column > 0 => {
                write!(f, "column {}: {}", e.column, e.problem)?;
                answers::write_more(f, e)
            }
            Rejection::Answers(e) => {
                e.problem.fmt(f)?;
                answers::write_more(f, e)
            }
            Rejection::TooLong => write!(f, "the line is longer than {MAX_LINE} bytes (1 MiB)"),
            Rejection::Unwritable => f.write_str("the result could not be written as JSON"),
        }
    }
}

impl Rejection {
    /// The rejection as the error object of a result line.
    pub fn body(&self, line: u64) -> ErrorBody {
        match self {
            Rejection::Answers(e) => ErrorBody::of_answers(e, self.to_string(), line),
            Rejection::TooLong => ErrorBody::of_line("line_too_long", self.to_string(), line),
            Rejection::Unwritable => ErrorBody::of_line("unwritable", self.to_string(), line),
        }
    }
}

/// A chunk's result lines and their counts.
pub struct Screened {
    pub output: Vec<u8>,
    pub tally: Tally,
}

/// What every chunk of a run is screened with: the rules, the settings, and the line
/// writer with what is the same on every line rendered once for the run.
pub struct Job<'r> {
    rules: &'r RuleSet,
    settings: Settings,
    writer: Option<LineWriter<'r>>,
}

impl<'r> Job<'r> {
    pub fn new(rules: &'r RuleSet, settings: Settings) -> Job<'r> {
        Job {
            rules,
            settings,
            writer: LineWriter::new(rules, settings.today, settings.checklist).ok(),
        }
    }

    /// Screens every line of `chunk` (see [`screen_chunk`]).
    pub fn screen(&self, chunk: &Chunk, output: Vec<u8>) -> Screened {
        screen_chunk(
            self.rules,
            &self.settings,
            self.writer.as_ref(),
            chunk,
            output,
        )
    }
}

/// Screens every line of `chunk`, writing one result line for each into `output`
/// (cleared first; passed in so that its buffer can be reused).
fn screen_chunk(
    rules: &RuleSet,
    settings: &Settings,
    writer: Option<&LineWriter<'_>>,
    chunk: &Chunk,
    mut output: Vec<u8>,
) -> Screened {
    output.clear();
    // Results run longer than their answers when there are reasons to give.
    output.reserve(2 * chunk.len());
    let mut tally = Tally::new(rules);
    // One set of answer buffers for the chunk's lines, taken back after each.
    let mut spare = Some(Answers::empty(rules));
    for line in &chunk.lines {
        screen_line(
            rules,
            settings,
            writer,
            (chunk, line),
            &mut spare,
            &mut output,
            &mut tally,
        );
    }
    Screened { output, tally }
}

fn screen_line(
    rules: &RuleSet,
    settings: &Settings,
    writer: Option<&LineWriter<'_>>,
    (chunk, line): (&Chunk, &Line),
    spare: &mut Option<Answers>,
    out: &mut Vec<u8>,
    tally: &mut Tally,
) {
    let bytes = chunk.bytes(line);
    let outcome = if line.too_long {
        Err(Rejection::TooLong)
    } else {
        let answers = spare.take().unwrap_or_else(|| Answers::empty(rules));
        record::assess_reusing(rules, bytes, settings, answers).map_err(Rejection::Answers)
    };
    let start = out.len();
    let rejection = match outcome {
        Ok(assessment) => {
            let written = writer.map(|w| w.write(out, line.number, rules, &assessment));
            // Its answers' buffers go to the next line.
            let Assessment {
                answers, screening, ..
            } = assessment;
            *spare = Some(answers);
            match written {
                Some(Ok(())) => {
                    tally.add(&screening);
                    return;
                }
                Some(Err(_)) | None => {
                    out.truncate(start);
                    Rejection::Unwritable
                }
            }
        }
        Err(rejection) => rejection,
    };
    let id = answers::find_id(bytes);
    let doc = ErrorDoc {
        line: line.number,
        id: id.as_ref(),
        error: rejection.body(line.number),
    };
    if serde_json::to_writer(&mut *out, &doc).is_err() {
        // Not even the error could be written: a fixed line still keeps the count.
        out.truncate(start);
        out.extend_from_slice(
            format!(
                "{{\"line\":{0},\"error\":{{\"code\":\"unwritable\",\"message\":\"{1}\",\"key\":null,\"line\":{0},\"column\":null,\"suggestion\":null,\"problems\":[]}}}}",
                line.number,
                Rejection::Unwritable
            )
            .as_bytes(),
        );
    }
    out.push(b'\n');
    tally.rejected += 1;
}
