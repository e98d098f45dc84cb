//! The interactive questionnaire: the conversation around [`Questionnaire`].
//!
//! [`Prompter`] is the seam to the terminal: the flow here (intro, questions, summary,
//! changes) is driven in tests by a scripted prompter, and only [`TerminalPrompter`]
//! at the bottom of this file touches dialoguer. Typed answers are converted to the
//! canonical text of an answers document and go through `answers::parse_text`, the
//! same validation a JSON string value goes through.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime};

use crate::answers::{self, Problem, Reply, Value};
use crate::cli::Audience;
use crate::questionnaire::Questionnaire;
use crate::render::reply_words;
use crate::rules::{Kind, QuestionDef, RuleSet};

/// The person pressed Esc or Ctrl-C, or the terminal went away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// What the questionnaire needs from a terminal.
pub trait Prompter {
    /// Offers `items` and returns the index chosen.
    fn choose(
        &mut self,
        prompt: &str,
        items: &[String],
        default: usize,
    ) -> Result<usize, Cancelled>;
    /// Asks for one line. `check` refuses a line with a reason; the prompt then shows
    /// the reason and asks again. An empty line stands for `default` when there is one.
    fn text(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Cancelled>;
    /// Shows information: intro, help, cues, the summary.
    fn say(&mut self, text: &str);
}

/// "Now" as the questionnaire sees it: for the procedure-time default and typed times.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: DateTime<FixedOffset>,
    /// The screening date (`--date`, else today): a bare `HH:MM` is on this date.
    pub today: NaiveDate,
    /// Resolves a typed local date and time in the local time zone as it is on that
    /// date: one time, none (a spring-forward gap) or two (a fall-back overlap).
    pub resolve: fn(NaiveDateTime) -> LocalResult<DateTime<FixedOffset>>,
}

/// The local time zone of this machine (TZ, else /etc/localtime), as `chrono::Local`
/// reads it, resolving a wall time with the offset in force on that date.
pub fn system_zone(naive: NaiveDateTime) -> LocalResult<DateTime<FixedOffset>> {
    use chrono::TimeZone;
    match chrono::Local.from_local_datetime(&naive) {
        // chrono counts the very end of a fall-back overlap (03:00 in Berlin) as
        // ambiguous too, although one of the two instants shows on the clock as the
        // earlier wall time: keep only the readings that show `naive` on the clock.
        LocalResult::Ambiguous(a, b) => {
            let shows = |t: &DateTime<chrono::Local>| t.naive_local() == naive;
            let a_shows = shows(&a.with_timezone(&chrono::Local));
            let b_shows = shows(&b.with_timezone(&chrono::Local));
            match (a_shows, b_shows) {
                (true, false) => LocalResult::Single(a.fixed_offset()),
                (false, true) => LocalResult::Single(b.fixed_offset()),
                _ => LocalResult::Ambiguous(a.fixed_offset(), b.fixed_offset()),
            }
        }
        other => other.map(|t| t.fixed_offset()),
    }
}

/// A typed answer: a reply, or a local time that happens twice (the clocks go back),
/// to be asked about.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    Reply(Reply),
    Ambiguous(DateTime<FixedOffset>, DateTime<FixedOffset>),
}

/// How a typed date and time is read for this question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeUse {
    pub audience: Audience,
    /// The question the checklist counts from: it cannot be before the screening date.
    pub procedure: bool,
}

/// Staff initials: given on the command line, asked for, or not wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Initials {
    Given(String),
    Ask,
    No,
}

/// What a completed questionnaire produced.
#[derive(Debug, Clone)]
pub struct Session {
    pub answers: answers::Answers,
    pub staff: Option<String>,
}

const YES_NO: [&str; 3] = ["Yes", "No", "Not sure"];
const NOT_SURE: &str = "Not sure";
const NOT_SURE_WORDS: [&str; 6] = [
    "?",
    "not sure",
    "unsure",
    "don't know",
    "dont know",
    "unknown",
];

/// Checks staff initials: up to 8 letters, digits, `.` or `-`; empty means none.
/// The command-line flag and the prompt both use it.
pub fn check_initials(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let ok = text.chars().count() <= 8
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    if ok {
        Ok(Some(text.to_string()))
    } else {
        Err("initials are up to 8 letters or digits".to_string())
    }
}

