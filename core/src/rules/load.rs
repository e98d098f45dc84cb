//! Loading a rule file: bytes in, a [`RuleSet`] out, validated whole (format, limits,
//! compile, lint and the safety proof) or every problem at once. Above `compile` and
//! `safety`, which screen answers to prove a file; the compiled types stay below them in
//! [`super`].

use super::{DEFAULT_RULES, RuleSet, RulesError, compile, lang, model, sha256_hex};
use crate::limits;

impl RuleSet {
    /// Parses, validates and compiles a rule file, its texts in the file's first language.
    pub fn from_bytes(bytes: &[u8]) -> Result<RuleSet, RulesError> {
        RuleSet::load(bytes, &lang::Wanted::default())
    }

    /// Parses, validates and compiles a rule file, its texts in the file's language that
    /// best fits `wanted` ([`lang::negotiate`]). Only the texts depend on the language:
    /// ids, outcomes and the SHA-256 are those of the bytes.
    pub fn load(bytes: &[u8], wanted: &lang::Wanted) -> Result<RuleSet, RulesError> {
        let text = limits::check(bytes).map_err(RulesError::Refused)?;
        let file: model::RuleFile = serde_json::from_str(text).map_err(RulesError::Malformed)?;
        let lang = lang::negotiate(wanted, &file.languages()).map_err(RulesError::Unavailable)?;
        compile::compile_in(file, sha256_hex(bytes), &lang).map_err(RulesError::Invalid)
    }

    /// The embedded default rule file.
    pub fn default_rules() -> Result<RuleSet, RulesError> {
        RuleSet::from_bytes(DEFAULT_RULES)
    }
}
