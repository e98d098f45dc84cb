//! Command-line arguments (clap derive). The `///` comments are the help text.
//!
//! Only parsing lives here: values are checked (dates, formats) but nothing is read or
//! run, so `--help` and `--version` answer before any file is touched.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit status:
  0   candidate              3   defer
  1   not_candidate          4   review
  2   command-line usage error
  65  invalid answers        66  an input file cannot be read
  74  an output cannot be written
  78  invalid rule file";

/// Fail-safe screening for microneedling, with a tailored 24-hour aftercare checklist.
///
/// Reads answers as JSON and prints a verdict (candidate, defer, review or
/// not_candidate) with every reason. Missing or unknown answers never count as "no".
#[derive(Debug, Parser)]
#[command(name = "prescreen", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    /// Rule file to use instead of the built-in one.
    #[arg(long, global = true, value_name = "FILE")]
    pub rules: Option<PathBuf>,

    /// When to use colour in text output (NO_COLOR is honoured by `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Screen one person: read answers, print the verdict and, for a candidate, the checklist.
    Screen(ScreenArgs),
    /// Print the aftercare checklist for these answers, whatever the verdict
    /// (for a clinician who goes ahead after review).
    Aftercare(AftercareArgs),
    /// Check, show and describe rule files (for whoever edits or signs off a rule file).
    Rules(RulesArgs),
}

#[derive(Debug, Args)]
pub struct ScreenArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Screening date (YYYY-MM-DD) [default: today, local time].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,

    /// Also list every rule checked, fired or cleared, with the answers that decided it,
    /// and the rationale of each reason.
    #[arg(long)]
    pub explain: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct AftercareArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Date for conditions that compare dates (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// JSON answers file, or - for stdin [default: stdin when it is not a terminal].
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: text on a terminal, json otherwise].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Check a rule file: every error and warning with where it is. Exit 0 when it has
    /// no errors (warnings allowed), 78 when it has any.
    Lint {
        /// Rule file [default: the --rules file, or the built-in one].
        file: Option<PathBuf>,
    },
    /// Print a rule file in plain language (questions, conditions, rules, parameters,
    /// aftercare and the documented exclusions) for review and sign-off.
    Show {
        /// Rule file [default: the --rules file, or the built-in one].
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Print the JSON Schema (draft 2020-12) of the rule-file format, or with --answers
    /// the schema of the answers a rule file accepts.
    Schema {
        /// Print the answers schema of this rule file instead [default: the --rules file,
        /// or the built-in one].
        #[arg(long, value_name = "FILE", num_args = 0..=1)]
        answers: Option<Option<PathBuf>>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Markdown,
}

impl RulesCommand {
    /// The rule file named on this subcommand, if any.
    pub fn file(&self) -> Option<&std::path::Path> {
        match self {
            RulesCommand::Lint { file } | RulesCommand::Show { file, .. } => file.as_deref(),
            RulesCommand::Schema { answers } => answers.as_ref().and_then(|f| f.as_deref()),
        }
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::answers::parse_date(text).ok_or_else(|| {
        format!(
            "`{text}` is not a real date as YYYY-MM-DD between {} and {}",
            crate::answers::MIN_YEAR,
            crate::answers::MAX_YEAR
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates_are_checked_when_parsed() {
        assert!(Cli::try_parse_from(["prescreen", "screen", "--date", "2026-02-30"]).is_err());
        let cli = Cli::try_parse_from(["prescreen", "screen", "--date", "2028-02-29"]).unwrap();
        let Command::Screen(args) = cli.command else {
            panic!()
        };
        assert_eq!(args.date, NaiveDate::from_ymd_opt(2028, 2, 29));
    }
}
