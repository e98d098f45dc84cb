//! The engine driven through `handle`, as the page drives it: JSON in, JSON out.

use super::*;
use prescreen_core::rules::DEFAULT_RULES;
use prescreen_core::testing::{answers as answers_of, default_rules, screening_candidate};
use serde_json::json;

const TODAY: &str = "2026-11-23";

fn call(request: Json) -> Json {
    serde_json::from_str(&handle(request.to_string().as_bytes())).unwrap()
}

fn ok(request: Json) -> Json {
    let response = call(request);
    assert!(response.get("error").is_none(), "{response}");
    response["ok"].clone()
}

fn load_default() -> Json {
    ok(json!({ "op": "load", "rules": std::str::from_utf8(DEFAULT_RULES).unwrap() }))
}

fn step(answers: &Json, at: Option<&str>, action: Json) -> Json {
    ok(json!({ "op": "step", "today": TODAY, "answers": answers, "at": at, "action": action }))
}

/// Answers each question shown with `pick(id)` until the end; returns the answers kept
/// and the ids asked, in order.
fn walk(pick: impl Fn(&str) -> Json) -> (Json, Vec<String>) {
    let mut state = step(&json!({}), None, json!("start"));
    let mut asked = Vec::new();
    while let Some(id) = state["at"].as_str().map(str::to_string) {
        assert!(asked.len() < 20, "{asked:?}");
        let mut answers = state["answers"].clone();
        answers[&id] = pick(&id);
        asked.push(id.clone());
        state = step(&answers, Some(&id), json!({ "answer": id }));
    }
    (state["answers"].clone(), asked)
}

fn no_to_everything(id: &str) -> Json {
    match id {
        "procedure_time" => json!("2026-11-30T10:00:00+01:00"),
        "treatment_area" => json!("face"),
        _ => json!(false),
    }
}

#[test]
fn loading_tells_the_page_what_the_first_screen_shows() {
    let info = load_default();
    assert_eq!(
        info["procedure"],
        "Microneedling (collagen induction therapy)"
    );
    assert_eq!(
        info["intro"],
        "This is a pre-check only: the clinic makes the final decision at your appointment."
    );
    assert_eq!(info["sha256"], default_rules().sha256);
    assert_eq!(info["lang"], "en");
}

#[test]
fn the_rule_file_is_read_in_the_language_asked_for() {
    let info = ok(json!({
        "op": "load", "rules": std::str::from_utf8(DEFAULT_RULES).unwrap(), "lang": "es",
    }));
    assert_eq!(info["lang"], "es");
    let first = step(&json!({}), None, json!("start"));
    let spanish =
        RuleSet::load(DEFAULT_RULES, &Wanted::choose(Some("es"), None, None, None)).unwrap();
    assert_eq!(first["question"]["prompt"], spanish.questions[0].prompt);
    assert_ne!(
        spanish.questions[0].prompt,
        default_rules().questions[0].prompt
    );
    let refused = call(json!({
        "op": "load", "rules": std::str::from_utf8(DEFAULT_RULES).unwrap(), "lang": "fr",
    }));
    assert_eq!(refused["error"]["code"], "unknown_language", "{refused}");
}

#[test]
fn every_question_offers_not_sure_and_shows_its_progress() {
    load_default();
    let first = step(&json!({}), None, json!("start"));
    assert_eq!(first["at"], "pregnant");
    let q = &first["question"];
    assert_eq!(q["kind"], "boolean");
    assert_eq!(
        q["options"],
        json!([
            { "label": "Yes", "value": true },
            { "label": "No", "value": false },
            { "label": "Not sure", "value": null },
        ])
    );
    assert_eq!(q["state"], "missing");
    assert_eq!(
        q["progress"],
        json!({ "part": "screening", "number": 1, "total": 7 })
    );
}

#[test]
fn a_candidate_is_asked_the_aftercare_questions_and_gets_the_sheet_and_reminders() {
    load_default();
    let (answers, asked) = walk(no_to_everything);
    assert_eq!(
        asked,
        [
            "pregnant",
            "eczema",
            "psoriasis",
            "other_skin_disease",
            "open_wounds",
            "scarring_history",
            "radiation_therapy",
            "procedure_time",
            "treatment_area",
            "wears_makeup",
            "outdoors_next_24h",
            "uses_alcohol_based_products",
        ]
    );
    let result = ok(json!({
        "op": "result", "today": TODAY, "now": "2026-11-23T09:00:00+01:00", "answers": answers,
    }));
    assert_eq!(result["verdict"], "candidate");
    assert_eq!(result["headline"], "You can book");
    assert_eq!(result["reasons"], json!([]));
    let sheet = result["sheet_html"].as_str().unwrap();
    assert!(sheet.contains("Screening result and aftercare"), "{sheet}");
    let ics = result["ics"].as_str().unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.contains("DTSTAMP:20261123T080000Z\r\n"), "{ics}");
    assert_eq!(result["no_ics"], Json::Null);
}

