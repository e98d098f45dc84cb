//! `--format html`: the printable aftercare sheet, checked as a person gets it, printed by
//! real headless Chromium to PDF (A4 and US Letter) and read back with poppler's
//! `pdftotext` and `pdfinfo`, and shot as a phone screen.
//!
//! These tests FAIL when Chromium or poppler-utils are missing: `.ci/run` installs them
//! (`apt-get install chromium poppler-utils`). A sheet that nobody printed is not checked.
//!
//! `PRESCREEN_UPDATE_SCREENSHOT=1 cargo test --features external-tests --test handout_print` refreshes the README's
//! picture, `tests/golden/aftercare-sheet.png`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::DateTime;
use common::{DAY, candidate, prescreen, root, temp_file};
use serde_json::json;

/// The README's picture of the printed sheet.
const SCREENSHOT: &str = "tests/golden/aftercare-sheet.png";

/// Resolution of that picture, in dots per inch.
const SCREENSHOT_DPI: &str = "80";

/// A program on PATH, or a failure that says how to get it.
fn tool(name: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "`{name}` is not installed: the printed sheet is checked in real headless Chromium \
             with poppler-utils. Run `bash .ci/run` (it installs them) or \
             `apt-get install chromium poppler-utils`."
        )
    })
}

/// Runs `command` to the end, failing the test if it takes longer than `limit`.
fn run_within(mut command: Command, limit: Duration) -> std::process::Output {
    let shown = format!("{command:?}");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {shown}: {e}"));
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{shown} took more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Headless Chromium as this machine's network and sandbox allow: no network of its own,
/// a fresh profile, and `extra` (what to make of the page).
fn chromium(page: &Path, extra: &[String]) {
    let profile = tempfile::tempdir().expect("a profile directory");
    let mut command = Command::new(tool("chromium"));
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()));
    let out = run_within(command, Duration::from_secs(120));
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn print_to_pdf(page: &Path, pdf: &Path) {
    chromium(
        page,
        &[
            "--no-pdf-header-footer".to_string(),
            format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    assert!(pdf.is_file(), "no PDF from {}", page.display());
}

/// `pdfinfo`'s page count and page size line.
fn pdf_pages(pdf: &Path) -> (usize, String) {
    let mut command = Command::new(tool("pdfinfo"));
    command.arg(pdf);
    let info = String::from_utf8(run_within(command, Duration::from_secs(60)).stdout).unwrap();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("pdfinfo has no {name}\n{info}"))
    };
    (field("Pages:").parse().unwrap(), field("Page size:"))
}

/// The PDF's text as `pdftotext` reads it, with every run of white space made one space
/// (lines wrap differently on A4 and Letter).
fn pdf_text(pdf: &Path) -> String {
    let mut command = Command::new(tool("pdftotext"));
    command.args(["-enc", "UTF-8"]).arg(pdf).arg("-");
    let text = String::from_utf8(run_within(command, Duration::from_secs(60)).stdout).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The same page with the paper size a print dialog would set.
fn with_paper(html: &str, size: &str) -> String {
    html.replacen(
        "</head>",
        &format!("<style>@page{{size:{size}}}</style></head>"),
        1,
    )
}

/// Width and height of a PNG, from its IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && &bytes[12..16] == b"IHDR",
        "not a PNG"
    );
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

/// The checklist the engine made for these answers, as (text, clock time) pairs.
fn expected_items(args: &[&str], answers: &serde_json::Value) -> Vec<(String, Option<String>)> {
    let doc = prescreen(args.iter().chain(&["--format", "json"]))
        .stdin(answers.to_string())
        .run()
        .json();
    doc["aftercare"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let until = item["until"].as_str().map(|t| {
                DateTime::parse_from_rfc3339(t)
                    .unwrap()
                    .format("%a %-d %b %Y %H:%M")
                    .to_string()
            });
            (item["text"].as_str().unwrap().to_string(), until)
        })
        .collect()
}

