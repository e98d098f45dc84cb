//! The self-check page's engine: `prescreen-core` behind one JSON call, compiled to
//! `wasm32-unknown-unknown` and embedded in the page that `prescreen page` writes.
//!
//! Thin, like the JavaScript around it: every decision is the core's. Which question
//! comes next, what a changed answer clears, and where Back goes are the core's
//! [`Questionnaire`]; answers are checked by [`answers::parse`], the path every answers
//! document takes; the result is [`record::assess_answers`] and the core's renderers,
//! exactly what `prescreen screen --for self` runs. The page keeps the answers (the
//! engine is asked again with all of them at each step) and only the loaded rule file
//! stays here between calls.
//!
//! The WebAssembly interface is three raw exports, no bindings crate: `alloc(len)` and
//! `dealloc(ptr, len)` for buffers, and `call(ptr, len)`, which reads a JSON request and
//! returns a JSON response as `ptr << 32 | len` (to be freed with `dealloc`).
//!
//! Requests (`op`): `load` `{rules, lang, prefer}`; `step` `{today, answers, at, action}`
//! with action `start`, `stay`, `back` or `{"answer": id}`; `result` `{today, now,
//! answers}`. A response is `{"ok": ...}` or `{"error": {"code", "message"}}`; messages
//! never carry an answer.
//!
//! Every word the page shows comes from here, in the language loaded: the rule file's
//! texts, and the page's own words (the catalogue's `page-*` messages, sent by `load`).

// A panic is never an answer to bad input: outside tests, every failure is a value.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::cell::RefCell;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Deserialize;
use serde_json::{Map, Value as Json, json};

use prescreen_core::answers::{self, Answers, Reply};
use prescreen_core::i18n;
use prescreen_core::questionnaire::Questionnaire;
use prescreen_core::record::{self, Settings};
use prescreen_core::render::{self, Reader, ScreenReport, html, ics};
use prescreen_core::rules::lang::{self, Wanted};
use prescreen_core::rules::{Kind, Purpose, RuleSet, RulesError};
use prescreen_core::screen::{self, Verdict};

thread_local! {
    /// The rule file loaded by the last `load`.
    static RULES: RefCell<Option<RuleSet>> = const { RefCell::new(None) };
}

