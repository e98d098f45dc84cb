//! `prescreen records --format csv` read back by Python's `csv` module, the reader most
//! spreadsheets' exports are checked against. An `external-tests` target: it needs
//! `python3` (its standard library only) and FAILS, never skips, without it.

mod common;

use std::process::Command;

use common::{DAY, candidate, prescreen, temp_file};
use serde_json::{Value, json};

/// Reads the CSV file with `csv.reader` and prints its rows as one JSON array.
const READ_BACK: &str = r#"
import csv, json, sys
with open(sys.argv[1], newline="") as f:
    print(json.dumps(list(csv.reader(f))))
"#;

#[test]
fn python_reads_back_what_the_listing_holds() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("screenings.ndjson");
    let references = [
        "Lee, Ann",
        "Ann \"Annie\" Lee",
        "=1+2",
        "-1042",
        "Zoë Ægir 李",
    ];
    for (i, reference) in references.iter().enumerate() {
        let answers = candidate(json!({"pregnant": i % 2 == 1})).to_string();
        prescreen(["screen", "--date", DAY, "--format", "json", "--staff", "JD"])
            .args(["--reference", reference, "--record"])
            .arg(&file)
            .stdin(answers)
            .run()
            .status(if i % 2 == 1 { 3 } else { 0 });
    }
    let csv = prescreen(["records", "--format", "csv"])
        .arg(&file)
        .run()
        .status(0)
        .stdout;
    let listing = prescreen(["records", "--format", "json"])
        .arg(&file)
        .run()
        .status(0)
        .json();
    let (_csv_dir, csv_path) = temp_file("listing.csv", csv.as_bytes());
    let out = Command::new("python3")
        .arg("-c")
        .arg(READ_BACK)
        .arg(&csv_path)
        .output()
        .expect("python3 is needed for this external test");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        rows[0],
        [
            "line",
            "recorded_at",
            "reference",
            "staff",
            "screened_on",
            "verdict",
            "eligible_from"
        ]
    );
    let screenings = listing["screenings"].as_array().unwrap();
    assert_eq!(rows.len(), screenings.len() + 1);
    assert_eq!(screenings.len(), references.len());
    for (row, screening) in rows[1..].iter().zip(screenings) {
        let text = |v: &Value| v.as_str().unwrap_or("").to_string();
        let reference = text(&screening["reference"]);
        // A formula is disarmed with a leading `'`; everything else is as recorded.
        let expected = if reference.starts_with(['=', '+', '-', '@']) {
            format!("'{reference}")
        } else {
            reference
        };
        assert_eq!(
            row,
            &[
                screening["line"].to_string(),
                text(&screening["recorded_at"]),
                expected,
                text(&screening["staff"]),
                text(&screening["screened_on"]),
                text(&screening["verdict"]),
                text(&screening["eligible_from"]),
            ]
        );
    }
    assert_eq!(rows[3][2], "'=1+2");
    assert_eq!(rows[2][2], "Ann \"Annie\" Lee");
    assert_eq!(rows[5][2], "Zoë Ægir 李");
}
