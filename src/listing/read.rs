//! `prescreen records FILE`, the edge: reads the record file a line at a time into one
//! reused buffer, lists what the filters keep on stdout, and names each line it skips
//! on stderr by its number only (never its content: it is health data).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;

use chrono::NaiveDate;

use super::print::{Printer, Style};
use super::{Counts, Due, Filter, LineProblem, parse_row};
use crate::error::{Error, Result};
use crate::limits;
use crate::record::looks_like_record;

/// The longest line read as a record: a record holds one answers document and the
/// reasons of one rule file, each at most [`limits::MAX_BYTES`]. Longer lines are
/// skipped without being held.
pub const MAX_LINE_BYTES: usize = 4 * limits::MAX_BYTES;

/// How many skipped lines are named one by one on stderr; past that, one line says how
/// many more there were.
pub const NAMED_SKIPS: u64 = 100;

/// What to list, checked and ready.
#[derive(Debug)]
pub struct Listing {
    /// The record file; `None` for stdin.
    pub file: Option<PathBuf>,
    pub filter: Filter,
    /// `--due`: the call-back list as of this date, instead of the filter.
    pub due: Option<NaiveDate>,
    pub style: Style,
}

/// Lists the screenings; returns the exit status (0, also when lines were skipped).
pub fn run(listing: &Listing) -> Result<u8> {
    let origin = match &listing.file {
        Some(path) => format!("`{}`", path.display()),
        None => "stdin".to_string(),
    };
    let unreadable = |source: io::Error| Error::ReadRecords {
        origin: origin.clone(),
        source,
    };
    let stdin = io::stdin();
    let reader: Box<dyn BufRead> = match &listing.file {
        Some(path) => Box::new(BufReader::with_capacity(
            1 << 16,
            File::open(path).map_err(unreadable)?,
        )),
        None => Box::new(stdin.lock()),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let result = list(reader, listing, &mut out, &mut err);
    let written = match result {
        Ok(summary) => out.flush().map(|()| summary).map_err(Failure::Write),
        Err(failure) => Err(failure),
    };
    match written {
        Ok(summary) => {
            if summary.skipped > NAMED_SKIPS {
                let _ = writeln!(
                    err,
                    "prescreen: {} lines skipped in all (the first {NAMED_SKIPS} named above)",
                    summary.skipped
                );
            }
            if listing.style == Style::Csv {
                let _ = writeln!(err, "prescreen: {}", summary.counts);
            }
            Ok(0)
        }
        // The reader has what it wanted.
        Err(Failure::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        Err(Failure::Write(source)) => Err(Error::Write {
            target: "stdout".to_string(),
            source,
        }),
        Err(Failure::Read(source)) => Err(unreadable(source)),
    }
}

/// What a listing found.
struct Summary {
    counts: Counts,
    skipped: u64,
}

/// Why a listing stopped: the file could not be read, or stdout not written.
enum Failure {
    Read(io::Error),
    Write(io::Error),
}

fn list(
    mut reader: impl BufRead,
    listing: &Listing,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Summary, Failure> {
    let mut printer = Printer::new(listing.style, out);
    let mut counts = Counts::default();
    let mut due = listing.due.map(Due::new);
    let mut skipped = 0u64;
    let mut buffer = Vec::with_capacity(1 << 12);
    let mut number = 0u64;
    loop {
        let line = next_line(&mut reader, &mut buffer).map_err(Failure::Read)?;
        let Some(whole) = line else { break };
        number += 1;
        if number == 1 {
            if whole && !looks_like_record(&buffer) {
                return Err(Failure::Read(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "it is not a record file (its first line is not a prescreen record)",
                )));
            }
            printer.start().map_err(Failure::Write)?;
        }
        // Never written between records; an editor may leave one at the end.
        if whole && buffer.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = if whole {
            parse_row(number, &buffer)
        } else {
            Err(LineProblem::TooLong)
        };
        let row = match parsed {
            Ok(row) => row,
            Err(problem) => {
                skipped += 1;
                if skipped <= NAMED_SKIPS {
                    let _ = writeln!(err, "prescreen: line {number} skipped: {problem}");
                }
                continue;
            }
        };
        match &mut due {
            Some(due) => due.add(row),
            None if listing.filter.keeps(&row) => {
                counts.add(row.verdict);
                printer.row(&row).map_err(Failure::Write)?;
            }
            None => {}
        }
    }
    if number == 0 {
        printer.start().map_err(Failure::Write)?;
    }
    if let Some(due) = due {
        for row in due.finish() {
            counts.add(row.verdict);
            printer.row(&row).map_err(Failure::Write)?;
        }
    }
    printer.finish(&counts, skipped).map_err(Failure::Write)?;
    Ok(Summary { counts, skipped })
}

/// Reads the next line into `buffer`, without its newline: `None` at the end of the
/// input, `Some(false)` for a line longer than [`MAX_LINE_BYTES`] (passed over without
/// being held; `buffer` is then empty).
fn next_line(reader: &mut impl BufRead, buffer: &mut Vec<u8>) -> io::Result<Option<bool>> {
    buffer.clear();
    let limit = MAX_LINE_BYTES as u64 + 1;
    let n = io::Read::take(&mut *reader, limit).read_until(b'\n', buffer)?;
    if n == 0 {
        return Ok(None);
    }
    if buffer.last() == Some(&b'\n') {
        buffer.pop();
        return Ok(Some(true));
    }
    if (n as u64) < limit {
        // The last line, without its newline.
        return Ok(Some(true));
    }
    buffer.clear();
    reader.skip_until(b'\n')?;
    Ok(Some(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_one_at_a_time_and_an_overlong_one_is_passed_over() {
        let long = vec![b'x'; MAX_LINE_BYTES + 10];
        let mut input = b"a\n\nb".to_vec();
        input.splice(2..2, long.iter().copied().chain(*b"\n"));
        let exact = vec![b'y'; MAX_LINE_BYTES];
        let mut input = [input, b"\n".to_vec(), exact.clone(), b"\n".to_vec()].concat();
        input.extend_from_slice(b"z");
        let mut reader = io::Cursor::new(input);
        let mut buffer = Vec::new();
        let mut lines = Vec::new();
        while let Some(whole) = next_line(&mut reader, &mut buffer).unwrap() {
            lines.push((whole, buffer.len()));
        }
        assert_eq!(
            lines,
            [
                (true, 1),
                (false, 0),
                (true, 0),
                (true, 1),
                (true, MAX_LINE_BYTES),
                (true, 1)
            ]
        );
    }
}
