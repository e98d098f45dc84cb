//! HTML output: one self-contained page to print (A4 or US Letter) or read on a phone.
//!
//! Inline CSS only: no scripts, fonts, images or links to load, and a Content Security
//! Policy that forbids them, so the page shows the same offline, printed or mailed. Every
//! text from the rule file or the answers is escaped ([`Esc`]): a `<script>` in a rule
//! text shows as text. Renders what the engine decided; decides nothing. No colour
//! carries meaning: clinics print in black and white.

use std::fmt;
use std::io::{self, Write};

use chrono::{DateTime, FixedOffset};

use super::{
    AftercareReport, Reader, ScreenReport, after_window_words, capitalized, check_status_words,
    clock, contact, dates_words, first_window_words, long_date, next_steps, patient_dates_words,
    patient_verdict, reason_answers, reply_words, verdict_symbol, verdict_words,
};
use crate::aftercare::{Checklist, Item};
use crate::answers::Answers;
use crate::i18n::{Words, long_time};
use crate::rules::{ItemKind, RuleSet, Window};
use crate::screen::Screening;

/// Text escaped for HTML element content and quoted attribute values.
pub struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            let entity = match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            };
            f.write_str(entity)?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

/// The page's style: screen first (a phone), then the print layout. The print layout fits
/// the area A4 and US Letter share (A4's width, Letter's height) so one sheet is one page
/// on either.
const STYLE: &str = "\
:root{color-scheme:light}
*{box-sizing:border-box}
html{font-family:system-ui,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,\"Liberation Sans\",\"DejaVu Sans\",sans-serif;\
font-variant-ligatures:none;font-size:100%;line-height:1.45;color:#000;background:#fff;\
-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;padding:1rem}
main{max-width:44rem;margin:0 auto}
header{border-bottom:2px solid #000;padding-bottom:.5rem;margin-bottom:.75rem}
.clinic{margin:0;font-weight:700;letter-spacing:.02em}
h1{font-size:1.45rem;line-height:1.2;margin:.1rem 0}
h2{font-size:1.1rem;margin:1.1rem 0 .35rem;padding-bottom:.15rem;border-bottom:1px solid #000}
h3{font-size:.95rem;margin:.6rem 0 .1rem}
p{margin:.25rem 0}
.meta{margin:.2rem 0 0;font-size:.9rem}
.meta span{white-space:nowrap}
.verdict{border:2px solid #000;border-radius:.4rem;padding:.5rem .75rem;margin:.75rem 0}
.verdict .word{font-size:1.25rem;font-weight:800;margin:0}
.note{font-size:.9rem}
ul{margin:.2rem 0;padding-left:1.3rem}
li{margin:.15rem 0}
ul.checks{list-style:none;padding:0}
ul.checks li{display:grid;grid-template-columns:1.7rem 1fr;align-items:start;\
padding:.3rem 0 .3rem .4rem;margin:0;border-bottom:1px dotted #777;border-left:3px solid transparent;break-inside:avoid}
ul.checks input{-webkit-appearance:none;appearance:none;width:1.15rem;height:1.15rem;\
margin:.12rem 0 0;border:2px solid #000;border-radius:.15rem;background:#fff}
ul.checks input:checked{background:#000;box-shadow:inset 0 0 0 .18rem #fff}
.until{font-weight:700;white-space:nowrap}
.why{display:block;font-size:.9rem;font-style:italic}
ul.checks li.tailored{border-left-color:#000}
.tag{font-style:normal;font-weight:700;border:1px solid #000;border-radius:.2rem;\
padding:0 .25rem;margin-right:.3rem;font-size:.8rem}
.warning{border:2px solid #000;border-radius:.4rem;padding:.1rem .75rem .5rem;margin-top:1rem;break-inside:avoid}
.warning h2{border:0;margin-top:.4rem}
.warning ul{font-weight:600}
.phone{margin-top:.5rem}
.phone span{display:inline-block;min-width:14rem;border-bottom:1px solid #000}
footer{margin-top:1rem;padding-top:.3rem;border-top:1px solid #000;font-size:.75rem}
code{font-family:\"DejaVu Sans Mono\",\"Liberation Mono\",monospace;font-size:.9em}
@page{margin:11mm 12mm}
@media print{
html{font-size:10pt;line-height:1.28}
body{padding:0}
main{max-width:none}
h2{margin-top:.75rem}
ul.checks li{padding-top:.18rem;padding-bottom:.18rem}
.warning{margin-top:.7rem}
footer{margin-top:.5rem}
}
";

/// The offset the times are shown in: `UTC+01:00`.
fn offset(t: &DateTime<FixedOffset>) -> String {
    t.format("UTC%:z").to_string()
}

/// Printed a little smaller and tighter (9.5 pt, not 10) for languages other than
/// English: Spanish runs about a fifth longer, and a candidate's sheet, with the clinic's
/// details and every tailored item, must stay one sheet of A4 or Letter. English keeps
/// the print it was designed and pictured with (and its bytes).
const LONGER_LANGUAGE_PRINT: &str = "@media print{html{font-size:9.5pt;line-height:1.2}h2{margin-top:.6rem}ul.checks li{padding-top:.1rem;padding-bottom:.1rem}}";

fn open(out: &mut dyn Write, rules: &RuleSet, title: &str) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"{}\">", Esc(&rules.lang))?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<title>{}: {}</title>",
        Esc(&rules.procedure),
        Esc(title)
    )?;
    writeln!(out, "<style>\n{STYLE}</style>")?;
    if rules.lang != crate::i18n::BASE {
        writeln!(out, "<style>{LONGER_LANGUAGE_PRINT}</style>")?;
    }
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<main>")?;
    writeln!(out, "<header>")?;
    if let Some(name) = contact(rules).and_then(|c| c.name) {
        writeln!(out, "<p class=\"clinic\">{}</p>", Esc(name))?;
    }
    writeln!(out, "<h1>{}</h1>", Esc(&rules.procedure))?;
    writeln!(out, "<p class=\"meta\">{}</p>", Esc(title))?;
    Ok(())
}

/// The clinic's phone as a link, or `None` when the rule file gives none.
fn phone_link(rules: &RuleSet) -> Option<String> {
    let contact = contact(rules)?;
    let (phone, tel) = (contact.phone?, contact.tel()?);
    Some(format!("<a href=\"{}\">{}</a>", Esc(&tel), Esc(phone)))
}

/// How to reach the clinic, in hours and out of them, when the rule file says.
fn write_contact(out: &mut dyn Write, rules: &RuleSet) -> io::Result<()> {
    let w = rules.words();
    let Some(contact) = contact(rules) else {
        return Ok(());
    };
    if contact.phone.is_none() && contact.out_of_hours.is_none() {
        return Ok(());
    }
    let heading = w.get("sheet-contact");
    writeln!(out, "<section class=\"contact\" aria-label=\"{heading}\">")?;
    writeln!(out, "<h2>{heading}</h2>")?;
    if let Some(link) = phone_link(rules) {
        match contact.name {
            Some(name) => writeln!(out, "<p>{}: {link}</p>", Esc(name))?,
            None => writeln!(out, "<p>{}</p>", w.fill("sheet-phone", &[("phone", &link)]))?,
        }
    }
    if let Some(text) = contact.out_of_hours {
        writeln!(
            out,
            "<p>{}</p>",
            w.fill("sheet-out-of-hours", &[("text", &Esc(text).to_string())])
        )?;
    }
    writeln!(out, "</section>")
}

/// The foot of the sheet: which rule file, by name and version only. The checksum and the
/// program's version are for the record and the JSON, not a patient's sheet.
/// `contact_shown`: the warning signs already gave the clinic's phone and out-of-hours
/// guidance (a candidate's sheet, which must stay one page).
fn close(out: &mut dyn Write, rules: &RuleSet, contact_shown: bool) -> io::Result<()> {
    if !contact_shown {
        write_contact(out, rules)?;
    }
    writeln!(
        out,
        "<footer>{} {}</footer>",
        Esc(&rules.title),
        Esc(&rules.version)
    )?;
    writeln!(out, "</main>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// The procedure time line under the title.
fn procedure_line(w: &Words, out: &mut dyn Write, checklist: &Checklist) -> io::Result<()> {
    let procedure = w.get("sheet-procedure");
    match &checklist.starts {
        Some(starts) => writeln!(
            out,
            "<p class=\"meta\"><span>{procedure} <strong>{}</strong></span> · <span>{}</span></p>",
            long_time(w, starts),
            w.fill("sheet-times-in", &[("offset", &offset(starts))])
        ),
        None => writeln!(
            out,
            "<p class=\"meta\"><span>{procedure} <strong>{}</strong></span></p>",
            w.get("sheet-time-not-given")
        ),
    }
}

/// A screening result: the verdict and every reason; the checklist for a candidate.
pub fn write_screen(report: &ScreenReport, out: &mut dyn Write) -> io::Result<()> {
    let s = report.screening;
    let w = report.rules.words();
    let title = if report.checklist.is_some() {
        w.get("sheet-title-result-aftercare")
    } else {
        w.get("sheet-title-result")
    };
    open(out, report.rules, title)?;
    if let Some(checklist) = report.checklist {
        procedure_line(w, out, checklist)?;
    }
    if let Some(reference) = report.reference {
        writeln!(
            out,
            "<p class=\"for\">{} <strong>{}</strong></p>",
            w.get("sheet-for"),
            Esc(reference)
        )?;
    }
    writeln!(out, "</header>")?;

    let patient = report.reader == Reader::Patient;
    let final_decision = w.get("sheet-final-decision");
    writeln!(
        out,
        "<section class=\"verdict\" aria-label=\"{}\">",
        w.get("sheet-verdict")
    )?;
    if patient {
        writeln!(
            out,
            "<p class=\"word\"><span aria-hidden=\"true\">{}</span> {}</p>",
            verdict_symbol(s.verdict),
            Esc(&patient_verdict(w, s.verdict, s.eligible_from))
        )?;
        writeln!(
            out,
            "<p class=\"note\">{}. {final_decision}</p>",
            Esc(&patient_dates_words(w, s))
        )?;
    } else {
        let (word, meaning) = verdict_words(w, s.verdict);
        writeln!(
            out,
            "<p class=\"word\"><span aria-hidden=\"true\">{}</span> {word}</p>",
            verdict_symbol(s.verdict)
        )?;
        write!(out, "<p>{}", Esc(meaning))?;
        if let Some(date) = s.eligible_from {
            write!(
                out,
                " ({} <strong>{date}</strong>)",
                w.get("sheet-eligible-from")
            )?;
        }
        writeln!(out, ".</p>")?;
        writeln!(
            out,
            "<p class=\"note\">{}. {final_decision}</p>",
            Esc(&capitalized(&dates_words(w, s)))
        )?;
    }
    writeln!(out, "</section>")?;
    write_reasons(
        report.rules,
        report.answers,
        s,
        report.explain,
        report.reader,
        out,
    )?;
    if patient {
        write_next_steps(report.rules, s, out)?;
    }

    if report.explain {
        writeln!(out, "<section>")?;
        writeln!(out, "<h2>{}</h2>", w.get("sheet-checked"))?;
        writeln!(out, "<ul>")?;
        for check in s.checked() {
            let status = check_status_words(w, check.status);
            write!(out, "<li>{status} <code>{}</code>: ", Esc(&check.rule.id))?;
            for (n, &q) in check.rule.inputs.iter().enumerate() {
                let Some(question) = report.rules.questions.get(q) else {
                    continue;
                };
                let sep = if n == 0 { "" } else { ", " };
                write!(
                    out,
                    "{sep}<code>{}</code> = {}",
                    Esc(&question.id),
                    Esc(&reply_words(w, question, report.answers.reply(q)))
                )?;
            }
            writeln!(out, "</li>")?;
        }
        writeln!(out, "</ul>")?;
        writeln!(out, "</section>")?;
    }

    let contact_shown = match report.checklist {
        Some(checklist) => write_checklist(checklist, report.rules, out)?,
        None => false,
    };
    close(out, report.rules, contact_shown)
}

/// The reasons in the words of the rule file and the questions: no ids.
fn write_reasons(
    rules: &RuleSet,
    answers: &Answers,
    s: &Screening,
    explain: bool,
    reader: Reader,
    out: &mut dyn Write,
) -> io::Result<()> {
    if s.reasons.is_empty() {
        return Ok(());
    }
    let patient = reader == Reader::Patient;
    let w = rules.words();
    writeln!(out, "<section>")?;
    writeln!(out, "<h2>{}</h2>", reader.reasons_heading(w))?;
    writeln!(out, "<ul>")?;
    for reason in &s.reasons {
        let outcome = reader.outcome_words(w, reason.outcome);
        write!(
            out,
            "<li><strong>{outcome}</strong>: {}",
            Esc(reason.message)
        )?;
        for (prompt, reply) in reason_answers(rules, answers, reason) {
            if patient {
                write!(
                    out,
                    " {} <em>“{}”</em>: {}.",
                    w.get("sheet-your-answer-to"),
                    Esc(prompt),
                    Esc(&reply)
                )?;
            } else {
                write!(out, " <em>“{}”</em> {}.", Esc(prompt), Esc(&reply))?;
            }
        }
        match (patient, reason.eligible_from) {
            (false, Some(date)) => write!(
                out,
                " {} <strong>{date}</strong>.",
                w.get("sheet-eligible-from-sentence")
            )?,
            (true, Some(date)) => write!(
                out,
                " {} <strong>{}</strong>.",
                w.get("sheet-book-from"),
                long_date(w, date)
            )?,
            (_, None) => {}
        }
        if explain && let Some(rationale) = reason.rationale {
            write!(
                out,
                "<br><span class=\"note\">{}</span>",
                w.fill(
                    "sheet-why-this-rule",
                    &[("rationale", &Esc(rationale).to_string())]
                )
            )?;
        }
        writeln!(out, "</li>")?;
    }
    writeln!(out, "</ul>")?;
    writeln!(out, "</section>")
}

/// What to do next, for the person themselves: the rule file's words for each kind of
/// reason present, worst first.
fn write_next_steps(rules: &RuleSet, s: &Screening, out: &mut dyn Write) -> io::Result<()> {
    let steps = next_steps(rules, s);
    if steps.is_empty() {
        return Ok(());
    }
    let heading = rules.words().get("sheet-next");
    writeln!(out, "<section aria-label=\"{heading}\">")?;
    writeln!(out, "<h2>{heading}</h2>")?;
    writeln!(out, "<ul>")?;
    for step in steps {
        writeln!(out, "<li>{}</li>", Esc(step))?;
    }
    writeln!(out, "</ul>")?;
    writeln!(out, "</section>")
}

/// The aftercare sheet on its own; with a go-ahead, the verdict and who gave it first.
pub fn write_aftercare(report: &AftercareReport, out: &mut dyn Write) -> io::Result<()> {
    let w = report.rules.words();
    open(out, report.rules, w.get("sheet-title-aftercare"))?;
    procedure_line(w, out, report.checklist)?;
    writeln!(out, "</header>")?;
    if let Some(initials) = report.go_ahead_by {
        let s = report.screening;
        let (word, meaning) = verdict_words(w, s.verdict);
        writeln!(
            out,
            "<section class=\"verdict\" aria-label=\"{}\">",
            w.get("sheet-verdict")
        )?;
        writeln!(
            out,
            "<p class=\"word\"><span aria-hidden=\"true\">{}</span> {word}</p>",
            verdict_symbol(s.verdict)
        )?;
        writeln!(out, "<p>{}.</p>", Esc(meaning))?;
        writeln!(
            out,
            "<p>{} <strong>{}</strong>. {}.</p>",
            w.get("sheet-go-ahead-by"),
            Esc(initials),
            Esc(&capitalized(&dates_words(w, s)))
        )?;
        writeln!(out, "</section>")?;
        write_reasons(report.rules, report.answers, s, false, Reader::Staff, out)?;
    }
    let contact_shown = write_checklist(report.checklist, report.rules, out)?;
    close(out, report.rules, contact_shown)
}

/// The headings of the first day's groups, in the order they are shown.
const FIRST_DAY_GROUPS: [(ItemKind, &str); 3] = [
    (ItemKind::Avoid, "sheet-avoid"),
    (ItemKind::Care, "sheet-care"),
    (ItemKind::Expect, "sheet-expect"),
];

/// The checklist; returns whether its warning signs gave the clinic's contact details.
fn write_checklist(
    checklist: &Checklist,
    rules: &RuleSet,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let w = rules.words();
    writeln!(out, "<section>")?;
    writeln!(out, "<h2>{}</h2>", w.get("sheet-first-24h"))?;
    writeln!(
        out,
        "<p>{}. {}</p>",
        Esc(&capitalized(&first_window_words(w, checklist))),
        w.get("sheet-tick")
    )?;
    for (kind, heading) in FIRST_DAY_GROUPS {
        let items: Vec<&Item> = checklist
            .window(Window::First24h)
            .filter(|i| i.def.kind == kind)
            .collect();
        if items.is_empty() {
            continue;
        }
        writeln!(out, "<h3>{}</h3>", w.get(heading))?;
        writeln!(out, "<ul class=\"checks\">")?;
        for item in items {
            write_check(w, item, out)?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</section>")?;

    let warnings: Vec<&Item> = checklist
        .items
        .iter()
        .filter(|i| i.def.kind == ItemKind::Warning)
        .collect();
    if !warnings.is_empty() {
        writeln!(
            out,
            "<section class=\"warning\" aria-label=\"{}\">",
            w.get("sheet-warning-signs")
        )?;
        writeln!(out, "<h2>{}</h2>", w.get("sheet-warning-heading"))?;
        write_bullets(w, &warnings, out)?;
        let phone = w.get("sheet-clinic-phone");
        match phone_link(rules) {
            Some(link) => write!(out, "<p class=\"phone\">{phone} {link}")?,
            // A line to write the number on.
            None => write!(out, "<p class=\"phone\">{phone} <span>&nbsp;</span>")?,
        }
        // On the same line: a candidate's sheet must stay one sheet of paper.
        if let Some(text) = contact(rules).and_then(|c| c.out_of_hours) {
            write!(
                out,
                " · {}",
                w.fill("sheet-out-of-hours", &[("text", &Esc(text).to_string())])
            )?;
        }
        writeln!(out, "</p>")?;
        writeln!(out, "</section>")?;
    }

    let later: Vec<&Item> = checklist
        .window(Window::After24h)
        .filter(|i| i.def.kind != ItemKind::Warning)
        .collect();
    if !later.is_empty() {
        writeln!(out, "<section>")?;
        writeln!(
            out,
            "<h2>{}</h2>",
            w.fill(
                "sheet-later",
                &[("when", &Esc(&after_window_words(w, checklist)).to_string())]
            )
        )?;
        write_bullets(w, &later, out)?;
        writeln!(out, "</section>")?;
    }
    Ok(!warnings.is_empty())
}

/// Items that are not tasks (warnings, what comes later) as a plain list.
fn write_bullets(w: &Words, items: &[&Item], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<ul>")?;
    for item in items {
        write!(out, "<li>{}", Esc(&item.def.text))?;
        write_why(w, item, out)?;
        writeln!(out, "</li>")?;
    }
    writeln!(out, "</ul>")
}

/// Whether the person's answers brought this item in.
fn tailored(item: &Item) -> bool {
    item.def.when.is_some()
}

/// One tick-box line: the text, its clock time, and why it applies to this person.
fn write_check(w: &Words, item: &Item, out: &mut dyn Write) -> io::Result<()> {
    let id = Esc(&item.def.id);
    let class = if tailored(item) {
        " class=\"tailored\""
    } else {
        ""
    };
    write!(
        out,
        "<li{class}><input type=\"checkbox\" id=\"item-{id}\"><div><label for=\"item-{id}\">{}</label>",
        Esc(&item.def.text)
    )?;
    if let Some(until) = &item.until {
        write!(
            out,
            " <span class=\"until\">{}</span>",
            w.fill("sheet-until", &[("time", &clock(w, until))])
        )?;
    }
    write_why(w, item, out)?;
    writeln!(out, "</div></li>")
}

/// For a tailored item: a "for you" mark and the rule file's reason.
fn write_why(w: &Words, item: &Item, out: &mut dyn Write) -> io::Result<()> {
    if !tailored(item) {
        return Ok(());
    }
    write!(
        out,
        "<span class=\"why\"><span class=\"tag\">{}</span>",
        w.get("sheet-for-you")
    )?;
    match item.why.as_deref() {
        Some(why) => write!(out, "{}", Esc(why))?,
        None => write!(out, "{}", w.get("sheet-added"))?,
    }
    write!(out, "</span>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aftercare::checklist;
    use crate::screen::screen;
    use crate::testing::{answers, default_rules, rules_from, screening_candidate};
    use serde_json::json;

    fn start() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T14:00:00+01:00").unwrap()
    }

    fn sheet(rules: &RuleSet, doc: serde_json::Value) -> String {
        let a = answers(rules, doc);
        let list = checklist(rules, &a, start().date_naive());
        let s = screen(rules, &a, start().date_naive());
        let mut out = Vec::new();
        write_aftercare(
            &AftercareReport {
                rules,
                answers: &a,
                screening: &s,
                checklist: &list,
                go_ahead_by: None,
            },
            &mut out,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escaping_covers_every_special_character() {
        let cases = [
            ("plain", "plain text", "plain text"),
            (
                "tag",
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("ampersand first", "&lt;", "&amp;lt;"),
            ("quotes", r#"a "b" 'c'"#, "a &quot;b&quot; &#39;c&#39;"),
            ("unicode kept", "Tue → ✓ é", "Tue → ✓ é"),
            ("trailing", "x>", "x&gt;"),
        ];
        for (name, input, expected) in cases {
            assert_eq!(Esc(input).to_string(), expected, "{name}");
        }
    }

    #[test]
    fn the_sheet_is_self_contained() {
        let html = sheet(&default_rules(), screening_candidate(json!({})));
        for banned in [
            "<script",
            "<link",
            "<img",
            "src=",
            "href=",
            "url(",
            "@import",
            "@font-face",
        ] {
            assert!(!html.contains(banned), "{banned} in the page");
        }
        assert!(html.starts_with("<!DOCTYPE html>\n"));
        assert!(html.contains("Content-Security-Policy"));
        assert!(html.trim_end().ends_with("</html>"));
    }

    #[test]
    fn items_show_their_clock_time_and_why_they_apply() {
        let html = sheet(
            &default_rules(),
            screening_candidate(json!({
                "procedure_time": "2026-11-23T14:00:00+01:00", "wears_makeup": true,
                "treatment_area": "face", "outdoors_next_24h": false,
                "uses_alcohol_based_products": false
            })),
        );
        assert!(html.contains("Procedure: <strong>Mon 23 Nov 2026, 14:00</strong>"));
        assert!(html.contains("times in UTC+01:00"));
        assert!(html.contains(
            "Keep the treated skin out of direct sunlight.</label> <span class=\"until\">until Tue 24 Nov 2026 14:00</span>"
        ));
        assert!(
            html.contains(
                "<li class=\"tailored\"><input type=\"checkbox\" id=\"item-makeup_wait\">"
            )
        );
        assert!(html.contains(
            "<span class=\"tag\">For you</span>You usually wear makeup on the treated area."
        ));
        assert!(!html.contains("item-outdoor_plan"), "not tailored in");
        assert!(html.contains("<h2>Warning signs: when to call the clinic</h2>"));
        assert!(html.contains("<h2>What comes later (from Tue 24 Nov 2026 14:00 UTC+01:00)</h2>"));
        // The warning is not a tick box, and the untimed items carry no clock time.
        assert!(!html.contains("id=\"item-warning_signs\""));
        assert!(!html.contains("normal straight after treatment: they are the skin reacting to the tiny pricks. Your usual colour comes back within a few hours.</label> <span class=\"until\""));
    }

    #[test]
    fn every_text_from_the_rule_file_is_escaped() {
        let evil = "<script>alert(1)</script> & \"x\"";
        let rules = rules_from(|d| {
            d["procedure"] = json!(evil);
            d["name"] = json!(evil);
            d["version"] = json!(evil);
            d["clinic"] = json!(evil);
            for item in d["aftercare"]["items"].as_array_mut().unwrap() {
                item["text"] = json!(evil);
                if item.get("because").is_some() {
                    item["because"] = json!(evil);
                }
            }
        });
        let html = sheet(&rules, json!({}));
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("\"x\""));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
    }

    #[test]
    fn a_screening_that_is_not_a_candidate_has_no_checklist() {
        let rules = rules_from(|d| {
            d["rules"][1]["reason"] = json!("No <b>eczema</b>.");
        });
        let a = answers(&rules, screening_candidate(json!({"eczema": true})));
        let s = screen(&rules, &a, start().date_naive());
        let mut out = Vec::new();
        write_screen(
            &ScreenReport {
                rules: &rules,
                answers: &a,
                screening: &s,
                checklist: None,
                explain: true,
                reader: crate::render::Reader::Staff,
                reference: None,
            },
            &mut out,
        )
        .unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(html.contains("<span aria-hidden=\"true\">✗</span> NOT A CANDIDATE</p>"));
        assert!(
            html.contains("<li><strong>not a candidate</strong>: No &lt;b&gt;eczema&lt;/b&gt;.")
        );
        assert!(
            html.contains("<li>cleared <code>pregnancy</code>: <code>pregnant</code> = no</li>")
        );
        assert!(!html.contains("The first 24 hours"));
        assert!(!html.contains("type=\"checkbox\""));
    }
}
