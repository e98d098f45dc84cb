//! Whether a text is really "in writing": it has letters or digits a reader can see.
//!
//! Pure. A zero-width space, a byte-order mark, a word joiner or a Hangul filler renders
//! nothing, yet `trim()` keeps it; a rule file could pass off such a string as a reason
//! or a waiver. Here only visible letters and digits count: whitespace of any kind,
//! punctuation alone and the default-ignorable code points of Unicode do not.

/// The default-ignorable code points (Unicode `DerivedCoreProperties.txt`,
/// `Default_Ignorable_Code_Point`), plus the Braille blank, which renders as nothing.
const INVISIBLE: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{034F}', '\u{034F}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{17B4}', '\u{17B5}'),
    ('\u{180B}', '\u{180F}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{206F}'),
    ('\u{2800}', '\u{2800}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{FFF0}', '\u{FFF8}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0000}', '\u{E0FFF}'),
];

/// A letter or digit that renders as something.
pub fn is_visible_letter(c: char) -> bool {
    c.is_alphanumeric() && !INVISIBLE.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// Whether `text` has at least one visible letter or digit.
pub fn is_visible(text: &str) -> bool {
    text.chars().any(is_visible_letter)
}

/// The words of `text`: runs of characters other than whitespace and invisible
/// characters that contain a visible letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace() || (!is_visible_letter(c) && !c.is_ascii_punctuation()))
        .filter(|word| is_visible(word))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_texts() {
        let cases = [
            ("plain words", "Reviewed by a clinician.", true, 4),
            ("one letter", "x", true, 1),
            ("digits", "42", true, 1),
            ("accented", "Évalué", true, 1),
            ("empty", "", false, 0),
            ("spaces", " \t\n", false, 0),
            (
                "no-break and ideographic space",
                "\u{00A0}\u{3000}",
                false,
                0,
            ),
            ("zero-width space", "\u{200B}", false, 0),
            ("byte-order mark", "\u{FEFF}", false, 0),
            ("word joiner", "\u{2060}\u{2060}", false, 0),
            ("soft hyphen", "\u{00AD}", false, 0),
            ("Hangul filler", "\u{3164}", false, 0),
            ("variation selector", "\u{FE0F}", false, 0),
            ("tag characters", "\u{E0041}\u{E0042}", false, 0),
            ("punctuation only", "...", false, 0),
            (
                "words glued by zero-width spaces",
                "a\u{200B}b\u{200B}c",
                true,
                3,
            ),
            ("hyphenated word", "well-known reason given", true, 3),
        ];
        for (name, text, visible, words) in cases {
            assert_eq!(is_visible(text), visible, "{name}");
            assert_eq!(word_count(text), words, "{name}");
        }
    }
}
