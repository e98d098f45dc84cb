//! The catalogues themselves: reading `core/i18n/<lang>.ftl` and looking messages up.

use std::sync::OnceLock;

/// The language whose catalogue is complete by definition: any other language falls
/// back to it key by key.
pub const BASE: &str = "en";

/// Each catalogue: its language and its text.
pub const SOURCES: [(&str, &str); 2] = [
    ("en", include_str!("../../i18n/en.ftl")),
    ("es", include_str!("../../i18n/es.ftl")),
];

/// One language's messages, in file order.
#[derive(Debug)]
pub struct Words {
    pub lang: &'static str,
    messages: Vec<(&'static str, &'static str)>,
}

/// A line of a catalogue that is not a message, a comment or blank: the catalogues are
/// ours and tested, so this only shows in tests and in `parse`'s result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
}

/// Reads a catalogue: `key = text` lines; `#` comments and blank lines skipped.
pub fn parse(source: &'static str) -> Result<Vec<(&'static str, &'static str)>, BadLine> {
    let mut messages = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, text)) = line.split_once(" = ") else {
            return Err(BadLine { line: n + 1 });
        };
        let key_ok = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !key_ok {
            return Err(BadLine { line: n + 1 });
        }
        messages.push((key, text.trim()));
    }
    Ok(messages)
}

/// The placeables a message names (`{ $date }` → `date`), in order of appearance.
pub fn placeables(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{ $") {
        let after = &rest[start + 3..];
        let Some(end) = after.find(" }") else { break };
        names.push(&after[..end]);
        rest = &after[end + 2..];
    }
    names
}

fn catalogues() -> &'static [Words] {
    static ALL: OnceLock<Vec<Words>> = OnceLock::new();
    ALL.get_or_init(|| {
        SOURCES
            .iter()
            .map(|&(lang, source)| Words {
                lang,
                // A catalogue that does not read gives no messages: every key then falls
                // back to English (a test keeps every catalogue readable).
                messages: parse(source).unwrap_or_default(),
            })
            .collect()
    })
}

/// The words for `lang` (a tag such as `es` or `es-MX`); English for a language we have
/// no catalogue for.
pub fn words(lang: &str) -> &'static Words {
    let all = catalogues();
    let primary = lang.split('-').next().unwrap_or(lang);
    all.iter()
        .find(|w| w.lang.eq_ignore_ascii_case(lang))
        .or_else(|| all.iter().find(|w| w.lang.eq_ignore_ascii_case(primary)))
        .or_else(|| all.iter().find(|w| w.lang == BASE))
        .unwrap_or(&all[0])
}

impl Words {
    /// The keys, in file order.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.messages.iter().map(|(k, _)| *k)
    }

    fn find(&self, key: &str) -> Option<&'static str> {
        self.messages
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, text)| *text)
    }

    /// The message `key`; the English one where this language lacks it, or the key
    /// itself where English does too (a test keeps every key the code uses in English).
    pub fn get(&self, key: &'static str) -> &'static str {
        self.find(key)
            .or_else(|| words(BASE).find(key))
            .unwrap_or(key)
    }

    /// The message `key` with its placeables filled in from `args`.
    /// One pass over the message: a value that itself contains `{ $name }` (a rule-file
    /// text, say) is never filled in again. A placeable without a value stays as it is.
    pub fn fill(&self, key: &'static str, args: &[(&str, &str)]) -> String {
        let mut out = String::new();
        let mut rest = self.get(key);
        while let Some(start) = rest.find("{ $") {
            let after = &rest[start + 3..];
            let Some(end) = after.find(" }") else { break };
            let name = &after[..end];
            out.push_str(&rest[..start]);
            match args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.push_str(value),
                None => out.push_str(&rest[start..start + 3 + end + 2]),
            }
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_reads() {
        for (lang, source) in SOURCES {
            assert!(parse(source).is_ok(), "{lang}: {:?}", parse(source));
        }
    }

    /// Every key in every language, no extra keys, no key twice, and the same
    /// placeables: a translation that drops `{ $date }` would leave a person without
    /// the date.
    #[test]
    fn every_language_has_every_key_with_the_same_placeables() {
        let base = parse(SOURCES[0].1).unwrap();
        let mut base_keys: Vec<&str> = base.iter().map(|(k, _)| *k).collect();
        base_keys.sort_unstable();
        let before = base_keys.len();
        base_keys.dedup();
        assert_eq!(before, base_keys.len(), "en: a key given twice");
        for (lang, source) in &SOURCES[1..] {
            let other = parse(source).unwrap();
            let mut keys: Vec<&str> = other.iter().map(|(k, _)| *k).collect();
            keys.sort_unstable();
            assert_eq!(keys, base_keys, "{lang}: keys differ from en");
            for (key, text) in &base {
                let theirs = other.iter().find(|(k, _)| k == key).unwrap().1;
                let mut want = placeables(text);
                let mut got = placeables(theirs);
                want.sort_unstable();
                got.sort_unstable();
                if key.starts_with("date-") {
                    // A date pattern may leave out a part, never add one: Spanish
                    // checklist times leave out the year the sheet's head gives.
                    assert!(
                        got.iter().all(|p| want.contains(p)),
                        "{lang}: {key}: placeables"
                    );
                } else {
                    assert_eq!(got, want, "{lang}: {key}: placeables");
                }
                assert!(!theirs.is_empty(), "{lang}: {key}: empty");
            }
        }
    }

    #[test]
    fn words_fall_back() {
        let cases = [
            ("en", "en"),
            ("es", "es"),
            ("es-MX", "es"),
            ("ES", "es"),
            ("fr", "en"),
            ("", "en"),
        ];
        for (tag, lang) in cases {
            assert_eq!(words(tag).lang, lang, "{tag}");
        }
    }

    #[test]
    fn placeables_are_filled() {
        assert_eq!(
            placeables("Espere hasta el { $date } ({ $n })"),
            vec!["date", "n"]
        );
        assert_eq!(
            words("es").fill(
                "patient-wait-until",
                &[("date", "martes 1 de junio de 2027")]
            ),
            "Espere hasta el martes 1 de junio de 2027"
        );
    }

    #[test]
    fn a_value_is_never_filled_in_again() {
        let text = words("en").fill(
            "why-to-be-safe",
            &[("reasons", "“Is { $reasons } here?” was not answered")],
        );
        assert_eq!(
            text,
            "“Is { $reasons } here?” was not answered, so this is included to be safe."
        );
        assert_eq!(
            words("en").fill("patient-wait-until", &[]),
            "Please wait until { $date }"
        );
    }

    #[test]
    fn a_bad_line_is_found() {
        assert_eq!(parse("a = b\nnot a message\n"), Err(BadLine { line: 2 }));
        assert_eq!(parse("bad key! = x\n"), Err(BadLine { line: 1 }));
    }
}
