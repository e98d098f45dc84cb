//! Any bytes as an answers document for the default rule file: parsing either refuses
//! them or yields answers that screen, build a checklist and render in every format,
//! with the fail-safe invariants holding. A panic anywhere is a finding.
#![no_main]

use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use prescreen::aftercare;
use prescreen::answers;
use prescreen::render::{self, ScreenReport, text::Painter};
use prescreen::rules::RuleSet;
use prescreen::screen::{self, Verdict};

fuzz_target!(|data: &[u8]| {
    let Ok(rules) = RuleSet::default_rules() else {
        panic!("the default rule file must load");
    };
    // The first two bytes pick the screening day (about 180 years around 2026).
    let (day, doc) = match data {
        [a, b, rest @ ..] => (u16::from_le_bytes([*a, *b]), rest),
        _ => (0, data),
    };
    let Some(today) = NaiveDate::from_ymd_opt(1936, 1, 1)
        .and_then(|d| d.checked_add_days(Days::new(u64::from(day))))
    else {
        return;
    };
    let Ok(answers) = answers::parse(&rules, doc) else {
        return;
    };
    let result = screen::screen(&rules, &answers, today);
    let worst = result
        .reasons
        .iter()
        .map(|r| Verdict::from(r.outcome))
        .max();
    assert_eq!(result.verdict, worst.unwrap_or(Verdict::Candidate));
    for reason in &result.reasons {
        if let Some(date) = reason.eligible_from {
            assert!(date > today, "a deferral must end after the screening date");
        }
    }
    let checklist = aftercare::checklist(&rules, &answers, today);
    let report = ScreenReport {
        rules: &rules,
        answers: &answers,
        screening: &result,
        checklist: Some(&checklist),
        explain: true,
        reader: render::Reader::Patient,
        reference: None,
    };
    let mut out = Vec::new();
    let _ = render::json::write_screen(&report, &mut out);
    let _ = render::text::write_screen(&report, &mut out, Painter::new(true, None));
    let _ = render::markdown::write_screen(&report, &mut out);
});
