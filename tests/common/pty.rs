//! The real binary in a pseudo-terminal, answered by keystrokes (rexpect): the helpers
//! the questionnaire and desk tests share.

use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::PtySession;

use super::DAY;

pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const ENTER: &str = "\r";

pub fn keys(p: &mut PtySession, keys: &[&str]) {
    for key in keys {
        p.send(key).unwrap();
    }
    p.flush().unwrap();
}

/// `prescreen ARGS` in a fresh pseudo-terminal, without colour, in UTC.
pub fn start(args: &[&str]) -> PtySession {
    start_in("UTC", args)
}

/// `prescreen ARGS` in a fresh pseudo-terminal, without colour, in the time zone `tz`.
pub fn start_in(tz: &str, args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_prescreen"));
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env("TZ", tz)
        .env("TERM", "xterm");
    rexpect::session::spawn_command(command, Some(15_000)).expect("prescreen starts in a pty")
}

/// Waits for `prompt`, then moves from the highlighted default up `ups` items and picks.
pub fn pick(p: &mut PtySession, prompt: &str, ups: usize) {
    p.exp_string(prompt)
        .unwrap_or_else(|e| panic!("waiting for `{prompt}`: {e}"));
    let mut sequence = vec![UP; ups];
    sequence.push(ENTER);
    keys(p, &sequence);
}

/// A Yes / No / Not sure question; the highlighted default is "Not sure".
pub fn yes_no(p: &mut PtySession, prompt: &str, answer: &str) {
    let ups = match answer {
        "Yes" => 2,
        "No" => 1,
        "Not sure" => 0,
        other => panic!("no such answer {other}"),
    };
    pick(p, prompt, ups);
}

pub fn type_line(p: &mut PtySession, prompt: &str, text: &str) {
    p.exp_string(prompt)
        .unwrap_or_else(|e| panic!("waiting for `{prompt}`: {e}"));
    keys(p, &[text, ENTER]);
}

pub const SCREENING: [&str; 7] = [
    "Are you pregnant",
    "Do you have eczema",
    "Do you have psoriasis",
    "any other skin condition",
    "open wounds",
    "raised, thick or lumpy scars",
    "radiation therapy (radiotherapy)",
];

/// Answers the screening questions, "No" unless `answers` says otherwise.
pub fn screening(p: &mut PtySession, answers: &[(&str, &str)]) {
    for prompt in SCREENING {
        let answer = answers
            .iter()
            .find(|(q, _)| *q == prompt)
            .map_or("No", |(_, a)| a);
        yes_no(p, prompt, answer);
    }
}

/// Answers the aftercare questions for a face treatment at 14:00 on the test day.
pub fn aftercare(p: &mut PtySession, makeup: &str) {
    type_line(p, "When is the procedure?", &format!("{DAY} 14:00"));
    pick(p, "Which area is being treated?", 3); // from "Not sure" up to "Face"
    yes_no(p, "usually wear makeup", makeup);
    yes_no(p, "outdoors in daylight", "No");
    yes_no(p, "contain alcohol", "No");
}

pub fn confirm(p: &mut PtySession) {
    pick(p, "Is everything right?", 0);
}

/// Reads everything up to the end and returns it (as UTF-8) with the exit status.
pub fn finish(mut p: PtySession) -> (String, i32) {
    // rexpect hands back one char per byte; put the UTF-8 back together.
    let bytes: Vec<u8> = p
        .exp_eof()
        .expect("prescreen ends")
        .chars()
        .map(|c| c as u8)
        .collect();
    let rest = String::from_utf8_lossy(&bytes).into_owned();
    let status = match p.process().wait().expect("the exit status") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("prescreen did not exit normally: {other:?}\n{rest}"),
    };
    (rest, status)
}

/// Waits for `prompt`, then presses one key (`y`, `n`, `?`, `b`, a digit...).
pub fn press(p: &mut PtySession, prompt: &str, key: &str) {
    p.exp_string(prompt)
        .unwrap_or_else(|e| panic!("waiting for `{prompt}`: {e}"));
    keys(p, &[key]);
}

/// The JSON result document (`--format json`) printed after the questionnaire.
pub fn json_result(out: &str) -> serde_json::Value {
    let json = &out[out
        .find("{\r\n  \"schema_version\"")
        .unwrap_or_else(|| panic!("no JSON result in {out}"))..];
    serde_json::from_str(&json.replace("\r\n", "\n")).unwrap_or_else(|e| panic!("{e}: {json}"))
}

/// Waits for `text`, which may be any UTF-8 (rexpect reads one char per byte), and
/// returns what came before it, as UTF-8.
pub fn expect_utf8(p: &mut PtySession, text: &str) -> String {
    let as_read: String = text.bytes().map(char::from).collect();
    let before = p
        .exp_string(&as_read)
        .unwrap_or_else(|e| panic!("waiting for `{text}`: {e}"));
    let bytes: Vec<u8> = before.chars().map(|c| c as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}
