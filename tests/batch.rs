//! `prescreen batch`: NDJSON in, one result per non-blank line out, in order; bad lines
//! rejected without stopping the batch; the same verdicts as `screen`.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{DAY, candidate, prescreen, root, temp_file};
use serde_json::{Value, json};

/// Record `i` of a deterministic mix: candidates, each exclusion, unanswered questions,
/// a radiation date, string and number ids.
fn record(i: usize) -> Value {
    let id = if i % 2 == 0 {
        json!(format!("r-{i}"))
    } else {
        json!(i)
    };
    let overrides = match i % 10 {
        0 => json!({"pregnant": true}),
        1 => json!({"eczema": true, "open_wounds": true}),
        2 => json!({"radiation_therapy": true, "radiation_end_date": "2026-03-01"}),
        3 => json!({"scarring_history": null}),
        4 => json!({"psoriasis": "<remove>"}),
        5 => json!({"other_skin_disease": true}),
        _ => json!({}),
    };
    let mut doc = candidate(overrides);
    doc["id"] = id;
    doc
}

fn ndjson(records: impl IntoIterator<Item = Value>) -> String {
    records.into_iter().map(|r| format!("{r}\n")).collect()
}

fn result_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn order_and_count_are_kept_with_bad_and_blank_lines_mixed_in() {
    // Input line `i + 1`: screened (Ok(id)), rejected (Err(id)) or blank (no result).
    let mut input = String::new();
    let mut expected: Vec<(usize, Result<Value, Value>)> = Vec::new();
    for i in 0..60 {
        let id = record(i)["id"].clone();
        match i % 7 {
            3 => {
                input.push_str(&format!(r#"{{"id": {id}, "pregant": true}}"#));
                expected.push((i + 1, Err(id)));
            }
            5 => {
                input.push_str(&format!(r#"{{"id": {id}, "eczema": tru"#));
                expected.push((i + 1, Err(id)));
            }
            6 => input.push_str("   \t"),
            _ => {
                input.push_str(&record(i).to_string());
                expected.push((i + 1, Ok(id)));
            }
        }
        input.push('\n');
    }

    let out = prescreen(["batch", "--date", DAY])
        .stdin(input.clone())
        .run()
        .status(65);
    let results = result_lines(&out.stdout);
    let non_blank = input.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(results.len(), non_blank, "one result per non-blank line");
    assert_eq!(results.len(), expected.len());
    for (result, (number, outcome)) in results.iter().zip(&expected) {
        assert_eq!(result["line"], *number, "{result}");
        match outcome {
            Ok(id) => {
                assert_eq!(result["id"], *id, "{result}");
                assert!(result["verdict"].is_string(), "{result}");
                assert_eq!(result.get("error"), None);
            }
            Err(id) => {
                assert_eq!(result["id"], *id, "{result}");
                assert!(result["error"]["code"].is_string(), "{result}");
                assert_eq!(result.get("verdict"), None);
            }
        }
    }
    let rejected = expected.iter().filter(|(_, o)| o.is_err()).count();
    assert_eq!(
        out.stderr,
        format!(
            "prescreen: error: {rejected} of {} lines rejected (their results have `error`); the others were screened\n",
            expected.len()
        )
    );
}

#[test]
fn a_bad_line_is_explained_by_key_only_and_the_rest_is_screened() {
    let input = [
        r#"{"id": "first", "pregnant": "secret-value"}"#.to_string(),
        record(6).to_string(),
        r#"{"pregant": true, "id": 99}"#.to_string(),
        r#"[1, 2]"#.to_string(),
        record(0).to_string(),
    ]
    .join("\n");
    let out = prescreen(["batch", "--date", DAY])
        .stdin(input)
        .run()
        .status(65)
        .stdout_lacks("secret");
    let results = result_lines(&out.stdout);
    // The same error object as `screen --format json`, at the input line.
    assert_eq!(
        results[0],
        json!({"line": 1, "id": "first", "error": {
            "code": "invalid_answers",
            "message": "column 42: answer `pregnant` must be true, false or null",
            "key": "pregnant", "line": 1, "column": 42, "suggestion": null,
            "problems": [{
                "code": "wrong_type", "message": "answer `pregnant` must be true, false or null",
                "key": "pregnant", "path": null, "line": 1, "column": 42, "suggestion": null
            }]
        }})
    );
    assert_eq!(results[1]["verdict"], "candidate");
    assert_eq!(results[2]["id"], 99);
    assert_eq!(
        results[2]["error"]["message"],
        "column 10: unknown answer key `pregant`; did you mean `pregnant`?"
    );
    assert_eq!(results[2]["error"]["suggestion"], "pregnant");
    assert_eq!(results[3].get("id"), None);
    assert_eq!(
        results[3]["error"]["message"],
        "answers must be one JSON object ({\"question_id\": answer, ...})"
    );
    assert_eq!(results[3]["error"]["problems"][0]["code"], "not_an_object");
    assert_eq!(results[4]["verdict"], "defer");
    assert_eq!(results[4]["id"], "r-0");
}

#[test]
fn ids_are_echoed_as_given() {
    let input = ndjson([
        candidate(json!({"id": "walk-in-7"})),
        candidate(json!({"id": 42})),
        candidate(json!({"id": 4.5})),
        candidate(json!({})),
    ]);
    let out = prescreen(["batch", "--date", DAY])
        .stdin(input)
        .run()
        .status(0)
        .stderr_empty();
    let ids: Vec<Value> = result_lines(&out.stdout)
        .iter()
        .map(|r| r.get("id").cloned().unwrap_or(Value::Null))
        .collect();
    assert_eq!(
        ids,
        [json!("walk-in-7"), json!(42), json!(4.5), Value::Null]
    );
}

#[test]
fn a_result_is_screens_document_with_its_line_and_no_checklist_unless_asked() {
    let input = ndjson([candidate(json!({"id": "c"}))]);
    let plain = prescreen(["batch", "--date", DAY])
        .stdin(input.clone())
        .run()
        .status(0);
    assert_eq!(plain.stdout.lines().count(), 1, "compact: one line");
    let doc = plain.json();
    assert_eq!(doc["line"], 1);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["verdict"], "candidate");
    assert_eq!(doc.get("aftercare"), None, "left out, never an empty list");
    assert_eq!(doc["procedure_time"], "2026-11-23T14:00:00+01:00");
    assert_eq!(doc["judged_on"], DAY);

    let with = prescreen(["batch", "--date", DAY, "--aftercare"])
        .stdin(input)
        .run()
        .status(0)
        .json();
    assert_eq!(with["procedure_time"], "2026-11-23T14:00:00+01:00");
    assert!(with["aftercare"].as_array().unwrap().len() >= 6);
}

#[test]
fn empty_and_blank_inputs_give_no_results() {
    for input in ["", "\n\n", "  \r\n\t\n"] {
        prescreen(["batch", "--date", DAY])
            .stdin(input)
            .run()
            .status(0)
            .stdout("")
            .stderr_empty();
    }
}

#[test]
fn the_summary_counts_verdicts_rules_and_rejections() {
    let input = ndjson([
        candidate(json!({})),
        candidate(json!({"pregnant": true})),
        candidate(json!({"eczema": true, "psoriasis": true})),
        candidate(json!({"radiation_therapy": true, "radiation_end_date": "2026-03-01"})),
        candidate(json!({"open_wounds": null})),
        json!({"pregant": true}),
    ]);
    let out = prescreen(["batch", "--date", DAY, "--summary", "--format", "json"])
        .stdin(input.clone())
        .run()
        .status(65);
    assert_eq!(out.stdout.lines().count(), 6);
    // stderr is the JSON summary and nothing else: it parses as one document.
    let summary: Value = serde_json::from_str(&out.stderr).unwrap();
    let expected = json!({
            "schema_version": 1, "lines": 6, "screened": 5, "rejected": 1,
            "verdicts": {"candidate": 1, "review": 1, "defer": 2, "not_candidate": 1},
            "rules": {"pregnancy": 1, "eczema": 1, "psoriasis": 1, "scarring_history": 0,
                      "open_wounds": 0, "recent_radiation": 1, "other_skin_disease": 0,
                      "unanswered": 1}
    });
    assert_eq!(summary, expected);
    assert_eq!(out.stderr.lines().count(), 1);

    let text = prescreen(["batch", "--date", DAY, "--summary"])
        .stdin(input.clone())
        .run()
        .status(65);
    let table: Vec<&str> = text.stderr.lines().collect();
    assert_eq!(table[0], "prescreen batch summary");
    assert!(table.contains(&"  rejected                 1"), "{table:?}");
    assert!(table.contains(&"  verdict defer            2"), "{table:?}");
    assert!(table.contains(&"  rule recent_radiation    1"), "{table:?}");
    assert!(
        table.last().unwrap().contains("1 of 6 lines rejected"),
        "{table:?}"
    );

    // --summary-file: JSON or text by the file's extension, private, stderr left alone.
    let dir = tempfile::tempdir().unwrap();
    for (name, json) in [("s.json", true), ("s.txt", false), ("summary", false)] {
        let path = dir.path().join(name);
        let out = prescreen(["batch", "--date", DAY, "--summary-file"])
            .arg(&path)
            .stdin(input.clone())
            .run()
            .status(65)
            .stderr("prescreen: error: 1 of 6 lines rejected (their results have `error`); the others were screened\n");
        assert_eq!(out.stdout.lines().count(), 6);
        let written = std::fs::read_to_string(&path).unwrap();
        if json {
            assert_eq!(serde_json::from_str::<Value>(&written).unwrap(), expected);
        } else {
            assert_eq!(
                written.lines().collect::<Vec<_>>(),
                table[..table.len() - 1]
            );
        }
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{name}");
    }
    // --format decides for a file without a known extension.
    let path = dir.path().join("summary.out");
    prescreen(["batch", "--date", DAY, "--format", "json", "--summary-file"])
        .arg(&path)
        .stdin(input)
        .run()
        .status(65);
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&written).unwrap(), expected);
}

#[test]
fn an_unwritable_summary_file_is_an_output_error() {
    prescreen([
        "batch",
        "--date",
        DAY,
        "--summary-file",
        "/nonexistent-dir/s.json",
    ])
    .stdin(ndjson([candidate(json!({}))]))
    .run()
    .status(74)
    .stderr("prescreen: error: cannot write summary file `/nonexistent-dir/s.json`: no such file or directory\n");
}

/// Many records over many chunks, with bad and blank lines among them.
fn large_input(records: usize) -> String {
    let mut input = String::new();
    for i in 0..records {
        match i % 997 {
            13 => input.push_str("{\"id\": 1, \"eczema\": \n"),
            14 => input.push('\n'),
            _ => {
                input.push_str(&record(i).to_string());
                input.push('\n');
            }
        }
    }
    input
}

#[test]
fn one_worker_and_many_give_identical_output() {
    let input = large_input(20_000);
    let (_dir, path) = temp_file("big.ndjson", input.as_bytes());
    let run = |jobs: &str| {
        prescreen(["batch", "--date", DAY, "--jobs", jobs])
            .arg(&path)
            .run()
            .status(65)
    };
    let one = run("1");
    assert_eq!(
        one.stdout.lines().count(),
        input.lines().filter(|l| !l.trim().is_empty()).count()
    );
    for jobs in ["2", "8"] {
        let many = run(jobs);
        assert!(
            one.stdout == many.stdout,
            "--jobs {jobs} differs from --jobs 1"
        );
        assert_eq!(one.stderr, many.stderr);
    }
    // And from stdin, where chunks are cut where the pipe's reads end.
    let piped = prescreen(["batch", "--date", DAY, "--jobs", "2"])
        .stdin(input)
        .run()
        .status(65);
    assert!(one.stdout == piped.stdout, "stdin differs from the file");
}

#[test]
fn a_closed_stdout_ends_quietly_with_status_0() {
    let (dir, path) = temp_file("big.ndjson", large_input(30_000).as_bytes());
    let status = dir.path().join("status");
    for jobs in ["1", "2"] {
        let script = format!(
            "{{ \"$0\" batch --date {DAY} --jobs {jobs} \"$1\" 2>\"$2.err\"; echo $? > \"$2\"; }} | head -n 1"
        );
        let out = std::process::Command::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_prescreen")])
            .arg(&path)
            .arg(&status)
            .output()
            .unwrap();
        let first: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(first["line"], 1);
        assert_eq!(
            std::fs::read_to_string(&status).unwrap().trim(),
            "0",
            "--jobs {jobs}"
        );
        let stderr = std::fs::read_to_string(format!("{}.err", status.display())).unwrap();
        assert_eq!(stderr, "", "--jobs {jobs}: quiet");
    }
}

#[test]
fn batch_and_screen_agree_record_by_record() {
    let mut records: Vec<Value> = (0..40).map(record).collect();
    for entry in std::fs::read_dir(root().join("rules/examples")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        records.push(serde_json::from_str(&text).unwrap());
    }
    // Around the radiation window's last day, and a leap day.
    for end in [
        "2025-11-22",
        "2025-11-23",
        "2025-11-24",
        "2024-02-29",
        "2027-01-01",
    ] {
        records.push(candidate(
            json!({"radiation_therapy": true, "radiation_end_date": end}),
        ));
    }
    let batch = prescreen(["batch", "--date", DAY, "--aftercare"])
        .stdin(ndjson(records.clone()))
        .run()
        .status(0);
    let results = result_lines(&batch.stdout);
    assert_eq!(results.len(), records.len());
    for (i, (answers, mut from_batch)) in records.iter().zip(results).enumerate() {
        let alone = prescreen(["screen", "--date", DAY, "--format", "json"])
            .stdin(answers.to_string())
            .run()
            .json();
        for key in ["verdict", "reasons", "eligible_from"] {
            assert_eq!(from_batch[key], alone[key], "record {i}: {key}");
        }
        assert_eq!(from_batch["line"], i + 1);
        from_batch.as_object_mut().unwrap().remove("line");
        if answers.get("procedure_time").is_some() {
            // Nothing depends on the clock: the whole document is the same.
            assert_eq!(from_batch, alone, "record {i}");
        }
    }
}

#[test]
fn batch_never_invents_a_procedure_time() {
    // Once: the batch's own start time stood in for every missing procedure time.
    let input = ndjson([
        candidate(json!({"id": "no time", "procedure_time": "<remove>"})),
        candidate(json!({"id": "unsure", "procedure_time": null})),
        candidate(json!({"id": "before", "procedure_time": "2026-11-22T23:00:00+01:00"})),
    ]);
    let out = prescreen(["batch", "--date", DAY, "--aftercare"])
        .stdin(input)
        .run()
        .status(65);
    let lines: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for doc in &lines[..2] {
        assert_eq!(doc["verdict"], "candidate", "{doc}");
        assert_eq!(doc["procedure_time"], Value::Null, "{doc}");
        let items = doc["aftercare"].as_array().unwrap();
        assert!(items.len() >= 6);
        assert!(items.iter().all(|i| i.get("until").is_none()), "{doc}");
    }
    assert_eq!(lines[2]["id"], "before");
    assert_eq!(lines[2]["error"]["problems"][0]["code"], "before_screening");
    assert_eq!(
        lines[2]["error"]["message"],
        "answer `procedure_time` is on a date before the screening date 2026-11-23: a screening is for a procedure on or after the day it is done"
    );
}

#[test]
fn a_line_over_1_mib_is_rejected_without_losing_its_neighbours() {
    let long = format!(
        "{{\"id\": \"long\", \"pregnant\": false, \"x\": \"{}\"}}",
        "a".repeat(3 << 20)
    );
    let input = format!("{}\n{long}\n{}\n", record(6), record(8));
    let out = prescreen(["batch", "--date", DAY])
        .stdin(input)
        .run()
        .status(65);
    let results = result_lines(&out.stdout);
    assert_eq!(results.len(), 3);
    assert_eq!(
        results[1],
        json!({"line": 2, "id": "long", "error": {
            "code": "line_too_long", "message": "the line is longer than 1048576 bytes (1 MiB)",
            "key": null, "line": 2, "column": null, "suggestion": null, "problems": []
        }})
    );
    assert_eq!(results[2]["id"], "r-8");
}

#[test]
fn input_and_rule_file_failures_have_their_statuses() {
    let missing = root().join("no-such-file.ndjson");
    prescreen(["batch"])
        .arg(&missing)
        .run()
        .status(66)
        .stdout("")
        .stderr_has("cannot read answers from `")
        .stderr_has("no such file or directory");
    // A directory opens but cannot be read.
    prescreen(["batch"])
        .arg(root().join("rules"))
        .run()
        .status(66)
        .stdout("");
    // A bad rule file is refused before any input is read.
    let (_dir, rules) = temp_file("rules.json", b"{\"format\": 1}");
    prescreen(["batch", "--rules"])
        .arg(&rules)
        .stdin(ndjson([candidate(json!({}))]))
        .run()
        .status(78)
        .stdout("");
    prescreen(["batch", "--jobs", "0"])
        .run()
        .status(2)
        .stdout("");
}

#[test]
fn a_caller_feeding_one_line_at_a_time_gets_each_result_before_the_next_line() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::Duration;

    for jobs in ["1", "2"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_prescreen"))
            .args(["batch", "--date", DAY, "--jobs", jobs])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let reading = std::thread::spawn(move || {
            for line in stdout.lines() {
                if tx.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        for i in 0..3 {
            writeln!(stdin, "{}", record(i)).unwrap();
            stdin.flush().unwrap();
            // Input stays open: the result must come without waiting for more.
            let line = rx
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("--jobs {jobs}: no result for line {}", i + 1));
            let result: Value = serde_json::from_str(&line).unwrap();
            assert_eq!(result["line"], i + 1);
            assert_eq!(result["id"], record(i)["id"]);
        }
        drop(stdin);
        assert_eq!(child.wait().unwrap().code(), Some(0));
        reading.join().unwrap();
    }
}

/// Runs `command` under `script`, which gives it a terminal for stdin and stderr.
fn on_a_terminal(command: &str) -> (Option<i32>, String) {
    let out = std::process::Command::new("script")
        .args(["-qec", command, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("script (util-linux) does not run: {e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_terminal_on_stdin_without_a_file_is_a_usage_error_not_a_hang() {
    let bin = env!("CARGO_BIN_EXE_prescreen");
    let (status, shown) = on_a_terminal(&format!("'{bin}' batch"));
    assert_eq!(status, Some(2), "{shown}");
    assert!(shown.contains("no input: stdin is a terminal"), "{shown}");
}

#[test]
fn progress_is_drawn_on_a_terminal_for_a_file_and_cleared_at_the_end() {
    let (_dir, path) = temp_file("big.ndjson", large_input(3_000).as_bytes());
    let bin = env!("CARGO_BIN_EXE_prescreen");
    let (status, shown) = on_a_terminal(&format!(
        "'{bin}' batch --date {DAY} --jobs 1 '{}' > /dev/null",
        path.display()
    ));
    assert_eq!(status, Some(65), "{shown}");
    assert!(shown.contains(" records/s\x1b[K"), "{shown:?}");
    assert!(
        shown.contains("\r\x1b[Kprescreen: error: "),
        "cleared before the last message: {shown:?}"
    );
    // The same file through a pipe: no progress line (nor when stderr is not a
    // terminal, as every other test here shows).
    let (_, piped) = on_a_terminal(&format!(
        "'{bin}' batch --date {DAY} --jobs 1 < '{}' > /dev/null",
        path.display()
    ));
    assert!(!piped.contains("records/s"), "{piped:?}");
}
