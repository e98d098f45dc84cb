//! `screen --for self`: the result in plain words for the person themselves, in every
//! format, with what to do next, wrapped to the terminal (80 columns when not one).

#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use std::process::Command;

use common::{DAY, candidate, prescreen, temp_file};
use serde_json::{Value, json};

/// Deferred until a date (radiation therapy) with an open question (psoriasis).
fn deferred_with_a_question() -> Value {
    candidate(json!({
        "radiation_therapy": true, "radiation_end_date": "2026-05-31", "psoriasis": null
    }))
}

fn self_check(format: &str, answers: &Value, status: i32) -> String {
    prescreen(["screen", "--for", "self", "--date", DAY, "--format", format])
        .stdin(answers.to_string())
        .run()
        .status(status)
        .stderr_empty()
        .stdout
}

#[test]
fn each_verdict_says_what_to_do_in_plain_words() {
    let cases = [
        (candidate(json!({})), 0, "✓ You can book\n"),
        (
            deferred_with_a_question(),
            3,
            "‖ Please wait until Monday 31 May 2027\n",
        ),
        (
            candidate(json!({"pregnant": null})),
            4,
            "? Please talk to the clinic before booking\n",
        ),
        (
            candidate(json!({"eczema": true})),
            1,
            "✗ This treatment is not advised for you\n",
        ),
    ];
    for (answers, status, headline) in cases {
        let text = self_check("text", &answers, status);
        assert!(text.starts_with(headline), "{text}");
        assert!(
            text.contains("\nChecked on Monday 23 November 2026.\n"),
            "{text}"
        );
        assert!(text.contains("\nWhat to do next\n  - "), "{text}");
        for staff_word in [
            "CANDIDATE",
            "DEFER",
            "REVIEW",
            "eligible from",
            "judged",
            "clinician",
            "sha256",
        ] {
            assert!(!text.contains(staff_word), "{staff_word}: {text}");
        }
    }
}

#[test]
fn next_steps_and_reasons_are_in_every_format() {
    let answers = deferred_with_a_question();
    let text = self_check("text", &answers, 3);
    assert!(
        text.contains(
            "\nWhat to do next\n  - Please wait before booking: until the date shown, or, where no date is\n    shown, until the reason no longer applies.\n  - Please talk to the clinic before booking: someone needs to go over your\n    answers with you.\n"
        ),
        "{text}"
    );
    assert!(text.contains("  - wait · you can book from Monday 31 May 2027\n"));
    assert!(text.contains("    Your answer to “Do you have psoriasis?”: not sure\n"));

    let md = self_check("markdown", &answers, 3);
    assert!(
        md.contains("**Please wait until Monday 31 May 2027**\n"),
        "{md}"
    );
    assert!(md.contains(
        "\n## What to do next\n\n- Please wait before booking: until the date shown, or, where no date is shown, until the reason no longer applies.\n- Please talk to the clinic before booking: someone needs to go over your answers with you.\n"
    ), "{md}");
    assert!(md.contains("You can book from Monday 31 May 2027."), "{md}");

    let html = self_check("html", &answers, 3);
    assert!(html.contains(
        "<p class=\"word\"><span aria-hidden=\"true\">‖</span> Please wait until Monday 31 May 2027</p>"
    ));
    assert!(html.contains("<h2>What to do next</h2>\n<ul>\n<li>Please wait before booking: until the date shown, or, where no date is shown, until the reason no longer applies.</li>\n<li>Please talk to the clinic before booking: someone needs to go over your answers with you.</li>\n</ul>"), "{html}");
    assert!(html.contains("Your answer to <em>“Do you have psoriasis?”</em>: not sure."));

    // The data is the same for every reader.
    let json = |audience: &str| {
        let mut doc = prescreen([
            "screen", "--for", audience, "--date", DAY, "--format", "json",
        ])
        .stdin(answers.to_string())
        .run()
        .status(3)
        .json();
        doc.as_object_mut().unwrap().remove("screened_at");
        doc
    };
    assert_eq!(json("self"), json("staff"));
}

#[test]
fn staff_output_keeps_the_desk_words() {
    let text = prescreen(["screen", "--date", DAY, "--format", "text"])
        .stdin(deferred_with_a_question().to_string())
        .run()
        .status(3)
        .stdout;
    assert!(
        text.starts_with("‖ DEFER: not yet; can be considered later (eligible from 2027-05-31)\n")
    );
    assert!(!text.contains("What to do next"));
}

/// `prescreen ARGS` on a pseudo-terminal `columns` wide; its whole output.
fn on_terminal(columns: u16, args: &[&str]) -> String {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("stty cols {columns} rows 40 && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_prescreen"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(command, Some(15_000)).unwrap();
    let out = p.exp_eof().unwrap();
    out.replace("\r\n", "\n")
}

#[test]
fn text_is_wrapped_to_the_terminal_width_without_breaking_words() {
    // Two columns short of the edge, as on an 80-column terminal (78).
    let (_dir, answers) = temp_file("a.json", deferred_with_a_question().to_string().as_bytes());
    let answers = answers.to_str().unwrap();
    let args = [
        "screen",
        "--for",
        "self",
        "--date",
        DAY,
        "--answers",
        answers,
    ];
    let wide = on_terminal(120, &args);
    assert!(
        wide.contains("\n  - Please wait before booking: until the date shown, or, where no date is shown, until the reason no longer applies.\n"),
        "{wide}"
    );
    let narrow = on_terminal(40, &args);
    // (rexpect reads bytes as Latin-1: lines with other letters are not counted here.)
    for line in narrow.lines().filter(|l| l.is_ascii()) {
        assert!(line.len() <= 38, "{line:?}\n{narrow}");
    }
    assert!(
        narrow.contains(
            "\n  - Please wait before booking: until\n    the date shown, or, where no date\n"
        ),
        "{narrow}"
    );
    // Every word of the step is there, whole, in order.
    let words: Vec<&str> = narrow.split_whitespace().collect();
    let step = "Please wait before booking: until the date shown, or, where no date is shown, until the reason no longer applies.";
    let expected: Vec<&str> = step.split_whitespace().collect();
    assert!(
        words
            .windows(expected.len())
            .any(|w| w == expected.as_slice())
    );
}