/// Runs the whole questionnaire: intro, every question that applies, then the summary
/// until the person confirms.
pub fn run(
    rules: &RuleSet,
    clock: Clock,
    audience: Audience,
    initials: Initials,
    prompter: &mut dyn Prompter,
) -> Result<Session, Cancelled> {
    let texts = match audience {
        Audience::Staff => &rules.audiences.staff,
        Audience::Patient => &rules.audiences.patient,
    };
    if let Some(intro) = &texts.intro {
        prompter.say(intro);
    }
    let staff = match initials {
        Initials::Given(text) => Some(text),
        Initials::No => None,
        Initials::Ask => {
            let check = |t: &str| check_initials(t).map(|_| ());
            let text =
                prompter.text("Staff initials (optional, Enter to skip)", Some(""), &check)?;
            check_initials(&text).ok().flatten()
        }
    };
    let mut qn = Questionnaire::new(rules, clock.today);
    loop {
        while let Some(q) = qn.next() {
            let reply = ask_one(
                prompter,
                &rules.questions[q],
                &Reply::Missing,
                time_use(rules, q, audience),
                clock,
            )?;
            qn.answer(q, reply);
        }
        summary(prompter, &qn);
        let confirm = [
            "Yes, show the result".to_string(),
            "Change an answer".to_string(),
        ];
        if prompter.choose("Is everything right?", &confirm, 0)? == 0 {
            break;
        }
        let answered = qn.answered();
        let mut items: Vec<String> = answered
            .iter()
            .map(|&q| {
                let question = &rules.questions[q];
                format!(
                    "{} ({})",
                    short(&question.prompt, 60),
                    reply_words(question, qn.answers().reply(q))
                )
            })
            .collect();
        items.push("Back to the summary".to_string());
        let pick = prompter.choose("Which answer do you want to change?", &items, 0)?;
        if let Some(&q) = answered.get(pick) {
            let current = qn.answers().reply(q).clone();
            let use_ = time_use(rules, q, audience);
            let reply = ask_one(prompter, &rules.questions[q], &current, use_, clock)?;
            for cleared in qn.answer(q, reply) {
                let prompt = short(&rules.questions[cleared].prompt, 60);
                prompter.say(&format!("No longer asked, answer removed: {prompt}"));
            }
        }
    }
    Ok(Session {
        answers: qn.into_answers(),
        staff,
    })
}

fn time_use(rules: &RuleSet, q: usize, audience: Audience) -> TimeUse {
    TimeUse {
        audience,
        procedure: q == rules.aftercare.starts_at,
    }
}

/// Asks one question; `current` is the reply being changed (or `Missing`).
fn ask_one(
    prompter: &mut dyn Prompter,
    question: &QuestionDef,
    current: &Reply,
    use_: TimeUse,
    clock: Clock,
) -> Result<Reply, Cancelled> {
    let audience = use_.audience;
    prompter.say("");
    if let Some(help) = &question.help {
        prompter.say(help);
    }
    if audience == Audience::Staff
        && let Some(cue) = &question.cue
    {
        prompter.say(&format!("Desk: {cue}"));
    }
    match &question.kind {
        Kind::Boolean => {
            let items: Vec<String> = YES_NO.iter().map(|s| s.to_string()).collect();
            // Fail-safe default: Enter without a choice means "not sure", never "no".
            let default = match current {
                Reply::Given(Value::Bool(true)) => 0,
                Reply::Given(Value::Bool(false)) => 1,
                _ => 2,
            };
            Ok(match prompter.choose(&question.prompt, &items, default)? {
                0 => Reply::Given(Value::Bool(true)),
                1 => Reply::Given(Value::Bool(false)),
                _ => Reply::NotSure,
            })
        }
        Kind::Choice(options) => {
            let mut items: Vec<String> = options.iter().map(|o| o.label.clone()).collect();
            items.push(NOT_SURE.to_string());
            let default = match current {
                Reply::Given(Value::Choice(i)) => *i,
                _ => options.len(),
            };
            let pick = prompter.choose(&question.prompt, &items, default)?;
            Ok(if pick < options.len() {
                Reply::Given(Value::Choice(pick))
            } else {
                Reply::NotSure
            })
        }
        Kind::Date | Kind::DateTime | Kind::Number { .. } => {
            // "now" only at the desk, and only when screening for today: someone at home
            // is not at the clinic, and a screening for another day is not for now.
            let offer_now = question.default_now
                && audience == Audience::Staff
                && clock.now.date_naive() == clock.today;
            let (hint, default) = match &question.kind {
                Kind::Date => ("YYYY-MM-DD, or ? if not sure", None),
                Kind::DateTime if offer_now => (
                    "now, HH:MM, or YYYY-MM-DD HH:MM; ? if not sure",
                    Some("now"),
                ),
                Kind::DateTime if audience == Audience::Patient => {
                    ("the appointment's YYYY-MM-DD HH:MM; ? if not sure", None)
                }
                Kind::DateTime => ("HH:MM or YYYY-MM-DD HH:MM; ? if not sure", None),
                _ => ("a number, or ? if not sure", None),
            };
            let current_text = match current {
                Reply::Given(_) => Some(reply_words(question, current)),
                _ => None,
            };
            let default = current_text.as_deref().or(default);
            let prompt = format!("{} ({hint})", question.prompt);
            let check = |text: &str| typed(question, text, use_, clock).map(|_| ());
            let text = prompter.text(&prompt, default, &check)?;
            // `check` accepted this very text, so the conversion succeeds again; were it
            // ever to fail, "not sure" is the fail-safe reading.
            match typed(question, &text, use_, clock) {
                Ok(Typed::Reply(reply)) => Ok(reply),
                Ok(Typed::Ambiguous(first, second)) => {
                    let items = [
                        format!("The first: {}", first.format("%H:%M (UTC%:z)")),
                        format!("The second: {}", second.format("%H:%M (UTC%:z)")),
                        NOT_SURE.to_string(),
                    ];
                    let prompt = format!(
                        "{} happens twice on {} (the clocks go back). Which one?",
                        first.format("%H:%M"),
                        first.format("%Y-%m-%d")
                    );
                    Ok(match prompter.choose(&prompt, &items, 2)? {
                        0 => Reply::Given(Value::DateTime(first)),
                        1 => Reply::Given(Value::DateTime(second)),
                        _ => Reply::NotSure,
                    })
                }
                Err(_) => Ok(Reply::NotSure),
            }
        }
    }
}

