//! The command-line application: turns parsed arguments into reads, a screening and
//! writes, and the outcome into an exit status. With `ask` (the terminal), `batch`
//! (streams) and `files`, it is the edge: the only code that touches stdin, stdout,
//! files, the environment and the clock.

use std::ffi::OsString;
use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use clap::Parser;

use crate::aftercare;
use crate::ask::{self, Clock, Initials, TerminalPrompter};
use crate::cli::{
    AftercareArgs, Audience, Cli, ColorChoice, Command, Format, InputArgs, OutputArgs, PageArgs,
    RulesArgs, ScreenArgs,
};
use crate::color::use_color;
use crate::error::{Error, Result, exit};
use crate::fhir;
use crate::files;
use crate::generate;
use crate::limits;
use crate::record;
use crate::records::{self, append_record};
use crate::render::json::RecordDoc;
use crate::render::{self, AftercareReport, ScreenReport, text::Painter};
use crate::rules::lang::Wanted;
use crate::rules::{DEFAULT_ORIGIN, DEFAULT_RULES, RuleSet};
use crate::screen::{self, Verdict};
use crate::sys;

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
            if json_errors(&cli) && !STDOUT_USED.load(Ordering::SeqCst) {
                // Scripts read the error as data; people watching still get stderr.
                let _ = render::error::write(&error, &mut io::stdout().lock());
            }
            let mut stderr = io::stderr().lock();
            for line in error.details() {
                let _ = writeln!(stderr, "prescreen: {line}");
            }
            let _ = writeln!(stderr, "prescreen: error: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}

/// Set once a result has gone to stdout: an error after it (an unwritable `--out` or
/// `--record`) is then told on stderr and by the status only, so that stdout always
/// holds one JSON document, the result or the error.
static STDOUT_USED: AtomicBool = AtomicBool::new(false);

/// Whether a failure is also written as JSON data on stdout: with an explicit
/// `--format json` on a command whose output is a JSON document.
fn json_errors(cli: &Cli) -> bool {
    let format = match &cli.command {
        Command::Screen(args) => args.output.format,
        Command::Aftercare(args) => args.output.format,
        _ => None,
    };
    format == Some(Format::Json)
}

fn execute(cli: &Cli) -> Result<u8> {
    // Rust's runtime has put /dev/null there: every result would vanish with status 0.
    if sys::stdout_was_closed() {
        return Err(Error::Write {
            target: "stdout".to_string(),
            source: io::Error::other("it was closed when prescreen started; nothing was done"),
        });
    }
    // The `rules` subcommands read the rule file themselves: a broken one is their input
    // (lint reports it), not a reason to stop before they start.
    if let Command::Rules(args) = &cli.command {
        return rules_command(cli, args);
    }
    // The page embeds the rule file's bytes as loaded (checked here first).
    if let Command::Page(args) = &cli.command {
        return page_command(cli, args);
    }
    // Generated from the clap definitions: no rule file is read for these.
    let rules = match &cli.command {
        Command::Completions(args) => return write_bytes(&generate::completions(args.shell)),
        Command::Man(args) => {
            // clap has already checked the name; a miss here is still an error, not a blank page.
            let page = generate::man_page(args.subcommand.as_deref())
                .unwrap_or_else(|| {
                    Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "no such subcommand",
                    ))
                })
                .map_err(|source| Error::Write {
                    target: "the manual page".to_string(),
                    source,
                })?;
            return write_bytes(&page);
        }
        // A record file says which rules each screening used: none is loaded to list it.
        Command::Records(args) => return records_command(args),
        _ => {
            let (bytes, origin) = read_rules(cli.rules.as_deref())?;
            RuleSet::load(&bytes, &wanted_language(cli))
                .map_err(|e| Error::from_rules(origin, e))?
        }
    };
    match &cli.command {
        Command::Screen(args) => screen_command(cli, &rules, args),
        Command::Aftercare(args) => aftercare_command(cli, &rules, args),
        // Answered above, before the rule file is loaded.
        Command::Completions(_) | Command::Man(_) | Command::Records(_) | Command::Page(_) => Ok(0),
        Command::Batch(args) => {
            // No "now" for records without a procedure time: batch never invents one.
            let settings = record::Settings {
                today: args.date.unwrap_or_else(today),
                checklist: args.aftercare,
            };
            crate::batch::run(&rules, args, settings)
        }
        Command::Rules(args) => rules_command(cli, args),
        Command::Desk(args) => crate::desk::run(cli, &rules, args),
    }
}

