//! `--format html` for a screening that is not a candidate: the verdict and reasons, no
//! sheet. Needs only the Rust toolchain; the printed sheet itself is checked in Chromium
//! and poppler by `handout_print.rs` (an `external-tests` target).

#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use common::{DAY, candidate, prescreen};
use serde_json::json;

#[test]
fn a_screening_that_is_not_a_candidate_shows_the_verdict_and_reasons_only() {
    let html = prescreen(["screen", "--date", DAY, "--format", "html"])
        .stdin(candidate(json!({"eczema": true, "pregnant": null})).to_string())
        .run()
        .status(1)
        .stderr_empty()
        .stdout;
    assert!(html.contains("<span aria-hidden=\"true\">✗</span> NOT A CANDIDATE</p>"));
    assert!(html.contains(
        "<li><strong>not a candidate</strong>: Microneedling is not advised for people with eczema.</li>"
    ));
    assert!(html.contains(
        "<li><strong>review</strong>: This question has no clear answer, so it cannot be ruled out. A health professional at the clinic needs to ask about it. <em>“Are you pregnant, or could you be?”</em> not sure.</li>"
    ));
    // Patient-facing: the words of the rules and questions, never their ids.
    for id in ["unanswered", "<code>pregnant", "<code>eczema"] {
        assert!(!html.contains(id), "{id} in the page");
    }
    assert!(!html.contains("type=\"checkbox\""), "no checklist");
    assert!(!html.contains("The first 24 hours"));
    assert!(!html.contains("Warning signs"));
}
