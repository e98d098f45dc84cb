//! The `prescreen rules` subcommands: rule-file bytes in, text and an exit status out.
//!
//! Pure: `app` reads the file (with the same size cap as every rule file) and writes
//! the text. Nothing here decides what is valid: lint and loading share
//! [`RuleSet::from_bytes`](crate::rules::RuleSet::from_bytes).

use std::io::{self, Write};

use crate::cli::{RulesCommand, ShowFormat};
use crate::error::{Error, Result, exit};
use crate::fhir;
use crate::render;
use crate::rules::lang::Wanted;
use crate::rules::{RuleSet, lint, schema};

/// What a subcommand prints and the status it ends with.
#[derive(Debug)]
pub struct Output {
    pub bytes: Vec<u8>,
    pub code: u8,
}

/// Runs one `rules` subcommand on a rule file's bytes; `origin` names it in messages.
pub fn run(command: &RulesCommand, bytes: &[u8], origin: &str, wanted: &Wanted) -> Result<Output> {
    let mut out = Vec::new();
    let load =
        || RuleSet::load(bytes, wanted).map_err(|e| Error::from_rules(origin.to_string(), e));
    let code = match command {
        RulesCommand::Lint { .. } => {
            let report = lint::lint(bytes);
            render::lint::write(origin, &report, &mut out).map_err(rendering)?;
            if report.errors.is_empty() {
                exit::CANDIDATE
            } else {
                exit::INVALID_RULES
            }
        }
        RulesCommand::Show { format, .. } => {
            let rules = load()?;
            match format {
                ShowFormat::Text => render::rules::write_text(&rules, origin, &mut out),
                ShowFormat::Markdown if rules.lang != rules.file.base() => {
                    render::rules::write_side_by_side(&rules, origin, &mut out)
                }
                ShowFormat::Markdown => render::rules::write_markdown(&rules, origin, &mut out),
            }
            .map_err(rendering)?;
            exit::CANDIDATE
        }
        RulesCommand::Schema { answers, output } => {
            let value = match (answers, output) {
                (_, Some(output)) => output.schema(),
                (None, None) => schema::rule_file(),
                (Some(_), None) => schema::answers(&load()?),
            };
            pretty(&mut out, &value)?;
            exit::CANDIDATE
        }
        RulesCommand::Fhir { url, .. } => {
            let questionnaire = fhir::questionnaire::questionnaire(&load()?, url.as_deref());
            pretty(&mut out, &questionnaire)?;
            exit::CANDIDATE
        }
    };
    Ok(Output { bytes: out, code })
}

/// A JSON document, pretty, with a final newline.
fn pretty(out: &mut Vec<u8>, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)
        .map_err(io::Error::from)
        .and_then(|()| writeln!(out))
        .map_err(rendering)
}

/// Rendering into memory fails only if memory does; say so like any failed write.
fn rendering(source: io::Error) -> Error {
    Error::Write {
        target: "output".to_string(),
        source,
    }
}
