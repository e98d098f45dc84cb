//! Reading NDJSON input as chunks of numbered lines, without ever holding more than a
//! chunk: a line longer than the cap is cut while it is read (only its first `cap` bytes
//! are kept, to find its id), so a 2 GB line costs no more memory than a short one.
//!
//! Knows nothing of answers or rules; reads from any `Read`.

use std::io::{self, BufRead, BufReader, Read};

/// The longest line screened: 1 MiB. A real answers object is a few hundred bytes.
pub const MAX_LINE: usize = 1 << 20;

/// How many bytes of input a chunk holds before it is handed on. Large enough that
/// handing it between threads costs nothing next to screening it, small enough that the
/// chunks in flight stay a few megabytes.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// Lines read together, kept in one buffer.
#[derive(Debug, Default)]
pub struct Chunk {
    data: Vec<u8>,
    pub lines: Vec<Line>,
}

/// One non-blank input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the input (blank lines count).
    pub number: u64,
    start: usize,
    end: usize,
    /// Longer than the cap: only its first `cap` bytes were kept.
    pub too_long: bool,
}

impl Chunk {
    /// The bytes of `line` (without its line break), or of its first `cap` bytes.
    pub fn bytes(&self, line: &Line) -> &[u8] {
        self.data.get(line.start..line.end).unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Input bytes held.
    pub fn len(&self) -> usize {
        self.data.len()
    }
}

/// Splits input into chunks of lines.
pub struct LineReader<R> {
    input: BufReader<R>,
    cap: usize,
    number: u64,
    done: bool,
}

impl<R: Read> LineReader<R> {
    pub fn new(input: R) -> LineReader<R> {
        LineReader::with_cap(input, MAX_LINE)
    }

    pub fn with_cap(input: R, cap: usize) -> LineReader<R> {
        LineReader {
            input: BufReader::with_capacity(CHUNK_BYTES, input),
            cap,
            number: 0,
            done: false,
        }
    }

    /// Whether the end of the input has been reached.
    pub fn at_end(&self) -> bool {
        self.done
    }

    /// Reads the next chunk: lines until about [`CHUNK_BYTES`] are held, or until reading
    /// more would wait for input (so a caller feeding one line at a time and waiting
    /// for its result gets it), or the end. Blank lines are skipped but counted. An empty
    /// chunk means the end of the input.
    pub fn next_chunk(&mut self) -> io::Result<Chunk> {
        let mut chunk = Chunk::default();
        self.refill(&mut chunk)?;
        Ok(chunk)
    }

    /// [`next_chunk`](Self::next_chunk) into a chunk already allocated: reusing buffers
    /// spares the allocator and the kernel a fresh quarter megabyte per chunk.
    pub fn refill(&mut self, chunk: &mut Chunk) -> io::Result<()> {
        chunk.data.clear();
        chunk.lines.clear();
        chunk.data.reserve(CHUNK_BYTES + CHUNK_BYTES / 8);
        while !self.done {
            if let Some(line) = self.next_line(&mut chunk.data)? {
                chunk.lines.push(line);
            }
            let waiting = self.input.buffer().is_empty();
            if chunk.data.len() >= CHUNK_BYTES || (waiting && !chunk.lines.is_empty()) {
                break;
            }
        }
        Ok(())
    }

    /// Appends the next line to `data`; `None` when it is blank (or there is none).
    fn next_line(&mut self, data: &mut Vec<u8>) -> io::Result<Option<Line>> {
        let start = data.len();
        let limit = u64::try_from(self.cap)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let read = (&mut self.input).take(limit).read_until(b'\n', data)?;
        if read == 0 {
            self.done = true;
            return Ok(None);
        }
        self.number += 1;
        let ended = data.last() == Some(&b'\n');
        if ended {
            data.pop();
        }
        let mut too_long = false;
        let mut blank = is_blank(&data[start..]);
        if !ended && read > self.cap {
            // Keep the first `cap` bytes (for the id); skip the rest unread.
            data.truncate(start + self.cap);
            let (rest_blank, at_end) = self.skip_line(blank)?;
            blank = blank && rest_blank;
            too_long = true;
            self.done = at_end;
        } else if !ended {
            self.done = true;
        }
        if blank {
            data.truncate(start);
            return Ok(None);
        }
        Ok(Some(Line {
            number: self.number,
            start,
            end: data.len(),
            too_long,
        }))
    }

