//! The fast path of [`parse`](super::parse): a hand-written scanner for the shape nearly
//! every answers document has (one flat object; keys without escapes; values `true`,
//! `false`, `null`, strings without escapes, and whole-number ids of up to 18 digits).
//!
//! It accepts nothing the full parser refuses and gives the same answers for what it
//! accepts; for anything else (an escape, a number answer, a repeated or unknown key,
//! any error at all) it gives up and the full parser reads the document again, so every
//! refusal and its message still come from one place. It reads one level of nesting,
//! so the nesting limit needs no pass of its own for a document it accepts.
//!
//! Pure: bytes in, answers out.

use super::{Answers, ID_KEY, RecordId, Reply, Value, parse_date, parse_datetime};
use crate::rules::key::QuotedKey;
use crate::rules::{Kind, QuestionDef, RuleSet};

/// The `id` key, quoted. A constant: were `ID_KEY` not a plain word, the build would
/// fail here, not a run.
const QUOTED_ID: QuotedKey = match QuotedKey::new(ID_KEY) {
    Some(key) => key,
    None => panic!("the id key is a plain word"),
};

/// The answers in `bytes`, or `None` to leave the document to the full parser.
#[cfg(test)]
pub(super) fn scan(rules: &RuleSet, bytes: &[u8]) -> Option<Answers> {
    let mut answers = Answers::empty(rules);
    scan_into(rules, bytes, &mut answers).map(|()| answers)
}

/// Reads the answers in `bytes` into `answers`, reusing its buffers (a batch's
/// records allocate nothing here); `None` to leave the document to the full parser,
/// and `answers` then holds nothing of use.
pub(super) fn scan_into(rules: &RuleSet, bytes: &[u8], answers: &mut Answers) -> Option<()> {
    // Repeated keys are told by a bit per question.
    if rules.questions.len() > 64 {
        return None;
    }
    // One check of the whole document (fast on ASCII) lets every string be sliced out.
    let text = std::str::from_utf8(bytes).ok()?;
    let mut s = Scanner { text, bytes, at: 0 };
    answers.replies.clear();
    answers
        .replies
        .resize(rules.questions.len(), Reply::Missing);
    // The id's text buffer, kept for the id of this document.
    let mut spare_id = answers.id.take();
    let mut seen = 0u64;
    let mut seen_id = false;
    // Exports write the keys in the same order on every line, mostly the rule file's:
    // the question after the last one is tried before the index.
    let mut next_q = 0;
    s.skip_space();
    s.expect(b'{')?;
    s.skip_space();
    if s.peek() == Some(b'}') {
        s.at += 1;
    } else {
        loop {
            // The key the export most likely wrote next is compared in place; any other
            // is read as a string and looked up.
            let key = match rules.quoted_key(next_q) {
                Some(key) if s.key_is(key) => Key::Question(next_q),
                // Exports write the id first.
                _ if !seen_id && s.key_is(&QUOTED_ID) => Key::Id,
                // A question left out (a date asked only after a "yes").
                _ if rules
                    .quoted_key(next_q + 1)
                    .is_some_and(|key| s.key_is(key)) =>
                {
                    Key::Question(next_q + 1)
                }
                _ => {
                    let key = s.string()?;
                    if key == ID_KEY {
                        Key::Id
                    } else {
                        Key::Question(rules.question_index(key)?)
                    }
                }
            };
            s.colon()?;
            match key {
                Key::Id => {
                    if std::mem::replace(&mut seen_id, true) {
                        return None;
                    }
                    answers.id = Some(s.id(spare_id.take())?);
                }
                Key::Question(q) => {
                    next_q = q + 1;
                    let bit = 1u64 << q;
                    if seen & bit != 0 {
                        return None;
                    }
                    seen |= bit;
                    s.reply(rules.questions.get(q)?, answers.replies.get_mut(q)?)?;
                }
            }
            if !s.comma()? {
                break;
            }
        }
    }
    s.skip_space();
    (s.at == bytes.len()).then_some(())
}

enum Key {
    Id,
    Question(usize),
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    /// The `:` after a key, and the whitespace around it; the `": "` exports write is
    /// taken in one comparison.
    fn colon(&mut self) -> Option<()> {
        if self.bytes.get(self.at..)?.first_chunk::<2>() == Some(b": ") {
            self.at += 2;
        } else {
            self.skip_space();
            self.expect(b':')?;
        }
        self.skip_space();
        Some(())
    }

    /// What follows a value: a `,` and the whitespace around it (true: another key
    /// comes), or the `}` that ends the object (false).
    fn comma(&mut self) -> Option<bool> {
        if self.bytes.get(self.at..)?.first_chunk::<2>() == Some(b", ") {
            self.at += 2;
            self.skip_space();
            return Some(true);
        }
        self.skip_space();
        match self.next()? {
            b',' => {
                self.skip_space();
                Some(true)
            }
            b'}' => Some(false),
            _ => None,
        }
    }