/// `prescreen screen`: answers from JSON or the questionnaire, then the result on
/// stdout, and optionally in `--out` and `--record`.
fn screen_command(cli: &Cli, rules: &RuleSet, args: &ScreenArgs) -> Result<u8> {
    // Before any question: an output that would be refused at the end is refused now.
    check_outputs(&[
        ("--record", args.record.as_deref()),
        ("--out", args.out.as_deref()),
        ("--ics", args.output.ics.as_deref()),
    ])?;
    let today = args.date.unwrap_or_else(today);
    let now = now();
    let interactive =
        args.interactive || (args.input.answers.is_none() && io::stdin().is_terminal());
    let (answers, staff, origin, response) = if interactive {
        let clock = Clock {
            now,
            today,
            resolve: ask::system_zone,
        };
        let session = questionnaire(rules, args, cli.color, clock)?;
        // The result follows the questionnaire on the same screen: set it apart.
        let _ = writeln!(io::stderr());
        (
            session.answers,
            session.staff,
            "the questionnaire".to_string(),
            None,
        )
    } else {
        let (received, origin) = read_answers(rules, &args.input)?;
        (
            received.answers,
            args.staff.clone(),
            origin,
            received.response,
        )
    };
    // `--format fhir`: the response keeps its status; answers typed or sent as JSON are complete.
    let fhir = FhirOut {
        status: response.unwrap_or(fhir::Status::Completed),
        stamp: chrono::Utc::now(),
    };

    let settings = record::Settings {
        today,
        checklist: true,
    };
    let assessment = record::assess_answers(rules, answers, &settings)
        .map_err(|error| Error::InvalidAnswers { origin, error })?;
    let screening = &assessment.screening;
    let mut report = assessment.report(rules, args.explain);
    report.reader = match args.audience {
        Audience::Staff => render::Reader::Staff,
        Audience::Patient => render::Reader::Patient,
    };
    // The record first: an output that fails after it cannot lose it.
    if let Some(path) = &args.record {
        let mut doc = RecordDoc::new(&report, staff.as_deref(), now);
        doc.reference = crate::cli::given_reference(&args.reference);
        append_record(path, doc)?;
    }
    let written = screen_outputs(cli, rules, args, &assessment, &report, &fhir, interactive);
    if let (Err(_), Some(path)) = (&written, &args.record) {
        let _ = writeln!(
            io::stderr().lock(),
            "prescreen: the screening was recorded in `{}`",
            path.display()
        );
    }
    written?;
    Ok(verdict_code(screening.verdict))
}