#[test]
fn the_printed_sheet_is_one_page_with_every_item_and_its_clock_time() {
    // Every tailored item in: the longest sheet the default file can make.
    let answers = candidate(json!({
        "wears_makeup": true, "outdoors_next_24h": true, "uses_alcohol_based_products": true
    }));
    let dir = tempfile::tempdir().unwrap();
    for (name, args, status) in [
        ("screen", vec!["screen", "--date", DAY], 0),
        ("aftercare", vec!["aftercare", "--date", DAY], 0),
    ] {
        let items = expected_items(&args, &answers);
        assert_eq!(items.len(), 12, "{name}: every item of the default file");
        assert_eq!(
            items.iter().filter(|(_, until)| until.is_some()).count(),
            6,
            "{name}: the timed items"
        );
        let html = prescreen(args.iter().chain(&["--format", "html"]))
            .stdin(answers.to_string())
            .run()
            .status(status)
            .stderr_empty()
            .stdout;
        for (paper, size_word) in [(None, "letter"), (Some("A4"), "A4")] {
            let page = dir.path().join(format!("{name}-{size_word}.html"));
            let pdf = page.with_extension("pdf");
            let source = match paper {
                None => html.clone(),
                Some(size) => with_paper(&html, size),
            };
            std::fs::write(&page, source).unwrap();
            print_to_pdf(&page, &pdf);

            let (pages, size) = pdf_pages(&pdf);
            assert!(size.contains(size_word), "{name}: {size}");
            assert_eq!(pages, 1, "{name} on {size_word}: one sheet of paper");

            let text = pdf_text(&pdf);
            assert!(
                text.contains("Microneedling (collagen induction therapy)"),
                "{text}"
            );
            assert!(text.contains("Procedure: Mon 23 Nov 2026, 14:00"), "{text}");
            assert!(
                text.contains("From Mon 23 Nov 2026 14:00 until Tue 24 Nov 2026 14:00 UTC+01:00"),
                "{text}"
            );
            for (item, until) in &items {
                let shown = match until {
                    Some(clock) => format!("{item} until {clock}"),
                    None => item.clone(),
                };
                assert!(
                    text.contains(&shown),
                    "{name} on {size_word}: missing {shown:?}\n{text}"
                );
            }
            for why in [
                "For you You usually wear makeup on the treated area.",
                "For you You will be outdoors during the first day.",
                "For you You use skin products that contain alcohol.",
            ] {
                assert!(text.contains(why), "{name}: missing {why:?}\n{text}");
            }
            assert!(text.contains("Warning signs: when to call the clinic"));
            assert!(text.contains("What comes later (from Tue 24 Nov 2026 14:00 UTC+01:00)"));
        }
        if name == "screen" {
            let text = pdf_text(&dir.path().join("screen-letter.pdf"));
            assert!(text.contains("✓ CANDIDATE can go ahead."), "{text}");
        }
    }
}

#[test]
fn the_sheet_reads_on_a_phone_and_the_readme_picture_is_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let example = root().join("rules/examples/candidate.json");
    let html = prescreen(["aftercare", "--format", "html", "--answers"])
        .arg(&example)
        .run()
        .status(0)
        .stdout;
    let page = dir.path().join("sheet.html");
    std::fs::write(&page, &html).unwrap();

    // A phone: the page fits its width (no sideways scrolling needed to read it).
    let phone = dir.path().join("phone.png");
    chromium(
        &page,
        &[
            "--window-size=390,844".to_string(),
            format!("--screenshot={}", phone.display()),
        ],
    );
    let shot = std::fs::read(&phone).unwrap();
    assert_eq!(png_size(&shot), (390, 844));
    assert!(
        shot.len() > 10_000,
        "a blank screen compresses to almost nothing"
    );

    // The printed sheet as a picture (what the README shows).
    let pdf = dir.path().join("sheet.pdf");
    print_to_pdf(&page, &pdf);
    assert_eq!(pdf_pages(&pdf).0, 1);
    let mut command = Command::new(tool("pdftoppm"));
    command
        .args(["-png", "-singlefile", "-r", SCREENSHOT_DPI])
        .arg(&pdf)
        .arg(dir.path().join("printed"));
    assert!(
        run_within(command, Duration::from_secs(60))
            .status
            .success()
    );
    let printed = std::fs::read(dir.path().join("printed.png")).unwrap();
    let size = png_size(&printed);
    assert_eq!(size, (680, 880), "US Letter at {SCREENSHOT_DPI} dpi");

    let golden = root().join(SCREENSHOT);
    if std::env::var_os("PRESCREEN_UPDATE_SCREENSHOT").is_some() {
        std::fs::write(&golden, &printed).unwrap();
    }
    let kept = std::fs::read(&golden)
        .unwrap_or_else(|e| panic!("{SCREENSHOT}: {e}; PRESCREEN_UPDATE_SCREENSHOT=1 makes it"));
    assert_eq!(
        png_size(&kept),
        size,
        "{SCREENSHOT} is a one-page printed sheet"
    );
}

