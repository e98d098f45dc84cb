//! FHIR R4 through the real binary: `rules fhir` exports the Questionnaire, `screen`,
//! `aftercare` and `batch` read a QuestionnaireResponse, `--format fhir` writes the
//! result Bundle, and every refusal ends with status 65 and one line naming no answer.
#![allow(clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use common::{DAY, candidate, prescreen, root, temp_file};
use serde_json::{Value, json};

const CANONICAL: &str =
    "https://prescreen.invalid/fhir/Questionnaire/microneedling-candidacy-screen|2026.11.0";

/// A response to the built-in questionnaire with these items.
fn response(items: Value) -> Value {
    json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": CANONICAL,
        "status": "completed",
        "item": items
    })
}

fn answered(link_id: &str, answer: Value) -> Value {
    json!({"linkId": link_id, "answer": [answer]})
}

/// Every screening question answered "no", as response items.
fn all_no() -> Vec<Value> {
    [
        "pregnant",
        "eczema",
        "psoriasis",
        "other_skin_disease",
        "open_wounds",
        "scarring_history",
        "radiation_therapy",
    ]
    .iter()
    .map(|id| answered(id, json!({"valueBoolean": false})))
    .collect()
}

/// `screen --format fhir` of a JSON answers document: the Bundle.
fn bundle_of(answers: &Value) -> Value {
    prescreen(["screen", "--date", DAY, "--format", "fhir"])
        .stdin(answers.to_string())
        .run()
        .json()
}

