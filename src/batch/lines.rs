//! Reading NDJSON input as chunks of numbered lines. The input is read straight into
//! the chunk's buffer and its lines are found where they lie (memchr for the line
//! breaks): no line is copied, except the unfinished one at the end of a chunk, which
//! starts the next. A line longer than the cap is cut while it is read (only its first
//! `cap` bytes are kept, to find its id), so a 2 GB line costs no more memory than a
//! short one.
//!
//! Knows nothing of answers or rules; reads from any `Read`.

use std::io::{self, Read};

/// The longest line screened: 1 MiB. A real answers object is a few hundred bytes.
pub const MAX_LINE: usize = 1 << 20;

/// How many bytes of input a chunk holds before it is handed on. Large enough that
/// handing it between threads costs nothing next to screening it, small enough that the
/// chunks in flight stay a few megabytes.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// The least room a read is given: after a line cut at the cap, or behind the
/// unfinished line a chunk starts with.
const MIN_READ: usize = 64 * 1024;

/// Lines read together, kept in one buffer.
#[derive(Debug, Default)]
pub struct Chunk {
    /// The buffer, all of it initialized once: reads go straight into it.
    data: Vec<u8>,
    /// How much of `data` holds input.
    filled: usize,
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
        self.filled
    }

    /// Makes the buffer at least `len` bytes long.
    fn grow_to(&mut self, len: usize) {
        if self.data.len() < len {
            self.data.resize(len, 0);
        }
    }
}

/// Splits input into chunks of lines.
pub struct LineReader<R> {
    input: R,
    cap: usize,
    /// The number of the last line ended.
    number: u64,
    done: bool,
    /// The start of a line the last chunk read but did not see the end of.
    unfinished: Vec<u8>,
}

impl<R: Read> LineReader<R> {
    pub fn new(input: R) -> LineReader<R> {
        LineReader::with_cap(input, MAX_LINE)
    }

