//! The `prescreen rules` subcommands: rule-file bytes in, text and an exit status out.
//!
//! Pure: `app` reads the file (with the same size cap as every rule file) and writes
//! the text. Nothing here decides what is valid: lint and loading share
//! [`RuleSet::from_bytes`](crate::rules::RuleSet::from_bytes).

use crate::cli::RulesCommand;
use crate::error::{Result, exit};
use crate::render;
use crate::rules::lint;

/// What a subcommand prints and the status it ends with.
#[derive(Debug)]
pub struct Output {
    pub bytes: Vec<u8>,
    pub code: u8,
}

/// Runs one `rules` subcommand on a rule file's bytes; `origin` names it in messages.
pub fn run(command: &RulesCommand, bytes: &[u8], origin: &str) -> Result<Output> {
    match command {
        RulesCommand::Lint { .. } => {
            let report = lint::lint(bytes);
            let mut out = Vec::new();
            // Writing to a Vec cannot fail.
            let _ = render::lint::write(origin, &report, &mut out);
            let code = if report.errors.is_empty() {
                exit::CANDIDATE
            } else {
                exit::INVALID_RULES
            };
            Ok(Output { bytes: out, code })
        }
    }
}