/// The outputs of `screen` after its record: `--ics`, stdout, the verdict on stderr
/// after a questionnaire, and `--out`.
fn screen_outputs(
    cli: &Cli,
    rules: &RuleSet,
    args: &ScreenArgs,
    assessment: &record::Assessment,
    report: &ScreenReport,
    fhir: &FhirOut,
    interactive: bool,
) -> Result<()> {
    let screening = &assessment.screening;
    if let Some(path) = &args.output.ics {
        write_reminders(
            rules,
            assessment.checklist.as_ref(),
            screening.verdict,
            path,
        )?;
    }
    let on_terminal = write_stdout(
        |out, format, painter| render_screen(report, format, fhir, out, painter),
        &args.output,
        cli.color,
    )?;
    if interactive && !on_terminal {
        // The result went to a file or pipe: whoever answered still sees the verdict and,
        // at home, what to do next (on a terminal the result itself shows both).
        let stderr = io::stderr();
        let painter = Painter::new(
            use_color(cli.color, stderr.is_terminal()),
            sys::columns(&stderr),
        );
        let reader = report.reader;
        let mut err = stderr.lock();
        let _ = writeln!(
            err,
            "{}",
            render::text::headline_for(
                rules.words(),
                reader,
                screening.verdict,
                screening.eligible_from,
                painter
            )
        );
        if reader == render::Reader::Patient {
            let _ = render::text::write_next_steps(rules, screening, &mut err, painter);
        }
    }
    if let Some(path) = &args.out {
        let format = args.output.format.unwrap_or_else(|| format_for(path));
        let mut bytes = Vec::new();
        render_screen(report, format, fhir, &mut bytes, Painter::new(false, None))
            .and_then(|()| files::write_private(path, &bytes))
            .map_err(|source| Error::Write {
                target: format!("`{}`", path.display()),
                source,
            })?;
    }
    if args.print {
        let mut html = Vec::new();
        render_screen(
            report,
            Format::Html,
            fhir,
            &mut html,
            Painter::new(false, None),
        )
        .map_err(|source| Error::Write {
            target: "the sheet to print".to_string(),
            source,
        })?;
        let handoff = crate::print::hand_off(&html, args.print_command.as_deref())?;
        let _ = writeln!(io::stderr().lock(), "prescreen: {handoff}");
    }
    Ok(())
}