    pub fn with_cap(input: R, cap: usize) -> LineReader<R> {
        LineReader {
            input,
            cap,
            number: 0,
            done: false,
            unfinished: Vec::new(),
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
    ///
    /// Reads until the chunk holds at least one whole line, the buffer is full or the
    /// input ends: one read, for a file, and never a read once a line is there to be
    /// screened.
    pub fn refill(&mut self, chunk: &mut Chunk) -> io::Result<()> {
        chunk.lines.clear();
        let carried = self.unfinished.len();
        // How much of the buffer this chunk fills: a buffer grown once for a long line
        // still takes chunks of the usual size, so that workers' chunks stay alike.
        let mut limit = CHUNK_BYTES.max(carried + MIN_READ);
        chunk.grow_to(limit);
        chunk.data[..carried].copy_from_slice(&self.unfinished);
        self.unfinished.clear();
        chunk.filled = carried;
        // The start of the line not yet ended, and how far line breaks were looked for.
        let mut start = 0;
        let mut searched = 0;
        loop {
            let Chunk {
                data,
                filled,
                lines,
            } = &mut *chunk;
            for at in memchr::memchr_iter(b'\n', &data[searched..*filled]) {
                let end = searched + at;
                self.end_line(data, lines, start, end);
                start = end + 1;
            }
            searched = chunk.filled;
            if !chunk.lines.is_empty() || self.done {
                break;
            }
            if chunk.filled == limit {
                // Only an unfinished line is held (blank lines before it are dropped).
                chunk.data.copy_within(start..chunk.filled, 0);
                chunk.filled -= start;
                start = 0;
                if chunk.filled > self.cap {
                    start = self.skip_long(chunk)?;
                    searched = start;
                    limit = limit.max(chunk.filled);
                    continue;
                }
                if chunk.filled == limit {
                    limit = (2 * limit).min(self.cap + 1);
                    chunk.grow_to(limit);
                }
            }
            match read(&mut self.input, &mut chunk.data[chunk.filled..limit])? {
                0 => self.done = true,
                n => chunk.filled += n,
            }
        }
        if self.done {
            // The last line, without a line break.
            if start < chunk.filled {
                self.end_line(&chunk.data, &mut chunk.lines, start, chunk.filled);
            }
        } else {
            self.unfinished
                .extend_from_slice(&chunk.data[start..chunk.filled]);
            chunk.filled = start;
        }
        Ok(())
    }

    /// Counts the line `start..end` of a chunk's `data` and adds it to its `lines`
    /// unless it is blank; a line longer than the cap is kept cut to it.
    fn end_line(&mut self, data: &[u8], lines: &mut Vec<Line>, start: usize, end: usize) {
        self.number += 1;
        let bytes = &data[start..end];
        if is_blank(bytes) {
            return;
        }
        let too_long = bytes.len() > self.cap;
        lines.push(Line {
            number: self.number,
            start,
            end: if too_long { start + self.cap } else { end },
            too_long,
        });
    }

    /// The chunk holds the start of one line, longer than the cap and not yet ended:
    /// keeps its first `cap` bytes and reads on, unkept, to its end. Gives where what
    /// was read after the line starts.
    fn skip_long(&mut self, chunk: &mut Chunk) -> io::Result<usize> {
        let cap = self.cap;
        let mut blank = is_blank(&chunk.data[..chunk.filled]);
        chunk.grow_to(cap + MIN_READ);
        loop {
            let n = read(&mut self.input, &mut chunk.data[cap..])?;
            let read = &chunk.data[cap..cap + n];
            let ends = memchr::memchr(b'\n', read);
            blank = blank && is_blank(&read[..ends.unwrap_or(n)]);
            if n > 0 && ends.is_none() {
                continue;
            }
            self.number += 1;
            let kept = if blank {
                0
            } else {
                chunk.lines.push(Line {
                    number: self.number,
                    start: 0,
                    end: cap,
                    too_long: true,
                });
                cap
            };
            let rest = match ends {
                Some(at) => cap + at + 1..cap + n,
                None => {
                    self.done = true;
                    cap..cap
                }
            };
            chunk.filled = kept + rest.len();
            chunk.data.copy_within(rest, kept);
            return Ok(kept);
        }
    }
}

/// One read, retried when a signal interrupts it.
fn read(input: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    loop {
        match input.read(buffer) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
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
        lines_read(LineReader::with_cap(input, cap))
    }

    fn lines_read<R: Read>(mut reader: LineReader<R>) -> Vec<(u64, String, bool)> {
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

    /// Gives at most `most` bytes per read, varying, with an interruption now and then:
    /// what a pipe fed in bursts looks like.
    struct Trickle<'a> {
        input: &'a [u8],
        most: usize,
        reads: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            self.reads += 1;
            if self.reads % 7 == 0 {
                return Err(io::Error::from(io::ErrorKind::Interrupted));
            }
            let n = (1 + self.reads * 31 % self.most)
                .min(buffer.len())
                .min(self.input.len());
            buffer[..n].copy_from_slice(&self.input[..n]);
            self.input = &self.input[n..];
            Ok(n)
        }
    }

    /// The lines read from `input` given in reads of at most `most` bytes.
    fn lines_trickled(input: &[u8], most: usize, cap: usize) -> Vec<(u64, String, bool)> {
        let trickle = Trickle {
            input,
            most,
            reads: 0,
        };
        lines_read(LineReader::with_cap(trickle, cap))
    }

    /// The lines of `input` by the definition: split at line breaks, the empty piece
    /// after a final one is no line, blank lines are counted but not kept.
    fn expected_lines(input: &[u8], cap: usize) -> Vec<(u64, String, bool)> {
        let pieces: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
        let mut lines = Vec::new();
        for (i, piece) in pieces.iter().enumerate() {
            if is_blank(piece) {
                continue;
            }
            let kept = &piece[..piece.len().min(cap)];
            let text = String::from_utf8_lossy(kept).into_owned();
            lines.push((i as u64 + 1, text, piece.len() > cap));
        }
        lines
    }

    #[test]
    fn lines_are_the_same_however_the_input_arrives() {
        let pieces: [&[u8]; 9] = [
            b"",
            b" ",
            b"\t\r",
            b"x",
            b"{}",
            b"\xc3\xa9",
            b"abcdefghij",
            b"  y",
            b"\r",
        ];
        let mut seed = 12345u64;
        let mut random = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut checked = 0;
        for _ in 0..300 {
            let mut input = Vec::new();
            for _ in 0..random(40) {
                for _ in 0..random(4) {
                    input.extend_from_slice(pieces[random(pieces.len())]);
                }
                if random(5) > 0 {
                    input.push(b'\n');
                }
            }
            for cap in [1, 3, 8, 100] {
                let expected = expected_lines(&input, cap);
                assert_eq!(lines_of(&input, cap), expected, "{input:?}, cap {cap}");
                for most in [1, 2, 5, 64] {
                    assert_eq!(
                        lines_trickled(&input, most, cap),
                        expected,
                        "{input:?}, cap {cap}, reads of at most {most}"
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 300 * 16);
    }

    #[test]
    fn lines_across_chunks_and_long_lines_are_read_whole_or_cut() {
        // Lines of every length up to past the cap, spread over several chunks, read in
        // reads of every size: each line whole, or cut at the cap, never split.
        let cap = 70_000;
        let mut input = Vec::new();
        for n in 0..40 {
            let len = n * n * 61 % (cap + 3_000);
            input.extend(std::iter::repeat_n(b'a' + (n % 26) as u8, len));
            input.push(b'\n');
            input.extend_from_slice(b"{\"id\": 1}\n\n");
        }
        let expected = expected_lines(&input, cap);
        assert!(expected.iter().any(|l| l.2) && input.len() > 3 * CHUNK_BYTES);
        for most in [1_000, 70_001, 300_000] {
            assert_eq!(lines_trickled(&input, most, cap), expected, "{most}");
        }
        assert_eq!(lines_of(&input, cap), expected);
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
