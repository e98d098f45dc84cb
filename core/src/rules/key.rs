//! A question's id as a document writes it as a key, quotes included, held as four
//! words with a mask: the answers scanner tries the key it expects next at every key
//! of every record, and a masked comparison of 32 bytes takes a few instructions
//! where a call to `memcmp` (with its dispatch on the length) took a twentieth of a
//! batch's time.
//!
//! Pure.

/// The longest quoted key held: 30 bytes of id and its two quotes.
const WIDTH: usize = 32;

/// `"id"` for an id that JSON writes as it is (no quote, backslash or control
/// character) and that fits in [`WIDTH`] bytes with its quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotedKey {
    words: [u64; 4],
    /// All ones over the key's bytes, zero after them.
    masks: [u64; 4],
    len: usize,
}

impl QuotedKey {
    /// `None` when the id needs escaping in JSON or is too long to be held.
    pub const fn new(id: &str) -> Option<QuotedKey> {
        let id = id.as_bytes();
        let len = id.len() + 2;
        if len > WIDTH {
            return None;
        }
        let mut bytes = [0u8; WIDTH];
        bytes[0] = b'"';
        let mut i = 0;
        while i < id.len() {
            let b = id[i];
            if b < 0x20 || b == b'"' || b == b'\\' {
                return None;
            }
            bytes[i + 1] = b;
            i += 1;
        }
        bytes[len - 1] = b'"';
        let mut words = [0u64; 4];
        let mut masks = [0u64; 4];
        let mut at = 0;
        while at < len {
            words[at / 8] |= (bytes[at] as u64) << (8 * (at % 8));
            masks[at / 8] |= 0xff << (8 * (at % 8));
            at += 1;
        }
        Some(QuotedKey { words, masks, len })
    }

    /// Its length in bytes, quotes included.
    pub fn size(&self) -> usize {
        self.len
    }

    /// Whether `bytes` begin with this key.
    #[inline]
    pub fn starts(&self, bytes: &[u8]) -> bool {
        let window = match bytes.first_chunk::<WIDTH>() {
            Some(window) => *window,
            None if bytes.len() < self.len => return false,
            // Near the end of a document: the bytes that are left, zeros after them
            // (which the mask leaves out).
            None => {
                let mut window = [0u8; WIDTH];
                window[..bytes.len()].copy_from_slice(bytes);
                window
            }
        };
        let mut differ = 0;
        for (i, (word, mask)) in self.words.iter().zip(self.masks).enumerate() {
            let mut read = [0u8; 8];
            read.copy_from_slice(&window[8 * i..8 * i + 8]);
            differ |= (u64::from_le_bytes(read) ^ word) & mask;
        }
        differ == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_found_exactly_where_its_quoted_text_begins() {
        let ids = [
            "",
            "a",
            "id",
            "pregnant",
            "uses_alcohol_based_products",
            "é日",
            "x".repeat(30).leak(),
        ];
        let tails = ["", ":", ": true}", &" ".repeat(40)];
        for id in ids {
            let key = QuotedKey::new(id).unwrap();
            let quoted = format!("\"{id}\"");
            assert_eq!(key.size(), quoted.len());
            for tail in tails {
                let text = format!("{quoted}{tail}");
                assert!(key.starts(text.as_bytes()), "{text:?}");
                // Every byte changed, and every shorter text, is no longer the key.
                for at in 0..quoted.len() {
                    let mut changed = text.clone().into_bytes();
                    changed[at] ^= 0x01;
                    assert!(!key.starts(&changed), "{text:?} changed at {at}");
                    assert!(!key.starts(&text.as_bytes()[..at]), "{text:?} cut at {at}");
                }
            }
        }
    }

    #[test]
    fn ids_json_would_escape_or_too_long_have_none() {
        for id in ["a\"b", "a\\b", "a\u{1}b", "\n", &"x".repeat(31)] {
            assert_eq!(QuotedKey::new(id), None, "{id:?}");
        }
    }
}