#[test]
fn rules_fhir_prints_the_questionnaire() {
    let q = prescreen(["rules", "fhir"])
        .run()
        .status(0)
        .stderr_empty()
        .json();
    assert_eq!(q["resourceType"], "Questionnaire");
    assert_eq!(
        format!(
            "{}|{}",
            q["url"].as_str().unwrap(),
            q["version"].as_str().unwrap()
        ),
        CANONICAL
    );
    let ids: Vec<&str> = q["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["linkId"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 13);
    assert_eq!(ids[0], "pregnant");
    let sha = common::sha256sum(&std::fs::read(root().join("rules/microneedling.json")).unwrap());
    assert_eq!(q["extension"][0]["valueString"], sha.as_str());

    let q = prescreen(["rules", "fhir", "--url", "https://clinic.example/fhir"])
        .run()
        .status(0)
        .json();
    assert_eq!(
        q["url"],
        "https://clinic.example/fhir/Questionnaire/microneedling-candidacy-screen"
    );
    prescreen(["rules", "fhir", "--url", "clinic.example"])
        .run()
        .status(2)
        .stderr_has("must be an absolute URL");
}

#[test]
fn a_rule_file_url_is_the_base_and_is_checked() {
    let mut doc: Value =
        serde_json::from_slice(&std::fs::read(root().join("rules/microneedling.json")).unwrap())
            .unwrap();
    doc["url"] = json!("https://clinic.example/fhir");
    let (_dir, path) = temp_file("rules.json", doc.to_string().as_bytes());
    let q = prescreen(["rules", "fhir"])
        .arg(&path)
        .run()
        .status(0)
        .json();
    assert_eq!(
        q["url"],
        "https://clinic.example/fhir/Questionnaire/microneedling-candidacy-screen"
    );
    doc["url"] = json!("https://clinic.example/fhir/");
    let (_dir, path) = temp_file("rules.json", doc.to_string().as_bytes());
    prescreen(["rules", "fhir"])
        .arg(&path)
        .run()
        .status(78)
        .stderr_has("url: must not end with `/`");
}

#[test]
fn a_response_is_screened_like_json_answers() {
    let mut items = all_no();
    items[0] = answered("pregnant", json!({"valueBoolean": true}));
    let out = prescreen(["screen", "--date", DAY, "--format", "json"])
        .stdin(response(json!(items)).to_string())
        .run()
        .status(3)
        .stderr_empty();
    let doc = out.json();
    assert_eq!(doc["verdict"], "defer");
    assert_eq!(common::pluck(&doc["reasons"], "rule"), ["pregnancy"]);
}

#[test]
fn an_item_without_an_answer_and_an_unfinished_response_mean_not_sure() {
    let mut items = all_no();
    items[0] = json!({"linkId": "pregnant"});
    let doc = prescreen(["screen", "--date", DAY, "--format", "json"])
        .stdin(response(json!(items)).to_string())
        .run()
        .status(4)
        .json();
    assert_eq!(doc["reasons"][0]["question"], "pregnant");

    let mut unfinished = response(json!(all_no()[..3]));
    unfinished["status"] = json!("in-progress");
    let bundle = prescreen(["screen", "--date", DAY, "--format", "fhir"])
        .stdin(unfinished.to_string())
        .run()
        .status(4)
        .json();
    let unanswered: Vec<&str> = bundle["entry"].as_array().unwrap()[2..]
        .iter()
        .map(|e| e["resource"]["code"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(unanswered, ["unanswered"; 4]);
    assert_eq!(bundle["entry"][0]["resource"]["status"], "in-progress");
}

#[test]
fn refusals_are_status_65_and_one_line_without_values() {
    let with_status = |status: &str| {
        let mut doc = response(json!(all_no()));
        doc["status"] = json!(status);
        doc
    };
    let with_questionnaire = |canonical: &str| {
        let mut doc = response(json!(all_no()));
        doc["questionnaire"] = json!(canonical);
        doc
    };
    let expected = format!("this rule file's is `{CANONICAL}`");
    let cases: Vec<(&str, Value, String)> = vec![
        (
            "unknown linkId",
            response(json!([answered(
                "pregnant_now",
                json!({"valueBoolean": true})
            )])),
            "unknown linkId `pregnant_now`".into(),
        ),
        (
            "wrong value type",
            response(json!([answered(
                "pregnant",
                json!({"valueString": "maybe"})
            )])),
            "the answer to `pregnant` must be valueBoolean".into(),
        ),
        (
            "two values for one item",
            response(
                json!([{"linkId": "eczema", "answer": [{"valueBoolean": true}, {"valueBoolean": false}]}]),
            ),
            "item `eczema` has more than one answer".into(),
        ),
        (
            "two value[x] in one answer",
            response(json!([answered(
                "eczema",
                json!({"valueBoolean": true, "valueDate": "2020-01-01"})
            )])),
            "an answer to `eczema` has more than one value[x]".into(),
        ),
        (
            "another questionnaire",
            with_questionnaire("https://clinic.example/Questionnaire/phq-9|2026.11.0"),
            format!("the response answers another questionnaire or version; {expected}"),
        ),
        (
            "another version",
            with_questionnaire(&CANONICAL.replace("2026.11.0", "2025.1.0")),
            format!("the response answers another questionnaire or version; {expected}"),
        ),
        (
            "entered in error",
            with_status("entered-in-error"),
            "the response has status `entered-in-error`: it must not be used".into(),
        ),
    ];
    for (name, doc, message) in cases {
        let out = prescreen(["screen", "--date", DAY])
            .stdin(doc.to_string())
            .run();
        assert_eq!(out.status, 65, "{name}: {out:?}");
        assert_eq!(
            out.stderr,
            format!("prescreen: error: invalid answers in stdin: {message}\n"),
            "{name}"
        );
        assert!(out.stdout.is_empty(), "{name}");
        for value in ["maybe", "2020-01-01", "true"] {
            assert!(!out.stderr.contains(value), "{name}: {}", out.stderr);
        }
    }
}

#[test]
fn the_result_bundle_holds_the_response_the_verdict_and_the_reasons() {
    let bundle = bundle_of(&candidate(json!({"eczema": true, "open_wounds": true})));
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let resources: Vec<&Value> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .collect();
    let kinds: Vec<&str> = resources
        .iter()
        .map(|r| r["resourceType"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "QuestionnaireResponse",
            "Observation",
            "DetectedIssue",
            "DetectedIssue"
        ]
    );
    assert_eq!(resources[0]["questionnaire"], CANONICAL);
    assert_eq!(
        resources[1]["valueCodeableConcept"]["coding"][0]["code"],
        "not_candidate"
    );
    assert_eq!(
        resources[1]["derivedFrom"][0]["reference"],
        bundle["entry"][0]["fullUrl"]
    );
    let issues: Vec<(&str, &str, &str)> = resources[2..]
        .iter()
        .map(|r| {
            (
                r["code"]["text"].as_str().unwrap(),
                r["severity"].as_str().unwrap(),
                r["identifiedDateTime"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        issues,
        [("eczema", "high", DAY), ("open_wounds", "moderate", DAY)]
    );
    assert_eq!(
        resources[2]["detail"],
        "Microneedling is not advised for people with eczema."
    );
}

#[test]
fn aftercare_and_batch_read_responses_too() {
    let mut items = all_no();
    items.push(answered(
        "procedure_time",
        json!({"valueDateTime": "2026-11-23T14:00:00+01:00"}),
    ));
    items.push(answered(
        "treatment_area",
        json!({"valueCoding": {"code": "body"}}),
    ));
    let from_fhir = prescreen(["aftercare", "--date", DAY, "--format", "json"])
        .stdin(response(json!(items)).to_string())
        .run()
        .status(0)
        .json();
    let from_json = prescreen(["aftercare", "--date", DAY, "--format", "json"])
        .stdin(
            candidate(json!({"treatment_area": "body", "wears_makeup": "<remove>",
                "outdoors_next_24h": "<remove>", "uses_alcohol_based_products": "<remove>"}))
            .to_string(),
        )
        .run()
        .status(0)
        .json();
    assert_eq!(from_fhir, from_json);
    prescreen(["aftercare", "--format", "fhir"])
        .stdin(response(json!(items)).to_string())
        .run()
        .status(2)
        .stderr("prescreen: error: `aftercare` has no `--format fhir` output\n");

    let good = response(json!(all_no())).to_string();
    let bad = response(json!([answered(
        "pregnant",
        json!({"valueDate": "2026-01-01"})
    )]));
    let input = format!("{good}\n{bad}\n");
    let out = prescreen(["batch", "--date", DAY])
        .stdin(input)
        .run()
        .status(65);
    let lines: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["verdict"], "candidate");
    assert_eq!(
        lines[1]["error"]["message"],
        "the answer to `pregnant` must be valueBoolean"
    );
    assert_eq!(
        lines[1]["error"]["problems"][0]["code"],
        "fhir_wrong_value_type"
    );
}

#[test]
fn another_fhir_resource_is_not_answers() {
    prescreen(["screen", "--date", DAY])
        .stdin(r#"{"resourceType": "Patient", "id": "p1"}"#)
        .run()
        .status(65)
        .stderr("prescreen: error: invalid answers in stdin: a FHIR `Patient` is not answers: send a QuestionnaireResponse\n");
}