#[derive(Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
enum Request {
    Load {
        rules: String,
        /// The language of the rule file's texts when no language of `prefer` is in
        /// the file (a tag the file must have, as with `--lang`); its first one when
        /// absent.
        #[serde(default)]
        lang: Option<String>,
        /// The browser's languages, most wanted first (`navigator.languages`): the first
        /// the file has wins, and `lang` is then only the fallback.
        #[serde(default)]
        prefer: Vec<String>,
    },
    Step {
        today: String,
        answers: Map<String, Json>,
        at: Option<String>,
        action: Action,
    },
    Result {
        today: String,
        now: String,
        answers: Map<String, Json>,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Action {
    /// Where to begin (or resume): the first question not yet answered.
    Start,
    /// The question at `at` again: the page shows it anew after the language changed.
    Stay,
    /// The question asked before `at` (from the end: the last one asked).
    Back,
    /// The answer to this question is in `answers`: record it and move on.
    Answer(String),
}

/// A refusal: a stable code and one line with no answer in it.
#[derive(Debug, PartialEq)]
struct Refusal {
    code: &'static str,
    message: String,
}

fn refuse(code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal {
        code,
        message: message.into(),
    }
}

/// Handles one JSON request; always returns a JSON response.
pub fn handle(request: &[u8]) -> String {
    let response = match serde_json::from_slice::<Request>(request) {
        Err(e) => Err(refuse("bad_request", e.to_string())),
        Ok(Request::Load {
            rules,
            lang,
            prefer,
        }) => load(&rules, &wanted(&rules, lang.as_deref(), &prefer)),
        Ok(Request::Step {
            today,
            answers,
            at,
            action,
        }) => with_rules(|rules| step(rules, &today, &answers, at.as_deref(), &action)),
        Ok(Request::Result {
            today,
            now,
            answers,
        }) => with_rules(|rules| result(rules, &today, &now, &answers)),
    };
    match response {
        Ok(ok) => json!({ "ok": ok }).to_string(),
        Err(e) => json!({ "error": { "code": e.code, "message": e.message } }).to_string(),
    }
}

fn with_rules(f: impl FnOnce(&RuleSet) -> Result<Json, Refusal>) -> Result<Json, Refusal> {
    RULES.with(|cell| match cell.borrow().as_ref() {
        Some(rules) => f(rules),
        None => Err(refuse("no_rules", "no rule file is loaded")),
    })
}

/// The languages a rule file declares, read before the whole file is.
#[derive(Deserialize)]
struct Declared {
    #[serde(default)]
    languages: Option<Vec<String>>,
}

/// The language to load: the first of the browser's languages the file has (the core's
/// negotiation, so `es-MX` finds `es`), else `lang`, given as `--lang` is: a language
/// the file lacks is then an error, not a quiet fall back. Without either, the file's
/// first language.
fn wanted(text: &str, lang: Option<&str>, prefer: &[String]) -> Wanted {
    let declared = serde_json::from_str::<Declared>(text)
        .ok()
        .and_then(|d| d.languages)
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| vec![lang::DEFAULT_LANGUAGE.to_string()]);
    let available: Vec<&str> = declared.iter().map(String::as_str).collect();
    let found = prefer.iter().find(|tag| {
        let asked = Wanted {
            tag: Some((*tag).clone()),
            explicit: true,
        };
        lang::negotiate(&asked, &available).is_ok()
    });
    match found {
        Some(tag) => Wanted {
            tag: Some(tag.clone()),
            explicit: true,
        },
        None => Wanted::choose(lang, None, None, None),
    }
}

/// Loads (validates, compiles and proves) the rule file, and returns what the first
/// screen shows: the clinic, the introduction for someone at home, the file's languages
/// (each by its own name) and the page's own words, all in the language loaded.
fn load(text: &str, wanted: &Wanted) -> Result<Json, Refusal> {
    let rules = RuleSet::load(text.as_bytes(), wanted).map_err(|e: RulesError| {
        let problems: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
        let code = match e {
            RulesError::Unavailable(_) => "unknown_language",
            _ => "invalid_rules",
        };
        refuse(code, problems.join("; "))
    })?;
    let contact = render::contact(&rules).map(|c| {
        json!({
            "name": c.name,
            "phone": c.phone,
            "tel": c.tel(),
            "out_of_hours": c.out_of_hours,
        })
    });
    let languages: Vec<Json> = rules
        .languages
        .iter()
        .map(|tag| json!({ "tag": tag, "name": lang::name(tag) }))
        .collect();
    let words: Map<String, Json> = i18n::words(i18n::BASE)
        .keys()
        .filter(|key| key.starts_with("page-"))
        .map(|key| (key.to_string(), Json::from(rules.words().get(key))))
        .collect();
    let info = json!({
        "procedure": rules.procedure,
        "name": rules.text(&rules.file.name),
        "version": rules.file.version,
        "sha256": rules.sha256,
        "lang": rules.lang,
        "intro": rules.audiences.patient.intro,
        "clinic": contact,
        "languages": languages,
        "words": words,
    });
    RULES.with(|cell| *cell.borrow_mut() = Some(rules));
    Ok(info)
}

fn date(text: &str, what: &'static str) -> Result<NaiveDate, Refusal> {
    answers::parse_date(text).ok_or_else(|| refuse("bad_date", format!("`{what}` is not a date")))
}

/// The answers the page keeps, checked as any answers document is.
fn parse_answers(rules: &RuleSet, doc: &Map<String, Json>) -> Result<Answers, Refusal> {
    let bytes = Json::Object(doc.clone()).to_string();
    answers::parse(rules, bytes.as_bytes()).map_err(|e| refuse("invalid_answers", e.to_string()))
}

fn question_index(rules: &RuleSet, id: &str) -> Result<usize, Refusal> {
    rules
        .question_index(id)
        .ok_or_else(|| refuse("unknown_question", format!("no question `{id}`")))
}

/// The questionnaire as the person left it: their answers, given in file order, each
/// clearing what it rules out (the order a person answers in, since `ask_if` only names
/// earlier questions), standing at `at` when that is still asked.
fn resume<'r>(
    rules: &'r RuleSet,
    today: NaiveDate,
    answers: &Answers,
    at: Option<usize>,
) -> Questionnaire<'r> {
    let mut qn = Questionnaire::new(rules, today);
    for q in 0..rules.questions.len() {
        let reply = answers.reply(q);
        if *reply != Reply::Missing {
            qn.change(q, reply.clone());
        }
    }
    // From the end, Back walks to `at`; it stops at the first question.
    if let Some(at) = at {
        for _ in 0..=rules.questions.len() {
            if qn.current() == Some(at) || qn.back().is_none() {
                break;
            }
        }
    }
    qn
}

