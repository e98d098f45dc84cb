//! The self-check page in real headless Chromium (Debian's, driven by playwright-core
//! from tests/page/browser.js): a candidate with the aftercare sheet and the calendar
//! file, a deferral with its date, and a "not sure" that ends in review, answered with
//! the keyboard only; a browser that reads Spanish (locale es-ES) gets the page in
//! Spanish, and the language switcher moves it to English and back. Each verdict must be the CLI's for the same answers; after load
//! the page makes no network request and breaks no CSP rule; axe-core finds no serious
//! or critical violation; nothing is wider than 320 px; the first question is on screen
//! within 300 ms of navigation (engine ready plus the Start click's handling).
//!
//! FAILS when chromium, node or tests/page/node_modules are missing, or the binary was
//! built without the page's engine: `.ci/run` provides all of them.
//! `PRESCREEN_UPDATE_SCREENSHOT=1 cargo test --features external-tests --test page_browser`
//! refreshes the README's pictures (tests/golden/page-*.png).

#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use std::process::Command;

use chrono::Local;
use common::page::{require_engine, write_page};
use common::{prescreen, root, temp_file};
use serde_json::Value;

/// The README's pictures: the first question and each result, at 390 and 1280 px.
const PICTURES: [&str; 5] = [
    "page-question-390.png",
    "page-candidate-390.png",
    "page-defer-390.png",
    "page-spanish-390.png",
    "page-question-1280.png",
];

