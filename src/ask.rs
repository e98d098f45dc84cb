//! The interactive questionnaire: the conversation around [`Questionnaire`].
//!
//! [`Prompter`] is the seam to the terminal: the flow here (intro, questions, summary,
//! changes) is driven in tests by a scripted prompter, and only [`TerminalPrompter`]
//! at the bottom of this file touches dialoguer. Typed answers are converted to the
//! canonical text of an answers document and go through `answers::parse_text`, the
//! same validation a JSON string value goes through.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime};

use crate::answers::{self, Problem, Reply, Value};
use crate::audience::Audience;
use crate::i18n::Words;
use crate::questionnaire::{Progress, Questionnaire};
use crate::render::reply_words;
use crate::rules::{Kind, Purpose, QuestionDef, RuleSet};

/// The person pressed Esc or Ctrl-C, or the terminal went away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// One item of a list, and the key that picks it at once (`y`, `n`, `?`, a digit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub key: Option<char>,
}

impl Choice {
    pub fn new(label: impl Into<String>, key: Option<char>) -> Choice {
        Choice {
            label: label.into(),
            key,
        }
    }
}

/// What the person did at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Act<T> {
    /// Answered.
    Given(T),
    /// Back to the previous question (Left, Backspace or `b` on a list; Left on an
    /// empty typed answer).
    Back,
    /// Esc: the flow asks whether to discard the screening.
    Escape,
}

