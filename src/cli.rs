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
  74  an output cannot be written, or the sheet printed (--print)
  78  invalid rule file      130 questionnaire cancelled (Esc then y, Ctrl-C, SIGTERM)";

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

    /// Language of the rule file's texts (`es`, `es-MX`): one the rule file has. Without
    /// it, LC_ALL, LC_MESSAGES or LANG decides, else the rule file's first language.
    #[arg(long, global = true, value_name = "TAG")]
    pub lang: Option<String>,

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
    /// Print the aftercare checklist for a candidate. For any other verdict, print the
    /// verdict and its reasons and exit with its status, unless a clinician gives the
    /// go-ahead with --go-ahead-by.
    Aftercare(AftercareArgs),
    /// Print a shell completion script to stdout (e.g. `prescreen completions bash`).
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to stdout: `prescreen man | man -l -`.
    Man(ManArgs),
    /// Write the self-check as one HTML file for people at home: the questionnaire, the
    /// result, the aftercare sheet and calendar reminders, all worked out on their own
    /// device by the same engine, offline; nothing they enter is sent anywhere. The page
    /// opens in the browser's language when the rule file has it (else in the language
    /// chosen here); `--lang` fixes the language it opens in. It offers the file's
    /// languages either way.
    #[command(after_help = PAGE_EXIT_CODES)]
    Page(PageArgs),
    /// Screen many people: one answers object per line (NDJSON) in, one JSON result per
    /// line out, in the same order, each with its input `line` and `id`.
    #[command(after_help = BATCH_EXIT_CODES)]
    Batch(BatchArgs),
    /// Check, show and describe rule files (for whoever edits or signs off a rule file).
    Rules(RulesArgs),
    /// List the screenings in a record file (time, reference, staff, verdict, eligible
    /// from), filtered by date or verdict, or the call-back list (--due), with the count
    /// of each verdict. Lines that are not whole records are skipped, each named by its
    /// line number on stderr.
    #[command(after_help = RECORDS_EXIT_CODES)]
    Records(RecordsArgs),
    /// A front-desk session: staff initials once, then walk-in after walk-in (an optional
    /// patient reference, the questionnaire, the result), each recorded as it is
    /// confirmed; then next walk-in, print the sheet, show it again, or quit.
    #[command(after_help = DESK_EXIT_CODES)]
    Desk(DeskArgs),
}

const PAGE_EXIT_CODES: &str = "\
Exit status:
  0   the page was written
  69  this prescreen was built without the page's engine (see the README)
  74  the page cannot be written
  78  invalid rule file";

#[derive(Debug, Args)]
pub struct PageArgs {
    /// Where to write the page (created private, mode 0600; never a record file).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

const DESK_EXIT_CODES: &str = "\
Exit status:
  0   the session was ended (Quit, or Esc at the menu or between walk-ins)
  2   command-line usage error, or no terminal
  65  the --answers booking export cannot be used (the line is named)
  66  the --answers booking export cannot be read
  74  the record file cannot be written (the session stops)
  78  invalid rule file
  130 interrupted (Ctrl-C, SIGTERM): screenings confirmed before are recorded";

#[derive(Debug, Args)]
pub struct DeskArgs {
    /// Append each screening as one JSON line to FILE (created with mode 0600), as
    /// `screen --record` does, the moment it is confirmed.
    #[arg(long, value_name = "FILE", required = true, value_parser = parse_output_path)]
    pub record: PathBuf,

    /// Staff initials for every record of the session (skips the question at the start).
    #[arg(long, value_name = "INITIALS", value_parser = parse_initials)]
    pub staff: Option<String>,

    /// Screening date (YYYY-MM-DD) [default: today, local time, at each walk-in].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,

    /// Print the sheet with CMD instead of the printer or browser: CMD is split at white
    /// space (no shell) and the HTML file's path added as its last argument.
    #[arg(long, value_name = "CMD")]
    pub print_command: Option<String>,

    /// A booking system's answers, one JSON object per line, each with an `id`: when a
    /// walk-in's patient reference is one of these ids, their answers are pre-filled and
    /// only what is missing is asked (the summary shows them to confirm or change).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Print the page of this subcommand instead (prescreen-SUBCOMMAND(1)).
    #[arg(value_name = "SUBCOMMAND", value_parser = parse_subcommand)]
    pub subcommand: Option<String>,
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

