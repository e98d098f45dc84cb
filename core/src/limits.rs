//! Limits on the documents `prescreen` reads (answers and rule files), checked before
//! any parsing, so that hostile or broken input gets a clear refusal instead of a long
//! parse, a deep recursion or a crash.
//!
//! Pure: [`check`] looks at bytes; [`read_capped`] reads from any `Read` the caller hands
//! it and never more than one byte past the cap.

use std::fmt;
use std::io::{self, Read};

/// The largest answers or rule document accepted: 1 MiB. The default rule file is about
/// 15 KiB and an answers document a few hundred bytes.
pub const MAX_BYTES: usize = 1 << 20;

/// The deepest nesting of arrays and objects accepted. The default rule file nests 8
/// levels and an answers document 1; serde_json's own limit (128) is far too generous
/// for conditions that are compiled and evaluated recursively.
pub const MAX_DEPTH: usize = 32;

/// Why a document was refused before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// More than [`MAX_BYTES`] bytes.
    TooLarge { limit: usize },
    /// Not UTF-8 text.
    NotUtf8,
    /// Arrays and objects nested more than [`MAX_DEPTH`] levels.
    TooDeep { limit: usize },
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::TooLarge { limit } if limit % (1 << 20) == 0 => write!(
                f,
                "the document is larger than {} MiB ({limit} bytes)",
                limit >> 20
            ),
            Limit::TooLarge { limit } => {
                write!(f, "the document is larger than {limit} bytes")
            }
            Limit::NotUtf8 => f.write_str("the document is not UTF-8 text"),
            Limit::TooDeep { limit } => {
                write!(f, "the document nests more than {limit} levels deep")
            }
        }
    }
}

/// Checks size, encoding and nesting depth, and returns the text.
pub fn check(bytes: &[u8]) -> Result<&str, Limit> {
    if bytes.len() > MAX_BYTES {
        return Err(Limit::TooLarge { limit: MAX_BYTES });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| Limit::NotUtf8)?;
    if depth(text) > MAX_DEPTH {
        return Err(Limit::TooDeep { limit: MAX_DEPTH });
    }
    Ok(text)
}

/// The deepest nesting of `[` and `{` outside strings. Works on any text, JSON or not:
/// malformed input is left for the parser to describe.
pub fn depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Reads everything up to `cap + 1` bytes: enough for [`check`] to tell that a document
/// is too large without ever holding more of it (a `/dev/zero` ends here too).
pub fn read_capped(reader: impl Read, cap: usize) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let limit = u64::try_from(cap).unwrap_or(u64::MAX).saturating_add(1);
    SkipBom::new(reader).take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The UTF-8 byte-order mark.
const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// A reader without the UTF-8 byte-order mark that may open its input (spreadsheet
/// exports and some Windows editors write one): it is not part of the document, and
/// left in it reads as "not one JSON object".
pub struct SkipBom<R> {
    inner: R,
    head: [u8; 3],
    /// Bytes of `head` read from `inner`, and how many of them are handed on.
    filled: usize,
    given: usize,
    checked: bool,
}

impl<R: Read> SkipBom<R> {
    pub fn new(inner: R) -> SkipBom<R> {
        SkipBom {
            inner,
            head: [0; 3],
            filled: 0,
            given: 0,
            checked: false,
        }
    }
}

impl<R: Read> Read for SkipBom<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while !self.checked {
            let Some(rest) = self.head.get_mut(self.filled..) else {
                break;
            };
            match self.inner.read(rest) {
                Ok(0) => break,
                Ok(n) => self.filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
            if self.filled == BOM.len() || !BOM.starts_with(&self.head[..self.filled]) {
                break;
            }
        }
        if !self.checked {
            self.checked = true;
            if self.head[..self.filled] == BOM {
                self.given = self.filled;
            }
        }
        if self.given < self.filled {
            let n = buf.len().min(self.filled - self.given);
            buf[..n].copy_from_slice(&self.head[self.given..self.given + n]);
            self.given += n;
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_byte_order_mark_is_skipped() {
        let cases: [(&str, &[u8], &[u8]); 6] = [
            ("with a BOM", b"\xEF\xBB\xBF{}", b"{}"),
            ("without", b"{}", b"{}"),
            ("only a BOM", b"\xEF\xBB\xBF", b""),
            ("empty", b"", b""),
            ("half a BOM", b"\xEF\xBB", b"\xEF\xBB"),
            ("a BOM later is kept", b"{}\xEF\xBB\xBF", b"{}\xEF\xBB\xBF"),
        ];
        for (name, input, expected) in cases {
            assert_eq!(read_capped(input, MAX_BYTES).unwrap(), expected, "{name}");
            // One byte at a time, as from a slow pipe.
            let mut out = Vec::new();
            let mut reader = SkipBom::new(io::BufReader::with_capacity(1, input));
            let mut byte = [0];
            while reader.read(&mut byte).unwrap() == 1 {
                out.push(byte[0]);
            }
            assert_eq!(out, expected, "{name}, byte by byte");
        }
    }

    #[test]
    fn depth_counts_brackets_outside_strings() {
        let cases = [
            ("scalar", "1", 0),
            ("flat object", r#"{"a": 1}"#, 1),
            ("nested", r#"{"a": [{"b": []}]}"#, 4),
            ("brackets in strings", r#"{"a": "[[[{{{"}"#, 1),
            ("escaped quote", r#"{"a": "\"[[["}"#, 1),
            ("escaped backslash", r#"{"a": "\\", "b": [1]}"#, 2),
            ("unbalanced closers", "]]]{", 1),
        ];
        for (name, text, expected) in cases {
            assert_eq!(depth(text), expected, "{name}");
        }
    }

    #[test]
    fn check_refuses_each_limit() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let just_deep_enough = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        let big = vec![b' '; MAX_BYTES + 1];
        let cases: [(&str, &[u8], Result<(), Limit>); 5] = [
            ("fine", b"{}", Ok(())),
            ("too large", &big, Err(Limit::TooLarge { limit: MAX_BYTES })),
            ("not utf-8", b"{\"a\": \"\xff\"}", Err(Limit::NotUtf8)),
            (
                "too deep",
                deep.as_bytes(),
                Err(Limit::TooDeep { limit: MAX_DEPTH }),
            ),
            ("at the depth limit", just_deep_enough.as_bytes(), Ok(())),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(check(bytes).map(|_| ()), expected, "{name}");
        }
    }

    #[test]
    fn read_capped_stops_one_byte_past_the_cap() {
        let endless = std::io::repeat(b'x');
        assert_eq!(read_capped(endless, 10).unwrap().len(), 11);
        assert_eq!(read_capped(&b"abc"[..], 10).unwrap(), b"abc");
    }

    #[test]
    fn messages_are_one_plain_line() {
        assert_eq!(
            Limit::TooLarge { limit: MAX_BYTES }.to_string(),
            "the document is larger than 1 MiB (1048576 bytes)"
        );
        assert_eq!(
            Limit::TooDeep { limit: 32 }.to_string(),
            "the document nests more than 32 levels deep"
        );
    }
}
