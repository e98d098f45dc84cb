//! `prescreen batch` output, byte for byte: the SHA-256 of the results for a generated
//! booking export (the benchmark's own mix) followed by edge lines, pinned to what the
//! batch wrote before its parsing and writing were rewritten for speed, so that no
//! change to speed can change a byte of output, an error message, an id's escaping or
//! the exit status. Also the same bytes for one job or two, from a file or a pipe.
//!
//! When the output is meant to change, the new checksums are printed by the failure.

mod common;

use common::{DAY, SCREENING_QUESTIONS, bookings, prescreen, sha256sum, temp_file};

/// Edge lines after the generated records: every kind of refusal, every id form and
/// escape, FHIR responses, and the answers forms that take rarer paths.
fn edge_lines() -> Vec<Vec<u8>> {
    let deep = |n: usize| format!("{{\"pregnant\": {}{}}}", "[".repeat(n), "]".repeat(n));
    let all_no = SCREENING_QUESTIONS
        .map(|id| format!("\"{id}\": false"))
        .join(", ");
    let fhir_items: Vec<String> = SCREENING_QUESTIONS
        .iter()
        .map(|id| format!(r#"{{"linkId": "{id}", "answer": [{{"valueBoolean": false}}]}}"#))
        .collect();
    let canonical =
        "https://prescreen.invalid/fhir/Questionnaire/microneedling-candidacy-screen|2026.11.0";
    let mut lines: Vec<Vec<u8>> = [
        // Well-formed answers on rarer paths.
        format!("{{{all_no}}}"),
        format!("{{\"id\": \"all no\", {all_no}, \"procedure_time\": \"2026-11-24T09:30+01:00\"}}"),
        format!("{{\"id\": \"zulu\", {all_no}, \"procedure_time\": \"2026-11-24T09:30:00Z\"}}"),
        format!("{{\"id\": \"zulu lower\", {all_no}, \"procedure_time\": \"2026-11-24t09:30:00z\"}}"),
        format!("{{\"id\": \"fraction\", {all_no}, \"procedure_time\": \"2026-11-24T09:30:00.250-03:30\"}}"),
        format!("{{\"id\": \"before\", {all_no}, \"procedure_time\": \"2026-11-22T23:00:00+00:00\"}}"),
        "{}".to_string(),
        r#"{"id": "all null", "pregnant": null, "eczema": null, "psoriasis": null, "other_skin_disease": null, "open_wounds": null, "scarring_history": null, "radiation_therapy": null, "radiation_end_date": null, "procedure_time": null, "treatment_area": null, "wears_makeup": null, "outdoors_next_24h": null, "uses_alcohol_based_products": null}"#.to_string(),
        r#"{"id": "all yes", "pregnant": true, "eczema": true, "psoriasis": true, "other_skin_disease": true, "open_wounds": true, "scarring_history": true, "radiation_therapy": true, "radiation_end_date": "2026-10-01", "treatment_area": "body", "wears_makeup": true, "outdoors_next_24h": true, "uses_alcohol_based_products": true}"#.to_string(),
        r#"{"id": "contradiction", "pregnant": false, "radiation_therapy": false, "radiation_end_date": "2026-05-01"}"#.to_string(),
        r#"{"id": "leap", "radiation_therapy": true, "radiation_end_date": "2024-02-29"}"#.to_string(),
        format!("{{\"id\": \"spaced\" ,\t{all_no} }}   "),
        format!("  \t{{\"id\": \"crlf\", {all_no}}}\r"),
        r#"{"pr\u0065gnant": true, "\u0069d": "escaped keys"}"#.to_string(),
        // Ids: every escape and number form.
        r#"{"id": "quote \" backslash \\ slash \/ tab \t nl \n"}"#.to_string(),
        r#"{"id": "\u0001\u001f\u007f\u0080\u2028\u2029 é ü 日本 😀 \ud83d\ude00"}"#.to_string(),
        r#"{"id": ""}"#.to_string(),
        r#"{"id": 0}"#.to_string(),
        r#"{"id": -0}"#.to_string(),
        r#"{"id": -12}"#.to_string(),
        r#"{"id": 1.5}"#.to_string(),
        r#"{"id": 1e5}"#.to_string(),
        r#"{"id": 0.1}"#.to_string(),
        r#"{"id": 18446744073709551615}"#.to_string(),
        r#"{"id": -9223372036854775808}"#.to_string(),
        r#"{"id": 123456789012345678901234567890}"#.to_string(),
        r#"{"id": 1e300}"#.to_string(),
        // Refusals, each with the id when it can be told.
        r#"{"id": "unknown", "pregant": true}"#.to_string(),
        r#"{"id": "odd key", "pre\"g\\ant\u0000": true}"#.to_string(),
        format!("{{\"id\": \"long key\", \"{}\": 1}}", "k".repeat(500)),
        r#"{"id": "dup", "pregnant": true, "pregnant": true}"#.to_string(),
        r#"{"id": "dup id", "id": "again"}"#.to_string(),
        r#"{"id": "wrong type", "pregnant": "no"}"#.to_string(),
        r#"{"id": "number for bool", "eczema": 0}"#.to_string(),
        r#"{"id": "object for bool", "eczema": {"a": 1}}"#.to_string(),
        r#"{"id": "array for bool", "eczema": [true]}"#.to_string(),
        r#"{"id": "bad date", "radiation_end_date": "2026-02-30"}"#.to_string(),
        r#"{"id": "sloppy date", "radiation_end_date": "2026-2-3"}"#.to_string(),
        r#"{"id": "old date", "radiation_end_date": "1899-12-31"}"#.to_string(),
        r#"{"id": "no offset", "procedure_time": "2026-11-23T14:00:00"}"#.to_string(),
        r#"{"id": "number time", "procedure_time": 5}"#.to_string(),
        r#"{"id": "bad option", "treatment_area": "scalp"}"#.to_string(),
        r#"{"id": "bool option", "treatment_area": true}"#.to_string(),
        r#"{"id": true}"#.to_string(),
        r#"{"id": null, "pregnant": true}"#.to_string(),
        r#"{"id": [1]}"#.to_string(),
        r#"{"id": 7, "pregnant": 1e999}"#.to_string(),
        r#"{"id": 8, "eczema": tru}"#.to_string(),
        r#"{"id": 9, "eczema": true"#.to_string(),
        r#"{"id": 10} trailing"#.to_string(),
        r#"{"id": 11}{"id": 12}"#.to_string(),
        r#"{"id": 13,}"#.to_string(),
        r#"{"id": 14 "pregnant": true}"#.to_string(),
        r#"{"pregnant": tru, "id": 15}"#.to_string(),
        r#"{"x": {"id": 16}}"#.to_string(),
        r#"{"id": "bad escape \x"}"#.to_string(),
        r#"{"id": "lone surrogate \ud800"}"#.to_string(),
        "{\"id\": \"raw control \u{1}\"}".to_string(),
        "[]".to_string(),
        "[{\"pregnant\": true}]".to_string(),
        "\"pregnant\"".to_string(),
        "null".to_string(),
        "17".to_string(),
        "{".to_string(),
        "}".to_string(),
        "\u{feff}{\"id\": \"bom\"}".to_string(),
        deep(31),
        deep(32),
        format!("{{\"id\": \"deep\", \"x\": {}{}}}", "{\"a\":".repeat(40), "}".repeat(40)),
        // FHIR QuestionnaireResponses, one per line.
        format!(
            r#"{{"resourceType": "QuestionnaireResponse", "id": "qr-1", "questionnaire": "{canonical}", "status": "completed", "item": [{}]}}"#,
            fhir_items.join(", ")
        ),
        format!(
            r#"{{"resourceType": "QuestionnaireResponse", "questionnaire": "{canonical}", "status": "in-progress", "item": [{}]}}"#,
            fhir_items[..3].join(", ")
        ),
        format!(
            r#"{{"resourceType": "QuestionnaireResponse", "questionnaire": "{canonical}", "status": "completed", "item": [{{"linkId": "pregnant", "answer": [{{"valueString": "no"}}]}}]}}"#
        ),
        r#"{"resourceType": "Patient", "id": "p-1"}"#.to_string(),
        r#"{"resourceType": "secret value"}"#.to_string(),
        r#"{"resourceType": 1, "id": 3}"#.to_string(),
    ]
    .into_iter()
    .map(String::into_bytes)
    .collect();
    // Not UTF-8: in a value, in a key, in an id.
    lines.push(b"{\"id\": \"latin-1\", \"pregnant\": \"\xff\"}".to_vec());
    lines.push(b"{\"id\": 20, \"\xe9czema\": true}".to_vec());
    lines.push(b"{\"id\": \"\xff\", \"pregnant\": true}".to_vec());
    lines
}

/// The generated export (with its line over 1 MiB) and the edge lines, blank lines between.
fn input() -> Vec<u8> {
    let mut input = Vec::new();
    bookings::write(&mut input, 30_000, 12_345).unwrap();
    for line in edge_lines() {
        input.extend_from_slice(&line);
        input.extend_from_slice(b"\n\n");
    }
    input
}

/// The output of `batch ARGS` on the input, the same for one job or two, from a file or
/// from stdin; with its stderr, which is checked too.
fn batch_output(extra: &[&str], input: &[u8]) -> (String, String) {
    let (_dir, path) = temp_file("bookings.ndjson", input);
    let args = |jobs: &'static str| {
        let mut args = vec!["batch", "--date", DAY, "--jobs", jobs];
        args.extend_from_slice(extra);
        args
    };
    let one = prescreen(args("1")).arg(&path).run().status(65);
    let two = prescreen(args("2")).arg(&path).run().status(65);
    let piped = prescreen(args("2")).stdin(input).run().status(65);
    for (name, other) in [("--jobs 2", &two), ("stdin", &piped)] {
        assert!(one.stdout == other.stdout, "{name} differs from --jobs 1");
        assert_eq!(one.stderr, other.stderr, "{name}");
    }
    (sha256sum(one.stdout.as_bytes()), one.stderr)
}

#[test]
fn the_batch_output_is_byte_for_byte_what_it_was() {
    let input = input();
    assert_eq!(
        sha256sum(&input),
        "1a8a798ca6a1d28e005eec97d88332b559d3f4d515334e0b1f28a9b62d17e25c",
        "the generated input changed: its checksum is pinned too"
    );
    let stderr = "prescreen: error: 61 of 30074 lines rejected (their results have `error`); the others were screened\n";
    let (verdicts, verdicts_stderr) = batch_output(&[], &input);
    let (checklists, checklists_stderr) = batch_output(&["--aftercare"], &input);
    assert_eq!(
        (verdicts.as_str(), checklists.as_str()),
        (
            "20179833a58318a126fee6ed64575c16a4458bad80f852ff4bd8e140ad7d3c94",
            "f6f72bef0fe082536b2812151c93336092ab955422d12d54056b2828d3ccecd8"
        ),
        "the output of batch and of batch --aftercare changed"
    );
    assert_eq!(verdicts_stderr, stderr);
    assert_eq!(checklists_stderr, stderr);
}