#[test]
fn the_sheet_is_what_screen_for_self_writes_as_html() {
    load_default();
    let rules = default_rules();
    let doc = screening_candidate(json!({
        "procedure_time": "2026-11-30T10:00:00+01:00", "treatment_area": "body",
        "outdoors_next_24h": true, "uses_alcohol_based_products": false,
    }));
    let result = ok(json!({
        "op": "result", "today": TODAY, "now": "2026-11-23T09:00:00Z", "answers": doc,
    }));
    let assessment = record::assess_answers(
        &rules,
        answers_of(&rules, doc),
        &Settings {
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            checklist: true,
        },
    )
    .unwrap();
    let mut report = assessment.report(&rules, false);
    report.reader = Reader::Patient;
    let mut expected = Vec::new();
    html::write_screen(&report, &mut expected).unwrap();
    assert_eq!(result["sheet_html"], String::from_utf8(expected).unwrap());
}

#[test]
fn a_deferral_gives_its_date_in_words_and_no_reminders() {
    load_default();
    let answers = screening_candidate(json!({
        "radiation_therapy": true, "radiation_end_date": "2026-09-30",
    }));
    let result = ok(json!({
        "op": "result", "today": TODAY, "now": "2026-11-23T09:00:00Z", "answers": answers,
    }));
    assert_eq!(result["verdict"], "defer");
    assert_eq!(result["eligible_from"], "2027-09-30");
    assert_eq!(
        result["headline"],
        "Please wait until Thursday 30 September 2027"
    );
    assert_eq!(
        result["reasons"][0]["book_from"],
        "Thursday 30 September 2027"
    );
    assert_eq!(result["ics"], Json::Null);
    assert_eq!(result["no_ics"], "reminders are only for a candidate");
}

#[test]
fn not_sure_is_kept_as_null_and_ends_the_questions_with_a_review() {
    load_default();
    let (answers, asked) = walk(|id| {
        if id == "eczema" {
            Json::Null
        } else {
            no_to_everything(id)
        }
    });
    assert_eq!(answers["eczema"], Json::Null);
    // Not a candidate yet: the aftercare questions are not asked.
    assert_eq!(asked.len(), 7, "{asked:?}");
    let result = ok(json!({
        "op": "result", "today": TODAY, "now": "2026-11-23T09:00:00Z", "answers": answers,
    }));
    assert_eq!(result["verdict"], "review");
    assert_eq!(
        result["headline"],
        "Please talk to the clinic before booking"
    );
    assert_eq!(result["next_steps"].as_array().unwrap().len(), 1);
}

#[test]
fn back_keeps_the_answers_and_a_changed_answer_clears_what_it_rules_out() {
    load_default();
    let mut answers = screening_candidate(json!({ "radiation_therapy": true }));
    // The follow-up is asked after a "yes".
    let state = step(
        &answers,
        Some("radiation_therapy"),
        json!({ "answer": "radiation_therapy" }),
    );
    assert_eq!(state["at"], "radiation_end_date");
    assert_eq!(state["question"]["kind"], "date");
    assert_eq!(
        state["question"]["progress"],
        json!({ "part": "screening", "number": 8, "total": 8 })
    );
    answers["radiation_end_date"] = json!("2026-09-30");
    // Back from the follow-up: the "yes" is shown as given.
    let back = step(&answers, Some("radiation_end_date"), json!("back"));
    assert_eq!(back["at"], "radiation_therapy");
    assert_eq!(back["question"]["state"], "given");
    assert_eq!(back["question"]["reply"], true);
    assert_eq!(back["answers"]["radiation_end_date"], "2026-09-30");
    // "No" now: the date no longer applies and is dropped.
    answers["radiation_therapy"] = json!(false);
    let changed = step(
        &answers,
        Some("radiation_therapy"),
        json!({ "answer": "radiation_therapy" }),
    );
    assert_eq!(changed["answers"].get("radiation_end_date"), None);
    assert_eq!(changed["at"], "procedure_time");
    // Back at the very first question stays there.
    let first = step(
        &json!({ "pregnant": false }),
        Some("pregnant"),
        json!("back"),
    );
    assert_eq!(first["at"], "pregnant");
}

