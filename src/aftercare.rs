//! The aftercare checklist: which items apply to this person and until when.
//!
//! Pure: the procedure time comes from the answers, or from `fallback_start` (the caller's
//! "now"); no clock is read here. Tailoring is fail-safe the other way round from
//! screening: an item whose condition cannot be ruled out (an unknown answer) is shown,
//! because extra advice does no harm and missing advice might.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};

use crate::answers::{Answers, Value};
use crate::condition::{Facts, Tri};
use crate::rules::{ItemDef, RuleSet, Window};

/// Length of the first window.
pub const FIRST_WINDOW: TimeDelta = TimeDelta::hours(24);

#[derive(Debug, Clone)]
pub struct Checklist<'r> {
    /// The procedure time, in its own offset.
    pub starts: DateTime<FixedOffset>,
    /// `starts` + 24 hours: when the first window ends.
    pub first_window_ends: DateTime<FixedOffset>,
    pub items: Vec<Item<'r>>,
}

#[derive(Debug, Clone)]
pub struct Item<'r> {
    pub def: &'r ItemDef,
    /// For timed items: the end of their window.
    pub until: Option<DateTime<FixedOffset>>,
    /// For tailored items: the questions whose answers brought the item in.
    pub because: Vec<&'r str>,
}

impl Checklist<'_> {
    pub fn window(&self, window: Window) -> impl Iterator<Item = &Item<'_>> {
        self.items.iter().filter(move |i| i.def.window == window)
    }
}

/// Builds the checklist for these answers. `on` is the screening date (conditions may
/// compare dates with it); `fallback_start` is used when the procedure time is unknown.
pub fn checklist<'r>(
    rules: &'r RuleSet,
    answers: &Answers,
    on: NaiveDate,
    fallback_start: DateTime<FixedOffset>,
) -> Checklist<'r> {
    let facts = Facts::new(rules, answers, on);
    let starts = match facts.value(rules.aftercare.starts_at) {
        Some(Value::DateTime(t)) => *t,
        _ => fallback_start,
    };
    // Dates are limited to years before 3000 when parsed, far from chrono's limits.
    let first_window_ends = starts.checked_add_signed(FIRST_WINDOW).unwrap_or(starts);
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
            until: (def.timed && def.window == Window::First24h).then_some(first_window_ends),
            because: def
                .inputs
                .iter()
                .map(|&q| rules.questions[q].id.as_str())
                .collect(),
        })
        .collect();
    Checklist {
        starts,
        first_window_ends,
        items,
    }
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
                start(),
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
        let fallback = DateTime::parse_from_rfc3339("2000-01-01T00:00:00Z").unwrap();
        let list = checklist(&rules, &a, start().date_naive(), fallback);
        assert_eq!(list.starts.to_rfc3339(), "2026-11-23T14:00:00+01:00");
        assert_eq!(
            list.first_window_ends.to_rfc3339(),
            "2026-11-24T14:00:00+01:00"
        );
        let item = |id: &str| list.items.iter().find(|i| i.def.id == id).unwrap();
        assert_eq!(item("avoid_direct_sun").until, Some(list.first_window_ends));
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
    fn unknown_procedure_time_falls_back() {
        let rules = default_rules();
        let a = answers(&rules, json!({"procedure_time": null}));
        let list = checklist(&rules, &a, start().date_naive(), start());
        assert_eq!(list.starts, start());
    }
}