/// Refuses, before anything is read or asked, one file given for two outputs and an
/// output or record file that would be refused when written.
fn check_outputs(outputs: &[(&'static str, Option<&Path>)]) -> Result<()> {
    let given: Vec<(&'static str, &Path)> = outputs
        .iter()
        .filter_map(|(flag, path)| path.map(|p| (*flag, p)))
        .collect();
    for (i, (first, a)) in given.iter().enumerate() {
        if let Some((second, _)) = given[i + 1..].iter().find(|(_, b)| files::same_file(a, b)) {
            return Err(Error::SameFile {
                path: a.to_path_buf(),
                first,
                second,
            });
        }
    }
    for (flag, path) in given {
        if flag == "--record" {
            records::check(path).map_err(|source| Error::Record {
                path: path.to_path_buf(),
                source,
            })?;
        } else {
            files::check_target(path).map_err(|source| Error::Write {
                target: format!("`{}`", path.display()),
                source,
            })?;
        }
    }
    Ok(())
}

/// `prescreen aftercare`: the checklist for a candidate, or for another verdict with a
/// clinician's go-ahead; otherwise the verdict and its reasons, with its status.
fn aftercare_command(cli: &Cli, rules: &RuleSet, args: &AftercareArgs) -> Result<u8> {
    if args.output.format == Some(Format::Fhir) {
        return Err(Error::FormatNotFor {
            format: "fhir",
            command: "aftercare",
        });
    }
    check_outputs(&[
        ("--record", args.record.as_deref()),
        ("--ics", args.output.ics.as_deref()),
    ])?;
    let (received, _) = read_answers(rules, &args.input)?;
    let answers = received.answers;
    // Only for the shared screen renderer: `--format fhir` was refused above.
    let fhir = FhirOut {
        status: received.response.unwrap_or(fhir::Status::Completed),
        stamp: chrono::Utc::now(),
    };
    let screened_on = args.date.unwrap_or_else(today);
    // A sheet for a procedure already done is fine here: judged on its own date.
    let judged_on = screen::judged_on(rules, &answers, screened_on);
    let screening = screen::screen_dated(rules, &answers, screened_on, judged_on);
    let go_ahead_by = args.go_ahead_by.as_deref();
    if screening.verdict != Verdict::Candidate && go_ahead_by.is_none() {
        let report = ScreenReport {
            rules,
            answers: &answers,
            screening: &screening,
            checklist: None,
            explain: false,
            reader: render::Reader::Staff,
            reference: None,
        };
        // The record first: an output that fails after it cannot lose it.
        if let Some(path) = &args.record {
            let mut doc = RecordDoc::new(&report, None, now());
            doc.reference = crate::cli::given_reference(&args.reference);
            append_record(path, doc)?;
        }
        if let Some(path) = &args.output.ics {
            write_reminders(rules, None, screening.verdict, path)?;
        }
        write_stdout(
            |out, format, painter| render_screen(&report, format, &fhir, out, painter),
            &args.output,
            cli.color,
        )?;
        let _ = writeln!(
            io::stderr().lock(),
            "prescreen: no checklist: the verdict is `{}`; a clinician's go-ahead (--go-ahead-by INITIALS) is needed for one",
            screening.verdict.id()
        );
        return Ok(verdict_code(screening.verdict));
    }
    let checklist = aftercare::checklist(rules, &answers, judged_on);
    if let Some(path) = &args.record {
        let screen_report = ScreenReport {
            rules,
            answers: &answers,
            screening: &screening,
            checklist: Some(&checklist),
            explain: false,
            reader: render::Reader::Staff,
            reference: None,
        };
        let mut doc = RecordDoc::new(&screen_report, None, now());
        doc.go_ahead_by = go_ahead_by;
        doc.reference = crate::cli::given_reference(&args.reference);
        append_record(path, doc)?;
    }
    if let Some(path) = &args.output.ics {
        write_reminders(rules, Some(&checklist), Verdict::Candidate, path)?;
    }
    let report = AftercareReport {
        rules,
        answers: &answers,
        screening: &screening,
        checklist: &checklist,
        go_ahead_by,
    };
    write_stdout(
        |out, format, painter| match format {
            Format::Text => render::text::write_aftercare(&report, out, painter),
            Format::Json => render::json::write_aftercare(&report, out),
            Format::Markdown => render::markdown::write_aftercare(&report, out),
            Format::Html => render::html::write_aftercare(&report, out),
            // Refused above, before anything is read.
            Format::Fhir => Err(io::Error::other("no FHIR output for aftercare")),
        },
        &args.output,
        cli.color,
    )?;
    Ok(exit::CANDIDATE)
}

/// `prescreen records FILE`: the listing of a record file (see [`crate::listing`]).
fn records_command(args: &crate::cli::RecordsArgs) -> Result<u8> {
    use crate::cli::ListFormat;
    use crate::listing::{Filter, print::Style, read};
    let (from, to) = match args.on {
        Some(day) => (Some(day), Some(day)),
        None => (args.from, args.to),
    };
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(Error::DateRange {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
    }
    let listing = read::Listing {
        file: Some(args.file.clone()).filter(|f| f.as_os_str() != "-"),
        filter: Filter {
            from,
            to,
            verdicts: args.verdict.iter().map(|&v| v.into()).collect(),
        },
        due: args.due.map(|date| date.unwrap_or_else(today)),
        style: match args.format {
            ListFormat::Text => Style::Text,
            ListFormat::Json => Style::Json,
            ListFormat::Csv => Style::Csv,
        },
    };
    read::run(&listing)
}

/// Runs the questionnaire on the terminal. Ctrl-C becomes a cancel like Esc: the
/// terminal is restored and nothing is written.
fn questionnaire(
    rules: &RuleSet,
    args: &ScreenArgs,
    color: ColorChoice,
    clock: Clock,
) -> Result<ask::Session> {
    if args.input.answers.as_deref() == Some(Path::new("-")) {
        return Err(Error::PrefillFromStdin);
    }
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        return Err(Error::NeedsTerminal);
    }
    // `--answers` with `--interactive`: a booking system's answers; only what is
    // missing is asked, through the same validation as typed answers.
    let prefill = match &args.input.answers {
        Some(_) => Some(read_answers(rules, &args.input)?.0.answers),
        None => None,
    };
    // Keys are read raw, so Ctrl-C at a prompt is a key; between reads it is a SIGINT.
    // With this flag registered the process is not killed there but cancels cleanly
    // after. If it cannot be registered, Ctrl-C still ends the process with nothing
    // recorded.
    let interrupted = Arc::new(AtomicBool::new(false));
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&interrupted));
    // SIGTERM and SIGHUP at a prompt: the terminal restored, nothing written, status 130.
    let guard = sys::PromptGuard::new(Error::Interrupted);
    let initials = match (&args.staff, &args.record, args.audience) {
        (Some(initials), _, _) => Initials::Given(initials.clone()),
        (None, Some(_), Audience::Staff) => Initials::Ask,
        _ => Initials::No,
    };
    let mut prompter = TerminalPrompter::new(use_color(color, true));
    let session = ask::run(
        rules,
        clock,
        args.audience,
        initials,
        prefill,
        &mut prompter,
    );
    let answered = session.is_ok() && !interrupted.load(Ordering::SeqCst);
    if let Some(guard) = guard {
        guard.finish(answered);
    }
    match session {
        Ok(session) if answered => Ok(session),
        _ => Err(Error::Interrupted),
    }
}

/// The format for `--out FILE` when `--format` is not given. Other extensions were
/// refused when the arguments were parsed; Markdown stays the fallback all the same.
fn format_for(path: &Path) -> Format {
    Format::for_out(path).unwrap_or(Format::Markdown)
}

/// What a FHIR Bundle needs beyond the report: the response's status, and when it is made.
struct FhirOut {
    status: fhir::Status,
    stamp: chrono::DateTime<chrono::Utc>,
}

fn render_screen(
    report: &ScreenReport,
    format: Format,
    fhir: &FhirOut,
    out: &mut dyn Write,
    painter: Painter,
) -> io::Result<()> {
    match format {
        Format::Fhir => fhir::bundle::write(report, fhir.status, fhir.stamp, out),
        Format::Text => render::text::write_screen(report, out, painter),
        Format::Json => render::json::write_screen(report, out),
        Format::Markdown => render::markdown::write_screen(report, out),
        Format::Html => render::html::write_screen(report, out),
    }
}

/// Writes generated text to stdout; a closed pipe ends it quietly, as for results.
fn write_bytes(bytes: &[u8]) -> Result<u8> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write {
            target: "stdout".to_string(),
            source: e,
        }),
        _ => Ok(0),
    }
}