    /// JSON whitespace, as serde_json skips it.
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Whether the next string is exactly `key` (skipped if it is). Comparing raw bytes
    /// is decoding them, since a quoted key has nothing JSON escapes.
    fn key_is(&mut self, key: &QuotedKey) -> bool {
        let found = self
            .bytes
            .get(self.at..)
            .is_some_and(|rest| key.starts(rest));
        if found {
            self.at += key.size();
        }
        found
    }

    /// A string without escapes or control characters: its text without the quotes.
    fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.at;
        let len = plain_len(self.bytes.get(start..)?)?;
        self.at = start + len + 1;
        self.text.get(start..start + len)
    }

    /// `word` exactly (`true`, `false`, `null`): N bytes compared in place.
    fn literal<const N: usize>(&mut self, word: &[u8; N]) -> Option<()> {
        let found = self.bytes.get(self.at..)?.first_chunk::<N>()? == word;
        found.then(|| self.at += N)
    }

    /// Reads the reply to `question` into `slot` (written in place: a reply is moved
    /// nowhere, which a profile showed costing more than reading it).
    fn reply(&mut self, question: &QuestionDef, slot: &mut Reply) -> Option<()> {
        match self.peek()? {
            b'n' => {
                self.literal(b"null")?;
                *slot = Reply::NotSure;
            }
            b't' if matches!(question.kind, Kind::Boolean) => {
                self.literal(b"true")?;
                *slot = Reply::Given(Value::Bool(true));
            }
            b'f' if matches!(question.kind, Kind::Boolean) => {
                self.literal(b"false")?;
                *slot = Reply::Given(Value::Bool(false));
            }
            b'"' => {
                let text = self.string()?;
                // What `parse_text` gives when it accepts the text, without building
                // its error (a large value whose copying showed in a profile).
                *slot = Reply::Given(match &question.kind {
                    Kind::Date => Value::Date(parse_date(text)?),
                    Kind::DateTime => Value::DateTime(parse_datetime(text)?),
                    Kind::Choice(options) => {
                        Value::Choice(options.iter().position(|o| o.value == text)?)
                    }
                    Kind::Boolean | Kind::Number { .. } => return None,
                });
            }
            _ => return None,
        }
        Some(())
    }

    /// A string id, or a whole number without sign, fraction or exponent that fits
    /// in 18 digits (what serde_json reads as a `u64`, and writes back digit for
    /// digit). Written into the buffer of `spare`, the last document's id, if any.
    fn id(&mut self, spare: Option<RecordId>) -> Option<RecordId> {
        let mut text = match spare {
            Some(RecordId::Text(text) | RecordId::Number(text)) => text,
            None => String::new(),
        };
        text.clear();
        match self.peek()? {
            b'"' => {
                text.push_str(self.string()?);
                Some(RecordId::Text(text))
            }
            b'0' => {
                self.at += 1;
                text.push('0');
                Some(RecordId::Number(text))
            }
            b'1'..=b'9' => {
                let start = self.at;
                while let Some(b'0'..=b'9') = self.peek() {
                    if self.at - start == 18 {
                        return None;
                    }
                    self.at += 1;
                }
                text.push_str(self.text.get(start..self.at)?);
                Some(RecordId::Number(text))
            }
            _ => None,
        }
    }
}