#[test]
fn rule_file_markup_shows_as_text_in_the_source_and_on_paper() {
    let mut rules: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("rules/microneedling.json")).unwrap())
            .unwrap();
    rules["clinic"] = json!("<b>Skin & Co</b>");
    rules["aftercare"]["items"][2]["text"] =
        json!("<script>alert(1)</script> Keep the treated skin out of direct sunlight.");
    rules["aftercare"]["items"][3]["because"] = json!("You said \"yes\" <i>to makeup</i>.");
    let (_dir, rules_path) = temp_file("rules.json", rules.to_string().as_bytes());

    let rules_arg = rules_path.to_str().unwrap();
    let html = prescreen([
        "--rules",
        rules_arg,
        "aftercare",
        "--date",
        DAY,
        "--format",
        "html",
    ])
    .stdin(candidate(json!({"wears_makeup": true})).to_string())
    .run()
    .status(0)
    .stderr_empty()
    .stdout;
    assert!(!html.contains("<script"), "{html}");
    assert!(
        !html.contains("<b>Skin") && !html.contains("<i>to"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Keep the treated skin"));
    assert!(html.contains("&lt;b&gt;Skin &amp; Co&lt;/b&gt;"));
    assert!(html.contains("You said &quot;yes&quot; &lt;i&gt;to makeup&lt;/i&gt;."));

    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("escaped.html");
    let pdf = dir.path().join("escaped.pdf");
    std::fs::write(&page, &html).unwrap();
    print_to_pdf(&page, &pdf);
    let text = pdf_text(&pdf);
    for literal in [
        "<script>alert(1)</script> Keep the treated skin out of direct sunlight. until Tue 24 Nov 2026 14:00",
        "<b>Skin & Co</b>",
        "You said \"yes\" <i>to makeup</i>.",
    ] {
        assert!(text.contains(literal), "missing {literal:?}\n{text}");
    }
}

#[test]
fn with_the_clinics_details_and_for_self_the_longest_sheet_is_still_one_page() {
    let mut rules: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("rules/microneedling.json")).unwrap())
            .unwrap();
    rules["clinic"] = json!({
        "name": "Skin & Co", "phone": "+44 20 7946 0000",
        "out_of_hours": "Call 111, or go to the nearest emergency department."
    });
    let (dir, rules_path) = temp_file("rules.json", rules.to_string().as_bytes());
    let answers = candidate(json!({
        "wears_makeup": true, "outdoors_next_24h": true, "uses_alcohol_based_products": true
    }));
    for audience in ["staff", "self"] {
        let html = prescreen(["--rules"])
            .arg(&rules_path)
            .args([
                "screen", "--for", audience, "--date", DAY, "--format", "html",
            ])
            .stdin(answers.to_string())
            .run()
            .status(0)
            .stdout;
        for (paper, size_word) in [(None, "letter"), (Some("A4"), "A4")] {
            let page = dir.path().join(format!("{audience}-{size_word}.html"));
            let pdf = page.with_extension("pdf");
            let source = paper.map_or_else(|| html.clone(), |size| with_paper(&html, size));
            std::fs::write(&page, source).unwrap();
            print_to_pdf(&page, &pdf);
            assert_eq!(pdf_pages(&pdf).0, 1, "{audience} on {size_word}");
            let text = pdf_text(&pdf);
            assert!(
                text.contains("Clinic phone: +44 20 7946 0000 · Out of hours: Call 111"),
                "{text}"
            );
            assert!(
                text.ends_with("Microneedling candidacy screen 2026.11.0"),
                "{text}"
            );
        }
    }
}

