//! The command-line application: turns parsed arguments into reads, a screening and
//! writes, and the outcome into an exit status. The only module that touches stdin,
//! stdout, files, the environment and the clock.

use std::ffi::OsString;
use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use clap::Parser;

use crate::aftercare;
use crate::answers::{self, Answers};
use crate::cli::{Cli, ColorChoice, Command, Format, InputArgs, OutputArgs, RulesArgs};
use crate::error::{Error, Result, exit};
use crate::limits;
use crate::render::{self, AftercareReport, ScreenReport, text::Painter};
use crate::rules::{DEFAULT_ORIGIN, DEFAULT_RULES, RuleSet};
use crate::screen::{self, Verdict};

/// Runs `prescreen` with these arguments (the first is the program name).
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(exit::USAGE));
        }
    };
    match execute(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            let mut stderr = io::stderr().lock();
            for line in error.details() {
                let _ = writeln!(stderr, "prescreen: {line}");
            }
            let _ = writeln!(stderr, "prescreen: error: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}

fn execute(cli: &Cli) -> Result<u8> {
    // The `rules` subcommands read the rule file themselves: a broken one is their input
    // (lint reports it), not a reason to stop before they start.
    if let Command::Rules(args) = &cli.command {
        return rules_command(cli, args);
    }
    let rules = load_rules(cli.rules.as_deref())?;
    match &cli.command {
        Command::Screen(args) => {
            let answers = read_answers(&rules, &args.input)?;
            let today = args.date.unwrap_or_else(today);
            let screening = screen::screen(&rules, &answers, today);
            let checklist = (screening.verdict == Verdict::Candidate)
                .then(|| aftercare::checklist(&rules, &answers, today, now()));
            let report = ScreenReport {
                rules: &rules,
                answers: &answers,
                screening: &screening,
                checklist: checklist.as_ref(),
                explain: args.explain,
            };
            write_stdout(
                |out, format, painter| match format {
                    Format::Text => render::text::write_screen(&report, out, painter),
                    Format::Json => render::json::write_screen(&report, out),
                    Format::Markdown => render::markdown::write_screen(&report, out),
                },
                &args.output,
                cli.color,
            )?;
            Ok(verdict_code(screening.verdict))
        }
        Command::Aftercare(args) => {
            let answers = read_answers(&rules, &args.input)?;
            let today = args.date.unwrap_or_else(today);
            let checklist = aftercare::checklist(&rules, &answers, today, now());
            let report = AftercareReport {
                rules: &rules,
                answers: &answers,
                checklist: &checklist,
            };
            write_stdout(
                |out, format, painter| match format {
                    Format::Text => render::text::write_aftercare(&report, out, painter),
                    Format::Json => render::json::write_aftercare(&report, out),
                    Format::Markdown => render::markdown::write_aftercare(&report, out),
                },
                &args.output,
                cli.color,
            )?;
            Ok(exit::CANDIDATE)
        }
        Command::Rules(args) => rules_command(cli, args),
    }
}

/// `prescreen rules ...`: the file named there (or with --rules, or the built-in one) is
/// read like any rule file and handed to [`crate::inspect`].
fn rules_command(cli: &Cli, args: &RulesArgs) -> Result<u8> {
    let (bytes, origin) = read_rules(args.command.file().or(cli.rules.as_deref()))?;
    let output = crate::inspect::run(&args.command, &bytes, &origin)?;
    let text = OutputArgs {
        format: Some(Format::Text),
    };
    write_stdout(|out, _, _| out.write_all(&output.bytes), &text, cli.color)?;
    Ok(output.code)
}

/// The exit status that tells a script the verdict.
pub fn verdict_code(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Candidate => exit::CANDIDATE,
        Verdict::NotCandidate => exit::NOT_CANDIDATE,
        Verdict::Defer => exit::DEFER,
        Verdict::Review => exit::REVIEW,
    }
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

/// Loads the rule file at `path`, or the built-in one.
pub fn load_rules(path: Option<&Path>) -> Result<RuleSet> {
    let (bytes, origin) = read_rules(path)?;
    RuleSet::from_bytes(&bytes).map_err(|e| Error::from_rules(origin, e))
}

/// The bytes of the rule file at `path` (at most one byte past the size cap), or of the
/// built-in one, with the name to use for it in messages.
pub fn read_rules(path: Option<&Path>) -> Result<(Vec<u8>, String)> {
    match path {
        None => Ok((DEFAULT_RULES.to_vec(), DEFAULT_ORIGIN.to_string())),
        Some(path) => {
            let bytes = fs::File::open(path)
                .and_then(|file| limits::read_capped(file, limits::MAX_BYTES))
                .map_err(|source| Error::ReadRules {
                    path: path.to_path_buf(),
                    source,
                })?;
            Ok((bytes, path.display().to_string()))
        }
    }
}

/// Reads and validates one answers document from `--answers` or stdin.
fn read_answers(rules: &RuleSet, input: &InputArgs) -> Result<Answers> {
    let (bytes, origin) = match input.answers.as_deref() {
        Some(path) if path != Path::new("-") => {
            let origin = format!("`{}`", path.display());
            let bytes = fs::File::open(path)
                .and_then(|file| limits::read_capped(file, limits::MAX_BYTES))
                .map_err(|source| Error::ReadAnswers {
                    origin: origin.clone(),
                    source,
                })?;
            (bytes, origin)
        }
        Some(_) => (read_stdin()?, "stdin".to_string()),
        None if io::stdin().is_terminal() => return Err(Error::NoAnswers),
        None => (read_stdin()?, "stdin".to_string()),
    };
    answers::parse(rules, &bytes).map_err(|error| Error::InvalidAnswers { origin, error })
}

fn read_stdin() -> Result<Vec<u8>> {
    limits::read_capped(io::stdin().lock(), limits::MAX_BYTES).map_err(|source| {
        Error::ReadAnswers {
            origin: "stdin".to_string(),
            source,
        }
    })
}

/// Whether to colour a stream: `--color`, then `NO_COLOR` and `TERM=dumb`, then whether
/// the stream is a terminal. An explicit `--color always` wins over `NO_COLOR`, as
/// no-color.org asks of command-line flags.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            is_terminal && !no_color && !dumb
        }
    }
}

/// Renders to stdout in the chosen (or default) format. A closed pipe ends the output
/// quietly: the reader has what it wanted.
fn write_stdout(
    render: impl FnOnce(&mut dyn Write, Format, Painter) -> io::Result<()>,
    output: &OutputArgs,
    color: ColorChoice,
) -> Result<()> {
    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    let format = output.format.unwrap_or(if is_terminal {
        Format::Text
    } else {
        Format::Json
    });
    let painter = Painter {
        color: format == Format::Text && use_color(color, is_terminal),
    };
    // Our decision stands: `colored` must not second-guess it from the environment.
    colored::control::set_override(painter.color);
    let mut out = io::BufWriter::new(stdout.lock());
    match render(&mut out, format, painter).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write {
            target: "stdout".to_string(),
            source: e,
        }),
        _ => Ok(()),
    }
}
