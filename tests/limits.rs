//! Hostile or broken documents: too large, nested too deep, absurd numbers, non-UTF-8.
//! Each gets one clear line on stderr and its documented status, never a crash or a hang.

mod common;

use common::{DAY, prescreen, temp_file};

const MIB: usize = 1 << 20;

#[test]
fn answers_over_one_mib_are_refused_from_stdin_and_files() {
    let big = format!("{{\"pregnant\": false{}}}", " ".repeat(MIB));
    let line = "prescreen: error: invalid answers in stdin: the document is larger than 1 MiB (1048576 bytes)\n";
    prescreen(["screen", "--date", DAY])
        .stdin(big.clone())
        .run()
        .status(65)
        .stdout("")
        .stderr(line);
    let (_dir, path) = temp_file("big.json", big.as_bytes());
    prescreen(["screen", "--date", DAY, "--answers"])
        .arg(&path)
        .run()
        .status(65)
        .stderr_has("the document is larger than 1 MiB");
}

#[test]
fn an_endless_answers_file_is_cut_at_the_cap() {
    prescreen(["screen", "--date", DAY, "--answers", "/dev/zero"])
        .run()
        .status(65)
        .stderr_has("the document is larger than 1 MiB");
}

#[test]
fn deeply_nested_answers_are_refused() {
    let deep = format!("{{\"pregnant\": {}{}}}", "[".repeat(5000), "]".repeat(5000));
    prescreen(["screen", "--date", DAY])
        .stdin(deep)
        .run()
        .status(65)
        .stderr("prescreen: error: invalid answers in stdin: the document nests more than 32 levels deep\n");
}

#[test]
fn absurd_numbers_in_answers_are_refused() {
    prescreen(["screen", "--date", DAY])
        .stdin(r#"{"pregnant": 1e400}"#)
        .run()
        .status(65)
        .stderr("prescreen: error: invalid answers in stdin: line 1, column 18: not valid JSON: number out of range\n");
}

#[test]
fn rule_files_over_one_mib_or_too_deep_or_not_utf8_are_refused() {
    let rules = std::fs::read(common::root().join("rules/microneedling.json")).unwrap();
    let mut big = rules.clone();
    big.resize(MIB + 1, b' ');
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut not_utf8 = rules.clone();
    let at = not_utf8.iter().position(|&b| b == b'M').unwrap();
    not_utf8[at] = 0xff;
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "big",
            big,
            "the document is larger than 1 MiB (1048576 bytes)",
        ),
        (
            "deep",
            deep.into_bytes(),
            "the document nests more than 32 levels deep",
        ),
        ("not utf-8", not_utf8, "the document is not UTF-8 text"),
    ];
    for (_name, bytes, message) in cases {
        let (_dir, path) = temp_file("rules.json", &bytes);
        let p = path.display().to_string();
        prescreen(["screen", "--rules", &p])
            .stdin("{}")
            .run()
            .status(78)
            .stdout("")
            .stderr(&format!(
                "prescreen: error: invalid rule file `{p}`: {message}\n"
            ));
    }
}

#[test]
fn absurd_numbers_in_rule_files_are_refused() {
    let rules = std::fs::read_to_string(common::root().join("rules/microneedling.json")).unwrap();
    let huge = rules.replace("\"value\": 365", "\"value\": 1e400");
    let (_dir, path) = temp_file("rules.json", huge.as_bytes());
    prescreen(["screen", "--rules"])
        .arg(&path)
        .stdin("{}")
        .run()
        .status(78)
        .stderr_has("number out of range");
    let too_long = rules.replace("\"value\": 365", "\"value\": 99999999999");
    let (_dir, path) = temp_file("rules.json", too_long.as_bytes());
    prescreen(["screen", "--rules"])
        .arg(&path)
        .stdin("{}")
        .run()
        .status(78)
        .stderr_has(
            "parameters.radiation_window_days.value: 99999999999 days is out of range (0 to 36600)",
        );
}
