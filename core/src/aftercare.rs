//! The aftercare checklist: which items apply to this person and until when.
//!
//! Pure: the procedure time comes from the answers, and no clock is read here. When the
//! procedure time is unknown there are no clock times at all: the checklist counts "the
//! first 24 hours after the procedure", never from some other moment. Tailoring is
//! fail-safe the other way round from screening: an item whose condition cannot be
//! ruled out (an unknown answer) is shown, because extra advice does no harm and missing
//! advice might; its "why" then says that the answer was not known.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};

use crate::answers::{Answers, Reply, Value};
use crate::condition::Tri;
use crate::facts::Facts;
use crate::rules::{ItemDef, RuleSet, Window};

/// Length of the first window.
pub const FIRST_WINDOW: TimeDelta = TimeDelta::hours(24);

#[derive(Debug, Clone)]
pub struct Checklist<'r> {
    /// The procedure time, in its own offset; `None` when it is not known.
    pub starts: Option<DateTime<FixedOffset>>,
    /// `starts` + 24 hours: when the first window ends (`None` with `starts`).
    pub first_window_ends: Option<DateTime<FixedOffset>>,
    pub items: Vec<Item<'r>>,
}

#[derive(Debug, Clone)]
pub struct Item<'r> {
    pub def: &'r ItemDef,
    /// For timed items with a known procedure time: the end of their window.
    pub until: Option<DateTime<FixedOffset>>,
    /// For tailored items: the questions whose answers brought the item in.
    pub because: Vec<&'r str>,
    /// For tailored items: why it is on this person's list, true for their answers:
    /// the rule file's `because` when every answer it reads is known, otherwise which
    /// answers were not known.
    pub why: Option<String>,
}

impl Checklist<'_> {
    pub fn window(&self, window: Window) -> impl Iterator<Item = &Item<'_>> {
        self.items.iter().filter(move |i| i.def.window == window)
    }
}

/// Builds the checklist for these answers. `on` is the day date conditions are judged
/// on (the procedure's own date when known).
pub fn checklist<'r>(rules: &'r RuleSet, answers: &Answers, on: NaiveDate) -> Checklist<'r> {
    let facts = Facts::new(rules, answers, on);
    let starts = match facts.value(rules.aftercare.starts_at) {
        Some(Value::DateTime(t)) => Some(*t),
        _ => None,
    };
    // Dates are limited to years before 3000 when parsed, far from chrono's limits.
    let first_window_ends = starts.map(|t| t.checked_add_signed(FIRST_WINDOW).unwrap_or(t));
    let items = rules
        .aftercare
        .items
        .iter()
        .filter(|item| {
            item.when
                .as_ref()
                .is_none_or(|c| c.eval(&facts) != Tri::False)
        })
        .map(|def| Item {
            def,
            until: first_window_ends.filter(|_| def.timed && def.window == Window::First24h),
            because: def
                .inputs
                .iter()
                .map(|&q| rules.questions[q].id.as_str())
                .collect(),
            why: why(rules, answers, &facts, def),
        })
        .collect();
    Checklist {
        starts,
        first_window_ends,
        items,
    }
}