/// Where the closing quote of a string's text is; `None` when a backslash or a control
/// character comes first, or no quote does. Eight bytes at a time, then byte by byte.
fn plain_len(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each zero byte of `word` (and maybe of bytes after the first).
    let zero_bytes = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
        let word = u64::from_le_bytes(*chunk);
        let stops = zero_bytes(word ^ (ONES * u64::from(b'"')))
            | zero_bytes(word ^ (ONES * u64::from(b'\\')))
            // Bytes below 0x20.
            | word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
        if stops != 0 {
            // The lowest flag is exact (a false flag only ever follows a true one).
            let stop = at + (stops.trailing_zeros() / 8) as usize;
            return (bytes.get(stop) == Some(&b'"')).then_some(stop);
        }
        at += 8;
    }
    for (i, &b) in bytes.get(at..)?.iter().enumerate() {
        match b {
            b'"' => return Some(at + i),
            b'\\' | 0..=0x1f => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::parse_full;
    use crate::testing::default_rules;

    /// Documents the scanner must read itself, and their neighbours it must leave alone.
    const SEEDS: [&str; 17] = [
        r#"{"id": "BK-0000001", "pregnant": false, "eczema": false, "psoriasis": false, "other_skin_disease": false, "open_wounds": false, "scarring_history": false, "radiation_therapy": true, "radiation_end_date": "2026-03-01", "procedure_time": "2026-11-24T10:15:00+01:00", "treatment_area": "face", "wears_makeup": true, "outdoors_next_24h": false, "uses_alcohol_based_products": false}"#,
        r#"{"id": 100123, "pregnant": null, "eczema": true, "procedure_time": "2026-11-24T10:15:00Z", "treatment_area": "neck"}"#,
        r#" {"id":0,"pregnant":true} "#,
        "{}",
        "\t{ }\r",
        r#"{"id": "", "wears_makeup": null, "procedure_time": null, "radiation_end_date": null}"#,
        r#"{"id": 999999999999999999}"#,
        r#"{"id": 1000000000000000000}"#,
        r#"{"id": -1, "id": 2}"#,
        r#"{"pregnant": true, "pregnant": false}"#,
        r#"{"pr\u0065gnant": true, "treatment_area": "body"}"#,
        r#"{"id": "a\"b", "radiation_end_date": "2026-02-30"}"#,
        r#"{"procedure_time": "2026-11-24T10:15:00", "pregnant": "no"}"#,
        r#"{"id": 1.5, "eczema": 0, "pregnant": [true]}"#,
        r#"{"resourceType": "QuestionnaireResponse", "status": "completed"}"#,
        r#"{"id": "é", "treatment_area": "scalp", "x": 1}"#,
        r#"{"id": "é 日本 😀", "pregnant": false}"#,
    ];

    /// The scanner's answers, checked against the full parser's.
    fn check(rules: &RuleSet, doc: &[u8]) -> bool {
        let Some(scanned) = scan(rules, doc) else {
            return false;
        };
        assert_eq!(
            parse_full(rules, doc),
            Ok(scanned),
            "the scanner accepted {:?}",
            String::from_utf8_lossy(doc)
        );
        true
    }

    #[test]
    fn the_end_of_a_string_is_found_at_every_position() {
        for len in 0..24 {
            let text = "é".repeat(len / 2) + &"a".repeat(len % 2);
            for (stop, expected) in [
                ("\"", Some(text.len())),
                ("\\\"", None),
                ("\u{1}\"", None),
                ("\u{1f}\"", None),
                ("\n\"", None),
            ] {
                let bytes = format!("{text}{stop} more \"");
                assert_eq!(plain_len(bytes.as_bytes()), expected, "{bytes:?}");
            }
            assert_eq!(plain_len(text.as_bytes()), None, "no quote");
            let printable = format!("{text} ~\u{7f}!#[]{{}}\"");
            assert_eq!(plain_len(printable.as_bytes()), Some(printable.len() - 1));
        }
    }

    #[test]
    fn what_it_reads_it_reads_as_the_full_parser_does() {
        let rules = default_rules();
        let accepted: Vec<bool> = SEEDS.iter().map(|d| check(&rules, d.as_bytes())).collect();
        let expected = [
            true, true, true, true, true, true, true, false, false, false, false, false, false,
            false, false, false, true,
        ];
        assert_eq!(accepted, expected);
    }

    #[test]
    fn answers_read_into_the_last_documents_buffers_are_the_same_as_fresh_ones() {
        let rules = default_rules();
        for first in SEEDS {
            for second in SEEDS {
                let mut reused = crate::answers::parse(&rules, first.as_bytes())
                    .unwrap_or_else(|_| Answers::empty(&rules));
                let result = crate::answers::parse_into(&rules, second.as_bytes(), &mut reused);
                let fresh = crate::answers::parse(&rules, second.as_bytes());
                assert_eq!(result.map(|()| reused), fresh, "{first} then {second}");
            }
        }
    }

    #[test]
    fn what_it_reads_of_broken_documents_it_reads_as_the_full_parser_does() {
        // Every document a byte away from a seed (changed, removed or added), from a
        // fixed set of bytes that matter to JSON: whatever the scanner accepts must be
        // the full parser's answers.
        let rules = default_rules();
        let bytes = b"\"\\{}[],: \t\r\n01-.eEtfnulr\x00\x1f\x7f\xc3\xa9\xffaz";
        let mut accepted = 0;
        let mut tried = 0;
        for seed in SEEDS {
            let seed = seed.as_bytes();
            for at in 0..=seed.len() {
                for &b in bytes {
                    let mut changed = seed.to_vec();
                    if at < seed.len() {
                        changed[at] = b;
                        accepted += usize::from(check(&rules, &changed));
                        let mut removed = seed.to_vec();
                        removed.remove(at);
                        accepted += usize::from(check(&rules, &removed));
                    }
                    let mut added = seed.to_vec();
                    added.insert(at, b);
                    accepted += usize::from(check(&rules, &added));
                    tried += 3;
                }
            }
        }
        // Many mutants are still good answers (a space added, a digit of an id changed).
        assert!(accepted > 1000, "{accepted} of {tried} accepted");
    }
}
