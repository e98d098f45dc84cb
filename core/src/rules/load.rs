//! Loading a rule file: bytes in, a [`RuleSet`] out, validated whole (format, limits,
//! compile, lint and the safety proof) or every problem at once. Above `compile` and
//! `safety`, which screen answers to prove a file; the compiled types stay below them in
//! [`super`].

use super::compile::compile;
use super::{DEFAULT_RULES, RuleSet, RulesError, model, sha256_hex};
use crate::limits;

impl RuleSet {
    /// Parses, validates and compiles a rule file.
    pub fn from_bytes(bytes: &[u8]) -> Result<RuleSet, RulesError> {
        let text = limits::check(bytes).map_err(RulesError::Refused)?;
        let file: model::RuleFile = serde_json::from_str(text).map_err(RulesError::Malformed)?;
        compile(file, sha256_hex(bytes)).map_err(RulesError::Invalid)
    }

    /// The embedded default rule file.
    pub fn default_rules() -> Result<RuleSet, RulesError> {
        RuleSet::from_bytes(DEFAULT_RULES)
    }
}