/// `--ics FILE`: writes the calendar reminders, private and whole, before the result goes
/// to stdout (so a file that cannot be written stops the run with status 74 and no
/// result). With no checklist (not a candidate), no procedure time or no reminders in the
/// rule file, nothing is written and one line on stderr says so: the exit status stays the verdict's, which
/// scripts rely on, and a stale file at `path` is left as it was.
fn write_reminders(
    rules: &RuleSet,
    checklist: Option<&aftercare::Checklist>,
    verdict: Verdict,
    path: &Path,
) -> Result<()> {
    let target = format!("`{}`", path.display());
    let not_written = |why: &str| {
        let _ = writeln!(
            io::stderr().lock(),
            "prescreen: no reminders written to {target}: {why}"
        );
        Ok(())
    };
    let checklist = match checklist {
        None => {
            return not_written(&format!(
                "the verdict is `{}`; reminders are only for a candidate",
                verdict.id()
            ));
        }
        Some(_) if rules.aftercare.reminders.is_empty() => {
            return not_written("the rule file defines no reminders");
        }
        Some(checklist) if checklist.starts.is_none() => {
            return not_written(
                "the procedure time is not known, so no reminder can be timed; give it to get reminders",
            );
        }
        Some(checklist) => checklist,
    };
    let report = render::ics::CalendarReport {
        rules,
        checklist,
        stamp: chrono::Utc::now(),
    };
    let mut bytes = Vec::new();
    render::ics::write_calendar(&report, &mut bytes)
        .and_then(|()| files::write_private(path, &bytes))
        .map_err(|source| Error::Write { target, source })
}

