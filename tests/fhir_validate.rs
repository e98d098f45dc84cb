//! The FHIR we write, checked by three independent validators from the package
//! registries: Python `fhir.resources` (R4B models), npm `fhir` (FHIR.js, unexpected
//! properties as errors) and the que-* (and qrs-, bdl-, obs-) invariants evaluated with
//! npm `fhirpath` (scripts in tests/fhir/). Every example's Bundle, the Questionnaire of
//! the built-in rule file and of one that uses every kind of condition, are validated;
//! broken copies show that each validator does catch what it is there for.
//!
//! Needs python3 with fhir.resources==8.3.0, and node with tests/fhir/node_modules
//! (`npm ci` there): `bash .ci/run` installs both. Run with
//! `cargo test --features external-tests --test fhir_validate`. Missing tools fail the
//! test; they never skip it.
#![allow(clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{DAY, prescreen, root};
use serde_json::{Value, json};

const INSTALL: &str = "install them with `bash .ci/run`, or: \
    python3 -m pip install fhir.resources==8.3.0 && (cd tests/fhir && npm ci)";

/// Runs a validator on `files`; returns (success, stdout).
fn validator(program: &str, script: &str, files: &[PathBuf]) -> (bool, String) {
    let out = Command::new(program)
        .arg(root().join("tests/fhir").join(script))
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} ({e}): {INSTALL}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("ModuleNotFoundError") || stderr.contains("Cannot find module") {
        panic!("{program} {script}: a validator package is missing: {INSTALL}\n{stderr}");
    }
    (out.status.success(), format!("{stdout}{stderr}"))
}

const VALIDATORS: [(&str, &str); 2] = [("python3", "validate.py"), ("node", "validate.js")];

fn write(dir: &Path, name: &str, doc: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(doc).unwrap()).unwrap();
    path
}

/// The built-in rule file with questions that use every kind of condition `ask_if` can
/// have, so that enableBehavior, the SDC expression and decimals are all exported.
fn conditions_rules() -> Value {
    let mut doc: Value =
        serde_json::from_slice(&std::fs::read(root().join("rules/microneedling.json")).unwrap())
            .unwrap();
    let questions = doc["questions"].as_array_mut().unwrap();
    let extra = [
        json!({"id": "age", "type": "number", "purpose": "aftercare", "prompt": "How old are you?",
               "min": 0, "max": 130}),
        json!({"id": "q_all", "type": "boolean", "purpose": "aftercare", "prompt": "All?",
               "ask_if": {"all": [{"is": {"answer": "pregnant", "value": false}},
                                  {"is": {"answer": "treatment_area", "value": "face"}}]}}),
        json!({"id": "q_any", "type": "boolean", "purpose": "aftercare", "prompt": "Any?",
               "ask_if": {"any": [{"lt": {"answer": "age", "value": 18}},
                                  {"is": {"answer": "radiation_end_date", "value": "2026-01-31"}}]}}),
        json!({"id": "q_within", "type": "boolean", "purpose": "aftercare", "prompt": "Within?",
               "ask_if": {"within_days": {"answer": "radiation_end_date", "days": 30}}}),
        json!({"id": "q_not", "type": "boolean", "purpose": "aftercare", "prompt": "Not?",
               "ask_if": {"not": {"is": {"answer": "treatment_area", "value": "body"}}}}),
    ];
    questions.extend(extra);
    doc
}