/// Converts what was typed at a prompt into a reply, through the answers document's
/// own validation. The message says how to type it right. A time that happens twice is
/// an error here: [`ask_one`] asks which one is meant.
pub fn typed_reply(
    question: &QuestionDef,
    text: &str,
    use_: TimeUse,
    clock: Clock,
) -> Result<Reply, String> {
    match typed(question, text, use_, clock)? {
        Typed::Reply(reply) => Ok(reply),
        Typed::Ambiguous(..) => Err("That time happens twice on that date.".to_string()),
    }
}

/// What was typed, read for this question: a reply, a time to ask about, or why not.
pub fn typed(
    question: &QuestionDef,
    text: &str,
    use_: TimeUse,
    clock: Clock,
) -> Result<Typed, String> {
    let text = text.trim();
    if NOT_SURE_WORDS.contains(&text.to_lowercase().as_str()) {
        return Ok(Typed::Reply(Reply::NotSure));
    }
    if text.is_empty() {
        return Err("Type an answer, or ? if you are not sure.".to_string());
    }
    let how = |problem: Problem| match problem {
        Problem::BadDate { .. } => {
            "That is not a real date. Type it as YYYY-MM-DD, for example 2026-03-31.".to_string()
        }
        Problem::BadDateTime { .. } => {
            "Type the time as HH:MM for the screening date, or as YYYY-MM-DD HH:MM.".to_string()
        }
        Problem::OutOfRange { .. } => "That number is out of range.".to_string(),
        other => other.to_string(),
    };
    let reply = match &question.kind {
        Kind::DateTime => {
            let value = match local_datetime(text, use_, clock)? {
                Some(Resolved::One(t)) => answers::parse_text(question, &t.to_rfc3339()),
                Some(Resolved::Two(first, second)) => {
                    check_procedure_date(first, use_, clock)?;
                    return Ok(Typed::Ambiguous(first, second));
                }
                None => answers::parse_text(question, text),
            }
            .map_err(how)?;
            if let Value::DateTime(t) = &value {
                check_procedure_date(*t, use_, clock)?;
            }
            value
        }
        Kind::Number { .. } => match text.parse::<f64>() {
            Ok(n) => answers::check_number(question, n).map_err(how)?,
            Err(_) => return Err("Type a number, for example 42.".to_string()),
        },
        _ => answers::parse_text(question, text).map_err(how)?,
    };
    Ok(Typed::Reply(Reply::Given(reply)))
}

/// The procedure cannot be on a local date before the screening date.
fn check_procedure_date(
    t: DateTime<FixedOffset>,
    use_: TimeUse,
    clock: Clock,
) -> Result<(), String> {
    if use_.procedure && t.date_naive() < clock.today {
        Err(format!(
            "That is before the screening date, {}. Type the date and time of the procedure.",
            clock.today
        ))
    } else {
        Ok(())
    }
}

/// A typed local time, resolved.
enum Resolved {
    One(DateTime<FixedOffset>),
    /// The clocks go back: the same wall time twice, the earlier first.
    Two(DateTime<FixedOffset>, DateTime<FixedOffset>),
}

