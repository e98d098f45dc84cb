//! `prescreen desk`: a front-desk session. Staff initials once, then walk-in after
//! walk-in: an optional patient reference, the questionnaire, the result, and a menu
//! (next walk-in, print the sheet, show the result again, quit).
//!
//! Each screening is appended to the record file the moment it is confirmed, so a
//! session that ends in any way loses at most the walk-in in progress. The flow here
//! talks to the person only through a [`Prompter`] and does its writing through
//! [`Front`], so tests drive it with a script; [`run`] wires it to the terminal, the
//! record file, stdout and the printer.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::answers::Answers;
use crate::ask::{self, Act, Cancelled, Choice, Clock, Initials, Prompter, TerminalPrompter};
use crate::bookings::Bookings;
use crate::cli::{Audience, Cli, DeskArgs};
use crate::error::{Error, Result};
use crate::i18n::Words;
use crate::limits;
use crate::record::{self, Assessment};
use crate::render::{self, ScreenReport, text::Painter};
use crate::rules::RuleSet;

/// What the desk session does besides asking: keep, show and print results.
pub trait Front {
    /// Appends the record of one confirmed screening. An error ends the session.
    fn record(
        &mut self,
        report: &ScreenReport,
        staff: Option<&str>,
        at: DateTime<FixedOffset>,
    ) -> Result<()>;
    /// Shows the result, ending with the verdict line so that it is on screen above
    /// the menu however long the checklist.
    fn show(&mut self, report: &ScreenReport);
    /// Prints the sheet; what to tell the person: where it went, or why it did not.
    fn print(&mut self, report: &ScreenReport) -> String;
}

/// How a desk session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Quit, or Esc at the menu or between walk-ins.
    Quit,
    /// Ctrl-C, or the terminal went away.
    Interrupted,
}

/// The menu after each result.
const MENU: [(&str, &str); 4] = [
    ("desk-next", "desk-next-key"),
    ("desk-print", "desk-print-key"),
    ("desk-show", "desk-show-key"),
    ("desk-quit", "desk-quit-key"),
];

/// Runs the session until Quit. `clock` gives "now" and the screening date at the start
/// of each walk-in (a session may run past midnight).
pub fn session(
    rules: &RuleSet,
    bookings: &Bookings,
    initials: Initials,
    clock: &dyn Fn() -> Clock,
    prompter: &mut dyn Prompter,
    front: &mut dyn Front,
) -> Result<End> {
    let w = rules.words();
    prompter.speak(w);
    ask::intro(rules, Audience::Staff, prompter);
    let staff = match initials {
        Initials::Given(text) => Some(text),
        Initials::No => None,
        Initials::Ask => match ask::ask_initials(rules.words(), prompter) {
            Ok(Act::Given(staff)) => staff,
            Ok(Act::Back | Act::Escape) => return Ok(End::Quit),
            Err(Cancelled) => return Ok(End::Interrupted),
        },
    };
    for walk_in in 1.. {
        prompter.say("");
        prompter.say(&w.fill("desk-walk-in", &[("number", &walk_in.to_string())]));
        let reference = match ask_reference(w, prompter) {
            Ok(Some(reference)) => reference,
            Ok(None) => return Ok(End::Quit),
            Err(Cancelled) => return Ok(End::Interrupted),
        };
        let prefill = prefill(w, bookings, reference.as_deref(), prompter);
        let clock = clock();
        let answers = match ask::questions(rules, clock, Audience::Staff, prefill, prompter) {
            Ok(Some(answers)) => answers,
            Ok(None) => {
                prompter.say(w.get("desk-discarded"));
                continue;
            }
            Err(Cancelled) => return Ok(End::Interrupted),
        };
        let settings = record::Settings {
            today: clock.today,
            checklist: true,
        };
        let assessment = record::assess_answers(rules, answers, &settings).map_err(|error| {
            Error::InvalidAnswers {
                origin: "the questionnaire".to_string(),
                error,
            }
        })?;
        let report = report(rules, &assessment, reference.as_deref());
        front.record(&report, staff.as_deref(), clock.now)?;
        prompter.say("");
        front.show(&report);
        match menu(w, prompter, front, &report) {
            Ok(true) => {}
            Ok(false) => return Ok(End::Quit),
            Err(Cancelled) => return Ok(End::Interrupted),
        }
    }
    Ok(End::Quit)
}