fn step(
    rules: &RuleSet,
    today: &str,
    doc: &Map<String, Json>,
    at: Option<&str>,
    action: &Action,
) -> Result<Json, Refusal> {
    let today = date(today, "today")?;
    let answers = parse_answers(rules, doc)?;
    let at = at.map(|id| question_index(rules, id)).transpose()?;
    let qn = match action {
        Action::Start => resume(rules, today, &answers, None),
        Action::Stay => resume(rules, today, &answers, at),
        Action::Back => {
            let mut qn = resume(rules, today, &answers, at);
            qn.back();
            qn
        }
        Action::Answer(id) => {
            let q = question_index(rules, id)?;
            // As the CLI's prompt does: a procedure before today is refused where it is
            // typed, by the check the result would fail on.
            if let Err(e) = screen::screen_for_procedure(rules, &answers, today) {
                let date = render::long_date(rules.words(), e.screened_on);
                return Err(refuse(
                    "before_screening",
                    rules.words().fill("page-before-today", &[("date", &date)]),
                ));
            }
            let mut qn = resume(rules, today, &answers, Some(q));
            if qn.current() != Some(q) {
                return Err(refuse("not_asked", format!("`{id}` is not asked now")));
            }
            qn.answer(q, answers.reply(q).clone());
            qn
        }
    };
    let current = qn.current();
    let question = current.map(|q| question_json(&qn, q));
    let kept = answers_json(rules, qn.answers());
    Ok(json!({
        "answers": kept,
        "at": current.map(|q| rules.questions[q].id.clone()),
        "question": question,
    }))
}

/// The answers as an answers document: missing keys left out, "not sure" as `null`.
fn answers_json(rules: &RuleSet, answers: &Answers) -> Json {
    let mut doc = Map::new();
    for (q, question) in rules.questions.iter().enumerate() {
        match answers.reply(q) {
            Reply::Missing => {}
            Reply::NotSure => {
                doc.insert(question.id.clone(), Json::Null);
            }
            Reply::Given(value) => {
                doc.insert(question.id.clone(), answers::value_json(question, value));
            }
        }
    }
    Json::Object(doc)
}

fn part_name(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::Screening => "screening",
        Purpose::Aftercare => "aftercare",
    }
}

/// One question as the page shows it: the options to pick (with "Not sure"), or the kind
/// of value to type, the reply already given, and where it stands.
fn question_json(qn: &Questionnaire, q: usize) -> Json {
    let rules = qn.rules();
    let question = &rules.questions[q];
    // Every question offers "not sure", and it is never read as "no".
    let words = rules.words();
    let not_sure = json!({ "label": words.get("ask-not-sure"), "value": null });
    let (kind, options, min, max) = match &question.kind {
        Kind::Boolean => (
            "boolean",
            vec![
                json!({ "label": words.get("ask-yes"), "value": true }),
                json!({ "label": words.get("ask-no"), "value": false }),
                not_sure,
            ],
            None,
            None,
        ),
        Kind::Choice(choices) => (
            "choice",
            choices
                .iter()
                .map(|c| json!({ "label": c.label, "value": c.value }))
                .chain([not_sure])
                .collect(),
            None,
            None,
        ),
        Kind::Date => ("date", vec![not_sure], None, None),
        Kind::DateTime => ("datetime", vec![not_sure], None, None),
        Kind::Number { min, max } => ("number", vec![not_sure], *min, *max),
    };
    let (state, reply) = match qn.answers().reply(q) {
        Reply::Missing => ("missing", Json::Null),
        Reply::NotSure => ("not_sure", Json::Null),
        Reply::Given(value) => ("given", answers::value_json(question, value)),
    };
    let progress = qn
        .progress(q)
        .map(|p| json!({ "part": part_name(p.part), "number": p.number, "total": p.total }));
    json!({
        "id": question.id,
        "prompt": question.prompt,
        "help": question.help,
        "kind": kind,
        "options": options,
        "min": min,
        "max": max,
        "state": state,
        "reply": reply,
        "progress": progress,
    })
}

