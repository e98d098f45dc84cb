//! `prescreen rules schema`: the schemas are checked by an independent validator (the
//! `jsonschema` crate), the copies in `rules/` must match what the binary prints, and
//! what a schema accepts or refuses agrees with `prescreen` itself.
#![allow(clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use common::{DAY, prescreen, root};
use serde_json::{Value, json};

fn printed(args: &[&str]) -> Value {
    let mut all = vec!["rules", "schema"];
    all.extend_from_slice(args);
    prescreen(all).run().status(0).stderr_empty().json()
}

fn file(path: &str) -> Value {
    serde_json::from_slice(&std::fs::read(root().join(path)).unwrap()).unwrap()
}

fn validator(schema: &Value) -> jsonschema::Validator {
    assert!(
        jsonschema::meta::is_valid(schema),
        "the schema itself is not valid JSON Schema"
    );
    jsonschema::validator_for(schema).unwrap()
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, name: &str, doc: &Value) {
    let errors: Vec<String> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{name} should validate: {errors:?}");
}

#[test]
fn the_copies_in_rules_are_up_to_date() {
    let cases = [
        (vec![], "rules/rule-file.schema.json", "rules schema"),
        (
            vec!["--answers"],
            "rules/answers.schema.json",
            "rules schema --answers",
        ),
    ];
    for (args, path, command) in cases {
        let out = prescreen(["rules", "schema"].into_iter().chain(args))
            .run()
            .status(0);
        let copy = std::fs::read_to_string(root().join(path)).unwrap();
        assert!(
            out.stdout == copy,
            "{path} is stale: regenerate it with `cargo run -- {command} > {path}`"
        );
    }
}

#[test]
fn both_schemas_are_draft_2020_12() {
    for schema in [printed(&[]), printed(&["--answers"])] {
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        validator(&schema);
    }
}

#[test]
fn the_default_rule_file_and_valid_fixtures_match_the_rule_file_schema() {
    let v = validator(&printed(&[]));
    assert_valid(
        &v,
        "rules/microneedling.json",
        &file("rules/microneedling.json"),
    );
    // Fixtures whose only problems are beyond a schema (ids, types, safety) still fit it.
    for fixture in [
        "clean",
        "unknown-question",
        "exclusion-missing",
        "ask-if-cycle",
        "empty-text",
    ] {
        let path = format!("tests/lint/{fixture}.json");
        assert_valid(&v, &path, &file(&path));
    }
}

#[test]
fn broken_rule_files_are_rejected_by_the_schema_and_by_prescreen() {
    let v = validator(&printed(&[]));
    let default = file("rules/microneedling.json");
    type Edit = fn(&mut Value);
    let cases: [(&str, Edit); 7] = [
        ("misspelt key", |d| d["rules"][0]["outcom"] = json!("defer")),
        ("unknown outcome", |d| {
            d["rules"][0]["outcome"] = json!("maybe")
        }),
        ("unknown window", |d| {
            d["aftercare"]["items"][0]["window"] = json!("week")
        }),
        ("format as text", |d| d["format"] = json!("1")),
        ("missing rules", |d| {
            d.as_object_mut().unwrap().remove("rules");
        }),
        ("condition with two operators", |d| {
            d["rules"][0]["when"] = json!({
                "is": {"answer": "pregnant", "value": true},
                "not": {"is": {"answer": "eczema", "value": true}}
            })
        }),
        ("days as text", |d| {
            d["parameters"][0]["value"] = json!("365")
        }),
    ];
    for (name, edit) in cases {
        let mut doc = default.clone();
        edit(&mut doc);
        assert!(!v.is_valid(&doc), "{name}: the schema should reject it");
        let (_dir, path) = common::temp_file("rules.json", doc.to_string().as_bytes());
        prescreen(["rules", "lint"]).arg(&path).run().status(78);
    }
}

#[test]
fn every_example_answer_file_matches_the_answers_schema() {
    let v = validator(&printed(&["--answers"]));
    let mut seen = 0;
    for entry in std::fs::read_dir(root().join("rules/examples")).unwrap() {
        let path = entry.unwrap().path();
        let doc: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_valid(&v, &path.display().to_string(), &doc);
        seen += 1;
    }
    assert!(seen >= 5, "examples found: {seen}");
}

#[test]
fn broken_answers_are_rejected_by_the_schema_and_by_prescreen() {
    let v = validator(&printed(&["--answers"]));
    let cases = [
        ("unknown key", json!({"pregant": true})),
        ("wrong type", json!({"pregnant": "no"})),
        ("choice outside options", json!({"treatment_area": "scalp"})),
        ("sloppy date", json!({"radiation_end_date": "2026-2-3"})),
        (
            "year out of range",
            json!({"radiation_end_date": "0226-01-01"}),
        ),
        (
            "datetime without offset",
            json!({"procedure_time": "2026-11-23T14:00:00"}),
        ),
        ("id that is a list", json!({"id": [1]})),
        ("not an object", json!([{"pregnant": false}])),
    ];
    for (name, doc) in cases {
        assert!(!v.is_valid(&doc), "{name}: the schema should reject it");
        prescreen(["screen", "--date", DAY])
            .stdin(doc.to_string())
            .run()
            .status(65);
    }
    let accepted = [
        (
            "not sure",
            json!({"pregnant": null, "treatment_area": null}),
        ),
        ("numeric id", json!({"id": 12})),
        (
            "time without seconds",
            json!({"procedure_time": "2026-11-23T14:00Z"}),
        ),
    ];
    for (name, doc) in accepted {
        assert_valid(&v, name, &doc);
        let out = prescreen(["screen", "--date", DAY])
            .stdin(doc.to_string())
            .run();
        assert_ne!(out.status, 65, "{name}: {out:?}");
    }
}

#[test]
fn the_answers_schema_follows_the_rules_given() {
    let rules = file("tests/lint/clean.json");
    let (_dir, path) = common::temp_file("rules.json", rules.to_string().as_bytes());
    let schema = prescreen(["rules", "schema", "--answers"])
        .arg(&path)
        .run()
        .status(0)
        .json();
    let keys: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["flag", "id", "procedure_time"]);
    let v = validator(&schema);
    assert!(v.is_valid(&json!({"flag": true})));
    assert!(!v.is_valid(&json!({"pregnant": true})));
}

#[test]
fn an_invalid_rule_file_has_no_answers_schema() {
    prescreen([
        "rules",
        "schema",
        "--answers",
        "tests/lint/unknown-question.json",
    ])
    .current_dir(&root())
    .run()
    .status(78)
    .stdout("")
    .stderr_has("tests/lint/unknown-question.json: rules.flag.when.is: unknown question `flagg`");
}