/// The Spanish sheet on paper: the program's words, the rule file's texts and the dates
/// in Spanish, found by `pdftotext` in what Chromium printed; the longest candidate
/// sheet still fits one page.
#[test]
fn the_spanish_sheet_prints_with_spanish_words_and_dates() {
    // With the clinic's details: the longest sheet.
    let mut rules: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("rules/microneedling.json")).unwrap())
            .unwrap();
    rules["clinic"] = json!({
        "name": "Skin & Co", "phone": "+44 20 7946 0000",
        "out_of_hours": {
            "en": "Call 111, or go to the nearest emergency department.",
            "es": "Llame al 111 o vaya a las urgencias más cercanas."
        }
    });
    let (dir, rules_path) = temp_file("rules.json", rules.to_string().as_bytes());
    let longest = candidate(json!({
        "wears_makeup": true, "outdoors_next_24h": true, "uses_alcohol_based_products": true
    }));
    // Radiation therapy that ended in June: wait a year from its end.
    let deferred =
        candidate(json!({"radiation_therapy": true, "radiation_end_date": "2026-06-01"}));
    let cases: [(&str, &serde_json::Value, i32, Vec<&str>); 3] = [
        (
            "staff",
            &longest,
            0,
            vec![
                "Resultado de la evaluación y cuidados posteriores",
                "Tratamiento: lunes, 23 de noviembre de 2026, 14:00",
                "Desde el lunes, 23 de noviembre, 14:00 hasta el martes, 24 de noviembre, 14:00 UTC+01:00",
                "No exponga la piel tratada a la luz directa del sol. hasta el martes, 24 de noviembre, 14:00",
                "Para usted Suele llevar maquillaje en la zona tratada.",
                "Señales de alarma: cuándo llamar a la clínica",
                "Teléfono de la clínica: +44 20 7946 0000 · Fuera del horario: Llame al 111",
                "Más adelante (desde el martes, 24 de noviembre, 14:00 UTC+01:00)",
            ],
        ),
        (
            "self",
            &longest,
            0,
            vec![
                "Puede pedir cita",
                "Comprobado el lunes 23 de noviembre de 2026.",
                "Qué hacer ahora",
                "Las primeras 24 horas",
            ],
        ),
        (
            "self",
            &deferred,
            3,
            vec![
                "Espere hasta el martes 1 de junio de 2027",
                "Puede pedir cita a partir del martes 1 de junio de 2027.",
                "Por qué",
                "La clínica toma la decisión final.",
            ],
        ),
    ];
    for (n, (audience, answers, status, expected)) in cases.iter().enumerate() {
        let html = prescreen(["--rules"])
            .arg(&rules_path)
            .args(["screen", "--lang", "es", "--for", audience, "--date", DAY])
            .args(["--format", "html"])
            .stdin(answers.to_string())
            .run()
            .status(*status)
            .stdout;
        assert!(html.contains("<html lang=\"es\">"));
        for (paper, size_word) in [(None, "letter"), (Some("A4"), "A4")] {
            let page = dir.path().join(format!("es-{n}-{size_word}.html"));
            let pdf = page.with_extension("pdf");
            let source = paper.map_or_else(|| html.clone(), |size| with_paper(&html, size));
            std::fs::write(&page, source).unwrap();
            print_to_pdf(&page, &pdf);
            assert_eq!(pdf_pages(&pdf).0, 1, "{n} {audience} on {size_word}");
            let text = pdf_text(&pdf);
            for words in expected {
                assert!(
                    text.contains(words),
                    "{n} {audience} on {size_word}: missing {words:?}\n{text}"
                );
            }
            for english in ["Procedure", "until", "Warning signs", "Monday", "Nov "] {
                assert!(!text.contains(english), "{n}: {english:?} in\n{text}");
            }
        }
    }
}