/// Everything we export, written to `dir`.
fn exports(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let default = prescreen(["rules", "fhir"]).run().status(0).json();
    files.push(write(dir, "questionnaire.json", &default));

    let rules_path = write(dir, "conditions-rules.json", &conditions_rules());
    let q = prescreen(["rules", "fhir", "--url", "https://clinic.example/fhir"])
        .arg(&rules_path)
        .run()
        .status(0)
        .json();
    let text = q.to_string();
    assert!(text.contains("enableBehavior") && text.contains("enableWhenExpression"));
    files.push(write(dir, "questionnaire-conditions.json", &q));

    let mut examples: Vec<PathBuf> = std::fs::read_dir(root().join("rules/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    examples.sort();
    for example in examples {
        let bundle = prescreen(["screen", "--date", DAY, "--format", "fhir", "--answers"])
            .arg(&example)
            .run()
            .json();
        let name = format!("bundle-{}", example.file_name().unwrap().to_string_lossy());
        files.push(write(dir, &name, &bundle));
    }

    // An unfinished response with a number, read back and written out again.
    let response = json!({
        "resourceType": "QuestionnaireResponse", "status": "in-progress",
        "questionnaire": "https://clinic.example/fhir/Questionnaire/microneedling-candidacy-screen|2026.11.0",
        "item": [{"linkId": "pregnant", "answer": [{"valueBoolean": false}]},
                 {"linkId": "eczema"},
                 {"linkId": "age", "answer": [{"valueInteger": 40}]}]
    });
    let bundle = prescreen(["screen", "--date", DAY, "--format", "fhir", "--rules"])
        .arg(&rules_path)
        .stdin(response.to_string())
        .run()
        .status(4)
        .json();
    files.push(write(dir, "bundle-in-progress.json", &bundle));
    files
}

#[test]
fn every_export_passes_all_three_validators() {
    let dir = tempfile::tempdir().unwrap();
    let files = exports(dir.path());
    let examples = std::fs::read_dir(root().join("rules/examples"))
        .unwrap()
        .count();
    // Two questionnaires, a bundle per example and one from an unfinished response.
    assert_eq!(files.len(), examples + 3);
    for (program, script) in VALIDATORS {
        let (ok, output) = validator(program, script, &files);
        assert!(ok, "{script} refused our FHIR:\n{output}");
        for file in &files {
            let line = format!("ok {}", file.display());
            assert!(
                output.lines().any(|l| l == line),
                "{script}: no `{line}` in\n{output}"
            );
        }
    }
}

/// A copy of `doc` with `edit` applied.
fn broken(doc: &Value, edit: impl FnOnce(&mut Value)) -> Value {
    let mut doc = doc.clone();
    edit(&mut doc);
    doc
}

#[test]
fn each_validator_catches_what_it_is_there_for() {
    let dir = tempfile::tempdir().unwrap();
    let q = prescreen(["rules", "fhir"]).run().status(0).json();
    let bundle = prescreen(["screen", "--date", DAY, "--format", "fhir", "--answers"])
        .arg(root().join("rules/examples/defer-radiation.json"))
        .run()
        .json();
    // (defect, document, caught by python, caught by node)
    let cases: Vec<(&str, Value, bool, bool)> = vec![
        (
            "unknown property",
            broken(&q, |d| d["item"][0]["colour"] = json!("red")),
            true,
            true,
        ),
        (
            "two value[x] in one answer",
            broken(&bundle, |d| {
                d["entry"][0]["resource"]["item"][0]["answer"][0]["valueDate"] = json!("2026-01-01")
            }),
            true,
            false,
        ),
        (
            "a code outside a required binding",
            broken(&q, |d| d["status"] = json!("bogus")),
            false,
            true,
        ),
        (
            "que-2: a linkId twice",
            broken(&q, |d| d["item"][1]["linkId"] = json!("pregnant")),
            false,
            true,
        ),
        (
            "que-12: two enableWhen without enableBehavior",
            broken(&q, |d| {
                d["item"][7]["enableWhen"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"question": "pregnant", "operator": "=", "answerBoolean": false}))
            }),
            false,
            true,
        ),
        (
            "an enableWhen without answer[x]",
            broken(&q, |d| {
                d["item"][7]["enableWhen"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("answerBoolean");
            }),
            false,
            true,
        ),
        (
            "a reference to nothing in the Bundle",
            broken(&bundle, |d| {
                d["entry"][1]["resource"]["derivedFrom"][0]["reference"] =
                    json!("urn:uuid:00000000-0000-8000-8000-000000000000")
            }),
            false,
            true,
        ),
    ];
    for (n, (defect, doc, python, node)) in cases.into_iter().enumerate() {
        let file = write(dir.path(), &format!("broken-{n}.json"), &doc);
        for ((program, script), expected) in VALIDATORS.into_iter().zip([python, node]) {
            let (ok, output) = validator(program, script, std::slice::from_ref(&file));
            if expected {
                assert!(
                    !ok && output.contains("INVALID"),
                    "{script} missed: {defect}\n{output}"
                );
            }
        }
    }
}