/// `prescreen page --out FILE`: the self-check page for the rule file, written private
/// and whole, with the checks every output gets.
fn page_command(cli: &Cli, args: &PageArgs) -> Result<u8> {
    let target = format!("`{}`", args.out.display());
    let write_error = |source| Error::Write {
        target: target.clone(),
        source,
    };
    files::check_target(&args.out).map_err(write_error)?;
    let (bytes, origin) = read_rules(cli.rules.as_deref())?;
    // Written in the language the other commands would use (`--lang`, else the locale);
    // in the browser, the page follows the browser's language unless `--lang` fixed it.
    let rules =
        RuleSet::load(&bytes, &wanted_language(cli)).map_err(|e| Error::from_rules(origin, e))?;
    let page =
        crate::page::build(&rules, &bytes, cli.lang.is_some()).ok_or(Error::PageEngineMissing)?;
    files::write_private(&args.out, page.as_bytes()).map_err(write_error)?;
    Ok(0)
}

/// `prescreen rules ...`: the file named there (or with --rules, or the built-in one) is
/// read like any rule file and handed to [`crate::inspect`].
fn rules_command(cli: &Cli, args: &RulesArgs) -> Result<u8> {
    let (bytes, origin) = read_rules(args.command.file().or(cli.rules.as_deref()))?;
    let output = crate::inspect::run(&args.command, &bytes, &origin, &wanted_language(cli))?;
    let text = OutputArgs {
        format: Some(Format::Text),
        ics: None,
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

/// The language asked for: `--lang`, else the locale variables of the environment.
fn wanted_language(cli: &Cli) -> Wanted {
    let var = |name: &str| std::env::var(name).ok();
    Wanted::choose(
        cli.lang.as_deref(),
        var("LC_ALL").as_deref(),
        var("LC_MESSAGES").as_deref(),
        var("LANG").as_deref(),
    )
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

/// Reads and validates one answers document from `--answers` or stdin (JSON answers or
/// a FHIR QuestionnaireResponse), with the name to use for where it came from in messages.
fn read_answers(rules: &RuleSet, input: &InputArgs) -> Result<(fhir::Received, String)> {
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
    match fhir::read(rules, &bytes) {
        Ok(received) => Ok((received, origin)),
        Err(error) => Err(Error::InvalidAnswers { origin, error }),
    }
}

fn read_stdin() -> Result<Vec<u8>> {
    limits::read_capped(io::stdin().lock(), limits::MAX_BYTES).map_err(|source| {
        Error::ReadAnswers {
            origin: "stdin".to_string(),
            source,
        }
    })
}

/// Renders to stdout in the chosen (or default) format. A closed pipe ends the output
/// quietly: the reader has what it wanted. Returns whether stdout is a terminal.
fn write_stdout(
    render: impl FnOnce(&mut dyn Write, Format, Painter) -> io::Result<()>,
    output: &OutputArgs,
    color: ColorChoice,
) -> Result<bool> {
    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    let format = output.format.unwrap_or(if is_terminal {
        Format::Text
    } else {
        Format::Json
    });
    let painter = Painter::new(
        format == Format::Text && use_color(color, is_terminal),
        if is_terminal {
            sys::columns(&stdout)
        } else {
            None
        },
    );
    // Our decision stands: `colored` must not second-guess it from the environment.
    colored::control::set_override(painter.color);
    let mut out = io::BufWriter::new(stdout.lock());
    match render(&mut out, format, painter).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write {
            target: "stdout".to_string(),
            source: e,
        }),
        _ => {
            STDOUT_USED.store(true, Ordering::SeqCst);
            Ok(is_terminal)
        }
    }
}
