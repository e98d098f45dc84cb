//! The page's WebAssembly engine, taken out of a page that `prescreen page` wrote and
//! run under node (tests/page/engine.js), against the CLI:
//! - every combination of the default rule file's answer domain (the one the safety
//!   proof enumerates: each answer class the conditions tell apart, "not sure"
//!   included, on each class of judged day) gives the verdict and eligible date that
//!   `prescreen batch` gives;
//! - every file in rules/examples gives the verdict, and the very HTML, that
//!   `prescreen screen --for self --format html` gives, and in Spanish (a page written
//!   with `--lang es`) the very HTML `prescreen --lang es screen ...` gives.
//!
//! FAILS when node is missing or the binary was built without the page's engine:
//! `.ci/run` provides both.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use common::page::{require_engine, write_page};
use common::{DAY, prescreen, root, sha256sum};
use prescreen::answers::{self, Answers, Reply};
use prescreen::condition::Cond;
use prescreen::rules::{Purpose, RuleSet, domain};
use serde_json::{Map, Value};

const NOW: &str = "2026-01-01T09:00:00Z";

/// The engine's answer for each line of `cases`, judged on `day`.
fn engine(page: &Path, cases: &Path, day: &str) -> Vec<Value> {
    let output = Command::new("node")
        .arg(root().join("tests/page/engine.js"))
        .args([page, cases])
        .args([day, NOW])
        .output()
        .expect("node runs (apt-get install nodejs)");
    assert!(
        output.status.success(),
        "engine.js failed\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// An answers document: missing answers left out, "not sure" as `null`.
fn document(rules: &RuleSet, answers: &Answers) -> Value {
    let mut doc = Map::new();
    for (q, question) in rules.questions.iter().enumerate() {
        match answers.reply(q) {
            Reply::Missing => {}
            Reply::NotSure => {
                doc.insert(question.id.clone(), Value::Null);
            }
            Reply::Given(value) => {
                doc.insert(question.id.clone(), answers::value_json(question, value));
            }
        }
    }
    Value::Object(doc)
}

/// Every combination of the answer domain of all the screening rules, per judged day.
fn domain_cases(rules: &RuleSet) -> Vec<(NaiveDate, Vec<Value>)> {
    let screening: Vec<usize> = (0..rules.questions.len())
        .filter(|&q| rules.questions[q].purpose == Purpose::Screening)
        .collect();
    let conds: Vec<&Cond> = rules.rules.iter().map(|r| &r.when).collect();
    let involved = domain::closure(rules, &screening, &conds);
    let constants = domain::constants(rules, &involved, &conds);
    let mut days: Vec<NaiveDate> = constants.days().into_iter().collect();
    if days.is_empty() {
        days.extend(domain::PROBE_DAY);
    }
    days.into_iter()
        .map(|day| {
            let domains: Vec<Vec<Reply>> = involved
                .iter()
                .map(|&q| constants.domain(rules, q, day))
                .collect();
            let mut docs = Vec::new();
            let all = domain::each_combination(rules, &involved, &domains, |answers| {
                docs.push(document(rules, answers));
                true
            });
            assert!(all);
            (day, docs)
        })
        .collect()
}

#[test]
fn the_engine_and_the_cli_agree_on_the_whole_answer_domain() {
    require_engine();
    let (dir, page) = write_page(&[]);
    let rules = RuleSet::default_rules().unwrap();
    let mut total = 0;
    for (day, docs) in domain_cases(&rules) {
        let day = day.to_string();
        let ndjson: String = docs.iter().map(|d| format!("{d}\n")).collect();
        let cases = dir.path().join(format!("domain-{day}.ndjson"));
        std::fs::write(&cases, &ndjson).unwrap();
        let cli: Vec<Value> = prescreen(["batch", "--date", &day])
            .stdin(ndjson)
            .run()
            .stdout
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        let wasm = engine(&page, &cases, &day);
        assert_eq!(cli.len(), docs.len());
        assert_eq!(wasm.len(), docs.len());
        for ((doc, cli), wasm) in docs.iter().zip(&cli).zip(&wasm) {
            assert_eq!(wasm["verdict"], cli["verdict"], "{doc} on {day}");
            assert_eq!(
                wasm["eligible_from"], cli["eligible_from"],
                "{doc} on {day}"
            );
        }
        // Every verdict the rules can give is among them: the domain is not trivial.
        for verdict in ["candidate", "defer", "review", "not_candidate"] {
            assert!(
                wasm.iter().any(|w| w["verdict"] == verdict),
                "{verdict} on {day}"
            );
        }
        total += docs.len();
    }
    eprintln!("{total} answer combinations agree");
    assert!(total > 1000, "{total}");
}

#[test]
fn the_engine_and_the_cli_agree_on_every_example_to_the_byte() {
    require_engine();
    let (dir, page) = write_page(&[]);
    let mut examples: Vec<_> = std::fs::read_dir(root().join("rules/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    examples.sort();
    assert!(examples.len() >= 7);
    let ndjson: String = examples
        .iter()
        .map(|path| {
            let doc: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
            format!("{doc}\n")
        })
        .collect();
    let cases = dir.path().join("examples.ndjson");
    std::fs::write(&cases, ndjson).unwrap();
    let wasm = engine(&page, &cases, DAY);
    for (path, wasm) in examples.iter().zip(&wasm) {
        let name = path.file_name().unwrap().to_string_lossy();
        let html = prescreen(["screen", "--for", "self", "--format", "html", "--date", DAY])
            .arg("--answers")
            .arg(path)
            .run();
        // The file's name starts with the verdict it is an example of.
        let stem = path.file_stem().unwrap().to_string_lossy();
        let verdict = stem.split('-').next().unwrap();
        assert_eq!(wasm["verdict"], verdict, "{name}");
        assert_eq!(wasm["sheet"], sha256sum(html.stdout.as_bytes()), "{name}");
    }
}

#[test]
fn in_spanish_the_engine_writes_what_the_cli_writes_to_the_byte() {
    require_engine();
    let (dir, page) = write_page(&["--lang", "es"]);
    let examples = [
        "candidate.json",
        "defer-radiation.json",
        "review-not-sure.json",
    ]
    .map(|name| root().join("rules/examples").join(name));
    let ndjson: String = examples
        .iter()
        .map(|path| {
            let doc: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
            format!("{doc}\n")
        })
        .collect();
    let cases = dir.path().join("examples-es.ndjson");
    std::fs::write(&cases, ndjson).unwrap();
    let wasm = engine(&page, &cases, DAY);
    for (path, wasm) in examples.iter().zip(&wasm) {
        let html = prescreen([
            "--lang", "es", "screen", "--for", "self", "--format", "html", "--date", DAY,
        ])
        .arg("--answers")
        .arg(path)
        .run();
        assert!(html.stdout.contains("<html lang=\"es\">"), "{path:?}");
        assert_eq!(wasm["sheet"], sha256sum(html.stdout.as_bytes()), "{path:?}");
    }
}