    /// Who answers the questionnaire: `staff` at the front desk, or `self` at home.
    #[arg(long = "for", value_enum, default_value_t = Audience::Staff, value_name = "WHO")]
    pub audience: Audience,

    /// Run the questionnaire (the default when stdin is a terminal and no --answers is
    /// given). With --answers FILE, those answers are pre-filled: only what is missing is
    /// asked, and the summary shows them to confirm or change.
    #[arg(long)]
    pub interactive: bool,

    /// Also write the result to FILE (mode 0600), in --format or else by extension: .md
    /// or .markdown (or none) Markdown, .html or .htm the printable sheet, .txt or .text,
    /// .json; any other extension is refused. Never `-` (stdout carries the result
    /// anyway); never a device, FIFO, directory, symbolic link or record file.
    #[arg(long, value_name = "FILE", value_parser = parse_out_path)]
    pub out: Option<PathBuf>,

    /// Print the sheet: write it as HTML to a new private file (mode 0600) and hand it to
    /// the default printer (`lp`, when `lpstat -d` names one), else to the default browser
    /// (`xdg-open`), to print from there.
    #[arg(long)]
    pub print: bool,

    /// Hand the sheet to CMD instead: CMD is split at spaces into a program and its
    /// arguments (no shell) and run with the sheet's file as its last argument
    /// (e.g. `lp -d front-desk`).
    #[arg(long, value_name = "CMD", requires = "print")]
    pub print_command: Option<String>,

    /// Append the screening as one JSON line to FILE (created with mode 0600), before any
    /// other output. Refused if others can read it, or it is a link or not a record file.
    #[arg(long, value_name = "FILE", value_parser = parse_output_path)]
    pub record: Option<PathBuf>,

    /// Staff initials for the record (skips the question at the start).
    #[arg(long, value_name = "INITIALS", requires = "record", value_parser = parse_initials)]
    pub staff: Option<String>,

    /// Patient reference for the record: a name or booking id (one line, up to 100
    /// characters; blank is none), so that `prescreen records` can tell screenings apart.
    /// Kept in the record only.
    #[arg(long, value_name = "TEXT", requires = "record", allow_hyphen_values = true, value_parser = parse_reference)]
    pub reference: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct AftercareArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Screening date (YYYY-MM-DD) [default: today, local time]. Date conditions are
    /// judged on the procedure's own date when the procedure time is given.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,

    /// Initials of the clinician who gives the go-ahead for a verdict other than
    /// candidate: the checklist (and reminders) are then written, with the verdict, its
    /// reasons and who gave the go-ahead. Exit 0.
    #[arg(long, value_name = "INITIALS", value_parser = parse_initials)]
    pub go_ahead_by: Option<String>,

    /// Append the verdict, the go-ahead and the answers as one JSON line to FILE
    /// (created with mode 0600), before any other output.
    #[arg(long, value_name = "FILE", value_parser = parse_output_path)]
    pub record: Option<PathBuf>,

    /// Patient reference for the record: a name or booking id (one line, up to 100
    /// characters; blank is none). Kept in the record only.
    #[arg(long, value_name = "TEXT", requires = "record", allow_hyphen_values = true, value_parser = parse_reference)]
    pub reference: Option<String>,

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

    /// Also write calendar reminders (iCalendar) to FILE: the end of the 24-hour
    /// restrictions and the later check-ins the rule file names. Only for a candidate:
    /// for any other verdict nothing is written and stderr says so. Created mode 0600.
    #[arg(long, value_name = "FILE", value_parser = parse_output_path)]
    pub ics: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
    /// One self-contained page to print (A4 or US Letter) or read on a phone.
    Html,
    /// A FHIR R4 Bundle: the QuestionnaireResponse, an Observation of the verdict and
    /// one DetectedIssue per reason (`screen` only).
    Fhir,
}

// Who is answering: in its own module, since `ask` needs it and `cli` needs `ask`.
pub use crate::audience::Audience;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_initials(text: &str) -> Result<String, String> {
    match crate::ask::check_initials(text)? {
        Some(initials) => Ok(initials),
        None => Err("initials cannot be empty".to_string()),
    }
}

/// A checked, trimmed reference; blank (a script's empty booking id) is kept as "" and
/// means none (see [`given_reference`]).
fn parse_reference(text: &str) -> Result<String, String> {
    Ok(crate::record::check_reference(text)?.unwrap_or_default())
}

/// The `--reference` given, if any and not blank.
pub fn given_reference(reference: &Option<String>) -> Option<&str> {
    reference.as_deref().filter(|r| !r.is_empty())
}

const BATCH_EXIT_CODES: &str = "\
Exit status (verdicts are in each result line, not in the status):
  0   every line screened    65  one or more lines rejected (each has an `error` result)
  2   command-line usage error
  66  the input file cannot be read
  74  an output cannot be written
  78  invalid rule file (nothing is read)";

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// NDJSON file, one answers object per line, or - for stdin [default: stdin].
    #[arg(value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// Screening date (YYYY-MM-DD) [default: today, local time].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,