/// The "why" of a tailored item, true for these answers.
fn why(rules: &RuleSet, answers: &Answers, facts: &Facts, def: &ItemDef) -> Option<String> {
    def.when.as_ref()?;
    let w = rules.words();
    let unknown: Vec<String> = def
        .inputs
        .iter()
        .filter(|&&q| facts.value(q).is_none() && facts.applies(q) != Tri::False)
        .enumerate()
        .map(|(n, &q)| {
            let prompt = [("prompt", rules.questions[q].prompt.as_str())];
            match answers.reply(q) {
                Reply::NotSure if n == 0 => w.fill("why-not-sure-first", &prompt),
                Reply::NotSure => w.fill("why-not-sure", &prompt),
                _ => w.fill("why-not-answered", &prompt),
            }
        })
        .collect();
    if unknown.is_empty() {
        return def.because.clone();
    }
    Some(w.fill("why-to-be-safe", &[("reasons", &unknown.join("; "))]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{answers, default_rules, screening_candidate};
    use serde_json::json;

    fn start() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T14:00:00+01:00").unwrap()
    }

    fn ids(list: &Checklist) -> Vec<String> {
        list.items.iter().map(|i| i.def.id.clone()).collect()
    }

    const BASE: [&str; 6] = [
        "no_unapproved_products_24h",
        "no_alcohol_based_products",
        "avoid_direct_sun",
        "expected_redness",
        "soreness_moisturize",
        "warning_signs",
    ];

    #[test]
    fn tailoring_follows_the_answers() {
        let rules = default_rules();
        let no = json!({"wears_makeup": false, "outdoors_next_24h": false, "uses_alcohol_based_products": false, "treatment_area": "face"});
        let cases = [
            ("nothing tailored", no.clone(), vec![]),
            (
                "makeup on the face",
                json!({"wears_makeup": true, "outdoors_next_24h": false, "uses_alcohol_based_products": false, "treatment_area": "face"}),
                vec!["makeup_wait"],
            ),
            (
                "makeup but body treated",
                json!({"wears_makeup": true, "outdoors_next_24h": false, "uses_alcohol_based_products": false, "treatment_area": "body"}),
                vec![],
            ),
            (
                "outdoors",
                json!({"wears_makeup": false, "outdoors_next_24h": true, "uses_alcohol_based_products": false, "treatment_area": "face"}),
                vec!["outdoor_plan"],
            ),
            (
                "alcohol products",
                json!({"wears_makeup": false, "outdoors_next_24h": false, "uses_alcohol_based_products": true, "treatment_area": "neck"}),
                vec!["pause_alcohol_products"],
            ),
            (
                "unknowns bring items in",
                json!({}),
                vec!["makeup_wait", "outdoor_plan", "pause_alcohol_products"],
            ),
        ];
        for (name, tailoring, extra) in cases {
            let list = checklist(
                &rules,
                &answers(&rules, screening_candidate(tailoring)),
                start().date_naive(),
            );
            let got: Vec<String> = ids(&list)
                .into_iter()
                .filter(|id| !BASE.contains(&id.as_str()))
                .filter(|id| {
                    rules
                        .aftercare
                        .items
                        .iter()
                        .any(|i| &i.id == id && i.window == Window::First24h)
                })
                .collect();
            assert_eq!(got, extra, "{name}");
            for base in BASE {
                assert!(
                    ids(&list).iter().any(|id| id == base),
                    "{name}: {base} missing"
                );
            }
        }
    }

    #[test]
    fn times_count_from_the_procedure_in_its_own_offset() {
        let rules = default_rules();
        let a = answers(
            &rules,
            json!({"procedure_time": "2026-11-23T14:00:00+01:00", "wears_makeup": true, "treatment_area": "face"}),
        );
        let list = checklist(&rules, &a, start().date_naive());
        assert_eq!(
            list.starts.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-11-23T14:00:00+01:00")
        );
        assert_eq!(
            list.first_window_ends.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-11-24T14:00:00+01:00")
        );
        let item = |id: &str| list.items.iter().find(|i| i.def.id == id).unwrap();
        assert_eq!(item("avoid_direct_sun").until, list.first_window_ends);
        assert_eq!(item("expected_redness").until, None, "not a timed item");
        assert_eq!(
            item("sunscreen_after").until,
            None,
            "after the first window"
        );
        assert_eq!(
            item("makeup_wait").because,
            ["wears_makeup", "treatment_area"]
        );
        assert!(item("avoid_direct_sun").because.is_empty());
    }

    #[test]
    fn unknown_procedure_time_means_no_clock_times() {
        let rules = default_rules();
        for doc in [json!({"procedure_time": null}), json!({})] {
            let a = answers(&rules, doc);
            let list = checklist(&rules, &a, start().date_naive());
            assert_eq!(list.starts, None);
            assert_eq!(list.first_window_ends, None);
            assert!(list.items.iter().all(|i| i.until.is_none()));
            assert!(list.items.iter().any(|i| i.def.timed), "timed items stay");
        }
    }

    #[test]
    fn the_why_of_a_tailored_item_is_true_for_the_answers() {
        let rules = default_rules();
        let cases = [
            (
                "known yes: the rule file's reason",
                json!({"wears_makeup": true, "treatment_area": "face"}),
                Some("You usually wear makeup on the treated area."),
            ),
            (
                "not sure: says so",
                json!({"wears_makeup": null, "treatment_area": "face"}),
                Some(
                    "You were not sure about “Do you usually wear makeup on the treated area?”, so this is included to be safe.",
                ),
            ),
            (
                "not answered: says so",
                json!({"wears_makeup": true}),
                Some(
                    "“Which area is being treated?” was not answered, so this is included to be safe.",
                ),
            ),
            (
                "both unknown",
                json!({"wears_makeup": null}),
                Some(
                    "You were not sure about “Do you usually wear makeup on the treated area?”; “Which area is being treated?” was not answered, so this is included to be safe.",
                ),
            ),
        ];
        for (name, doc, why) in cases {
            let a = answers(&rules, screening_candidate(doc));
            let list = checklist(&rules, &a, start().date_naive());
            let item = list.items.iter().find(|i| i.def.id == "makeup_wait");
            assert_eq!(item.and_then(|i| i.why.as_deref()), why, "{name}");
        }
        let a = answers(&rules, screening_candidate(json!({})));
        let list = checklist(&rules, &a, start().date_naive());
        let untailored = list.items.iter().find(|i| i.def.id == "avoid_direct_sun");
        assert_eq!(untailored.and_then(|i| i.why.as_deref()), None);
    }
}
