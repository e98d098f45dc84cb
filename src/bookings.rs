//! A booking system's answers, known before the walk-in (`desk --answers FILE`): one
//! answers document per line (NDJSON, as `batch` reads), each with the `id` the desk
//! types as the patient reference. The desk pre-fills that person's questionnaire with
//! them and asks only what is missing.
//!
//! Pure: bytes in, bookings out. Every line goes through the same parser as `screen`,
//! so a pre-filled answer is held to the same rules as a typed one. A file with a bad
//! line, a line without an id or two lines with the same id is refused as a whole:
//! pre-filling the wrong person, or half of a day's bookings, would be worse than
//! asking every question.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;

use crate::answers::{self, AnswerError, Answers, RecordId};
use crate::rules::RuleSet;

/// The answers of each booking, by its id as written.
#[derive(Debug, Default)]
pub struct Bookings {
    by_id: HashMap<String, (usize, Answers)>,
}

/// The largest export read: a day's bookings are a few hundred lines; this leaves room
/// for a large clinic's week while keeping a wrong file (a video, a disk image) from
/// filling memory.
pub const MAX_BYTES: usize = 64 << 20;

/// Why a bookings file was refused; `line` is 1-based.
#[derive(Debug)]
pub enum BookingsError {
    /// Larger than [`MAX_BYTES`]: refused whole, never read in part.
    TooLarge,
    Invalid {
        line: usize,
        error: AnswerError,
    },
    NoId {
        line: usize,
    },
    SameId {
        line: usize,
        first: usize,
    },
}

impl fmt::Display for BookingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BookingsError::TooLarge => write!(
                f,
                "larger than {} MiB; give the bookings of one day or week",
                MAX_BYTES >> 20
            ),
            // A line holds one document, so the document's own line is always 1.
            BookingsError::Invalid { line, error } if error.column > 0 => {
                write!(f, "line {line}, column {}: {}", error.column, error.problem)
            }
            BookingsError::Invalid { line, error } => write!(f, "line {line}: {}", error.problem),
            BookingsError::NoId { line } => write!(
                f,
                "line {line}: no `id`; the desk finds a booking by the id typed as the patient reference"
            ),
            BookingsError::SameId { line, first } => {
                write!(f, "line {line}: the same `id` as line {first}")
            }
        }
    }
}

impl Bookings {
    /// Reads one answers document per line; blank lines are skipped. `bytes` may hold
    /// up to one byte past [`MAX_BYTES`] (as `limits::read_capped` reads): more is
    /// refused, so that a cut never drops the bookings after it unnoticed.
    pub fn parse(rules: &RuleSet, bytes: &[u8]) -> Result<Bookings, BookingsError> {
        if bytes.len() > MAX_BYTES {
            return Err(BookingsError::TooLarge);
        }
        // Each booking with the line it came from, to name both lines of a repeated id.
        let mut by_id: HashMap<String, (usize, Answers)> = HashMap::new();
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            let line_no = i + 1;
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let answers = answers::parse(rules, line).map_err(|error| BookingsError::Invalid {
                line: line_no,
                error,
            })?;
            let id = match &answers.id {
                Some(RecordId::Text(text)) => text.trim().to_string(),
                Some(RecordId::Number(raw)) => raw.clone(),
                None => String::new(),
            };
            if id.is_empty() {
                return Err(BookingsError::NoId { line: line_no });
            }
            match by_id.entry(id) {
                Entry::Occupied(first) => {
                    return Err(BookingsError::SameId {
                        line: line_no,
                        first: first.get().0,
                    });
                }
                Entry::Vacant(slot) => {
                    slot.insert((line_no, answers));
                }
            }
        }
        Ok(Bookings { by_id })
    }

    /// The booking whose id is `reference` exactly (after trimming), if any.
    pub fn find(&self, reference: &str) -> Option<&Answers> {
        self.by_id.get(reference.trim()).map(|(_, answers)| answers)
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Reply;
    use crate::testing::default_rules;

    #[test]
    fn bookings_are_found_by_their_id_as_written() {
        let rules = default_rules();
        let text = b"{\"id\": \"B-17\", \"pregnant\": false}\n\n{\"id\": 42, \"eczema\": null}\r\n";
        let bookings = Bookings::parse(&rules, text).unwrap();
        assert_eq!(bookings.len(), 2);
        let pregnant = rules
            .questions
            .iter()
            .position(|q| q.id == "pregnant")
            .unwrap();
        let eczema = rules
            .questions
            .iter()
            .position(|q| q.id == "eczema")
            .unwrap();
        let b17 = bookings.find(" B-17 ").unwrap();
        assert!(matches!(b17.reply(pregnant), Reply::Given(_)));
        assert_eq!(b17.reply(eczema), &Reply::Missing);
        assert_eq!(bookings.find("42").unwrap().reply(eczema), &Reply::NotSure);
        assert!(
            bookings.find("b-17").is_none(),
            "matched exactly, not by case"
        );
        assert!(bookings.find("43").is_none());
    }

    #[test]
    fn a_bad_line_a_missing_id_or_a_repeated_one_refuses_the_file() {
        let rules = default_rules();
        let refused = |text: &str| {
            Bookings::parse(&rules, text.as_bytes())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            refused("{\"id\": \"a\"}\n{\"id\": \"b\", \"pregnnt\": true}"),
            "line 2, column 21: unknown answer key `pregnnt`; did you mean `pregnant`?"
        );
        assert!(refused("{\"pregnant\": true}").starts_with("line 1: no `id`"));
        assert!(refused("{\"id\": \"  \"}").starts_with("line 1: no `id`"));
        assert_eq!(
            refused("{\"id\": \"a\"}\n\n{\"id\": \"a\"}"),
            "line 3: the same `id` as line 1"
        );
        // One byte past the cap, as read_capped reads a larger file: refused whole, even
        // when the cut would fall between two bookings.
        let mut big = b"{\"id\": \"a\"}\n".repeat(MAX_BYTES / 12 + 1);
        assert!(big.len() > MAX_BYTES);
        big.truncate(MAX_BYTES + 1);
        assert!(refused(std::str::from_utf8(&big).unwrap()).starts_with("larger than 64 MiB"));
    }
}
