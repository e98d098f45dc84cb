//! The interactive questionnaire, end to end: the real binary in a pseudo-terminal,
//! answered by keystrokes. Runs without a display.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use common::pty::{
    DOWN, ENTER, aftercare, confirm, finish, json_result, keys, pick, screening, start, start_in,
    type_line, yes_no,
};
use common::{DAY, prescreen};
use rexpect::process::Signal;
use rexpect::session::PtySession;

#[test]
fn a_candidate_walk_in_gets_the_checklist_with_clock_times() {
    let mut p = start(&["screen", "--date", DAY]);
    p.exp_string("Read each question aloud").unwrap();
    screening(&mut p, &[]);
    aftercare(&mut p, "Yes");
    p.exp_string("Your answers:").unwrap();
    confirm(&mut p);
    let (out, status) = finish(p);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("✓ CANDIDATE: can go ahead"), "{out}");
    assert!(
        out.contains("From Mon 23 Nov 2026 14:00 until Tue 24 Nov 2026 14:00 UTC+00:00"),
        "{out}"
    );
    assert!(out.contains("until Tue 24 Nov 2026 14:00"), "{out}");
    assert!(
        out.contains("why: You usually wear makeup on the treated area."),
        "{out}"
    );
}

#[test]
fn a_radiation_deferral_shows_its_date_after_a_refused_one() {
    let mut p = start(&["screen", "--date", DAY]);
    screening(&mut p, &[("radiation therapy (radiotherapy)", "Yes")]);
    type_line(
        &mut p,
        "On what date did your radiation therapy end?",
        "2026-02-30",
    );
    p.exp_string("That is not a real date").unwrap();
    type_line(
        &mut p,
        "On what date did your radiation therapy end?",
        "2026-08-31",
    );
    p.exp_string("Your answers:").unwrap();
    confirm(&mut p);
    let (out, status) = finish(p);
    assert_eq!(status, 3, "{out}");
    assert!(
        out.contains("DEFER: not yet; can be considered later (eligible from 2027-08-31)"),
        "{out}"
    );
    assert!(
        !out.contains("When is the procedure?"),
        "no aftercare questions for a deferral: {out}"
    );
}

#[test]
fn not_sure_leads_to_review() {
    let mut p = start(&["screen", "--date", DAY]);
    screening(&mut p, &[("Do you have psoriasis", "Not sure")]);
    p.exp_string("Your answers:").unwrap();
    p.exp_string("not sure").unwrap();
    confirm(&mut p);
    let (out, status) = finish(p);
    assert_eq!(status, 4, "{out}");
    assert!(
        out.contains("? REVIEW: a clinician must decide before going ahead"),
        "{out}"
    );
    assert!(out.contains("“Do you have psoriasis?” not sure"), "{out}");
    assert!(!out.contains("unanswered"), "no ids: {out}");
}

#[test]
fn changing_an_answer_at_the_summary_flips_the_verdict() {
    let mut p = start(&["screen", "--date", DAY]);
    screening(&mut p, &[("Do you have eczema", "Yes")]);
    p.exp_string("Your answers:").unwrap();
    p.exp_string("Is everything right?").unwrap();
    // "Yes, show the result" is highlighted; one down is "Change an answer".
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Which answer do you want to change?").unwrap();
    keys(&mut p, &[DOWN, ENTER]); // from "Are you pregnant" down to "Do you have eczema"
    p.exp_string("Eczema causes dry").unwrap();
    // Re-asked with the current answer ("Yes") highlighted: one down is "No".
    keys(&mut p, &[DOWN, ENTER]);
    // Now a candidate: the aftercare questions follow, then the summary again.
    aftercare(&mut p, "No");
    p.exp_string("Your answers:").unwrap();
    confirm(&mut p);
    let (out, status) = finish(p);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("✓ CANDIDATE"), "{out}");
}

/// A record already in the file (its first line is all a record file is known by).
const EARLIER: &str = "{\"schema_version\":1,\"recorded_at\":\"2026-11-22T10:00:00+00:00\"}\n";

