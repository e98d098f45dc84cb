//! How a problem names where it is: `questions.pregnant`, `rules[3]`. Shared by
//! `compile`, `lint` and `safety`, so it sits below them.

/// How to name item `i` of a list in a path: by its id when it has a usable one.
pub(crate) fn item_path(list: &str, i: usize, id: &str) -> String {
    if is_identifier(id) {
        format!("{list}.{id}")
    } else {
        format!("{list}[{i}]")
    }
}

/// Ids are keys of the answers document and of the output: keep them plain.
pub(crate) fn is_identifier(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && id.as_bytes()[0].is_ascii_lowercase()
}