#[test]
fn bad_requests_are_refused_with_a_code_and_no_answer_in_the_message() {
    let cases = [
        ("not json", json!("nonsense"), "bad_request"),
        (
            "before load",
            json!({ "op": "step", "today": TODAY, "answers": {}, "at": null, "action": "start" }),
            "no_rules",
        ),
    ];
    for (name, request, code) in cases {
        let response = call(request);
        assert_eq!(response["error"]["code"], code, "{name}: {response}");
    }
    load_default();
    let cases = [
        (
            "a value of the wrong type",
            json!({ "op": "step", "today": TODAY, "answers": { "pregnant": "secret-value" }, "at": null, "action": "start" }),
            "invalid_answers",
        ),
        (
            "an unknown question",
            json!({ "op": "step", "today": TODAY, "answers": {}, "at": null, "action": { "answer": "nope" } }),
            "unknown_question",
        ),
        (
            "a question not asked now",
            json!({ "op": "step", "today": TODAY, "answers": {}, "at": null, "action": { "answer": "radiation_end_date" } }),
            "not_asked",
        ),
        (
            "a procedure before today, where it is typed",
            json!({ "op": "step", "today": TODAY, "at": "procedure_time", "action": { "answer": "procedure_time" },
                    "answers": screening_candidate(json!({ "procedure_time": "2026-11-22T10:00:00Z" })) }),
            "before_screening",
        ),
        (
            "a bad day",
            json!({ "op": "result", "today": "23/11/2026", "now": "2026-11-23T09:00:00Z", "answers": {} }),
            "bad_date",
        ),
        (
            "a procedure before today",
            json!({ "op": "result", "today": TODAY, "now": "2026-11-23T09:00:00Z",
                    "answers": screening_candidate(json!({ "procedure_time": "2026-11-01T10:00:00Z" })) }),
            "invalid_answers",
        ),
        (
            "a broken rule file",
            json!({ "op": "load", "rules": "{}" }),
            "invalid_rules",
        ),
    ];
    for (name, request, code) in cases {
        let response = call(request);
        assert_eq!(response["error"]["code"], code, "{name}: {response}");
        assert!(
            !response.to_string().contains("secret-value"),
            "{name}: {response}"
        );
    }
}

fn load_preferring(lang: Option<&str>, prefer: Json) -> Json {
    ok(json!({
        "op": "load", "rules": std::str::from_utf8(DEFAULT_RULES).unwrap(),
        "lang": lang, "prefer": prefer,
    }))
}

#[test]
fn the_browser_s_first_language_the_file_has_wins_else_the_page_s_default() {
    let cases = [
        ("es-MX first", None, json!(["es-MX", "en"]), "es"),
        ("fr skipped", Some("en"), json!(["fr-FR", "es"]), "es"),
        (
            "none matches: the default",
            Some("es"),
            json!(["fr", "de"]),
            "es",
        ),
        ("none matches, no default", None, json!(["fr"]), "en"),
        ("no preference", Some("es"), json!([]), "es"),
        ("English browser", Some("es"), json!(["en-US"]), "en"),
    ];
    for (name, lang, prefer, expected) in cases {
        let info = load_preferring(lang, prefer);
        assert_eq!(info["lang"], expected, "{name}");
    }
}

#[test]
fn the_page_s_own_words_come_in_the_language_loaded() {
    let info = load_preferring(None, json!(["es"]));
    assert_eq!(
        info["languages"],
        json!([{ "tag": "en", "name": "English" }, { "tag": "es", "name": "Español" }])
    );
    assert_eq!(info["words"]["page-start"], "Empezar");
    let first = step(&json!({}), None, json!("start"));
    let labels: Vec<&str> = first["question"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Sí", "No", "No estoy seguro/a"]);
    let english = load_preferring(None, json!(["en-GB"]));
    assert_eq!(english["words"]["page-start"], "Start");
    // Every page word the catalogue has, and nothing else.
    let keys = i18n::words(i18n::BASE)
        .keys()
        .filter(|k| k.starts_with("page-"))
        .count();
    assert_eq!(english["words"].as_object().unwrap().len(), keys);
}

#[test]
fn stay_shows_the_same_question_again_with_its_answer() {
    load_default();
    let answers = json!({ "pregnant": false, "eczema": true });
    let state = step(&answers, Some("eczema"), json!("stay"));
    assert_eq!(state["at"], "eczema");
    assert_eq!(state["question"]["state"], "given");
    assert_eq!(state["question"]["reply"], true);
    assert_eq!(state["answers"], answers);
}

#[test]
fn a_past_procedure_is_refused_in_the_language_loaded() {
    load_preferring(Some("es"), json!([]));
    let answers = screening_candidate(json!({ "procedure_time": "2026-11-20T10:00:00+01:00" }));
    let refused = call(json!({
        "op": "step", "today": TODAY, "answers": answers, "at": "procedure_time",
        "action": { "answer": "procedure_time" },
    }));
    assert_eq!(refused["error"]["code"], "before_screening", "{refused}");
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Eso es antes de hoy, lunes"),
        "{message}"
    );
}