    /// Include each candidate's aftercare checklist (left out by default: it is the bulk
    /// of the output).
    #[arg(long)]
    pub aftercare: bool,

    /// At the end, print on stderr the count of each verdict, of each rule that fired, and
    /// of rejected lines.
    #[arg(long)]
    pub summary: bool,

    /// Also write the summary to FILE (mode 0600): JSON when FILE ends in .json, text when
    /// in .txt, otherwise in --format. Written whole, after the last result.
    #[arg(long, value_name = "FILE")]
    pub summary_file: Option<PathBuf>,

    /// Format of the summary; results on stdout are always JSON lines. With `json` on
    /// stderr, nothing else is written there (the summary's `rejected` says what the
    /// "lines rejected" line would).
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,

    /// Write the results to FILE (mode 0600) instead of stdout: whole or not at all, so a
    /// batch that fails or is killed leaves the old file or none.
    #[arg(long, value_name = "FILE", value_parser = parse_output_path)]
    pub output: Option<PathBuf>,

    /// Worker threads that parse and screen [default: the number of cores].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Text,
    Json,
}

const RECORDS_EXIT_CODES: &str = "\
Exit status:
  0   listed (also when lines were skipped: each is named on stderr)
  2   command-line usage error
  66  the record file cannot be read, or is not a record file
  74  the listing cannot be written";

#[derive(Debug, Args)]
pub struct RecordsArgs {
    /// The record file (`--record FILE` of `screen`, `aftercare` and `desk`), or - for stdin.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Only screenings on DATE (YYYY-MM-DD): the screening date, `screened_on`.
    #[arg(long, value_name = "DATE", value_parser = parse_date, conflicts_with_all = ["from", "to"])]
    pub on: Option<NaiveDate>,

    /// Only screenings on or after DATE (the screening date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<NaiveDate>,

    /// Only screenings on or before DATE (the screening date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<NaiveDate>,

    /// Only these verdicts: repeat the flag or give a comma list (`--verdict defer,review`).
    #[arg(long, value_enum, value_name = "VERDICT", value_delimiter = ',')]
    pub verdict: Vec<VerdictName>,

    /// The call-back list: people deferred whose eligible date has arrived by DATE
    /// [default: today, local time]. Only each reference's latest screening counts (by
    /// `recorded_at`): someone screened again since is listed only if still deferred and
    /// due. A defer without a reference is listed on its own; one without an eligible
    /// date is not listed. Give the date as `--due=DATE`.
    #[arg(
        long,
        value_name = "DATE",
        value_parser = parse_date,
        num_args = 0..=1,
        require_equals = true,
        conflicts_with_all = ["on", "from", "to", "verdict"]
    )]
    pub due: Option<Option<NaiveDate>>,

    /// Output format: aligned text (the counts on its last line); one JSON document (a
    /// screening per line, then the counts); or CSV with a header row (the counts on
    /// stderr).
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// A verdict, as named on the command line and in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum VerdictName {
    Candidate,
    Review,
    Defer,
    NotCandidate,
}

