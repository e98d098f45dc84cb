//! Any bytes as a rule file: lint reports on them in bounded time, loading either
//! refuses them (and then lint reports an error too) or yields a rule set that screens,
//! builds a checklist, renders, is shown for sign-off and has an answers schema. A panic
//! anywhere is a finding.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use prescreen::aftercare;
use prescreen::answers::{self, Answers};
use prescreen::render::{self, ScreenReport};
use prescreen::rules::{RuleSet, lint, schema};
use prescreen::screen;

fuzz_target!(|data: &[u8]| {
    let report = lint::lint(data);
    let Ok(rules) = RuleSet::from_bytes(data) else {
        assert!(
            !report.errors.is_empty(),
            "lint must agree that the file is invalid"
        );
        return;
    };
    assert!(
        report.errors.is_empty(),
        "lint must agree that the file loads"
    );
    let mut shown = Vec::new();
    let _ = render::rules::write_text(&rules, "fuzz.json", &mut shown);
    let _ = render::rules::write_markdown(&rules, "fuzz.json", &mut shown);
    let _ = schema::answers(&rules);
    let Some(today) = NaiveDate::from_ymd_opt(2026, 11, 23) else {
        return;
    };
    let mut sets = vec![Answers::empty(&rules)];
    if let Ok(all_no) = answers::parse(&rules, b"{}") {
        sets.push(all_no);
    }
    for answers in &sets {
        let result = screen::screen(&rules, answers, today);
        let checklist = aftercare::checklist(&rules, answers, today);
        let report = ScreenReport {
            rules: &rules,
            answers,
            screening: &result,
            checklist: Some(&checklist),
            explain: true,
            reader: render::Reader::Staff,
            reference: None,
        };
        let mut out = Vec::new();
        let _ = render::json::write_screen(&report, &mut out);
        let _ = render::markdown::write_screen(&report, &mut out);
    }
});