/// What the questionnaire needs from a terminal. Ctrl-C, or a terminal that went away,
/// is `Err(Cancelled)`: it ends at once. Esc is [`Act::Escape`]: the flow asks first.
pub trait Prompter {
    /// Offers `items` and returns the index chosen. `back`: whether going back means
    /// something here (the key hint offers it only then, and only then is it returned).
    fn choose(
        &mut self,
        prompt: &str,
        items: &[Choice],
        default: usize,
        back: bool,
    ) -> Result<Act<usize>, Cancelled>;
    /// Asks for one line. `check` refuses a line with a reason; the prompt then shows
    /// the reason and asks again. An empty line stands for `default` when there is one.
    fn text(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        back: bool,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<Act<String>, Cancelled>;
    /// Shows information: intro, help, cues, the summary.
    fn say(&mut self, text: &str);
    /// The language of the prompter's own words (its key hints), once the rule set
    /// that decides it is known. English until then.
    fn speak(&mut self, _words: &'static Words) {}
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

/// What typed means "not sure", in every language (whatever the questionnaire's
/// language, a Spanish or English "not sure" is never read as an answer).
const NOT_SURE_WORDS: [&str; 12] = [
    "?",
    "not sure",
    "unsure",
    "don't know",
    "dont know",
    "unknown",
    "no sé",
    "no se",
    "no estoy seguro",
    "no estoy segura",
    "no estoy seguro/a",
    "no lo sé",
];

/// The "Not sure" choice, always on the `?` key.
fn not_sure(w: &Words) -> Choice {
    Choice::new(w.get("ask-not-sure"), Some('?'))
}

/// A choice with the first character of a catalogue message as its key (`ask-yes-key`).
fn keyed(w: &Words, label: &'static str, key: &'static str) -> Choice {
    Choice::new(w.get(label), w.get(key).chars().next())
}

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

/// Runs the whole questionnaire: intro, staff initials, then [`questions`].
pub fn run(
    rules: &RuleSet,
    clock: Clock,
    audience: Audience,
    initials: Initials,
    prefill: Option<answers::Answers>,
    prompter: &mut dyn Prompter,
) -> Result<Session, Cancelled> {
    prompter.speak(rules.words());
    intro(rules, audience, prompter);
    let staff = match initials {
        Initials::Given(text) => Some(text),
        Initials::No => None,
        // Esc before the first question: nothing to discard.
        Initials::Ask => match ask_initials(rules.words(), prompter)? {
            Act::Given(staff) => staff,
            Act::Back | Act::Escape => return Err(Cancelled),
        },
    };
    let answers = questions(rules, clock, audience, prefill, prompter)?.ok_or(Cancelled)?;
    Ok(Session { answers, staff })
}

/// The rule file's intro for this audience, if it has one.
pub fn intro(rules: &RuleSet, audience: Audience, prompter: &mut dyn Prompter) {
    let texts = match audience {
        Audience::Staff => &rules.audiences.staff,
        Audience::Patient => &rules.audiences.patient,
    };
    if let Some(intro) = &texts.intro {
        prompter.say(intro);
    }
}

/// Asks for staff initials (Enter for none), checked by [`check_initials`]. Esc is
/// passed on: nothing has been answered yet, so there is nothing to ask about.
pub fn ask_initials(
    w: &Words,
    prompter: &mut dyn Prompter,
) -> Result<Act<Option<String>>, Cancelled> {
    let check = |t: &str| check_initials(t).map(|_| ());
    loop {
        match prompter.text(w.get("ask-initials"), Some(""), false, &check)? {
            Act::Given(text) => return Ok(Act::Given(check_initials(&text).ok().flatten())),
            Act::Back => {}
            Act::Escape => return Ok(Act::Escape),
        }
    }
}

/// Esc was pressed: asks before anything is thrown away. `true` to discard.
pub fn discard(w: &Words, prompter: &mut dyn Prompter) -> Result<bool, Cancelled> {
    let items = [
        keyed(w, "ask-discard-no", "ask-no-key"),
        keyed(w, "ask-discard-yes", "ask-yes-key"),
    ];
    Ok(prompter.choose(w.get("ask-discard"), &items, 0, false)? == Act::Given(1))
}

/// Every question that applies, one after the other (Back goes to the previous one,
/// keeping every answer; Esc asks before discarding), then the summary until the
/// person confirms. With `prefill`, only what is missing is asked; the pre-filled
/// answers are shown at the summary, marked, to confirm or change. `None` when the
/// person chose to discard the screening.
pub fn questions(
    rules: &RuleSet,
    clock: Clock,
    audience: Audience,
    prefill: Option<answers::Answers>,
    prompter: &mut dyn Prompter,
) -> Result<Option<answers::Answers>, Cancelled> {
    let w = rules.words();
    prompter.speak(w);
    let (mut qn, dropped) = match prefill {
        Some(given) => Questionnaire::with_answers(rules, clock.today, given),
        None => (Questionnaire::new(rules, clock.today), Vec::new()),
    };
    for q in dropped {
        let prompt = short(&rules.questions[q].prompt, 50);
        prompter.say(&w.fill("ask-prefill-dropped", &[("prompt", &prompt)]));
    }
    loop {
        while let Some(q) = qn.current() {
            let current = qn.answers().reply(q).clone();
            prompter.say("");
            if let Some(progress) = qn.progress(q) {
                prompter.say(&progress_line(w, progress));
            }
            let use_ = time_use(rules, q, audience);
            match ask_one(w, prompter, &rules.questions[q], &current, use_, clock)? {
                Act::Given(reply) => {
                    let cleared = qn.answer(q, reply);
                    removed(prompter, rules, &cleared);
                }
                Act::Back => {
                    if qn.back().is_none() {
                        prompter.say(w.get("ask-first-question"));
                    }
                }
                Act::Escape => {
                    if discard(w, prompter)? {
                        return Ok(None);
                    }
                }
            }
        }
        summary(prompter, &qn);
        let confirm = [
            keyed(w, "ask-confirm-yes", "ask-yes-key"),
            Choice::new(w.get("ask-confirm-change"), Some('c')),
        ];
        match prompter.choose(w.get("ask-confirm"), &confirm, 0, true)? {
            Act::Given(0) => break,
            Act::Given(_) => {
                if change(prompter, &mut qn, audience, clock)? {
                    return Ok(None);
                }
            }
            Act::Back => {
                qn.back();
            }
            Act::Escape => {
                if discard(w, prompter)? {
                    return Ok(None);
                }
            }
        }
    }
    Ok(Some(qn.into_answers()))
}

/// "Question 3 of 7": screening and aftercare questions are counted apart, since
/// whether aftercare questions come at all depends on the screening answers.
fn progress_line(w: &Words, progress: Progress) -> String {
    let key = match progress.part {
        Purpose::Screening => "ask-progress",
        Purpose::Aftercare => "ask-progress-aftercare",
    };
    w.fill(
        key,
        &[
            ("number", &progress.number.to_string()),
            ("total", &progress.total.to_string()),
        ],
    )
}

fn removed(prompter: &mut dyn Prompter, rules: &RuleSet, cleared: &[usize]) {
    for &q in cleared {
        let prompt = short(&rules.questions[q].prompt, 60);
        prompter.say(&rules.words().fill("ask-removed", &[("prompt", &prompt)]));
    }
}

/// "Change an answer" at the summary: pick one, answer it again, then whatever that
/// makes missing is asked before the summary comes back.
fn change(
    prompter: &mut dyn Prompter,
    qn: &mut Questionnaire,
    audience: Audience,
    clock: Clock,
) -> Result<bool, Cancelled> {
    let rules = qn.rules();
    let w = rules.words();
    let answered = qn.answered();
    let mut items: Vec<Choice> = answered
        .iter()
        .map(|&q| {
            let question = &rules.questions[q];
            let label = format!(
                "{} ({})",
                short(&question.prompt, 60),
                reply_words(rules.words(), question, qn.answers().reply(q))
            );
            Choice::new(label, None)
        })
        .collect();
    items.push(Choice::new(w.get("ask-back-to-summary"), None));
    let pick = match prompter.choose(w.get("ask-which-to-change"), &items, 0, true)? {
        Act::Given(pick) => pick,
        Act::Back => return Ok(false),
        Act::Escape => return discard(w, prompter),
    };
    let Some(&q) = answered.get(pick) else {
        return Ok(false);
    };
    let current = qn.answers().reply(q).clone();
    let use_ = time_use(rules, q, audience);
    prompter.say("");
    match ask_one(w, prompter, &rules.questions[q], &current, use_, clock)? {
        Act::Given(reply) => {
            let cleared = qn.change(q, reply);
            removed(prompter, rules, &cleared);
        }
        Act::Back => {}
        Act::Escape => return discard(w, prompter),
    }
    Ok(false)
}

fn time_use(rules: &RuleSet, q: usize, audience: Audience) -> TimeUse {
    TimeUse {
        audience,
        procedure: q == rules.aftercare.starts_at,
    }
}

/// Asks one question; `current` is the reply being changed (or `Missing`).
fn ask_one(
    w: &Words,
    prompter: &mut dyn Prompter,
    question: &QuestionDef,
    current: &Reply,
    use_: TimeUse,
    clock: Clock,
) -> Result<Act<Reply>, Cancelled> {
    let audience = use_.audience;
    if let Some(help) = &question.help {
        prompter.say(help);
    }
    if audience == Audience::Staff
        && let Some(cue) = &question.cue
    {
        prompter.say(&w.fill("ask-desk-cue", &[("cue", cue)]));
    }
    match &question.kind {
        Kind::Boolean => {
            let items = vec![
                keyed(w, "ask-yes", "ask-yes-key"),
                keyed(w, "ask-no", "ask-no-key"),
                not_sure(w),
            ];
            // Fail-safe default: Enter without a choice means "not sure", never "no".
            let default = match current {
                Reply::Given(Value::Bool(true)) => 0,
                Reply::Given(Value::Bool(false)) => 1,
                _ => 2,
            };
            Ok(
                match prompter.choose(&question.prompt, &items, default, true)? {
                    Act::Given(0) => Act::Given(Reply::Given(Value::Bool(true))),
                    Act::Given(1) => Act::Given(Reply::Given(Value::Bool(false))),
                    Act::Given(_) => Act::Given(Reply::NotSure),
                    Act::Back => Act::Back,
                    Act::Escape => Act::Escape,
                },
            )
        }
        Kind::Choice(options) => {
            let mut items: Vec<Choice> = options
                .iter()
                .enumerate()
                .map(|(i, o)| Choice::new(o.label.clone(), digit(i)))
                .collect();
            items.push(not_sure(w));
            let default = match current {
                Reply::Given(Value::Choice(i)) => *i,
                _ => options.len(),
            };
            Ok(
                match prompter.choose(&question.prompt, &items, default, true)? {
                    Act::Given(pick) if pick < options.len() => {
                        Act::Given(Reply::Given(Value::Choice(pick)))
                    }
                    Act::Given(_) => Act::Given(Reply::NotSure),
                    Act::Back => Act::Back,
                    Act::Escape => Act::Escape,
                },
            )
        }
        Kind::Date | Kind::DateTime | Kind::Number { .. } => {
            ask_typed(w, prompter, question, current, use_, clock)
        }
    }
}

/// The key `1`..`9` for the first nine options of a list.
fn digit(i: usize) -> Option<char> {
    u32::try_from(i + 1)
        .ok()
        .filter(|n| *n <= 9)
        .and_then(|n| char::from_digit(n, 10))
}

/// A date, date and time, or number, typed.
fn ask_typed(
    w: &Words,
    prompter: &mut dyn Prompter,
    question: &QuestionDef,
    current: &Reply,
    use_: TimeUse,
    clock: Clock,
) -> Result<Act<Reply>, Cancelled> {
    let audience = use_.audience;
    // "now" only at the desk, and only when screening for today: someone at home
    // is not at the clinic, and a screening for another day is not for now.
    let offer_now = question.default_now
        && audience == Audience::Staff
        && clock.now.date_naive() == clock.today;
    let (hint, default) = match &question.kind {
        Kind::Date => (w.get("ask-hint-date"), None),
        Kind::DateTime if offer_now => (w.get("ask-hint-now"), Some(w.get("ask-now"))),
        Kind::DateTime if audience == Audience::Patient => (w.get("ask-hint-appointment"), None),
        Kind::DateTime => (w.get("ask-hint-time"), None),
        _ => (w.get("ask-hint-number"), None),
    };
    let current_text = match current {
        // The typed form of a given date or number, read back by the same parser: it has
        // no words, so the base catalogue serves every language.
        Reply::Given(_) => Some(reply_words(
            crate::i18n::words(crate::i18n::BASE),
            question,
            current,
        )),
        _ => None,
    };
    let default = current_text.as_deref().or(default);
    let prompt = format!("{} ({hint})", question.prompt);
    let check = |text: &str| typed(w, question, text, use_, clock).map(|_| ());
    loop {
        let text = match prompter.text(&prompt, default, true, &check)? {
            Act::Given(text) => text,
            Act::Back => return Ok(Act::Back),
            Act::Escape => return Ok(Act::Escape),
        };
        // `check` accepted this very text, so the conversion succeeds again; were it
        // ever to fail, "not sure" is the fail-safe reading.
        let (first, second) = match typed(w, question, &text, use_, clock) {
            Ok(Typed::Reply(reply)) => return Ok(Act::Given(reply)),
            Ok(Typed::Ambiguous(first, second)) => (first, second),
            Err(_) => return Ok(Act::Given(Reply::NotSure)),
        };
        let at = |t: DateTime<FixedOffset>| t.format("%H:%M (UTC%:z)").to_string();
        let items = [
            Choice::new(
                w.fill("ask-twice-first", &[("time", &at(first))]),
                Some('1'),
            ),
            Choice::new(
                w.fill("ask-twice-second", &[("time", &at(second))]),
                Some('2'),
            ),
            not_sure(w),
        ];
        let prompt = w.fill(
            "ask-twice",
            &[
                ("time", &first.format("%H:%M").to_string()),
                ("date", &first.format("%Y-%m-%d").to_string()),
            ],
        );
        match prompter.choose(&prompt, &items, 2, true)? {
            Act::Given(0) => return Ok(Act::Given(Reply::Given(Value::DateTime(first)))),
            Act::Given(1) => return Ok(Act::Given(Reply::Given(Value::DateTime(second)))),
            Act::Given(_) => return Ok(Act::Given(Reply::NotSure)),
            // Back to typing the time.
            Act::Back => {}
            Act::Escape => return Ok(Act::Escape),
        }
    }
}

/// Converts what was typed at a prompt into a reply, through the answers document's
/// own validation. The message says how to type it right. A time that happens twice is
/// an error here: [`ask_one`] asks which one is meant.
pub fn typed_reply(
    w: &Words,
    question: &QuestionDef,
    text: &str,
    use_: TimeUse,
    clock: Clock,
) -> Result<Reply, String> {
    match typed(w, question, text, use_, clock)? {
        Typed::Reply(reply) => Ok(reply),
        Typed::Ambiguous(..) => Err(w.get("error-twice").to_string()),
    }
}

/// What was typed, read for this question: a reply, a time to ask about, or why not.
pub fn typed(
    w: &Words,
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
        return Err(w.get("error-type-answer").to_string());
    }
    let how = |problem: Problem| match problem {
        Problem::BadDate { .. } => w.get("error-bad-date").to_string(),
        Problem::BadDateTime { .. } => w.get("error-bad-time").to_string(),
        Problem::OutOfRange { .. } => w.get("error-out-of-range").to_string(),
        other => other.to_string(),
    };
    let reply = match &question.kind {
        Kind::DateTime => {
            let value = match local_datetime(w, text, use_, clock)? {
                Some(Resolved::One(t)) => answers::parse_text(question, &t.to_rfc3339()),
                Some(Resolved::Two(first, second)) => {
                    check_procedure_date(w, first, use_, clock)?;
                    return Ok(Typed::Ambiguous(first, second));
                }
                None => answers::parse_text(question, text),
            }
            .map_err(how)?;
            if let Value::DateTime(t) = &value {
                check_procedure_date(w, *t, use_, clock)?;
            }
            value
        }
        Kind::Number { .. } => match text.parse::<f64>() {
            Ok(n) => answers::check_number(question, n).map_err(how)?,
            Err(_) => return Err(w.get("error-number").to_string()),
        },
        _ => answers::parse_text(question, text).map_err(how)?,
    };
    Ok(Typed::Reply(Reply::Given(reply)))
}

/// The procedure cannot be on a local date before the screening date.
fn check_procedure_date(
    w: &Words,
    t: DateTime<FixedOffset>,
    use_: TimeUse,
    clock: Clock,
) -> Result<(), String> {
    if use_.procedure && t.date_naive() < clock.today {
        Err(w.fill(
            "error-before-screening",
            &[("date", &clock.today.to_string())],
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
fn local_datetime(
    w: &Words,
    text: &str,
    use_: TimeUse,
    clock: Clock,
) -> Result<Option<Resolved>, String> {
    // `now` in every language, and the word the hint offers in this one (`ahora`).
    if text.eq_ignore_ascii_case("now") || text.eq_ignore_ascii_case(w.get("ask-now")) {
        return if use_.audience == Audience::Staff {
            Ok(Some(Resolved::One(clock.now)))
        } else {
            Err(w.get("error-appointment").to_string())
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
        LocalResult::None => Err(w.fill(
            "error-skipped-time",
            &[("time", &naive.format("%Y-%m-%d %H:%M").to_string())],
        )),
    }
}

fn summary(prompter: &mut dyn Prompter, qn: &Questionnaire) {
    let rules = qn.rules();
    let w = rules.words();
    prompter.say("");
    let answered = qn.answered();
    if answered.iter().any(|&q| qn.is_prefilled(q)) {
        prompter.say(w.get("ask-summary-prefilled"));
    } else {
        prompter.say(w.get("ask-summary"));
    }
    for q in answered {
        let question = &rules.questions[q];
        let reply = reply_words(rules.words(), question, qn.answers().reply(q));
        let mark = if qn.is_prefilled(q) { '*' } else { ' ' };
        prompter.say(&format!(
            "{mark} {:<16} {}",
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

/// The real terminal, through dialoguer's `console`: lists and one-line answers read
/// key by key, so that letters answer at once and Back and Esc work everywhere.
/// (dialoguer's own `Select` takes no letter keys and cannot tell Esc from Back.)
/// Everything goes to stderr: results belong on stdout.
mod terminal {
    use dialoguer::console::{Key, Term, style};

    use super::{Act, Cancelled, Choice, Prompter, short};
    use crate::i18n::{self, Words};
    use crate::render::wrap;

    /// Rows of a list shown at once; longer lists scroll.
    const LIST_ROWS: usize = 10;

    pub struct TerminalPrompter {
        term: Term,
        color: bool,
        /// The key hints' language: English until a rule set says otherwise.
        words: &'static Words,
    }

    impl TerminalPrompter {
        pub fn new(color: bool) -> TerminalPrompter {
            TerminalPrompter {
                term: Term::stderr(),
                color,
                words: i18n::words(i18n::BASE),
            }
        }

        fn columns(&self) -> usize {
            usize::from(self.term.size().1).clamp(40, 100)
        }

        /// `text` broken at word boundaries to fit the terminal, leaving `margin`
        /// columns: a list is redrawn by counting lines, so no line may wrap by itself.
        fn fit(&self, text: &str, margin: usize) -> String {
            wrap(text, self.columns().saturating_sub(margin)).join("\n")
        }

        /// Leaves the terminal clean after a cancel: cursor visible, on a fresh line.
        fn restore(&self) -> Cancelled {
            let _ = self.term.show_cursor();
            let _ = self.term.write_line("");
            Cancelled
        }

        fn dim(&self, text: &str) -> String {
            if self.color {
                style(text).dim().to_string()
            } else {
                text.to_string()
            }
        }

        /// The one-line key hint under a list: its keys (`1-3/?` for numbered
        /// options), then Back only where it means something.
        fn list_hint(&self, items: &[Choice], back: bool) -> String {
            let w = self.words;
            let or = w.get("ask-keys-or");
            let keys: Vec<char> = items.iter().filter_map(|i| i.key).collect();
            let digits = keys.iter().take_while(|k| k.is_ascii_digit()).count();
            let keys = match keys.as_slice() {
                [] => String::new(),
                [first, ..] if digits > 2 => {
                    let rest: String = keys[digits..].iter().map(|k| format!("/{k}")).collect();
                    format!("{first}-{}{rest} {or} ", keys[digits - 1])
                }
                _ => {
                    let keys: Vec<String> = keys.iter().map(char::to_string).collect();
                    format!("{} {or} ", keys.join("/"))
                }
            };
            let back = if back {
                format!("   {}", w.get("ask-keys-back"))
            } else {
                String::new()
            };
            let hint = format!(
                "{keys}{}{back}   {}",
                w.get("ask-keys-choose"),
                w.get("ask-keys-stop")
            );
            short(&hint, self.columns() - 1)
        }

        /// Draws the list with `selected` marked; returns the number of lines drawn.
        fn draw(&self, prompt: &str, items: &[Choice], selected: usize, hint: &str) -> usize {
            let mut lines: Vec<String> = prompt
                .lines()
                .map(|l| {
                    if self.color {
                        style(l).bold().to_string()
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            let first = selected
                .saturating_sub(LIST_ROWS - 1)
                .min(items.len().saturating_sub(LIST_ROWS));
            let width = self.columns() - 3;
            for (i, item) in items.iter().enumerate().skip(first).take(LIST_ROWS) {
                let label = short(&item.label, width);
                lines.push(if i != selected {
                    format!("  {label}")
                } else if self.color {
                    style(format!("> {label}")).cyan().bold().to_string()
                } else {
                    format!("> {label}")
                });
            }
            lines.push(self.dim(hint));
            for line in &lines {
                let _ = self.term.write_line(line);
            }
            lines.len()
        }
    }

    impl Prompter for TerminalPrompter {
        fn choose(
            &mut self,
            prompt: &str,
            items: &[Choice],
            default: usize,
            back: bool,
        ) -> Result<Act<usize>, Cancelled> {
            if items.is_empty() {
                return Err(Cancelled);
            }
            let asked = prompt;
            let prompt = self.fit(prompt, 2);
            let hint = self.list_hint(items, back);
            let count = items.len();
            let mut selected = default.min(count - 1);
            let _ = self.term.hide_cursor();
            let mut drawn = self.draw(&prompt, items, selected, &hint);
            let act = loop {
                let key = self.term.read_key_raw().map_err(|_| self.restore())?;
                match key {
                    Key::ArrowUp | Key::BackTab | Key::Char('k') => {
                        selected = (selected + count - 1) % count
                    }
                    Key::ArrowDown | Key::Tab | Key::Char('j') => selected = (selected + 1) % count,
                    Key::Enter | Key::Char(' ') => break Act::Given(selected),
                    Key::ArrowLeft | Key::Backspace | Key::Char('b' | 'B') if back => {
                        break Act::Back;
                    }
                    Key::Escape => break Act::Escape,
                    Key::CtrlC => return Err(self.restore()),
                    Key::Char(c) => {
                        let hit = items
                            .iter()
                            .position(|i| i.key.is_some_and(|k| k.eq_ignore_ascii_case(&c)));
                        if let Some(i) = hit {
                            break Act::Given(i);
                        }
                        continue;
                    }
                    _ => continue,
                }
                let _ = self.term.clear_last_lines(drawn);
                drawn = self.draw(&prompt, items, selected, &hint);
            };
            let _ = self.term.clear_last_lines(drawn);
            let _ = self.term.show_cursor();
            if let Act::Given(i) = act {
                // The question and the answer, wrapped as one text.
                let echo = self.fit(&format!("{asked}: {}", items[i].label), 2);
                let echo = if self.color {
                    style(echo).cyan().to_string()
                } else {
                    echo
                };
                let _ = self.term.write_line(&echo);
            }
            Ok(act)
        }

        fn text(
            &mut self,
            prompt: &str,
            default: Option<&str>,
            back: bool,
            check: &dyn Fn(&str) -> Result<(), String>,
        ) -> Result<Act<String>, Cancelled> {
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
            let w = self.words;
            let hint = if back {
                format!(
                    "{}   {}   {}",
                    w.get("ask-keys-type"),
                    w.get("ask-keys-type-back"),
                    w.get("ask-keys-stop")
                )
            } else {
                format!("{}   {}", w.get("ask-keys-type"), w.get("ask-keys-stop"))
            };
            let hint = self.dim(&hint);
            let _ = self.term.write_line(&hint);
            loop {
                self.term.write_str(&shown).map_err(|_| self.restore())?;
                let mut line = String::new();
                loop {
                    match self.term.read_key_raw() {
                        Ok(Key::Enter) => break,
                        Ok(Key::CtrlC) | Err(_) => return Err(self.restore()),
                        Ok(Key::Escape) => {
                            let _ = self.term.write_line("");
                            return Ok(Act::Escape);
                        }
                        Ok(Key::ArrowLeft) if back && line.is_empty() => {
                            let _ = self.term.write_line("");
                            return Ok(Act::Back);
                        }
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
                    Ok(()) => return Ok(Act::Given(value)),
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

        fn speak(&mut self, words: &'static Words) {
            self.words = words;
        }

        fn say(&mut self, text: &str) {
            if text.trim().is_empty() {
                let _ = self.term.write_line("");
                return;
            }
            let columns = self.columns();
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

    fn en() -> &'static Words {
        crate::i18n::words("en")
    }

    use crate::testing::Scripted;
    use crate::testing::Step::{self, *};

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
        let result = run(&rules, clock(), audience, Initials::No, None, &mut p);
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
            // No makeup question for a body treatment.
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
        let session = run(
            &rules,
            clock(),
            Audience::Staff,
            Initials::Ask,
            None,
            &mut p,
        )
        .unwrap();
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
            let got = typed(en(), time, typed_text, STAFF_PROCEDURE, clock);
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
        let session = run(&rules, clock, Audience::Staff, Initials::No, None, &mut p).unwrap();
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
        let session = run(
            &rules,
            clock(),
            Audience::Patient,
            Initials::No,
            None,
            &mut p,
        )
        .unwrap();
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
        run(&rules, later, Audience::Staff, Initials::No, None, &mut p).unwrap();
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
                typed_reply(en(), time, typed, STAFF_PROCEDURE, clock())
            else {
                panic!("{typed}")
            };
            assert_eq!(t.to_rfc3339(), expected, "{typed}");
        }
        assert!(typed_reply(en(), time, "25:00", STAFF_PROCEDURE, clock()).is_err());
        let age = &rules.questions[q(&rules, "age")];
        let u = TimeUse {
            audience: Audience::Staff,
            procedure: false,
        };
        assert_eq!(
            typed_reply(en(), age, "42", u, clock()),
            Ok(Reply::Given(Value::Number(42.0)))
        );
        assert_eq!(
            typed_reply(en(), age, "not sure", u, clock()),
            Ok(Reply::NotSure)
        );
        assert!(typed_reply(en(), age, "200", u, clock()).is_err());
        assert!(typed_reply(en(), age, "forty", u, clock()).is_err());
    }

    #[test]
    fn keys_answer_at_once_and_each_question_shows_its_progress() {
        let steps = [
            Key('y'),
            Key('?'),
            Key('n'),
            Key('n'),
            Key('n'),
            Key('n'),
            Key('n'),
            Key('y'),
        ];
        let (result, shown) = run_script(&steps, Audience::Staff);
        let rules = default_rules();
        let a = result.unwrap();
        assert_eq!(
            a.answers.value(q(&rules, "pregnant")),
            Some(&Value::Bool(true))
        );
        assert_eq!(a.answers.reply(q(&rules, "eczema")), &Reply::NotSure);
        assert_eq!(
            a.answers.value(q(&rules, "psoriasis")),
            Some(&Value::Bool(false))
        );
        let progress: Vec<&String> = shown
            .iter()
            .filter(|l| l.starts_with("Question "))
            .collect();
        assert_eq!(
            progress,
            [
                "Question 1 of 7",
                "Question 2 of 7",
                "Question 3 of 7",
                "Question 4 of 7",
                "Question 5 of 7",
                "Question 6 of 7",
                "Question 7 of 7"
            ]
        );
    }

    #[test]
    fn a_follow_up_grows_the_count_and_aftercare_is_counted_apart() {
        let mut steps = ALL_NO[..6].to_vec();
        steps.extend([Pick("Yes"), Type("2020-01-01"), Back, Back, Pick("No")]);
        steps.extend([
            Type("now"),
            Pick("Face"),
            Pick("No"),
            Pick("No"),
            Pick("No"),
        ]);
        steps.push(Pick("Yes, show"));
        let (result, shown) = run_script(&steps, Audience::Staff);
        assert!(result.is_ok());
        let progress: Vec<&str> = shown
            .iter()
            .filter(|l| l.contains("uestion ") && l.contains(" of "))
            .map(String::as_str)
            .collect();
        assert_eq!(
            progress[6..],
            [
                "Question 7 of 7",
                "Question 8 of 8",
                "Aftercare question 1 of 4",
                "Question 8 of 8",
                "Question 7 of 8",
                "Aftercare question 1 of 4",
                "Aftercare question 2 of 4",
                "Aftercare question 3 of 5",
                "Aftercare question 4 of 5",
                "Aftercare question 5 of 5",
            ],
            "back from the procedure time: the end date, then radiation; its No drops the end date"
        );
        assert!(
            shown
                .iter()
                .any(|l| l.starts_with("No longer asked, answer removed: On what date"))
        );
    }

    #[test]
    fn back_goes_to_the_previous_question_with_its_answer_kept() {
        let rules = default_rules();
        let mut steps = vec![Back, Key('n'), Key('y'), Back, Back];
        // Back at "pregnant" again: "no" kept; Enter-equivalent: pick it again.
        steps.extend([Key('n'), Key('y')]);
        steps.extend(ALL_NO[2..].iter().cloned());
        steps.push(Key('y'));
        let mut p = Scripted::new(&steps);
        let session = run(&rules, clock(), Audience::Staff, Initials::No, None, &mut p).unwrap();
        assert!(p.script.is_empty());
        assert!(p.shown.contains(&"This is the first question.".to_string()));
        assert_eq!(
            session.answers.value(q(&rules, "eczema")),
            Some(&Value::Bool(true))
        );
        let asked: Vec<&str> = p
            .shown
            .iter()
            .filter(|l| l.starts_with("? "))
            .map(|l| &l[..16])
            .collect();
        let (pr, ecz, pso) = ("? Are you pregna", "? Do you have ec", "? Do you have ps");
        assert_eq!(asked[..7], [pr, pr, ecz, pso, ecz, pr, ecz]);
        // Highlighted when shown: "Not sure" when new, the kept answer when gone back to.
        assert_eq!(
            p.defaults[..7],
            [
                "Not sure", "Not sure", "Not sure", "Not sure", "Yes", "No", "Yes"
            ]
        );
    }

    #[test]
    fn esc_asks_before_discarding() {
        // n resumes at the same question; y discards.
        let steps = [Key('n'), Esc, Key('n'), Key('n'), Esc, Key('y')];
        let (result, shown) = run_script(&steps, Audience::Staff);
        assert_eq!(result.unwrap_err(), Cancelled);
        let asked: Vec<&String> = shown.iter().filter(|l| l.starts_with("? ")).collect();
        assert_eq!(
            asked,
            [
                "? Are you pregnant, or could you be?",
                "? Do you have eczema?",
                "? Discard this screening?",
                "? Do you have eczema?",
                "? Do you have psoriasis?",
                "? Discard this screening?",
            ]
        );
        // At a typed answer and at the summary too; Esc at the question resumes.
        let mut steps = ALL_NO[..6].to_vec();
        steps.extend([
            Pick("Yes"),
            Esc,
            Esc,
            Type("2026-08-31"),
            Esc,
            Key('n'),
            Key('y'),
        ]);
        let (result, _) = run_script(&steps, Audience::Staff);
        assert!(result.is_ok());
    }

    #[test]
    fn prefilled_answers_are_not_asked_and_are_marked_at_the_summary() {
        let rules = default_rules();
        let given = crate::testing::answers(
            &rules,
            serde_json::json!({"pregnant": false, "eczema": false, "psoriasis": false,
                "other_skin_disease": false, "open_wounds": false, "treatment_area": "body"}),
        );
        let steps = [
            Key('n'),
            Key('n'),
            Type("now"),
            Key('n'),
            Key('n'),
            Key('y'),
        ];
        let mut p = Scripted::new(&steps);
        let session = run(
            &rules,
            clock(),
            Audience::Staff,
            Initials::No,
            Some(given),
            &mut p,
        )
        .unwrap();
        assert!(p.script.is_empty(), "{:?}", p.script);
        assert_eq!(
            screen(&rules, &session.answers, clock().today).verdict,
            Verdict::Candidate
        );
        assert!(p.shown.contains(&"Question 1 of 2".to_string()));
        assert!(p.shown.contains(
            &"Your answers (* pre-filled, not asked: confirm or change them):".to_string()
        ));
        assert!(
            p.shown
                .iter()
                .any(|l| l.starts_with("* Body (for examp… Which area")),
            "{:#?}",
            p.shown
        );
        assert!(
            p.shown
                .iter()
                .any(|l| l.starts_with("  no               Has your skin"))
        );
    }

    #[test]
    fn no_help_text_promises_a_question_that_may_not_come() {
        let rules = default_rules();
        for question in &rules.questions {
            let help = question.help.as_deref().unwrap_or("").to_lowercase();
            assert!(!help.contains("next question"), "{}: {help}", question.id);
        }
    }
}