/// The booking export's answers for this walk-in, if its reference is a booking's id;
/// says which it is when there is an export (never repeating the reference: it is for
/// the record and the sheet only).
fn prefill(
    w: &Words,
    bookings: &Bookings,
    reference: Option<&str>,
    prompter: &mut dyn Prompter,
) -> Option<Answers> {
    if bookings.is_empty() {
        return None;
    }
    match reference.and_then(|reference| bookings.find(reference)) {
        Some(answers) => {
            prompter.say(w.get("desk-found"));
            Some(answers.clone())
        }
        None => {
            prompter.say(w.get("desk-not-found"));
            None
        }
    }
}

fn report<'a>(
    rules: &'a RuleSet,
    assessment: &'a Assessment<'a>,
    reference: Option<&'a str>,
) -> ScreenReport<'a> {
    let mut report = assessment.report(rules, false);
    report.reference = reference;
    report
}

/// The patient reference: `Some(None)` for none, `None` for Esc (end the session).
fn ask_reference(
    w: &Words,
    prompter: &mut dyn Prompter,
) -> Result<Option<Option<String>>, Cancelled> {
    let check = |text: &str| record::check_reference(text).map(|_| ());
    loop {
        match prompter.text(w.get("desk-reference"), Some(""), false, &check)? {
            Act::Given(text) => return Ok(Some(record::check_reference(&text).ok().flatten())),
            Act::Back => {}
            Act::Escape => return Ok(None),
        }
    }
}

/// The menu after a result until the person moves on: `true` for the next walk-in,
/// `false` to quit.
fn menu(
    w: &Words,
    prompter: &mut dyn Prompter,
    front: &mut dyn Front,
    report: &ScreenReport,
) -> Result<bool, Cancelled> {
    let items: Vec<Choice> = MENU
        .iter()
        .map(|&(label, key)| Choice::new(w.get(label), w.get(key).chars().next()))
        .collect();
    loop {
        match prompter.choose(w.get("desk-what-next"), &items, 0, false)? {
            Act::Given(0) => return Ok(true),
            Act::Given(1) => {
                let said = front.print(report);
                prompter.say(&said);
            }
            Act::Given(2) => {
                prompter.say("");
                front.show(report);
            }
            Act::Given(_) | Act::Escape => return Ok(false),
            Act::Back => {}
        }
    }
}

/// `prescreen desk`: checks the record file and the terminal before the first question,
/// then runs [`session`] on the terminal.
pub fn run(cli: &Cli, rules: &RuleSet, args: &DeskArgs) -> Result<u8> {
    crate::records::check(&args.record).map_err(|source| Error::Record {
        path: args.record.clone(),
        source,
    })?;
    let bookings = match &args.answers {
        Some(path) => read_bookings(rules, path)?,
        None => Bookings::default(),
    };
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        return Err(Error::NeedsTerminal);
    }
    // SIGTERM and SIGHUP at a prompt: the terminal restored, status 130; the records
    // confirmed before are already in the file.
    let guard = crate::sys::PromptGuard::new(Error::DeskInterrupted);
    let color = crate::color::use_color(cli.color, true);
    let mut prompter = TerminalPrompter::new(color);
    let mut front = Terminal {
        args,
        guard: guard.as_ref(),
        stdout_color: crate::color::use_color(cli.color, io::stdout().is_terminal()),
        stderr_color: color,
        recorded: 0,
    };
    let date = args.date;
    let clock = move || {
        let now = chrono::Local::now().fixed_offset();
        Clock {
            now,
            today: date.unwrap_or_else(|| now.date_naive()),
            resolve: ask::system_zone,
        }
    };
    let initials = match &args.staff {
        Some(initials) => Initials::Given(initials.clone()),
        None => Initials::Ask,
    };
    let end = session(
        rules,
        &bookings,
        initials,
        &clock,
        &mut prompter,
        &mut front,
    )?;
    if let Some(guard) = &guard {
        guard.finish(false);
    }
    match end {
        End::Quit => {
            let n = front.recorded;
            let _ = writeln!(
                io::stderr().lock(),
                "prescreen: desk session ended; {n} screening{} recorded in `{}`",
                if n == 1 { "" } else { "s" },
                args.record.display()
            );
            Ok(0)
        }
        End::Interrupted => Err(Error::DeskInterrupted),
    }
}

/// Reads and checks the whole booking export before the first walk-in.
fn read_bookings(rules: &RuleSet, path: &Path) -> Result<Bookings> {
    let origin = format!("`{}`", path.display());
    let bytes = fs::File::open(path)
        .and_then(|file| limits::read_capped(file, crate::bookings::MAX_BYTES))
        .map_err(|source| Error::ReadAnswers {
            origin: origin.clone(),
            source,
        })?;
    Bookings::parse(rules, &bytes).map_err(|error| Error::Bookings {
        origin,
        error: Box::new(error),
    })
}