/// The result `prescreen screen --for self` gives for these answers: the verdict in
/// plain words, the reasons, what to do next, the printable HTML (the aftercare sheet
/// for a candidate) and, when they can be timed, the calendar reminders.
fn result(
    rules: &RuleSet,
    today: &str,
    now: &str,
    doc: &Map<String, Json>,
) -> Result<Json, Refusal> {
    let today = date(today, "today")?;
    let now: DateTime<FixedOffset> = answers::parse_datetime(now)
        .ok_or_else(|| refuse("bad_date", "`now` is not a date and time"))?;
    let answers = parse_answers(rules, doc)?;
    let settings = Settings {
        today,
        checklist: true,
    };
    let assessment = record::assess_answers(rules, answers, &settings)
        .map_err(|e| refuse("invalid_answers", e.to_string()))?;
    let mut report: ScreenReport = assessment.report(rules, false);
    report.reader = Reader::Patient;
    let s = &assessment.screening;

    let mut sheet = Vec::new();
    html::write_screen(&report, &mut sheet)
        .map_err(|e| refuse("render", format!("the sheet could not be made: {e}")))?;
    let sheet = String::from_utf8(sheet)
        .map_err(|_| refuse("render", "the sheet could not be made: not UTF-8"))?;

    let (calendar, no_calendar) = calendar(rules, &assessment, now)?;
    let reasons: Vec<Json> = s
        .reasons
        .iter()
        .map(|reason| {
            let answers: Vec<Json> = render::reason_answers(rules, &assessment.answers, reason)
                .into_iter()
                .map(|(prompt, reply)| json!({ "prompt": prompt, "reply": reply }))
                .collect();
            json!({
                "outcome": render::patient_outcome_words(rules.words(), reason.outcome),
                "message": reason.message,
                "answers": answers,
                "book_from": reason.eligible_from.map(|d| render::long_date(rules.words(), d)),
            })
        })
        .collect();
    Ok(json!({
        "verdict": s.verdict.id(),
        "symbol": render::verdict_symbol(s.verdict),
        "headline": render::patient_verdict(rules.words(), s.verdict, s.eligible_from),
        "note": format!(
            "{}. {}",
            render::patient_dates_words(rules.words(), s),
            rules.words().get("sheet-final-decision")
        ),
        "eligible_from": s.eligible_from.map(|d| d.format("%Y-%m-%d").to_string()),
        "reasons": reasons,
        "next_steps": render::next_steps(rules, s),
        "sheet_html": sheet,
        "ics": calendar,
        "no_ics": no_calendar,
    }))
}

/// The calendar file for a candidate whose procedure time is known, or why there is
/// none (the same reasons `prescreen screen --ics` gives).
fn calendar(
    rules: &RuleSet,
    assessment: &record::Assessment,
    now: DateTime<FixedOffset>,
) -> Result<(Option<String>, Option<String>), Refusal> {
    let checklist = match &assessment.checklist {
        None => {
            let verdict = assessment.screening.verdict;
            debug_assert_ne!(verdict, Verdict::Candidate);
            return Ok((None, Some(no_ics(rules, "page-no-ics-verdict"))));
        }
        Some(_) if rules.aftercare.reminders.is_empty() => {
            return Ok((None, Some(no_ics(rules, "page-no-ics-none"))));
        }
        Some(checklist) if checklist.starts.is_none() => {
            return Ok((None, Some(no_ics(rules, "page-no-ics-time"))));
        }
        Some(checklist) => checklist,
    };
    let report = ics::CalendarReport {
        rules,
        checklist,
        stamp: now.with_timezone(&Utc),
    };
    let mut bytes = Vec::new();
    ics::write_calendar(&report, &mut bytes)
        .map_err(|e| refuse("render", format!("the reminders could not be made: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| refuse("render", "the reminders could not be made: not UTF-8"))?;
    Ok((Some(text), None))
}

fn no_ics(rules: &RuleSet, key: &'static str) -> String {
    rules.words().get(key).to_string()
}

/// The raw WebAssembly interface (see the crate's documentation).
#[cfg(target_arch = "wasm32")]
mod exports {
    /// A buffer of `len` bytes for the caller to fill; free it with `dealloc`.
    #[unsafe(no_mangle)]
    pub extern "C" fn alloc(len: usize) -> *mut u8 {
        Box::into_raw(vec![0u8; len].into_boxed_slice()).cast::<u8>()
    }

    /// Frees a buffer from `alloc` or `call`.
    ///
    /// # Safety
    /// `ptr` and `len` must be exactly a buffer this module handed out, freed once.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: usize) {
        // SAFETY: the caller gives back a boxed slice of exactly `len` bytes.
        drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) });
    }

    /// Handles the JSON request in `ptr..ptr+len`; returns the response's
    /// `ptr << 32 | len`.
    ///
    /// # Safety
    /// `ptr..ptr+len` must be a buffer from `alloc`, still owned by the caller.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn call(ptr: *const u8, len: usize) -> u64 {
        // SAFETY: the caller passes a live buffer of `len` bytes.
        let request = unsafe { std::slice::from_raw_parts(ptr, len) };
        let response = super::handle(request).into_bytes().into_boxed_slice();
        let len = response.len();
        let ptr = Box::into_raw(response).cast::<u8>();
        ((ptr as usize as u64) << 32) | len as u64
    }
}

#[cfg(test)]
mod tests;