impl From<VerdictName> for crate::screen::Verdict {
    fn from(name: VerdictName) -> Self {
        use crate::screen::Verdict;
        match name {
            VerdictName::Candidate => Verdict::Candidate,
            VerdictName::Review => Verdict::Review,
            VerdictName::Defer => Verdict::Defer,
            VerdictName::NotCandidate => Verdict::NotCandidate,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
    Csv,
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
    /// Print the JSON Schema (draft 2020-12) of the rule-file format; with --answers the
    /// schema of the answers a rule file accepts; with --output NAME that of one of
    /// prescreen's JSON outputs.
    Schema {
        /// Print the answers schema of this rule file instead [default: the --rules file,
        /// or the built-in one].
        #[arg(long, value_name = "FILE", num_args = 0..=1)]
        answers: Option<Option<PathBuf>>,
        /// Print the schema of one of prescreen's JSON outputs instead.
        #[arg(long, value_enum, value_name = "NAME", conflicts_with = "answers")]
        output: Option<crate::render::schema::Output>,
    },
    /// Print the rule file as a FHIR R4 Questionnaire (JSON), for form fillers that send
    /// back a QuestionnaireResponse (`screen --answers` reads one).
    Fhir {
        /// Rule file [default: the --rules file, or the built-in one].
        file: Option<PathBuf>,
        /// Base URL of the Questionnaire's canonical URL, `<URL>/Questionnaire/<id>`
        /// [default: the rule file's `url`, or https://prescreen.invalid/fhir].
        #[arg(long, value_name = "URL", value_parser = parse_base_url)]
        url: Option<String>,
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
            RulesCommand::Lint { file }
            | RulesCommand::Show { file, .. }
            | RulesCommand::Fhir { file, .. } => file.as_deref(),
            RulesCommand::Schema { answers, .. } => answers.as_ref().and_then(|f| f.as_deref()),
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

/// A base URL for FHIR canonical URLs.
fn parse_base_url(text: &str) -> Result<String, String> {
    crate::fhir::canonical::check_base(text).map(|()| text.to_string())
}

/// The subcommands a user can run, in definition order (clap's own `help` excluded).
pub fn subcommand_names() -> Vec<String> {
    <Cli as clap::CommandFactory>::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect()
}

/// The name of one of our subcommands (for `prescreen man SUBCOMMAND`).
fn parse_subcommand(text: &str) -> Result<String, String> {
    let names = subcommand_names();
    if names.iter().any(|n| n == text) {
        Ok(text.to_string())
    } else {
        Err(format!("not a subcommand; one of: {}", names.join(", ")))
    }
}

/// The extensions `--out` writes, each with its format; no extension is Markdown.
pub const OUT_EXTENSIONS: [(&str, Format); 7] = [
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("txt", Format::Text),
    ("text", Format::Text),
    ("json", Format::Json),
];

impl Format {
    /// The format `--out FILE` is written in when `--format` is not given: by extension
    /// (any case), Markdown when there is none; `None` for an extension we cannot write.
    pub fn for_out(path: &std::path::Path) -> Option<Format> {
        let Some(ext) = path.extension() else {
            return Some(Format::Markdown);
        };
        let ext = ext.to_str()?.to_ascii_lowercase();
        OUT_EXTENSIONS
            .iter()
            .find(|(known, _)| *known == ext)
            .map(|&(_, format)| format)
    }
}

/// An `--out` file: an output path whose extension names a format we write (`sheet.pdf`
/// would otherwise get Markdown under a name that promises a PDF).
fn parse_out_path(text: &str) -> Result<PathBuf, String> {
    let path = parse_output_path(text)?;
    if Format::for_out(&path).is_some() {
        return Ok(path);
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy())
        .unwrap_or_default();
    let accepted: Vec<String> = OUT_EXTENSIONS
        .iter()
        .map(|(e, _)| format!(".{e}"))
        .collect();
    let hint = if ext.eq_ignore_ascii_case("ics") {
        " (calendar reminders go to --ics FILE)"
    } else if ext.eq_ignore_ascii_case("pdf") {
        " (to print, use --print or write .html and print it)"
    } else {
        ""
    };
    Err(format!(
        "`.{ext}` is not a format prescreen writes; use {} or no extension{hint}",
        accepted.join(", ")
    ))
}

/// A file to create: not `-` (stdout carries the result) and not empty.
fn parse_output_path(text: &str) -> Result<PathBuf, String> {
    if text.is_empty() || text == "-" {
        Err("needs a file path (stdout carries the result)".to_string())
    } else {
        Ok(PathBuf::from(text))
    }
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
