//! The questionnaire's keys in a pseudo-terminal: `y` / `n` / `?` answer at once, the
//! progress line and key hint, Back keeping every answer, Esc asking first, and
//! pre-filled answers (`--interactive --answers FILE`) asking only what is missing.

mod common;

use common::pty::{ENTER, expect_utf8, finish, keys, press, start, type_line};
use common::{DAY, SCREENING_QUESTIONS};
use rexpect::session::PtySession;

/// `prescreen screen` with the answers recorded in a file in `dir`, to read back.
fn recorded(dir: &tempfile::TempDir, extra: &[&str]) -> PtySession {
    let record = dir.path().join("r.ndjson");
    let mut args = vec!["screen", "--date", DAY, "--staff", "JD", "--record"];
    args.push(record.to_str().unwrap());
    args.extend_from_slice(extra);
    start(&args)
}

/// The one record written to `dir`.
fn record(dir: &tempfile::TempDir) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.path().join("r.ndjson")).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    serde_json::from_str(text.trim_end()).unwrap()
}

#[test]
fn letters_answer_at_once_with_progress_and_a_key_hint() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = recorded(&dir, &[]);
    p.exp_string("Question 1 of 7").unwrap();
    p.exp_string("y/n/? or Up/Down+Enter: choose   Left/b: back   Esc: stop")
        .unwrap();
    keys(&mut p, &["n"]);
    press(&mut p, "Question 2 of 7", "?");
    for n in 3..=7 {
        press(&mut p, &format!("Question {n} of 7"), "n");
    }
    // "Not sure" to eczema: a review, so no aftercare questions.
    p.exp_string("Is everything right?").unwrap();
    keys(&mut p, &["y"]);
    let (out, status) = finish(p);
    assert_eq!(status, 4, "{out}");
    let doc = record(&dir);
    assert_eq!(doc["answers"]["pregnant"], false);
    assert_eq!(doc["answers"]["eczema"], serde_json::Value::Null);
    assert_eq!(doc["answers"]["radiation_therapy"], false);
    assert_eq!(doc["verdict"], "review");
}

#[test]
fn a_yes_counts_its_follow_up_and_a_body_treatment_skips_makeup() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = recorded(&dir, &[]);
    for n in 1..=6 {
        press(&mut p, &format!("Question {n} of 7"), "n");
    }
    press(&mut p, "Question 7 of 7", "y");
    p.exp_string("Question 8 of 8").unwrap();
    type_line(&mut p, "radiation therapy end?", "2024-01-31");
    type_line(&mut p, "Aftercare question 1 of 4", &format!("{DAY} 14:00"));
    press(&mut p, "Aftercare question 2 of 4", "3"); // Body
    let before = p.exp_string("Aftercare question 3 of 4").unwrap();
    assert!(!before.contains("makeup"), "{before}");
    keys(&mut p, &["n"]);
    press(&mut p, "Aftercare question 4 of 4", "y");
    press(&mut p, "Is everything right?", "y");
    let (out, status) = finish(p);
    assert_eq!(status, 0, "{out}");
    let doc = record(&dir);
    assert_eq!(doc["answers"]["treatment_area"], "body");
    assert!(doc["answers"].get("wears_makeup").is_none(), "{doc}");
    assert_eq!(doc["answers"]["uses_alcohol_based_products"], true);
}

#[test]
fn back_goes_to_the_previous_question_and_keeps_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = recorded(&dir, &[]);
    press(&mut p, "Question 1 of 7", "n");
    press(&mut p, "Question 2 of 7", "y");
    // b, Left and Backspace all go back one question; the answer given is highlighted.
    press(&mut p, "Question 3 of 7", "b");
    press(&mut p, "Question 2 of 7", "\x1b[D");
    p.exp_string("Question 1 of 7").unwrap();
    p.exp_string("> No").unwrap();
    keys(&mut p, &[ENTER]);
    p.exp_string("Question 2 of 7").unwrap();
    p.exp_string("> Yes").unwrap();
    keys(&mut p, &[ENTER]);
    press(&mut p, "Question 3 of 7", "\x7f");
    p.exp_string("Question 2 of 7").unwrap();
    p.exp_string("> Yes").unwrap();
    keys(&mut p, &[ENTER]);
    for n in 3..=7 {
        press(&mut p, &format!("Question {n} of 7"), "n");
    }
    // From the summary too, back is the last question.
    press(&mut p, "Is everything right?", "b");
    press(&mut p, "Question 7 of 7", "n");
    press(&mut p, "Is everything right?", "y");
    let (out, status) = finish(p);
    assert_eq!(status, 1, "eczema: not a candidate: {out}");
    let doc = record(&dir);
    assert_eq!(doc["answers"]["pregnant"], false);
    assert_eq!(doc["answers"]["eczema"], true);
    assert_eq!(doc["answers"]["psoriasis"], false);
}

