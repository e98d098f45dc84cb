//! Dates and clock times as people read them, in the words of a catalogue: weekday and
//! month names and the order of the parts come from `core/i18n/<lang>.ftl`.
//!
//! A hand-written table of 38 words per language (weekdays and months, long and short)
//! rather than chrono's `unstable-locales`: that feature carries every locale (a larger
//! wasm page for two languages), wants POSIX names (`es_ES`), does not format
//! `DateTime` the same way, and may change its API in a patch release.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use super::catalogue::Words;

const WEEKDAYS: [&str; 7] = [
    "weekday-1",
    "weekday-2",
    "weekday-3",
    "weekday-4",
    "weekday-5",
    "weekday-6",
    "weekday-7",
];
const WEEKDAYS_SHORT: [&str; 7] = [
    "weekday-short-1",
    "weekday-short-2",
    "weekday-short-3",
    "weekday-short-4",
    "weekday-short-5",
    "weekday-short-6",
    "weekday-short-7",
];
const MONTHS: [&str; 12] = [
    "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
    "month-9", "month-10", "month-11", "month-12",
];
const MONTHS_SHORT: [&str; 12] = [
    "month-short-1",
    "month-short-2",
    "month-short-3",
    "month-short-4",
    "month-short-5",
    "month-short-6",
    "month-short-7",
    "month-short-8",
    "month-short-9",
    "month-short-10",
    "month-short-11",
    "month-short-12",
];

/// Fills the date pattern `key` for `date`, with `time` (`14:00`) when given.
fn fill(w: &Words, key: &'static str, date: NaiveDate, short: bool, time: &str) -> String {
    let weekday = date.weekday().num_days_from_monday() as usize;
    let month = date.month0() as usize;
    let (weekdays, months) = if short {
        (&WEEKDAYS_SHORT, &MONTHS_SHORT)
    } else {
        (&WEEKDAYS, &MONTHS)
    };
    w.fill(
        key,
        &[
            ("weekday", w.get(weekdays[weekday % 7])),
            ("day", &date.day().to_string()),
            ("month", w.get(months[month % 12])),
            ("year", &date.year().to_string()),
            ("time", time),
        ],
    )
}

/// A date as people say it: `Tuesday 1 June 2027`, `martes 1 de junio de 2027`.
pub fn long_date(w: &Words, date: NaiveDate) -> String {
    fill(w, "date-long", date, false, "")
}

/// A clock time on a checklist: `Tue 24 Nov 2026 14:00`, `martes, 24 de noviembre,
/// 14:00` (Spanish names are long: the year is left to the sheet's head, so that the
/// longest sheet still fits one page).
pub fn clock(w: &Words, t: &DateTime<FixedOffset>) -> String {
    let time = t.format("%H:%M").to_string();
    fill(w, "date-clock", t.date_naive(), true, &time)
}

/// A procedure time at the head of a sheet: `Mon 23 Nov 2026, 14:00`, `lunes, 23 de
/// noviembre de 2026, 14:00`.
pub fn long_time(w: &Words, t: &DateTime<FixedOffset>) -> String {
    let time = t.format("%H:%M").to_string();
    fill(w, "date-time", t.date_naive(), true, &time)
}

#[cfg(test)]
mod tests {
    use super::super::catalogue::words;
    use super::*;

    #[test]
    fn dates_in_each_language() {
        let june = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        let t = DateTime::parse_from_rfc3339("2026-11-24T14:00:00+01:00").unwrap();
        let cases = [
            (
                "en",
                "Tuesday 1 June 2027",
                "Tue 24 Nov 2026 14:00",
                "Tue 24 Nov 2026, 14:00",
            ),
            (
                "es",
                "martes 1 de junio de 2027",
                "martes, 24 de noviembre, 14:00",
                "martes, 24 de noviembre de 2026, 14:00",
            ),
        ];
        for (lang, long, clocked, timed) in cases {
            let w = words(lang);
            assert_eq!(long_date(w, june), long, "{lang}");
            assert_eq!(clock(w, &t), clocked, "{lang}");
            assert_eq!(long_time(w, &t), timed, "{lang}");
        }
    }

    /// English names agree with chrono's, for every day of a year (so the English
    /// output is what it was before the catalogue).
    #[test]
    fn english_names_are_chronos() {
        let w = words("en");
        let mut date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for _ in 0..366 {
            assert_eq!(long_date(w, date), date.format("%A %-d %B %Y").to_string());
            let t = date
                .and_hms_opt(9, 5, 0)
                .unwrap()
                .and_local_timezone(FixedOffset::east_opt(0).unwrap())
                .unwrap();
            assert_eq!(clock(w, &t), t.format("%a %-d %b %Y %H:%M").to_string());
            date = date.succ_opt().unwrap();
        }
    }
}
