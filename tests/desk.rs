//! `prescreen desk` in a pseudo-terminal: initials once, walk-ins with references, each
//! recorded as it is confirmed, the verdict on the last screen, the menu.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::pty::{expect_utf8, finish, keys, press, start, type_line};
use common::{DAY, fake_printer, prescreen};
use rexpect::session::PtySession;

/// Answers the seven screening questions by key: "n" but `yes` for the one numbered so.
fn screening_keys(p: &mut PtySession, yes: Option<usize>) {
    for n in 1..=7 {
        let key = if Some(n) == yes { "y" } else { "n" };
        press(p, &format!("Question {n} of 7"), key);
    }
}

fn records(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn two_walk_ins_with_their_references_make_two_records() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("today.ndjson");
    let r = record.to_str().unwrap();
    let mut p = start(&["desk", "--record", r, "--date", DAY]);
    type_line(&mut p, "Staff initials", "JD");
    type_line(&mut p, "Patient reference", "Ann Lee");
    screening_keys(&mut p, None);
    type_line(&mut p, "When is the procedure?", "14:00");
    press(&mut p, "Which area", "1");
    press(&mut p, "makeup", "y");
    press(&mut p, "outdoors", "n");
    press(&mut p, "alcohol", "n");
    press(&mut p, "Is everything right?", "y");
    // The checklist, then the verdict again just above the menu.
    p.exp_string("Keep the treated skin out of direct sunlight")
        .unwrap();
    let tail = p.exp_string("What next?").unwrap();
    assert!(tail.contains("CANDIDATE"), "{tail}");
    // No Back at the menu: the hint offers none.
    p.exp_string("n/p/s/q or Up/Down+Enter: choose   Esc: stop")
        .unwrap();
    assert_eq!(records(&record).len(), 1, "recorded when confirmed");
    keys(&mut p, &["n"]);
    p.exp_string("Walk-in 2").unwrap();
    type_line(&mut p, "Patient reference", "B-1042");
    screening_keys(&mut p, Some(1));
    press(&mut p, "Is everything right?", "y");
    let tail = p.exp_string("What next?").unwrap();
    assert!(tail.contains("DEFER"), "{tail}");
    keys(&mut p, &["q"]);
    let (out, status) = finish(p);
    assert_eq!(status, 0, "{out}");
    assert!(
        out.contains("desk session ended; 2 screenings recorded in `"),
        "{out}"
    );

    let lines = records(&record);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["reference"], "Ann Lee");
    assert_eq!(lines[0]["staff"], "JD");
    assert_eq!(lines[0]["verdict"], "candidate");
    assert_eq!(lines[1]["reference"], "B-1042");
    assert_eq!(lines[1]["staff"], "JD", "initials asked once, kept for all");
    assert_eq!(lines[1]["verdict"], "defer");
    let mode = std::fs::metadata(&record).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn esc_between_walk_ins_ends_with_0_and_ctrl_c_with_130_keeping_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("today.ndjson");
    let r = record.to_str().unwrap();
    let mut p = start(&["desk", "--record", r, "--date", DAY, "--staff", "JD"]);
    type_line(&mut p, "Patient reference", "");
    screening_keys(&mut p, Some(5));
    press(&mut p, "Is everything right?", "y");
    press(&mut p, "What next?", "n");
    press(&mut p, "Patient reference", "\x1b");
    let (out, status) = finish(p);
    assert_eq!(status, 0, "{out}");
    assert_eq!(records(&record).len(), 1);
    assert!(records(&record)[0].get("reference").is_none());

    let mut p = start(&["desk", "--record", r, "--date", DAY, "--staff", "JD"]);
    type_line(&mut p, "Patient reference", "C-7");
    press(&mut p, "Question 1 of 7", "n");
    p.exp_string("Question 2 of 7").unwrap();
    p.send_control('c').unwrap();
    let (out, status) = finish(p);
    assert_eq!(status, 130, "{out}");
    assert!(out.contains("desk session interrupted"), "{out}");
    assert_eq!(records(&record).len(), 1, "the walk-in in progress is not");
}

#[test]
fn print_hands_a_private_html_sheet_with_the_reference_to_the_print_command() {
    let dir = tempfile::tempdir().unwrap();
    let printer = fake_printer(dir.path(), 0);
    let record = dir.path().join("today.ndjson");
    let mut p = start(&[
        "desk",
        "--record",
        record.to_str().unwrap(),
        "--date",
        DAY,
        "--staff",
        "JD",
        "--print-command",
        printer.to_str().unwrap(),
    ]);
    type_line(&mut p, "Patient reference", "Ann <Lee> & Co");
    screening_keys(&mut p, Some(2));
    press(&mut p, "Is everything right?", "y");
    press(&mut p, "What next?", "p");
    p.exp_string("The sheet was handed to").unwrap();
    // Back at the menu after printing.
    press(&mut p, "What next?", "q");
    let (out, status) = finish(p);
    assert_eq!(status, 0, "{out}");

    let html = std::fs::read_to_string(dir.path().join("got.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"),
        "{html}"
    );
    assert!(html.trim_end().ends_with("</body>\n</html>"), "{html}");
    for tag in ["section", "p", "ul", "li", "header", "strong"] {
        let opened =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let closed = html.matches(&format!("</{tag}>")).count();
        assert_eq!(opened, closed, "<{tag}> balanced");
    }
    assert!(
        html.contains("For: <strong>Ann &lt;Lee&gt; &amp; Co</strong>"),
        "the reference, escaped: {html}"
    );
    assert!(html.contains("NOT A CANDIDATE</p>"), "{html}");
    let mode = std::fs::read_to_string(dir.path().join("mode")).unwrap();
    assert_eq!(mode.trim(), "600");
    assert_eq!(records(&record)[0]["reference"], "Ann <Lee> & Co");
}