/// Starts a recorded screening, answers one question, then `interrupt`s it at the
/// second: it must exit 130 with the terminal clean and the record file untouched.
fn interrupted_midway(what: &str, interrupt: impl FnOnce(&mut PtySession)) {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("screenings.ndjson");
    std::fs::write(&record, EARLIER).unwrap();
    std::fs::set_permissions(&record, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut p = start(&[
        "screen",
        "--date",
        DAY,
        "--record",
        record.to_str().unwrap(),
        "--staff",
        "JD",
    ]);
    yes_no(&mut p, "Are you pregnant", "No");
    p.exp_string("Do you have eczema").unwrap();
    interrupt(&mut p);
    let (out, status) = finish(p);
    assert_eq!(status, 130, "{what}: {out}");
    assert!(
        out.contains("\x1b[?25h"),
        "{what}: the cursor is shown again: {out:?}"
    );
    assert!(
        out.contains("prescreen: error: cancelled: nothing was recorded"),
        "{what}: {out}"
    );
    assert_eq!(
        std::fs::read_to_string(&record).unwrap(),
        EARLIER,
        "{what}: record untouched"
    );
}

#[test]
fn ctrl_c_midway_exits_130_leaves_the_terminal_clean_and_records_nothing() {
    interrupted_midway("Ctrl-C", |p| p.send_control('c').unwrap());
}

#[test]
fn sigterm_or_sighup_at_a_prompt_restores_the_terminal_and_records_nothing() {
    for signal in [Signal::SIGTERM, Signal::SIGHUP] {
        interrupted_midway(&format!("{signal:?}"), |p| {
            p.process_mut().signal(signal).unwrap()
        });
    }
}

#[test]
fn ctrl_c_at_a_typed_answer_cancels_and_esc_asks_first() {
    for key in ["\x03", "\x1b"] {
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("screenings.ndjson");
        let mut p = start(&[
            "screen",
            "--date",
            DAY,
            "--record",
            record.to_str().unwrap(),
        ]);
        type_line(&mut p, "Staff initials", "JD");
        screening(&mut p, &[("radiation therapy (radiotherapy)", "Yes")]);
        p.exp_string("On what date did your radiation therapy end?")
            .unwrap();
        keys(&mut p, &["2026-0", key]);
        if key == "\x1b" {
            p.exp_string("Discard this screening?").unwrap();
            keys(&mut p, &["y"]);
        }
        let (out, status) = finish(p);
        assert_eq!(status, 130, "{key:?}: {out}");
        assert!(!record.exists(), "{key:?}: nothing recorded");
    }
}

#[test]
fn self_check_wording_and_next_steps() {
    let mut p = start(&["screen", "--date", DAY, "--for", "self"]);
    // Wrapped to the terminal's 80 columns.
    p.exp_string(
        "This is a pre-check only: the clinic makes the final decision at your\r\nappointment.",
    )
    .unwrap();
    screening(&mut p, &[("Are you pregnant", "Yes")]);
    confirm(&mut p);
    let (out, status) = finish(p);
    assert_eq!(status, 3, "{out}");
    // Plain words, whole words on each line of the 80-column terminal, next steps.
    assert!(
        out.contains(
            "‖ Please wait before booking\r\nChecked on Monday 23 November 2026.\r\n\
             Questionnaire: Microneedling candidacy screen 2026.11.0\r\n\r\nWhy\r\n  - wait\r\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "What to do next\r\n  - Please wait before booking: until the date shown, or, where no date is\r\n    shown, until the reason no longer applies.\r\n"
        ),
        "{out}"
    );
    assert_eq!(out.matches("What to do next").count(), 1, "once: {out}");
    for staff_word in ["DEFER", "eligible from", "Reasons", "clinician", "Desk:"] {
        assert!(
            !out.contains(staff_word),
            "{staff_word} shown to a patient: {out}"
        );
    }
}

#[test]
fn at_home_a_deferral_with_an_open_question_gets_both_next_steps_and_no_ids() {
    let mut p = start(&["screen", "--date", DAY, "--for", "self"]);
    screening(
        &mut p,
        &[
            ("radiation therapy (radiotherapy)", "Yes"),
            ("Do you have psoriasis", "Not sure"),
        ],
    );
    type_line(
        &mut p,
        "On what date did your radiation therapy end?",
        "2026-08-31",
    );
    confirm(&mut p);
    let (out, status) = finish(p);
    assert_eq!(status, 3, "{out}");
    assert!(
        out.contains("‖ Please wait until Tuesday 31 August 2027\r\n"),
        "{out}"
    );
    assert!(
        out.contains("  - wait · you can book from Tuesday 31 August 2027\r\n"),
        "{out}"
    );
    assert!(
        out.contains("What to do next\r\n  - Please wait before booking: until the date shown"),
        "{out}"
    );
    assert!(
        out.contains("  - Please talk to the clinic before booking"),
        "{out}"
    );
    for id in ["recent_radiation", "unanswered", ": psoriasis"] {
        assert!(!out.contains(id), "{id} shown to a patient: {out}");
    }
    assert!(
        out.contains("Your answer to “Do you have psoriasis?”: not sure"),
        "{out}"
    );
}

#[test]
fn at_home_the_appointment_is_asked_for_and_now_is_not_offered() {
    let mut p = start(&["screen", "--date", DAY, "--for", "self"]);
    screening(&mut p, &[]);
    // Wrapped to fit the terminal; no "now" in the hint and no default.
    p.exp_string("When is the procedure? (the appointment's YYYY-MM-DD\r\nHH:MM; ? if not sure): ")
        .unwrap();
    keys(&mut p, &["now", ENTER]);
    p.exp_string("Type the appointment's date and time as YYYY-MM-DD HH:MM.")
        .unwrap();
    keys(&mut p, &["?", ENTER]);
    pick(&mut p, "Which area is being treated?", 3);
    yes_no(&mut p, "usually wear makeup", "Not sure");
    yes_no(&mut p, "outdoors in daylight", "No");
    yes_no(&mut p, "contain alcohol", "No");
    confirm(&mut p);
    let (out, status) = finish(p);
    assert_eq!(status, 0, "{out}");
    assert!(
        out.contains("For the first 24 hours after the procedure (the procedure time was not"),
        "{out}"
    );
    assert!(!out.contains("until "), "no clock times: {out}");
    assert!(
        out.contains("why: You were not sure about “Do you usually wear makeup on the"),
        "{out}"
    );
}

/// Answers the screening "no", types `time` for the procedure, takes the rest, and
/// returns the result document (`--format json`).
fn typed_procedure_time(tz: &str, day: &str, time: &str, then: &[&str]) -> serde_json::Value {
    typed_procedure_time_with(tz, &["--date", day], time, then)
}

fn typed_procedure_time_with(
    tz: &str,
    args: &[&str],
    time: &str,
    then: &[&str],
) -> serde_json::Value {
    let mut all = vec!["screen", "--format", "json"];
    all.extend_from_slice(args);
    let mut p = start_in(tz, &all);
    screening(&mut p, &[]);
    type_line(&mut p, "When is the procedure?", time);
    for step in then {
        match *step {
            "later" => pick(&mut p, "happens twice", 1),
            refused => {
                p.exp_string(refused).unwrap();
                keys(&mut p, &["03:30", ENTER]);
            }
        }
    }
    pick(&mut p, "Which area is being treated?", 3);
    yes_no(&mut p, "usually wear makeup", "No");
    yes_no(&mut p, "outdoors in daylight", "No");
    yes_no(&mut p, "contain alcohol", "No");
    confirm(&mut p);
    let (out, status) = finish(p);
    assert_eq!(status, 0, "{out}");
    json_result(&out)
}

#[test]
fn typed_times_take_the_offset_in_force_on_their_own_date() {
    // In Sydney in summer (+11:00), a July procedure is at +10:00: its 24 hours end 24
    // hours later, not 23.
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("r.ics");
    let doc = typed_procedure_time_with(
        "Australia/Sydney",
        &["--date", "2027-07-01", "--ics", ics.to_str().unwrap()],
        "2027-07-15 10:00",
        &[],
    );
    assert_eq!(doc["procedure_time"], "2027-07-15T10:00:00+10:00");
    assert_eq!(doc["aftercare"][0]["until"], "2027-07-16T10:00:00+10:00");
    // The "first 24 hours are over" reminder: 24 hours later, 00:00 UTC.
    let calendar = std::fs::read_to_string(&ics).unwrap();
    let first = calendar
        .lines()
        .find(|l| l.starts_with("DTSTART:"))
        .unwrap();
    assert_eq!(first.trim_end(), "DTSTART:20270716T000000Z");
    // A bare time is on the screening date, not on the machine's today.
    let doc = typed_procedure_time("Australia/Sydney", "2027-07-01", "10:00", &[]);
    assert_eq!(doc["procedure_time"], "2027-07-01T10:00:00+10:00");
    assert_eq!(doc["judged_on"], "2027-07-01");
    // Berlin: a time the clocks skip is refused; one they repeat is asked about.
    let doc = typed_procedure_time(
        "Europe/Berlin",
        "2027-03-28",
        "02:30",
        &["2027-03-28 02:30 does not exist here: the clocks go forward at that time."],
    );
    assert_eq!(doc["procedure_time"], "2027-03-28T03:30:00+02:00");
    let doc = typed_procedure_time("Europe/Berlin", "2027-10-31", "02:30", &["later"]);
    assert_eq!(doc["procedure_time"], "2027-10-31T02:30:00+01:00");
}

#[test]
fn staff_see_desk_cues() {
    let mut p = start(&["screen", "--date", DAY]);
    yes_no(&mut p, "Are you pregnant", "No");
    yes_no(&mut p, "Do you have eczema", "No");
    yes_no(&mut p, "Do you have psoriasis", "No");
    yes_no(&mut p, "any other skin condition", "No");
    p.exp_string("Desk: Ask to see the area to be treated.")
        .unwrap();
    p.send_control('c').unwrap();
    assert_eq!(finish(p).1, 130);
}

#[test]
fn record_gets_one_whole_private_line_per_completed_screening() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("screenings.ndjson");
    let r = record.to_str().unwrap();

    let mut p = start(&["screen", "--date", DAY, "--record", r]);
    type_line(&mut p, "Staff initials", "AB");
    screening(&mut p, &[]);
    aftercare(&mut p, "No");
    confirm(&mut p);
    assert_eq!(finish(p).1, 0);

    let mut p = start(&["screen", "--date", DAY, "--record", r, "--staff", "CD"]);
    screening(&mut p, &[("open wounds", "Yes")]);
    confirm(&mut p);
    let (out, status) = finish(p);
    assert_eq!(status, 3, "{out}");
    assert!(
        !out.contains("Staff initials"),
        "--staff skips the question: {out}"
    );

    let text = std::fs::read_to_string(&record).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(text.ends_with('\n'));
    assert_eq!(lines[0]["staff"], "AB");
    assert_eq!(lines[0]["verdict"], "candidate");
    assert_eq!(lines[0]["answers"]["pregnant"], false);
    assert_eq!(lines[0]["answers"]["treatment_area"], "face");
    assert_eq!(lines[0]["screened_on"], DAY);
    assert_eq!(lines[0]["rules"]["version"], "2026.11.0");
    assert_eq!(lines[0]["rules"]["sha256"].as_str().unwrap().len(), 64);
    assert!(
        chrono::DateTime::parse_from_rfc3339(lines[0]["recorded_at"].as_str().unwrap()).is_ok()
    );
    assert_eq!(lines[1]["staff"], "CD");
    assert_eq!(lines[1]["verdict"], "defer");
    assert_eq!(lines[1]["reasons"][0]["rule"], "open_wounds");
    let mode = std::fs::metadata(&record).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn out_writes_a_private_markdown_handout() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("handout.md");
    let mut p = start(&["screen", "--date", DAY, "--out", out_file.to_str().unwrap()]);
    screening(&mut p, &[]);
    aftercare(&mut p, "No");
    confirm(&mut p);
    assert_eq!(finish(p).1, 0);
    let handout = std::fs::read_to_string(&out_file).unwrap();
    assert!(handout.contains("**Verdict: CANDIDATE**"), "{handout}");
    assert!(
        handout.contains(
            "- [ ] Keep the treated skin out of direct sunlight. *Until Tue 24 Nov 2026 14:00.*"
        ),
        "{handout}"
    );
    assert_eq!(
        std::fs::metadata(&out_file).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn interactive_without_a_terminal_says_how_to_pipe_instead() {
    prescreen(["screen", "--interactive"]).stdin("{}").run().status(2).stdout("").stderr(
        "prescreen: error: the questionnaire needs a terminal; to screen without one, pipe JSON answers: \
         prescreen screen --answers FILE (or < FILE)\n",
    );
    // Pre-filled answers need the terminal for the rest.
    prescreen(["screen", "--interactive", "--answers", "x.json"])
        .run()
        .status(2)
        .stderr_has("the questionnaire needs a terminal");
    // Stdin cannot carry both the pre-filled answers and the keys: refused, whatever
    // stdin is, before anything is read.
    prescreen(["screen", "--interactive", "--answers", "-"])
        .stdin("{}")
        .run()
        .status(2)
        .stdout("")
        .stderr(
            "prescreen: error: --interactive cannot take pre-filled answers from stdin (`--answers -`): \
             the questionnaire reads its keys there; give them as a file\n",
        );
}

#[test]
fn json_answers_can_be_recorded_too() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("r.ndjson");
    let answers = common::candidate(serde_json::json!({"id": "A-1"})).to_string();
    prescreen([
        "screen",
        "--date",
        DAY,
        "--record",
        record.to_str().unwrap(),
    ])
    .stdin(answers)
    .run()
    .status(0);
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&record).unwrap().trim_end()).unwrap();
    assert_eq!(line["answers"]["id"], "A-1");
    assert_eq!(line["verdict"], "candidate");
}