/// The real desk: the record file, the terminal, the printer.
struct Terminal<'a> {
    args: &'a DeskArgs,
    guard: Option<&'a crate::sys::PromptGuard>,
    stdout_color: bool,
    stderr_color: bool,
    /// Screenings appended this session.
    recorded: usize,
}

impl Front for Terminal<'_> {
    fn record(
        &mut self,
        report: &ScreenReport,
        staff: Option<&str>,
        at: DateTime<FixedOffset>,
    ) -> Result<()> {
        // A signal during the append ends the process as by default: an append cut
        // there is as safe as a `kill -9`. Asking again, a signal restores the terminal.
        if let Some(guard) = self.guard {
            guard.finish(true);
        }
        let mut doc = crate::render::json::RecordDoc::new(report, staff, at);
        doc.reference = report.reference;
        let written = crate::records::append_record(&self.args.record, doc);
        if let Some(guard) = self.guard {
            guard.resume();
        }
        self.recorded += usize::from(written.is_ok());
        written
    }

    fn show(&mut self, report: &ScreenReport) {
        let stdout = io::stdout();
        let painter = Painter::new(self.stdout_color, crate::sys::columns(&stdout));
        colored::control::set_override(painter.color);
        let mut out = stdout.lock();
        let _ = render::text::write_screen(report, &mut out, painter);
        let _ = out.flush();
        drop(out);
        let s = report.screening;
        let stderr = io::stderr();
        let painter = Painter::new(self.stderr_color, crate::sys::columns(&stderr));
        let headline =
            render::text::headline(report.rules.words(), s.verdict, s.eligible_from, painter);
        colored::control::set_override(self.stderr_color);
        let _ = writeln!(stderr.lock(), "\n{headline}");
    }

    fn print(&mut self, report: &ScreenReport) -> String {
        let mut html = Vec::new();
        if let Err(e) = render::html::write_screen(report, &mut html) {
            return format!("Not printed: the sheet could not be made: {e}");
        }
        // A failed print is said and the session goes on: the record is kept already.
        match crate::print::hand_off(&html, self.args.print_command.as_deref()) {
            Ok(handoff) => render::capitalized(&handoff.to_string()),
            Err(error) => format!("Not printed: {error}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Step::*;
    use crate::testing::{Scripted, Step, default_rules};

    /// Keeps what the desk recorded, showed and printed.
    #[derive(Default)]
    struct Kept {
        /// (reference, staff, verdict) of each record.
        records: Vec<(Option<String>, Option<String>, String)>,
        shown: usize,
        /// The HTML of each sheet printed.
        printed: Vec<String>,
    }

    impl Front for Kept {
        fn record(
            &mut self,
            report: &ScreenReport,
            staff: Option<&str>,
            _at: DateTime<FixedOffset>,
        ) -> Result<()> {
            self.records.push((
                report.reference.map(str::to_string),
                staff.map(str::to_string),
                report.screening.verdict.id().to_string(),
            ));
            Ok(())
        }

        fn show(&mut self, _report: &ScreenReport) {
            self.shown += 1;
        }

        fn print(&mut self, report: &ScreenReport) -> String {
            let mut html = Vec::new();
            render::html::write_screen(report, &mut html).unwrap();
            self.printed.push(String::from_utf8(html).unwrap());
            "Printed.".to_string()
        }
    }

    fn clock() -> Clock {
        Clock {
            now: DateTime::parse_from_rfc3339("2026-11-23T10:15:00+00:00").unwrap(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            resolve: |naive| {
                use chrono::TimeZone;
                chrono::FixedOffset::east_opt(0)
                    .unwrap()
                    .from_local_datetime(&naive)
            },
        }
    }

    /// Screening answered "no" to all but `yes_to` (by key).
    fn walk_in(yes_to: usize) -> Vec<Step> {
        (0..7)
            .map(|i| if i == yes_to { Key('y') } else { Key('n') })
            .collect()
    }

    fn desk(steps: &[Step]) -> (Result<End>, Kept, Scripted) {
        desk_with(b"", steps)
    }

    fn desk_with(bookings: &[u8], steps: &[Step]) -> (Result<End>, Kept, Scripted) {
        let rules = default_rules();
        let bookings = Bookings::parse(&rules, bookings).unwrap();
        let mut p = Scripted::new(steps);
        let mut kept = Kept::default();
        let end = session(&rules, &bookings, Initials::Ask, &clock, &mut p, &mut kept);
        assert!(p.script.is_empty(), "script not used up: {:?}", p.script);
        (end, kept, p)
    }

    #[test]
    fn two_walk_ins_are_recorded_each_with_its_reference_and_the_initials_once() {
        let mut steps = vec![Type("JD"), Type("Ann Lee")];
        steps.extend(walk_in(0)); // pregnant: defer
        steps.extend([Key('y'), Key('p'), Key('s'), Key('n'), Type("")]);
        steps.extend(walk_in(1)); // eczema: not a candidate
        steps.extend([Key('y'), Key('q')]);
        let (end, kept, p) = desk(&steps);
        assert_eq!(end.unwrap(), End::Quit);
        let jd = Some("JD".to_string());
        assert_eq!(
            kept.records,
            [
                (Some("Ann Lee".to_string()), jd.clone(), "defer".to_string()),
                (None, jd, "not_candidate".to_string()),
            ]
        );
        assert_eq!(kept.shown, 3, "each result, and once again on request");
        assert_eq!(kept.printed.len(), 1);
        assert!(kept.printed[0].contains("For: <strong>Ann Lee</strong>"));
        assert_eq!(
            p.shown
                .iter()
                .filter(|l| l.starts_with("? Staff initials"))
                .count(),
            1
        );
        assert!(p.shown.contains(&"Walk-in 2".to_string()));
    }

    #[test]
    fn a_discarded_walk_in_is_not_recorded_and_the_next_one_follows() {
        let mut steps = vec![Type(""), Type("B-1"), Key('n'), Esc, Key('y')];
        steps.extend([Type("B-2")]);
        steps.extend(walk_in(0));
        steps.extend([Key('y'), Esc]);
        let (end, kept, p) = desk(&steps);
        assert_eq!(end.unwrap(), End::Quit, "Esc at the menu quits");
        assert_eq!(kept.records.len(), 1);
        assert_eq!(kept.records[0].0.as_deref(), Some("B-2"));
        assert_eq!(kept.records[0].1, None, "no initials given");
        assert!(
            p.shown
                .contains(&"Discarded: nothing was recorded for this walk-in.".to_string())
        );
    }

    #[test]
    fn esc_between_walk_ins_quits_and_ctrl_c_interrupts() {
        assert_eq!(desk(&[Esc]).0.unwrap(), End::Quit, "Esc at the initials");
        let (end, kept, _) = desk(&[Type("JD"), Esc]);
        assert_eq!(end.unwrap(), End::Quit);
        assert!(kept.records.is_empty());
        let mut steps = vec![Type("JD"), Type("")];
        steps.extend(walk_in(0));
        steps.extend([Key('y'), Key('n'), Type("x"), Key('n'), Cancel]);
        let (end, kept, _) = desk(&steps);
        assert_eq!(end.unwrap(), End::Interrupted);
        assert_eq!(kept.records.len(), 1, "the first walk-in stays recorded");
    }

    #[test]
    fn a_walk_in_found_in_the_booking_export_is_asked_only_what_is_missing() {
        // Every screening answer but pregnancy is known from the booking.
        let export = br#"{"id": "B-7", "eczema": false, "psoriasis": false, "open_wounds": false, "scarring_history": false, "other_skin_disease": false, "radiation_therapy": false}"#;
        let mut steps = vec![Type("JD"), Type("B-7"), Key('y'), Key('y'), Key('n')];
        // Someone not in the export is asked every question.
        steps.push(Type("X-1"));
        steps.extend(walk_in(1));
        steps.extend([Key('y'), Key('q')]);
        let (end, kept, p) = desk_with(export, &steps);
        assert_eq!(end.unwrap(), End::Quit);
        let verdicts: Vec<_> = kept
            .records
            .iter()
            .map(|(reference, _, verdict)| (reference.as_deref(), verdict.as_str()))
            .collect();
        assert_eq!(
            verdicts,
            [(Some("B-7"), "defer"), (Some("X-1"), "not_candidate")]
        );
        let said = |line: &str| p.shown.iter().filter(|l| *l == line).count();
        assert_eq!(
            said(
                "Found in the booking export: its answers are filled in; only what is missing is asked."
            ),
            1
        );
        assert_eq!(
            said("Not in the booking export: every question is asked."),
            1
        );
        assert!(
            !p.shown
                .iter()
                .any(|l| l.contains("X-1") || l.contains("B-7")),
            "the reference is not repeated on the screen"
        );
    }
}
