//! The JSON Schemas of prescreen's outputs (`rules/*.schema.json`): generated from the
//! output types, so the committed copies must match what the binary prints, and real
//! outputs of every kind must validate against them (with the independent `jsonschema`
//! crate here; with Python's `jsonschema` in `schema_python.rs`).
#![allow(clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use common::{OUTPUT_SCHEMAS as OUTPUTS, prescreen, root, sample_outputs};
use serde_json::{Value, json};

fn committed(name: &str) -> Value {
    let path = root().join(format!("rules/{name}.schema.json"));
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema = committed(name);
    assert!(
        jsonschema::meta::is_valid(&schema),
        "{name}: not valid JSON Schema"
    );
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "{name}"
    );
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn the_committed_schemas_are_what_the_binary_prints() {
    for name in OUTPUTS {
        let printed = prescreen(["rules", "schema", "--output", name])
            .run()
            .status(0)
            .stderr_empty();
        let path = format!("rules/{name}.schema.json");
        let copy = std::fs::read_to_string(root().join(&path)).unwrap();
        assert!(
            printed.stdout == copy,
            "{path} is stale: regenerate it with `cargo run -- rules schema --output {name} > {path}`"
        );
    }
}

#[test]
fn real_outputs_of_every_kind_validate() {
    let samples = sample_outputs();
    for name in OUTPUTS {
        let v = validator(name);
        let mine: Vec<_> = samples.iter().filter(|(n, ..)| *n == name).collect();
        assert!(mine.len() >= 2, "{name}: {} samples", mine.len());
        for (_, what, doc) in mine {
            let errors: Vec<String> = v.iter_errors(doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{name}: {what}: {errors:?}\n{doc}");
        }
    }
    // The samples cover what varies: an error line and a result line, ids of each kind.
    let lines: Vec<&Value> = samples
        .iter()
        .filter(|(n, ..)| *n == "batch-line")
        .map(|(.., d)| d)
        .collect();
    assert!(lines.iter().any(|d| d.get("error").is_some()));
    assert!(lines.iter().any(|d| d.get("verdict").is_some()));
}

#[test]
fn the_schemas_are_closed_and_refuse_what_is_not_written() {
    let sample = |name: &str| {
        sample_outputs()
            .into_iter()
            .find(|(n, ..)| *n == name)
            .unwrap()
            .2
    };
    let mut result = sample("result");
    result["verdcit"] = json!("candidate");
    assert!(!validator("result").is_valid(&result), "unknown key");
    let mut result = sample("result");
    result["verdict"] = json!("maybe");
    assert!(!validator("result").is_valid(&result), "unknown verdict");
    let old_error_line = json!({"line": 3, "error": "column 10: unknown answer key `pregant`"});
    assert!(
        !validator("batch-line").is_valid(&old_error_line),
        "the error is an object"
    );
    let error = json!({"error": {"code": "no_answers", "message": "m"}});
    assert!(
        !validator("error").is_valid(&error),
        "every field is always there"
    );
}