/// `now` (at the desk), `HH:MM` (on the screening date) or `YYYY-MM-DD HH:MM`, in the
/// local time zone as it is on that date. `Ok(None)` for anything else (which may still
/// be RFC 3339 with its own offset); an error for a time the clocks skip.
fn local_datetime(text: &str, use_: TimeUse, clock: Clock) -> Result<Option<Resolved>, String> {
    if text.eq_ignore_ascii_case("now") {
        return if use_.audience == Audience::Staff {
            Ok(Some(Resolved::One(clock.now)))
        } else {
            Err("Type the appointment's date and time as YYYY-MM-DD HH:MM.".to_string())
        };
    }
    let naive = NaiveTime::parse_from_str(text, "%H:%M")
        .ok()
        .map(|time| clock.today.and_time(time))
        .or_else(|| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").ok());
    let Some(naive) = naive else {
        return Ok(None);
    };
    match (clock.resolve)(naive) {
        LocalResult::Single(t) => Ok(Some(Resolved::One(t))),
        LocalResult::Ambiguous(a, b) => {
            let (first, second) = if a <= b { (a, b) } else { (b, a) };
            Ok(Some(Resolved::Two(first, second)))
        }
        LocalResult::None => Err(format!(
            "{} does not exist here: the clocks go forward at that time. Type a time after the change.",
            naive.format("%Y-%m-%d %H:%M")
        )),
    }
}

fn summary(prompter: &mut dyn Prompter, qn: &Questionnaire) {
    let rules = qn.rules();
    prompter.say("");
    prompter.say("Your answers:");
    for q in qn.answered() {
        let question = &rules.questions[q];
        let reply = reply_words(question, qn.answers().reply(q));
        prompter.say(&format!(
            "  {:<16} {}",
            short(&reply, 16),
            short(&question.prompt, 58)
        ));
    }
    prompter.say("");
}

/// At most `max` characters, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

pub use terminal::TerminalPrompter;

/// The real terminal, through dialoguer (lists) and console (one-line answers, so that
/// Esc cancels there too). Everything goes to stderr: results belong on stdout.
mod terminal {
    use dialoguer::Select;
    use dialoguer::console::{Key, Term, style};
    use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};

    use super::{Cancelled, Prompter};
    use crate::render::wrap;

    pub struct TerminalPrompter {
        term: Term,
        theme: Box<dyn Theme>,
        color: bool,
    }

    impl TerminalPrompter {
        pub fn new(color: bool) -> TerminalPrompter {
            let theme: Box<dyn Theme> = if color {
                Box::new(ColorfulTheme::default())
            } else {
                Box::new(SimpleTheme)
            };
            TerminalPrompter {
                term: Term::stderr(),
                theme,
                color,
            }
        }

        /// `text` broken at word boundaries to fit the terminal, leaving `margin` columns:
        /// dialoguer redraws by counting newlines, so a prompt the terminal wraps by
        /// itself would be redrawn wrongly.
        fn fit(&self, text: &str, margin: usize) -> String {
            let columns = usize::from(self.term.size().1).clamp(40, 100);
            wrap(text, columns.saturating_sub(margin)).join("\n")
        }

        /// Leaves the terminal clean after a cancel: cursor visible, on a fresh line.
        fn restore(&self) -> Cancelled {
            let _ = self.term.show_cursor();
            let _ = self.term.write_line("");
            Cancelled
        }
    }

    impl Prompter for TerminalPrompter {
        fn choose(
            &mut self,
            prompt: &str,
            items: &[String],
            default: usize,
        ) -> Result<usize, Cancelled> {
            let select = Select::with_theme(self.theme.as_ref())
                .with_prompt(self.fit(prompt, 14))
                .items(items)
                .default(default)
                .max_length(10);
            match select.interact_on_opt(&self.term) {
                Ok(Some(i)) => Ok(i),
                Ok(None) | Err(_) => Err(self.restore()),
            }
        }

        fn text(
            &mut self,
            prompt: &str,
            default: Option<&str>,
            check: &dyn Fn(&str) -> Result<(), String>,
        ) -> Result<String, Cancelled> {
            // Leave room on the last line for what is typed, so it never wraps mid-answer.
            let shown = match default {
                Some(d) if !d.is_empty() => {
                    format!("{} ", self.fit(&format!("{prompt} [{d}]:"), 24))
                }
                _ => format!("{} ", self.fit(&format!("{prompt}:"), 24)),
            };
            let shown = if self.color {
                style(shown).bold().to_string()
            } else {
                shown
            };
            loop {
                self.term.write_str(&shown).map_err(|_| self.restore())?;
                let mut line = String::new();
                loop {
                    match self.term.read_key_raw() {
                        Ok(Key::Enter) => break,
                        Ok(Key::Escape | Key::CtrlC) | Err(_) => return Err(self.restore()),
                        Ok(Key::Backspace) => {
                            if line.pop().is_some() {
                                let _ = self.term.clear_chars(1);
                            }
                        }
                        Ok(Key::Char(c)) if !c.is_control() => {
                            line.push(c);
                            let _ = self.term.write_str(c.encode_utf8(&mut [0; 4]));
                        }
                        Ok(_) => {}
                    }
                }
                let _ = self.term.write_line("");
                let value = match (line.trim(), default) {
                    ("", Some(d)) => d.to_string(),
                    (typed, _) => typed.to_string(),
                };
                match check(&value) {
                    Ok(()) => return Ok(value),
                    Err(reason) => {
                        let reason = if self.color {
                            style(reason).yellow().to_string()
                        } else {
                            reason
                        };
                        let _ = self.term.write_line(&format!("  {reason}"));
                    }
                }
            }
        }

        fn say(&mut self, text: &str) {
            if text.trim().is_empty() {
                let _ = self.term.write_line("");
                return;
            }
            let columns = usize::from(self.term.size().1).clamp(40, 100);
            if text.chars().count() < columns {
                // Fits as it is: keep its own spacing (the summary's columns).
                let _ = self.term.write_line(text);
                return;
            }
            let indent: String = text.chars().take_while(|c| *c == ' ').collect();
            for line in self.fit(text, indent.len() + 1).lines() {
                let _ = self.term.write_line(&format!("{indent}{line}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::{Verdict, screen};
    use crate::testing::{default_rules, q};
    use std::collections::VecDeque;

    /// A prompter that answers from a script and records what it was shown.
    #[derive(Default)]
    struct Scripted {
        script: VecDeque<Step>,
        shown: Vec<String>,
    }

    #[derive(Debug, Clone)]
    enum Step {
        /// Pick the item with this exact text.
        Pick(&'static str),
        Type(&'static str),
        Cancel,
    }
    use Step::*;

    impl Scripted {
        fn new(steps: &[Step]) -> Scripted {
            Scripted {
                script: steps.iter().cloned().collect(),
                shown: Vec::new(),
            }
        }
    }

    impl Prompter for Scripted {
        fn choose(
            &mut self,
            prompt: &str,
            items: &[String],
            _default: usize,
        ) -> Result<usize, Cancelled> {
            self.shown.push(format!("? {prompt}"));
            match self.script.pop_front() {
                Some(Pick(text)) => Ok(items
                    .iter()
                    .position(|i| i.starts_with(text))
                    .unwrap_or_else(|| {
                        panic!("`{text}` is not offered for `{prompt}`: {items:?}")
                    })),
                Some(Cancel) => Err(Cancelled),
                other => panic!("script has {other:?} where `{prompt}` asks to choose"),
            }
        }

        fn text(
            &mut self,
            prompt: &str,
            default: Option<&str>,
            check: &dyn Fn(&str) -> Result<(), String>,
        ) -> Result<String, Cancelled> {
            self.shown.push(format!("? {prompt}"));
            loop {
                match self.script.pop_front() {
                    Some(Type(text)) => {
                        let value = if text.is_empty() {
                            default.unwrap_or("")
                        } else {
                            text
                        };
                        match check(value) {
                            Ok(()) => return Ok(value.to_string()),
                            Err(reason) => self.shown.push(format!("! {reason}")),
                        }
                    }
                    Some(Cancel) => return Err(Cancelled),
                    other => panic!("script has {other:?} where `{prompt}` asks for text"),
                }
            }
        }

        fn say(&mut self, text: &str) {
            self.shown.push(text.to_string());
        }
    }

    fn plus_one(naive: NaiveDateTime) -> LocalResult<DateTime<FixedOffset>> {
        use chrono::TimeZone;
        FixedOffset::east_opt(3600)
            .unwrap()
            .from_local_datetime(&naive)
    }

    /// A made-up zone like Berlin's in 2026: UTC+01:00, UTC+02:00 from 29 March 02:00
    /// (02:00 to 03:00 does not exist) to 25 October 03:00 (02:00 to 03:00 twice).
    fn berlin_like(naive: NaiveDateTime) -> LocalResult<DateTime<FixedOffset>> {
        use chrono::TimeZone;
        let at = |y, m, d, h| {
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        let (winter, summer) = (
            FixedOffset::east_opt(3600).unwrap(),
            FixedOffset::east_opt(7200).unwrap(),
        );
        let (spring, fall) = (at(2026, 3, 29, 2), at(2026, 10, 25, 2));
        let hour = chrono::TimeDelta::hours(1);
        if naive >= spring && naive < spring + hour {
            LocalResult::None
        } else if naive >= fall && naive < fall + hour {
            LocalResult::Ambiguous(
                summer.from_local_datetime(&naive).unwrap(),
                winter.from_local_datetime(&naive).unwrap(),
            )
        } else if naive >= spring && naive < fall {
            summer.from_local_datetime(&naive)
        } else {
            winter.from_local_datetime(&naive)
        }
    }

    fn clock() -> Clock {
        Clock {
            now: DateTime::parse_from_rfc3339("2026-11-23T10:15:00+01:00").unwrap(),
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            resolve: plus_one,
        }
    }

    const STAFF_PROCEDURE: TimeUse = TimeUse {
        audience: Audience::Staff,
        procedure: true,
    };

    const ALL_NO: [Step; 7] = [
        Pick("No"),
        Pick("No"),
        Pick("No"),
        Pick("No"),
        Pick("No"),
        Pick("No"),
        Pick("No"),
    ];

    fn run_script(steps: &[Step], audience: Audience) -> (Result<Session, Cancelled>, Vec<String>) {
        let rules = default_rules();
        let mut p = Scripted::new(steps);
        let result = run(&rules, clock(), audience, Initials::No, &mut p);
        assert!(p.script.is_empty(), "script not used up: {:?}", p.script);
        (result, p.shown)
    }

    #[test]
    fn a_candidate_walk_in() {
        let mut steps = ALL_NO.to_vec();
        steps.extend([
            Type("14:00"),
            Pick("Face"),
            Pick("Yes"),
            Pick("No"),
            Pick("No"),
            Pick("Yes, show"),
        ]);
        let (result, shown) = run_script(&steps, Audience::Staff);
        let session = result.unwrap();
        let rules = default_rules();
        let a = &session.answers;
        assert_eq!(screen(&rules, a, clock().today).verdict, Verdict::Candidate);
        let Some(Value::DateTime(t)) = a.value(q(&rules, "procedure_time")) else {
            panic!()
        };
        assert_eq!(t.to_rfc3339(), "2026-11-23T14:00:00+01:00");
        assert_eq!(a.value(q(&rules, "wears_makeup")), Some(&Value::Bool(true)));
        assert!(
            shown.contains(&"Desk: Ask to see the area to be treated.".to_string()),
            "staff cue"
        );
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("  yes              Do you usually wear makeup")),
            "{shown:#?}"
        );
    }

    #[test]
    fn procedure_time_defaults_to_now() {
        let mut steps = ALL_NO.to_vec();
        steps.extend([
            Type(""),
            Pick("Body"),
            Pick("No"),
            Pick("No"),
            Pick("No"),
            Pick("Yes, show"),
        ]);
        let (result, _) = run_script(&steps, Audience::Staff);
        let rules = default_rules();
        assert_eq!(
            result.unwrap().answers.value(q(&rules, "procedure_time")),
            Some(&Value::DateTime(clock().now))
        );
    }

    #[test]
    fn radiation_deferral_with_a_refused_date() {
        let mut steps = ALL_NO[..6].to_vec();
        steps.extend([
            Pick("Yes"),
            Type("2026-02-30"),
            Type("31/08/2026"),
            Type("2026-08-31"),
            Pick("Yes, show"),
        ]);
        let (result, shown) = run_script(&steps, Audience::Staff);
        let rules = default_rules();
        let s = result.unwrap();
        let screening = screen(&rules, &s.answers, clock().today);
        assert_eq!(screening.verdict, Verdict::Defer);
        assert_eq!(
            screening.eligible_from,
            NaiveDate::from_ymd_opt(2027, 8, 31)
        );
        let refusals = shown
            .iter()
            .filter(|s| s.starts_with("! That is not a real date"))
            .count();
        assert_eq!(refusals, 2, "{shown:#?}");
    }

    #[test]
    fn not_sure_is_recorded_as_unknown_and_leads_to_review() {
        let mut steps = ALL_NO.to_vec();
        steps[2] = Pick("Not sure");
        steps.push(Pick("Yes, show"));
        let (result, shown) = run_script(&steps, Audience::Patient);
        let rules = default_rules();
        let s = result.unwrap();
        assert_eq!(s.answers.reply(q(&rules, "psoriasis")), &Reply::NotSure);
        assert_eq!(
            screen(&rules, &s.answers, clock().today).verdict,
            Verdict::Review
        );
        assert!(
            !shown.iter().any(|l| l.contains("When is the procedure")),
            "no aftercare questions for review"
        );
        assert_eq!(
            shown[0],
            "This is a pre-check only: the clinic makes the final decision at your appointment."
        );
        assert!(
            !shown.iter().any(|l| l.starts_with("Desk:")),
            "no desk cues for patients"
        );
    }

    #[test]
    fn not_sure_on_a_date_prompt() {
        let mut steps = ALL_NO[..6].to_vec();
        steps.extend([Pick("Yes"), Type("?"), Pick("Yes, show")]);
        let (result, _) = run_script(&steps, Audience::Staff);
        let rules = default_rules();
        let s = result.unwrap();
        assert_eq!(
            s.answers.reply(q(&rules, "radiation_end_date")),
            &Reply::NotSure
        );
        assert_eq!(
            screen(&rules, &s.answers, clock().today).verdict,
            Verdict::Review
        );
    }

    #[test]
    fn changing_an_answer_at_the_summary_flips_the_verdict() {
        let mut steps = ALL_NO.to_vec();
        steps[0] = Pick("Yes"); // "pregnant": misheard
        steps.extend([
            Pick("Change an answer"),
            Pick("Are you pregnant"),
            Pick("No"),
            // Now a candidate: the aftercare questions follow before the summary again.
            Type("now"),
            Pick("Neck"),
            Pick("No"),
            Pick("No"),
            Pick("No"),
            Pick("Yes, show"),
        ]);
        let (result, shown) = run_script(&steps, Audience::Staff);
        let rules = default_rules();
        assert_eq!(
            screen(&rules, &result.unwrap().answers, clock().today).verdict,
            Verdict::Candidate
        );
        assert_eq!(shown.iter().filter(|l| *l == "Your answers:").count(), 2);
    }

    #[test]
    fn a_change_that_removes_a_follow_up_question_says_so() {
        let mut steps = ALL_NO[..6].to_vec();
        steps.extend([
            Pick("Yes"),
            Type("2026-08-31"),
            Pick("Change an answer"),
            Pick("Have you ever had radiation"),
            Pick("No"),
            Type("now"),
            Pick("Face"),
            Pick("No"),
            Pick("No"),
            Pick("No"),
            Pick("Yes, show"),
        ]);
        let (result, shown) = run_script(&steps, Audience::Staff);
        let rules = default_rules();
        assert_eq!(
            result
                .unwrap()
                .answers
                .reply(q(&rules, "radiation_end_date")),
            &Reply::Missing
        );
        assert!(shown.iter().any(|l| {
            l.starts_with("No longer asked, answer removed: On what date did your radiation")
        }));
    }

    #[test]
    fn cancelling_midway_returns_nothing() {
        let (result, _) = run_script(&[Pick("No"), Pick("No"), Cancel], Audience::Staff);
        assert_eq!(result.unwrap_err(), Cancelled);
    }

    #[test]
    fn initials_are_checked_the_same_way_from_flag_and_prompt() {
        let cases = [
            ("", Ok(None)),
            ("ab", Ok(Some("ab".to_string()))),
            ("A.B-1", Ok(Some("A.B-1".to_string()))),
        ];
        for (input, expected) in cases {
            assert_eq!(check_initials(input), expected, "{input}");
        }
        assert!(check_initials("far too long").is_err());
        assert!(check_initials("a;b").is_err());
        let rules = default_rules();
        let mut steps = vec![Type("not ok!"), Type("JD")];
        steps.extend(ALL_NO);
        steps.push(Pick("Yes, show"));
        let mut steps_no_aftercare = steps.clone();
        steps_no_aftercare[3] = Pick("Not sure");
        let mut p = Scripted::new(&steps_no_aftercare);
        let session = run(&rules, clock(), Audience::Staff, Initials::Ask, &mut p).unwrap();
        assert_eq!(session.staff.as_deref(), Some("JD"));
        assert!(
            p.shown
                .contains(&"! initials are up to 8 letters or digits".to_string())
        );
    }

    /// Expected reading of a typed local time.
    enum Expect {
        One(&'static str),
        Twice(&'static str, &'static str),
        Gap,
    }

    fn check_table(clock: Clock, cases: &[(&str, Expect)], zone: &str) {
        let rules = default_rules();
        let time = &rules.questions[q(&rules, "procedure_time")];
        for (typed_text, expected) in cases {
            let got = typed(time, typed_text, STAFF_PROCEDURE, clock);
            match (expected, got) {
                (Expect::One(want), Ok(Typed::Reply(Reply::Given(Value::DateTime(t))))) => {
                    assert_eq!(t.to_rfc3339(), *want, "{zone} {typed_text}")
                }
                (Expect::Twice(a, b), Ok(Typed::Ambiguous(x, y))) => {
                    assert_eq!(
                        (x.to_rfc3339(), y.to_rfc3339()),
                        (a.to_string(), b.to_string())
                    )
                }
                (Expect::Gap, Err(reason)) => assert!(
                    reason.contains("does not exist here: the clocks go forward"),
                    "{zone} {typed_text}: {reason}"
                ),
                (_, other) => panic!("{zone} {typed_text}: got {other:?}"),
            }
        }
    }

    fn dst_cases(zone: &str) -> Vec<(&'static str, Expect)> {
        use Expect::*;
        match zone {
            "Europe/Berlin" => vec![
                ("2026-03-29 01:59", One("2026-03-29T01:59:00+01:00")),
                ("2026-03-29 02:30", Gap),
                ("2026-03-29 03:00", One("2026-03-29T03:00:00+02:00")),
                ("2026-07-15 14:00", One("2026-07-15T14:00:00+02:00")),
                (
                    "2026-10-25 02:30",
                    Twice("2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00"),
                ),
                ("2026-10-25 03:00", One("2026-10-25T03:00:00+01:00")),
                ("2026-12-15 14:00", One("2026-12-15T14:00:00+01:00")),
                // A bare time is on the screening date, in that date's offset.
                ("09:30", One("2026-03-01T09:30:00+01:00")),
            ],
            "Australia/Sydney" => vec![
                ("2026-04-05 01:30", One("2026-04-05T01:30:00+11:00")),
                (
                    "2026-04-05 02:30",
                    Twice("2026-04-05T02:30:00+11:00", "2026-04-05T02:30:00+10:00"),
                ),
                ("2026-04-05 03:00", One("2026-04-05T03:00:00+10:00")),
                ("2026-07-15 14:00", One("2026-07-15T14:00:00+10:00")),
                ("2026-10-04 02:30", Gap),
                ("2026-10-04 03:00", One("2026-10-04T03:00:00+11:00")),
                ("2027-01-15 14:00", One("2027-01-15T14:00:00+11:00")),
                ("09:30", One("2026-03-01T09:30:00+11:00")),
            ],
            other => panic!("no table for {other}"),
        }
    }

    fn march_first(resolve: fn(NaiveDateTime) -> LocalResult<DateTime<FixedOffset>>) -> Clock {
        Clock {
            now: DateTime::parse_from_rfc3339("2026-03-01T08:00:00+01:00").unwrap(),
            today: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            resolve,
        }
    }

    /// Typed local times in real zones, resolved through chrono's `Local` as the
    /// questionnaire does. `TZ` cannot safely be set inside this process (tests run on
    /// threads that read the environment), so each zone runs this test binary again with
    /// `TZ` set, for the ignored test below.
    #[test]
    fn dst_in_berlin_and_sydney() {
        let exe = std::env::current_exe().unwrap();
        for zone in ["Europe/Berlin", "Australia/Sydney"] {
            let out = std::process::Command::new(&exe)
                .args(["--exact", "ask::tests::dst_table_in_tz", "--ignored"])
                .env("TZ", zone)
                .env("PRESCREEN_TEST_ZONE", zone)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success() && stdout.contains("1 passed"),
                "{zone}: {stdout}{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }

    #[test]
    #[ignore = "run by dst_in_berlin_and_sydney with TZ set"]
    fn dst_table_in_tz() {
        let zone = std::env::var("PRESCREEN_TEST_ZONE").unwrap();
        assert_eq!(std::env::var("TZ").unwrap(), zone);
        check_table(march_first(system_zone), &dst_cases(&zone), &zone);
    }

    #[test]
    fn the_questionnaire_refuses_a_skipped_time_and_asks_about_a_repeated_one() {
        // The Berlin-like test zone, in-process: the same table as the real zone.
        check_table(
            march_first(berlin_like),
            &dst_cases("Europe/Berlin"),
            "berlin_like",
        );
        let rules = default_rules();
        let mut steps = ALL_NO.to_vec();
        steps.extend([
            Type("2026-03-29 02:30"),
            Type("02:30"),
            Pick("The second"),
            Pick("Face"),
            Pick("No"),
            Pick("No"),
            Pick("No"),
            Pick("Yes, show"),
        ]);
        let mut p = Scripted::new(&steps);
        let mut clock = march_first(berlin_like);
        clock.today = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap();
        let session = run(&rules, clock, Audience::Staff, Initials::No, &mut p).unwrap();
        assert!(p.script.is_empty());
        assert!(
            p.shown.iter().any(|l| l
                == "! 2026-03-29 02:30 does not exist here: the clocks go forward at that time. Type a time after the change."),
            "{:#?}",
            p.shown
        );
        assert!(
            p.shown.iter().any(
                |l| l == "? 02:30 happens twice on 2026-10-25 (the clocks go back). Which one?"
            ),
            "{:#?}",
            p.shown
        );
        let Some(Value::DateTime(t)) = session.answers.value(q(&rules, "procedure_time")) else {
            panic!()
        };
        assert_eq!(t.to_rfc3339(), "2026-10-25T02:30:00+01:00");
    }

    #[test]
    fn at_home_the_appointment_is_asked_for_without_now() {
        let rules = default_rules();
        let mut steps = ALL_NO.to_vec();
        steps.extend([
            Type(""),
            Type("now"),
            Type("2026-11-20 10:00"),
            Type("2026-11-30 10:00"),
            Pick("Face"),
            Pick("No"),
            Pick("No"),
            Pick("No"),
            Pick("Yes, show"),
        ]);
        let mut p = Scripted::new(&steps);
        let session = run(&rules, clock(), Audience::Patient, Initials::No, &mut p).unwrap();
        assert!(p.script.is_empty());
        let prompt = p
            .shown
            .iter()
            .find(|l| l.starts_with("? When is the procedure?"))
            .unwrap();
        assert!(!prompt.contains("now"), "{prompt}");
        let refusals: Vec<&String> = p.shown.iter().filter(|l| l.starts_with("! ")).collect();
        assert_eq!(
            refusals,
            [
                "! Type an answer, or ? if you are not sure.",
                "! Type the appointment's date and time as YYYY-MM-DD HH:MM.",
                "! That is before the screening date, 2026-11-23. Type the date and time of the procedure.",
            ]
        );
        let Some(Value::DateTime(t)) = session.answers.value(q(&rules, "procedure_time")) else {
            panic!()
        };
        assert_eq!(t.to_rfc3339(), "2026-11-30T10:00:00+01:00");
    }

    #[test]
    fn now_is_offered_only_when_screening_for_today() {
        let rules = default_rules();
        let mut later = clock();
        later.today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut steps = ALL_NO.to_vec();
        steps.extend([
            Type("?"),
            Pick("Face"),
            Pick("No"),
            Pick("No"),
            Pick("No"),
            Pick("Yes, show"),
        ]);
        let mut p = Scripted::new(&steps);
        run(&rules, later, Audience::Staff, Initials::No, &mut p).unwrap();
        let prompt = p
            .shown
            .iter()
            .find(|l| l.starts_with("? When is the procedure?"))
            .unwrap();
        assert_eq!(
            prompt,
            "? When is the procedure? (HH:MM or YYYY-MM-DD HH:MM; ? if not sure)"
        );
    }

    #[test]
    fn typed_times_and_numbers() {
        let rules = crate::testing::rules_with_number();
        let time = &rules.questions[q(&rules, "procedure_time")];
        let cases = [
            ("now", "2026-11-23T10:15:00+01:00"),
            ("09:30", "2026-11-23T09:30:00+01:00"),
            ("2026-11-24 08:00", "2026-11-24T08:00:00+01:00"),
            ("2026-11-24T08:00:00Z", "2026-11-24T08:00:00+00:00"),
        ];
        for (typed, expected) in cases {
            let Ok(Reply::Given(Value::DateTime(t))) =
                typed_reply(time, typed, STAFF_PROCEDURE, clock())
            else {
                panic!("{typed}")
            };
            assert_eq!(t.to_rfc3339(), expected, "{typed}");
        }
        assert!(typed_reply(time, "25:00", STAFF_PROCEDURE, clock()).is_err());
        let age = &rules.questions[q(&rules, "age")];
        let u = TimeUse {
            audience: Audience::Staff,
            procedure: false,
        };
        assert_eq!(
            typed_reply(age, "42", u, clock()),
            Ok(Reply::Given(Value::Number(42.0)))
        );
        assert_eq!(typed_reply(age, "not sure", u, clock()), Ok(Reply::NotSure));
        assert!(typed_reply(age, "200", u, clock()).is_err());
        assert!(typed_reply(age, "forty", u, clock()).is_err());
    }
}
