//! The names FHIR gives prescreen's resources: a rule file's Questionnaire id, computer
//! name and canonical URL, and the code systems and extensions prescreen defines.
//!
//! Pure, and a leaf: it imports nothing else of the crate, so the rule-file compiler can
//! check a base URL with it without a module loop.

/// The base of everything prescreen itself defines (its code systems and extensions), and
/// of a rule file's Questionnaire when neither the rule file nor `--url` gives one. The
/// `.invalid` top-level domain never resolves: these are names, not addresses.
pub const PRESCREEN_BASE: &str = "https://prescreen.invalid/fhir";

/// The code system of the four verdicts (`candidate`, `review`, `defer`, `not_candidate`).
pub const VERDICT_SYSTEM: &str = "https://prescreen.invalid/fhir/CodeSystem/verdict";

/// The code system of what a result Observation observes (`verdict`, `eligible-from`).
pub const RESULT_SYSTEM: &str = "https://prescreen.invalid/fhir/CodeSystem/result";

/// Extension on the Questionnaire: the SHA-256 of the exact rule-file bytes.
pub const SHA256_EXTENSION: &str =
    "https://prescreen.invalid/fhir/StructureDefinition/rule-file-sha256";

/// Extension on a DetectedIssue: the day the person may be screened again.
pub const ELIGIBLE_FROM_EXTENSION: &str =
    "https://prescreen.invalid/fhir/StructureDefinition/eligible-from";

/// The base URL used when none is given: [`PRESCREEN_BASE`].
pub fn base_or_default(base: Option<&str>) -> &str {
    base.unwrap_or(PRESCREEN_BASE)
}

/// Checks a base URL (`https://clinic.example/fhir`): absolute http(s), no spaces, no
/// trailing slash, no query, fragment or `|` (which would break the canonical
/// `url|version`). Returns why not, as a message for a rule-file problem.
pub fn check_base(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Err("must be an absolute URL starting with https:// or http://".to_string());
    };
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        Err("must name a host after the scheme".to_string())
    } else if url.ends_with('/') {
        Err("must not end with `/`".to_string())
    } else if url.len() > 200 {
        Err("must be at most 200 characters long".to_string())
    } else if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '|' | '#' | '?'))
    {
        Err("must not contain spaces, `|`, `#` or `?`".to_string())
    } else {
        Ok(())
    }
}

/// A FHIR resource id from a rule file's name: lower-case letters, digits and `-`, at
/// most 64 characters (`Microneedling candidacy screen` -> `microneedling-candidacy-screen`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(64).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "prescreen".to_string()
    } else {
        out
    }
}

/// A computer-friendly name (FHIR invariant que-0: `[A-Z]([A-Za-z0-9_]){0,254}`):
/// `Microneedling candidacy screen` -> `MicroneedlingCandidacyScreen`.
pub fn computer_name(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if !out.starts_with(|c: char| c.is_ascii_uppercase()) {
        out.insert(0, 'Q');
    }
    out.chars().take(255).collect()
}

/// The canonical URL of a rule file's Questionnaire under `base`.
pub fn questionnaire_url(base: &str, name: &str) -> String {
    format!("{base}/Questionnaire/{}", slug(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_fhir_patterns() {
        let cases = [
            (
                "Microneedling candidacy screen",
                "microneedling-candidacy-screen",
                "MicroneedlingCandidacyScreen",
            ),
            ("  Über --  2 ", "ber-2", "Ber2"),
            ("9 lives", "9-lives", "Q9Lives"),
            ("!!!", "prescreen", "Q"),
        ];
        for (name, id, computer) in cases {
            assert_eq!(slug(name), id, "{name}");
            assert_eq!(computer_name(name), computer, "{name}");
        }
        assert_eq!(slug(&"a".repeat(100)).len(), 64);
    }

    #[test]
    fn base_urls_are_checked() {
        let cases = [
            ("https://clinic.example/fhir", true),
            ("http://clinic.example", true),
            ("clinic.example/fhir", false),
            ("https://", false),
            ("https://clinic.example/fhir/", false),
            ("https://clinic.example/a b", false),
            ("https://clinic.example/fhir|1", false),
            ("https://clinic.example/?x=1", false),
        ];
        for (url, ok) in cases {
            assert_eq!(check_base(url).is_ok(), ok, "{url}");
        }
    }
}
