//! Phone numbers in a rule file (`clinic.phone`): whether one looks like a number a
//! person can dial, and its `tel:` form for a link on the HTML sheet.
//!
//! Pure. The check is about shape, not about whether the number exists: a clinic that
//! types a letter, a second `+` or a stray `;` gets told before a patient's sheet shows it.

/// Fewest digits a clinic's phone number has (short codes such as 111 belong in the
/// out-of-hours text, not here).
pub const MIN_DIGITS: usize = 6;

/// Most digits: the E.164 limit of 15.
pub const MAX_DIGITS: usize = 15;

/// Checks that `text` looks like a phone number: digits, spaces, `-`, `.`, `(` and `)`,
/// with at most one `+`, at the start, and between [`MIN_DIGITS`] and [`MAX_DIGITS`]
/// digits. The message says what is wrong.
pub fn check(text: &str) -> Result<(), String> {
    let trimmed = text.trim();
    if let Some(c) = trimmed
        .chars()
        .find(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+')))
    {
        return Err(format!(
            "`{c}` has no place in a phone number: use digits, spaces, `-`, `.`, brackets and a leading `+`"
        ));
    }
    if trimmed.rfind('+').is_some_and(|i| i > 0) {
        return Err("a `+` may only start the number".to_string());
    }
    let digits = trimmed.chars().filter(char::is_ascii_digit).count();
    if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) {
        return Err(format!(
            "a phone number has {MIN_DIGITS} to {MAX_DIGITS} digits; this one has {digits}"
        ));
    }
    Ok(())
}

/// The `tel:` URI of a number that passed [`check`]: the leading `+` and the digits.
pub fn tel_uri(text: &str) -> String {
    let trimmed = text.trim();
    let mut uri = String::from("tel:");
    if trimmed.starts_with('+') {
        uri.push('+');
    }
    uri.extend(trimmed.chars().filter(char::is_ascii_digit));
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_people_dial_pass_and_others_are_told_why() {
        let cases = [
            ("international", "+44 20 7946 0000", true),
            ("brackets and dashes", "(555) 010-0199", true),
            ("dots", "020.7946.0000", true),
            ("too short", "111", false),
            ("too long", "+1234567890123456", false),
            ("letters", "0800 SKIN CO", false),
            ("plus inside", "020 +7946 0000", false),
            ("two numbers", "020 7946 0000; 020 7946 0001", false),
            ("empty", "", false),
        ];
        for (name, text, ok) in cases {
            assert_eq!(check(text).is_ok(), ok, "{name}: {:?}", check(text));
        }
        assert_eq!(
            check("0800 SKIN").unwrap_err(),
            "`S` has no place in a phone number: use digits, spaces, `-`, `.`, brackets and a leading `+`"
        );
    }

    #[test]
    fn the_tel_uri_keeps_the_plus_and_the_digits() {
        assert_eq!(tel_uri("+44 20 7946 0000"), "tel:+442079460000");
        assert_eq!(tel_uri("(555) 010-0199"), "tel:5550100199");
    }
}