fn browser_report(page: &std::path::Path, shots: &std::path::Path) -> Value {
    let modules = root().join("tests/page/node_modules/playwright-core");
    assert!(
        modules.is_dir(),
        "tests/page/node_modules is missing: run `npm ci` in tests/page (`bash .ci/run` does)"
    );
    assert!(
        std::path::Path::new("/usr/bin/chromium").is_file(),
        "chromium is not installed: `apt-get install chromium` (`bash .ci/run` does)"
    );
    let output = Command::new("node")
        .arg(root().join("tests/page/browser.js"))
        .arg(page)
        .arg(shots)
        .output()
        .expect("node runs (apt-get install nodejs)");
    assert!(
        output.status.success(),
        "browser.js failed\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// What `prescreen screen --for self` says for these answers, today.
fn cli_result(answers: &Value) -> Value {
    let today = Local::now().date_naive().to_string();
    let outcome = prescreen([
        "screen", "--for", "self", "--format", "json", "--date", &today,
    ])
    .stdin(answers.to_string())
    .run();
    serde_json::from_str(&outcome.stdout).unwrap()
}

/// What `prescreen --lang es screen --for self` writes as text for these answers, today.
fn cli_text_es(answers: &Value) -> String {
    let today = Local::now().date_naive().to_string();
    prescreen([
        "--lang", "es", "screen", "--for", "self", "--format", "text", "--date", &today,
    ])
    .stdin(answers.to_string())
    .run()
    .stdout
}

fn cli_calendar(answers: &Value) -> String {
    let (dir, input) = temp_file("answers.json", answers.to_string().as_bytes());
    let ics = dir.path().join("reminders.ics");
    let today = Local::now().date_naive().to_string();
    prescreen(["screen", "--date", &today, "--answers"])
        .arg(&input)
        .arg("--ics")
        .arg(&ics)
        .run()
        .status(0);
    std::fs::read_to_string(ics).unwrap()
}

/// A calendar file without its DTSTAMP lines (the moment it was made).
fn unstamped(ics: &str) -> String {
    ics.split("\r\n")
        .filter(|line| !line.starts_with("DTSTAMP:"))
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[test]
fn the_page_in_chromium_gives_the_cli_verdicts_offline_and_accessibly() {
    require_engine();
    let (dir, page) = write_page(&[]);
    let shots = dir.path().join("shots");
    std::fs::create_dir(&shots).unwrap();
    let report = browser_report(&page, &shots);

    let scenarios = report["scenarios"].as_array().unwrap();
    let verdicts: Vec<&str> = scenarios
        .iter()
        .map(|s| s["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(
        verdicts,
        ["candidate", "defer", "review", "defer", "candidate"]
    );
    for scenario in scenarios {
        let name = &scenario["name"];
        let cli = cli_result(&scenario["answers"]);
        assert_eq!(scenario["verdict"], cli["verdict"], "{name}: {scenario}");
        assert_eq!(
            scenario["overflow_320"], false,
            "{name} is wider than 320 px"
        );
    }
    let (candidate, defer, review, spanish) =
        (&scenarios[0], &scenarios[1], &scenarios[2], &scenarios[3]);
    assert_eq!(candidate["lang"], "en");
    // The candidate: all twelve questions, the sheet and the reminders the CLI writes.
    assert_eq!(candidate["asked"].as_array().unwrap().len(), 12);
    assert_eq!(candidate["headline"], "✓ You can book");
    assert!(
        candidate["sheet_items"].as_u64().unwrap() >= 8,
        "{candidate}"
    );
    assert_eq!(candidate["ics_name"], "aftercare-reminders.ics");
    let ics = candidate["ics"].as_str().unwrap();
    assert_eq!(
        unstamped(ics),
        unstamped(&cli_calendar(&candidate["answers"]))
    );
    // The deferral: its date, in words, as the CLI gives it.
    let cli = cli_result(&defer["answers"]);
    let date = cli["eligible_from"].as_str().unwrap();
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let words = day.format("%A %-d %B %Y").to_string();
    assert_eq!(defer["headline"], format!("‖ Please wait until {words}"));
    assert!(
        defer["reasons"][0].as_str().unwrap().contains(&words),
        "{defer}"
    );
    // "Not sure", answered with the keyboard only: review, and the reason says why.
    assert_eq!(review["answers"]["psoriasis"], Value::Null);
    assert!(
        review["reasons"][0]
            .as_str()
            .unwrap()
            .contains("Your answer to “Do you have psoriasis?”: not sure."),
        "{review}"
    );
    // In Spanish: the headline is the CLI's, with its Spanish date, word for word.
    assert_eq!(spanish["lang"], "es");
    let spanish_cli = cli_text_es(&spanish["answers"]);
    let headline = spanish["headline"].as_str().unwrap();
    let words = headline.strip_prefix("‖ ").unwrap();
    assert!(words.starts_with("Espere hasta el "), "{headline}");
    assert!(spanish_cli.contains(words), "{headline}\n{spanish_cli}");
    // The switcher: the same question in English and back, the answers kept.
    let switched = &report["switched"];
    let (before, english, after) = (
        &switched["before"],
        &switched["english"],
        &switched["after"],
    );
    assert_eq!(before["lang"], "es");
    assert_eq!(
        before["options"],
        serde_json::json!(["Sí", "No", "No estoy seguro/a"])
    );
    assert_eq!(before["back"], "Atrás");
    assert!(
        before["progress"]
            .as_str()
            .unwrap()
            .starts_with("Sobre usted: pregunta 2 de "),
        "{before}"
    );
    assert_eq!(english["lang"], "en");
    assert_eq!(english["question"], before["question"]);
    assert_eq!(
        english["options"],
        serde_json::json!(["Yes", "No", "Not sure"])
    );
    assert_eq!(english["back"], "Back");
    assert_ne!(english["prompt"], before["prompt"]);
    assert_eq!(switched["kept"], true);
    assert_eq!(after, before);
    assert_eq!(
        report["languages"],
        serde_json::json!([["en", "en", "English"], ["es", "es", "Español"]])
    );
    assert_eq!(report["language_label"], "Idioma");
    // A procedure time before today is refused where it is typed.
    assert!(
        report["past_refused"]
            .as_str()
            .unwrap()
            .starts_with("That is before today"),
        "{}",
        report["past_refused"]
    );
    // Back keeps the answer given.
    assert_eq!(report["back"]["to"], "pregnant");
    assert_eq!(report["back"]["kept"], true);

    assert_eq!(
        report["requests"],
        Value::Array(vec![]),
        "network requests after load"
    );
    assert_eq!(
        report["violations"],
        Value::Array(vec![]),
        "CSP violations or errors"
    );
    assert_eq!(
        report["axe"],
        Value::Array(vec![]),
        "serious or critical axe violations"
    );
    assert!(report["axe_runs"].as_u64().unwrap() >= 6);

    let mut times: Vec<u64> = report["first_question_ms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_u64().unwrap())
        .collect();
    times.sort_unstable();
    let median = times[times.len() / 2];
    eprintln!("first question on screen: {times:?} ms (median {median})");
    assert!(median <= 300, "first question after {median} ms: {times:?}");

    for picture in PICTURES {
        let shot = std::fs::read(shots.join(picture)).unwrap();
        assert!(shot.starts_with(b"\x89PNG"), "{picture}");
        let golden = root().join("tests/golden").join(picture);
        if std::env::var_os("PRESCREEN_UPDATE_SCREENSHOT").is_some() {
            std::fs::write(&golden, &shot).unwrap();
        }
        assert!(
            golden.is_file(),
            "{picture}: missing; PRESCREEN_UPDATE_SCREENSHOT=1 makes it"
        );
    }
}