    /// Skips to the end of the current line; says whether what it skipped was blank
    /// (checked only while `blank` holds) and whether the input ended.
    fn skip_line(&mut self, mut blank: bool) -> io::Result<(bool, bool)> {
        loop {
            let buffer = match self.input.fill_buf() {
                Ok(buffer) => buffer,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buffer.is_empty() {
                return Ok((blank, true));
            }
            let (part, found) = match buffer.iter().position(|&b| b == b'\n') {
                Some(i) => (&buffer[..i], true),
                None => (buffer, false),
            };
            blank = blank && is_blank(part);
            let used = part.len() + usize::from(found);
            self.input.consume(used);
            if found {
                return Ok((blank, false));
            }
        }
    }
}

/// Only JSON whitespace (a line break is never inside a line).
fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (number, text, too_long) of every line of every chunk.
    fn lines_of(input: &[u8], cap: usize) -> Vec<(u64, String, bool)> {
        let mut reader = LineReader::with_cap(input, cap);
        let mut out = Vec::new();
        loop {
            let chunk = reader.next_chunk().unwrap();
            if chunk.is_empty() {
                assert!(reader.at_end());
                return out;
            }
            for line in &chunk.lines {
                let text = String::from_utf8_lossy(chunk.bytes(line)).into_owned();
                out.push((line.number, text, line.too_long));
            }
        }
    }

    fn line(number: u64, text: &str, too_long: bool) -> (u64, String, bool) {
        (number, text.to_string(), too_long)
    }

    #[test]
    fn lines_are_numbered_and_blank_ones_skipped() {
        let cases = [
            ("empty", &b""[..], vec![]),
            ("one, no final newline", b"{}", vec![line(1, "{}", false)]),
            (
                "blank lines counted",
                b"a\n\n  \t\r\nb\r\n",
                vec![line(1, "a", false), line(4, "b\r", false)],
            ),
            ("only blank", b"\n \n\r\n", vec![]),
            (
                "exactly the cap",
                b"12345678\nx",
                vec![line(1, "12345678", false), line(2, "x", false)],
            ),
            (
                "over the cap is cut",
                b"123456789\nx\n",
                vec![line(1, "12345678", true), line(2, "x", false)],
            ),
            (
                "over the cap at the end",
                b"x\n123456789",
                vec![line(1, "x", false), line(2, "12345678", true)],
            ),
            (
                "blank over the cap",
                b"           \nx",
                vec![line(2, "x", false)],
            ),
            (
                "blank start, then not",
                b"          y\nx",
                vec![line(1, "        ", true), line(2, "x", false)],
            ),
        ];
        for (name, input, expected) in cases {
            assert_eq!(lines_of(input, 8), expected, "{name}");
        }
    }

    #[test]
    fn a_huge_line_is_not_kept() {
        let mut input = vec![b'x'; 5 * CHUNK_BYTES];
        input.extend_from_slice(b"\n{}\n");
        let mut reader = LineReader::with_cap(&input[..], 1000);
        let chunk = reader.next_chunk().unwrap();
        assert!(chunk.len() < 2000, "held {} bytes", chunk.len());
        let numbers: Vec<(u64, bool)> =
            chunk.lines.iter().map(|l| (l.number, l.too_long)).collect();
        assert_eq!(numbers, [(1, true), (2, false)]);
    }

    #[test]
    fn chunks_end_near_the_chunk_size_and_lose_nothing() {
        let record = b"{\"id\": 1, \"pregnant\": false}\n";
        let input: Vec<u8> = record.repeat(3 * CHUNK_BYTES / record.len());
        let mut reader = LineReader::new(&input[..]);
        let mut count = 0;
        let mut chunks = 0;
        loop {
            let chunk = reader.next_chunk().unwrap();
            if chunk.is_empty() {
                break;
            }
            assert!(chunk.len() < CHUNK_BYTES + record.len());
            count += chunk.lines.len();
            chunks += 1;
        }
        assert_eq!(count, input.len() / record.len());
        assert!(chunks >= 3, "{chunks} chunks");
    }
}