#[test]
fn esc_asks_then_n_resumes_and_y_discards_with_status_130() {
    let mut p = start(&["screen", "--date", DAY]);
    press(&mut p, "Question 1 of 7", "n");
    press(&mut p, "Question 2 of 7", "\x1b");
    press(&mut p, "Discard this screening?", "n");
    // Resumed at the same question.
    press(&mut p, "Question 2 of 7", "n");
    press(&mut p, "Question 3 of 7", "\x1b");
    press(&mut p, "Discard this screening?", "y");
    let (out, status) = finish(p);
    assert_eq!(status, 130, "{out}");
    assert!(
        out.contains("prescreen: error: cancelled: nothing was recorded"),
        "{out}"
    );
}

#[test]
fn prefilled_answers_ask_only_what_is_missing_and_show_at_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("booking.json");
    // Every screening answer but radiation, and the area, from a booking system.
    let mut given = serde_json::json!({"treatment_area": "face"});
    for id in SCREENING_QUESTIONS
        .iter()
        .filter(|id| **id != "radiation_therapy")
    {
        given[*id] = serde_json::Value::Bool(false);
    }
    std::fs::write(&file, given.to_string()).unwrap();
    let f = file.to_str().unwrap();
    let mut p = recorded(&dir, &["--interactive", "--answers", f]);
    let before = p.exp_string("Question 1 of 1").unwrap();
    for prompt in ["pregnant", "eczema", "psoriasis", "open wounds"] {
        assert!(!before.contains(prompt), "{prompt} asked: {before}");
    }
    p.exp_string("radiation therapy").unwrap();
    keys(&mut p, &["n"]);
    type_line(&mut p, "Aftercare question 1 of 4", "14:00");
    // Area pre-filled: the makeup question comes next.
    press(&mut p, "Aftercare question 2 of 4", "n");
    press(&mut p, "Aftercare question 3 of 4", "n");
    press(&mut p, "Aftercare question 4 of 4", "n");
    p.exp_string("Your answers (* pre-filled, not asked: confirm or change them):")
        .unwrap();
    p.exp_string("* no               Are you pregnant").unwrap();
    p.exp_string("* Face             Which area").unwrap();
    press(&mut p, "Is everything right?", "y");
    let (out, status) = finish(p);
    assert_eq!(status, 0, "{out}");
    let doc = record(&dir);
    assert_eq!(doc["verdict"], "candidate");
    assert_eq!(doc["answers"]["pregnant"], false);
    assert_eq!(doc["answers"]["radiation_therapy"], false);
    assert_eq!(doc["answers"]["treatment_area"], "face");
}

/// At home in Spanish (`--lang es --for self`): `s` is yes, `?` is "No estoy seguro/a",
/// a typed answer is explained in Spanish, and the result tells the person what to do.
#[test]
fn at_home_in_spanish_the_keys_hints_and_result_are_spanish() {
    let mut p = start(&[
        "screen", "--lang", "es", "--for", "self", "--date", DAY, "--format", "text",
    ]);
    for n in 1..=7 {
        press(&mut p, &format!("Pregunta {n} de 7"), "n");
    }
    // `ahora` is "now", which only the desk may use; the hint and the refusal say so.
    expect_utf8(&mut p, "Pregunta de cuidados 1 de");
    expect_utf8(&mut p, "si no está seguro/a): ");
    keys(&mut p, &["ahora", ENTER]);
    expect_utf8(
        &mut p,
        "Escriba la fecha y la hora de la cita como AAAA-MM-DD HH:MM.",
    );
    keys(&mut p, &["2026-11-24 14:00", ENTER]);
    expect_utf8(&mut p, "¿Qué zona se va a tratar?");
    keys(&mut p, &["1"]);
    expect_utf8(&mut p, "¿Suele llevar maquillaje en la zona tratada?");
    keys(&mut p, &["s"]);
    expect_utf8(&mut p, "¿Va a estar al aire libre");
    keys(&mut p, &["?"]);
    expect_utf8(&mut p, "¿Usa productos para la piel que contienen alcohol");
    keys(&mut p, &["n"]);
    expect_utf8(&mut p, "¿Está todo bien?");
    keys(&mut p, &["s"]);
    let (out, status) = finish(p);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("✓ Puede pedir cita"), "{out}");
    assert!(out.contains("Qué hacer ahora"), "{out}");
    assert!(
        out.contains("hasta el miércoles, 25 de noviembre, 14:00"),
        "{out}"
    );
    assert!(
        out.contains("por qué: Suele llevar maquillaje en la zona tratada."),
        "{out}"
    );
    assert!(out.contains("por qué: No estaba seguro/a de"), "{out}");
}
