//! Round trip: answers converted to a FHIR QuestionnaireResponse screen exactly like the
//! JSON they came from. For every file in `rules/examples` (through the real binary:
//! JSON -> `--format fhir` Bundle -> its QuestionnaireResponse -> `screen` again) and
//! for 1,000 generated answer documents (in the library, and as NDJSON through `batch`).
#![allow(clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use common::{DAY, prescreen, root, temp_file};
use prescreen::fhir::response::{Status, to_response};
use prescreen::record::{Settings, assess};
use prescreen::render::json::ScreenDoc;
use prescreen::rules::{Kind, RuleSet};
use serde_json::{Value, json};

/// A record id as text: a QuestionnaireResponse carries it as `identifier.value`, a string.
fn id_as_text(mut result: Value) -> Value {
    if let Some(id) = result.get("id").filter(|id| id.is_number()).cloned() {
        result["id"] = json!(id.to_string());
    }
    result
}

#[test]
fn every_example_screens_the_same_as_a_response() {
    let mut examples: Vec<_> = std::fs::read_dir(root().join("rules/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    examples.sort();
    assert!(examples.len() >= 6, "{examples:?}");
    for path in examples {
        let name = path.display().to_string();
        let from_json = prescreen(["screen", "--date", DAY, "--format", "json", "--answers"])
            .arg(&path)
            .run();
        let bundle = prescreen(["screen", "--date", DAY, "--format", "fhir", "--answers"])
            .arg(&path)
            .run()
            .status(from_json.status)
            .json();
        let response = &bundle["entry"][0]["resource"];
        assert_eq!(response["resourceType"], "QuestionnaireResponse", "{name}");
        let (_dir, fhir_path) = temp_file("response.json", response.to_string().as_bytes());
        let from_fhir = prescreen(["screen", "--date", DAY, "--format", "json", "--answers"])
            .arg(&fhir_path)
            .run()
            .status(from_json.status)
            .stderr_empty();
        assert_eq!(
            id_as_text(from_fhir.json()),
            id_as_text(from_json.json()),
            "{name}"
        );
    }
}

/// SplitMix64: a small, seeded, reproducible generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// One answers document: each question left out (10%), "not sure" (10%) or answered,
/// screening questions mostly "no" so that every verdict turns up; dates around the
/// screening day, so that deferrals both hold and have ended.
fn generate(rules: &RuleSet, rng: &mut Rng, n: usize) -> Value {
    let mut doc = serde_json::Map::new();
    doc.insert("id".into(), json!(format!("gen-{n:04}")));
    let day0 = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    for question in &rules.questions {
        let roll = rng.below(100);
        if roll < 10 {
            continue;
        }
        let value = if roll < 20 {
            Value::Null
        } else {
            match &question.kind {
                Kind::Boolean => json!(rng.chance(
                    if question.purpose == prescreen::rules::Purpose::Screening {
                        12
                    } else {
                        50
                    }
                )),
                Kind::Date => {
                    let date = day0 + chrono::Days::new(rng.below(1200));
                    json!(date.format("%Y-%m-%d").to_string())
                }
                Kind::DateTime => {
                    let offsets = ["+00:00", "+01:00", "-05:00", "+05:30"];
                    json!(format!(
                        "2026-11-{:02}T{:02}:{:02}:00{}",
                        23 + rng.below(8),
                        rng.below(24),
                        rng.below(60),
                        offsets[rng.below(4) as usize]
                    ))
                }
                Kind::Choice(options) => {
                    json!(options[rng.below(options.len() as u64) as usize].value)
                }
                Kind::Number { min, max } => {
                    let (lo, hi) = (min.unwrap_or(0.0), max.unwrap_or(100.0));
                    json!(lo + (hi - lo) * (rng.below(1000) as f64) / 1000.0)
                }
            }
        };
        doc.insert(question.id.clone(), value);
    }
    Value::Object(doc)
}

fn settings() -> Settings {
    Settings {
        today: NaiveDate::parse_from_str(DAY, "%Y-%m-%d").unwrap(),
        checklist: true,
    }
}

/// Screens `json` and the response converted from it; returns both results and the response.
fn both_ways(rules: &RuleSet, json: &Value) -> (Value, Value, Value) {
    let settings = settings();
    let direct = assess(rules, json.to_string().as_bytes(), &settings).unwrap();
    let response =
        serde_json::to_value(to_response(rules, &direct.answers, Status::Completed)).unwrap();
    let via_fhir = assess(rules, response.to_string().as_bytes(), &settings).unwrap();
    let result = |a: &prescreen::record::Assessment| {
        let report = a.report(rules, true);
        serde_json::to_value(ScreenDoc::new(&report)).unwrap()
    };
    assert_eq!(via_fhir.answers, direct.answers);
    (result(&direct), result(&via_fhir), response)
}

#[test]
fn a_thousand_generated_documents_screen_the_same_as_responses() {
    let rules = RuleSet::default_rules().unwrap();
    let mut rng = Rng(14);
    let mut verdicts = BTreeMap::new();
    let mut not_sure_items = 0;
    for n in 0..1000 {
        let doc = generate(&rules, &mut rng, n);
        let (direct, via_fhir, response) = both_ways(&rules, &doc);
        assert_eq!(via_fhir, direct, "document {n}: {doc}");
        *verdicts
            .entry(direct["verdict"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
        not_sure_items += response["item"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i.get("answer").is_none())
            .count();
    }
    // The documents reach every verdict, and "not sure" items, or the test proves little.
    assert_eq!(verdicts.len(), 4, "{verdicts:?}");
    assert!(verdicts.values().all(|&count| count >= 20), "{verdicts:?}");
    assert!(not_sure_items > 500, "{not_sure_items}");
}

#[test]
fn number_answers_round_trip_as_decimals() {
    let mut file: Value = serde_json::from_slice(prescreen::rules::DEFAULT_RULES).unwrap();
    file["questions"].as_array_mut().unwrap().push(json!({
        "id": "age", "type": "number", "purpose": "aftercare",
        "prompt": "How old are you?", "min": 0, "max": 130
    }));
    let rules = RuleSet::from_bytes(file.to_string().as_bytes()).unwrap();
    let mut rng = Rng(1414);
    for n in 0..200 {
        let doc = generate(&rules, &mut rng, n);
        let (direct, via_fhir, _) = both_ways(&rules, &doc);
        assert_eq!(via_fhir, direct, "document {n}: {doc}");
    }
}

#[test]
fn batch_gives_the_same_lines_for_json_and_responses() {
    let rules = RuleSet::default_rules().unwrap();
    let mut rng = Rng(2026);
    let mut json_lines = String::new();
    let mut fhir_lines = String::new();
    for n in 0..1000 {
        let doc = generate(&rules, &mut rng, n);
        let (_, _, response) = both_ways(&rules, &doc);
        json_lines.push_str(&format!("{doc}\n"));
        fhir_lines.push_str(&format!("{response}\n"));
    }
    // With --aftercare: batch never invents a procedure time, so both runs are comparable.
    let run = |input: String| {
        prescreen(["batch", "--aftercare", "--date", DAY])
            .stdin(input)
            .run()
            .status(0)
            .stdout
    };
    let (from_json, from_fhir) = (run(json_lines), run(fhir_lines));
    assert_eq!(from_json.lines().count(), 1000);
    for (n, (a, b)) in from_json.lines().zip(from_fhir.lines()).enumerate() {
        assert_eq!(a, b, "line {}", n + 1);
    }
}