#[test]
fn desk_needs_a_record_file_and_a_terminal() {
    prescreen(["desk"])
        .run()
        .status(2)
        .stderr_has("--record <FILE>");
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("r.ndjson");
    prescreen(["desk", "--record", record.to_str().unwrap()])
        .run()
        .status(2)
        .stderr_has("the questionnaire needs a terminal");
}

#[test]
fn a_walk_in_in_the_booking_export_is_asked_only_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("today.ndjson");
    let export = dir.path().join("bookings.ndjson");
    // Every screening answer but pregnancy is known from the booking.
    std::fs::write(
        &export,
        "{\"id\": \"B-7\", \"eczema\": false, \"psoriasis\": false, \"open_wounds\": false, \
         \"scarring_history\": false, \"other_skin_disease\": false, \"radiation_therapy\": false}\n",
    )
    .unwrap();
    let mut p = start(&[
        "desk",
        "--record",
        record.to_str().unwrap(),
        "--date",
        DAY,
        "--staff",
        "JD",
        "--answers",
        export.to_str().unwrap(),
    ]);
    type_line(&mut p, "Patient reference", "B-7");
    p.exp_string("Found in the booking export").unwrap();
    press(&mut p, "Question 1 of 1", "y");
    let summary = p.exp_string("Is everything right?").unwrap();
    assert!(summary.contains("Do you have eczema?"), "{summary}");
    keys(&mut p, &["y"]);
    let tail = p.exp_string("What next?").unwrap();
    assert!(tail.contains("DEFER"), "{tail}");
    keys(&mut p, &["q"]);
    let (out, status) = finish(p);
    assert_eq!(status, 0, "{out}");
    let lines = records(&record);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["reference"], "B-7");
    assert_eq!(lines[0]["answers"]["id"], "B-7");
    assert_eq!(lines[0]["answers"]["eczema"], false);
    assert_eq!(lines[0]["answers"]["pregnant"], true);
}

#[test]
fn a_booking_export_that_cannot_be_used_whole_is_refused_before_the_first_question() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("today.ndjson");
    let export = dir.path().join("bookings.ndjson");
    std::fs::write(
        &export,
        "{\"id\": \"B-1\"}\n{\"id\": \"B-1\", \"pregnant\": true}\n",
    )
    .unwrap();
    prescreen([
        "desk",
        "--record",
        record.to_str().unwrap(),
        "--answers",
        export.to_str().unwrap(),
    ])
    .run()
    .status(65)
    .stdout("")
    .stderr(&format!(
        "prescreen: error: cannot pre-fill from the booking export `{}`: line 2: the same `id` as line 1; no screening was started\n",
        export.display()
    ));
    assert!(!record.exists(), "nothing recorded");
}

/// A walk-in in Spanish (`--lang es`): the program's own words, the rule file's
/// questions, the "not sure" choice and the verdict are Spanish; the record is not.
#[test]
fn a_spanish_walk_in_reads_spanish_from_the_reference_to_the_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("today.ndjson");
    let r = record.to_str().unwrap();
    let mut p = start(&[
        "desk", "--lang", "es", "--record", r, "--date", DAY, "--staff", "JD",
    ]);
    expect_utf8(&mut p, "Visita 1");
    type_line(&mut p, "Referencia del paciente", "Ana");
    // Yes is `s` (sí), and the key hint says so in Spanish.
    expect_utf8(&mut p, "Pregunta 1 de 7");
    expect_utf8(&mut p, "¿Está embarazada o podría estarlo?");
    expect_utf8(&mut p, "Sí");
    expect_utf8(&mut p, "No estoy seguro/a");
    expect_utf8(
        &mut p,
        "s/n/? o Arriba/Abajo+Intro: elegir   Izquierda/b: atrás   Esc: parar",
    );
    keys(&mut p, &["n"]);
    press(&mut p, "Pregunta 2 de 7", "n");
    // Not sure about psoriasis: the fail-safe answer, in Spanish.
    press(&mut p, "Pregunta 3 de 7", "?");
    expect_utf8(&mut p, "¿Tiene psoriasis?: No estoy seguro/a");
    for n in 4..=7 {
        press(&mut p, &format!("Pregunta {n} de 7"), "n");
    }
    expect_utf8(&mut p, "Sus respuestas:");
    expect_utf8(&mut p, "no está seguro/a");
    expect_utf8(&mut p, "¿Está todo bien?");
    keys(&mut p, &["s"]);
    let tail = expect_utf8(&mut p, "¿Y ahora?");
    assert!(
        tail.contains("REVISAR: un profesional clínico debe decidir"),
        "{tail}"
    );
    assert!(tail.contains("Motivos"), "{tail}");
    expect_utf8(&mut p, "s/i/v/q o Arriba/Abajo+Intro: elegir   Esc: parar");
    keys(&mut p, &["q"]);
    let (out, status) = finish(p);
    assert_eq!(status, 0, "{out}");
    // The end-of-session line is the program's status, in English like its errors.
    assert!(
        out.contains("desk session ended; 1 screening recorded"),
        "{out}"
    );
    let lines = records(&record);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        lines[0]["verdict"], "review",
        "ids never change with the language"
    );
    assert_eq!(lines[0]["answers"]["psoriasis"], serde_json::Value::Null);
}