#[test]
fn the_questionnaire_can_end_in_a_fhir_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("result.json");
    let out = out_file.to_str().unwrap();
    let mut p = start(&["screen", "--date", DAY, "--format", "fhir", "--out", out]);
    screening(&mut p, &[("Do you have psoriasis", "Not sure")]);
    confirm(&mut p);
    let (rest, status) = finish(p);
    assert_eq!(status, 4, "{rest}");
    let bundle: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    let response = &bundle["entry"][0]["resource"];
    assert_eq!(response["status"], "completed");
    let psoriasis = response["item"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["linkId"] == "psoriasis")
        .unwrap();
    assert!(
        psoriasis.get("answer").is_none(),
        "not sure has no answer: {psoriasis}"
    );
    assert_eq!(
        bundle["entry"][1]["resource"]["valueCodeableConcept"]["coding"][0]["code"],
        "review"
    );
    // The same response, piped back, screens the same.
    prescreen(["screen", "--date", DAY, "--format", "json"])
        .stdin(response.to_string())
        .run()
        .status(4);
}

#[test]
fn at_home_with_the_result_in_a_file_the_terminal_still_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let result = dir.path().join("result.json");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("exec \"$0\" screen --for self --date \"$1\" > \"$2\"")
        .arg(env!("CARGO_BIN_EXE_prescreen"))
        .arg(DAY)
        .arg(&result)
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(command, Some(15_000)).unwrap();
    screening(&mut p, &[("Are you pregnant", "Yes")]);
    confirm(&mut p);
    let (out, status) = finish(p);
    assert_eq!(status, 3, "{out}");
    // Wrapped to the terminal's 80 columns, once.
    assert!(
        out.contains(
            "‖ Please wait before booking\r\n\r\nWhat to do next\r\n  - Please wait before booking: until the date shown, or, where no date is\r\n    shown, until the reason no longer applies.\r\n"
        ),
        "{out}"
    );
    assert_eq!(out.matches("What to do next").count(), 1, "{out}");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&result).unwrap()).unwrap();
    assert_eq!(doc["verdict"], "defer");
}
