//! `prescreen page --out FILE`: the self-check page as one private, self-contained HTML
//! file. Checked here as a file (what it carries, what it may load, how it is written);
//! tests/page_browser.rs opens it in headless Chromium and tests/page_engine.rs runs its
//! engine under node against the CLI.
//!
//! The binary carries the page's engine only when built with PRESCREEN_PAGE_WASM
//! (build.rs, which then sets `cfg(page_engine)`): without it, `page` must say how to
//! get it, with its own status, and the tests of the page itself are reported as
//! ignored, never as passed. .ci/run runs this file again with the engine.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use std::os::unix::fs::PermissionsExt;

use common::page::write_page;
use common::{prescreen, root, temp_file};
use serde_json::Value;

#[test]
#[cfg_attr(page_engine, ignore = "this build carries the page's engine")]
fn without_the_engine_page_says_how_to_build_it_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("self-check.html");
    prescreen(["page", "--out"])
        .arg(&out)
        .run()
        .status(69)
        .stdout("")
        .stderr_has("error: this prescreen was built without the self-check page's engine")
        .stderr_has("PRESCREEN_PAGE_WASM");
    assert!(!out.exists());
}

#[test]
#[cfg_attr(
    not(page_engine),
    ignore = "needs the page's engine (PRESCREEN_PAGE_WASM; .ci/run builds it)"
)]
fn the_page_is_one_private_file_that_loads_nothing_from_anywhere() {
    let (_dir, out) = write_page(&[]);
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.len() <= 1_000_000, "{} bytes", page.len());
    let csp = page
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSP meta tag");
    assert!(
        csp.starts_with("default-src 'none'; script-src 'sha256-"),
        "{csp}"
    );
    assert!(!csp.contains("connect-src"), "{csp}");
    assert!(!csp.contains(" 'unsafe-eval'"), "{csp}");
    // Nothing external: no URL with a scheme that reaches a network.
    for needle in ["http://", "https://", "//cdn", "src=\"/", "@import", "url("] {
        assert!(!page.contains(needle), "the page contains {needle}");
    }
    // One inline script runs: the glue (the rule file and the engine are data blocks).
    assert_eq!(page.matches("<script>").count(), 1);
    assert!(page.contains(
        "<script type=\"application/json\" id=\"rules\" data-lang=\"en\" data-fixed=\"false\">"
    ));
    assert!(page.contains("<script type=\"application/octet-stream\" id=\"engine\">"));
    // Nothing stored.
    for api in [
        "localStorage",
        "sessionStorage",
        "indexedDB",
        "document.cookie",
        "fetch(",
    ] {
        assert!(!page.contains(api), "the page uses {api}");
    }
}

#[test]
#[cfg_attr(
    not(page_engine),
    ignore = "needs the page's engine (PRESCREEN_PAGE_WASM; .ci/run builds it)"
)]
fn the_page_carries_the_rule_file_as_given_and_the_clinic_from_it() {
    let mut rules: Value =
        serde_json::from_slice(&std::fs::read(root().join("rules/microneedling.json")).unwrap())
            .unwrap();
    rules["clinic"] =
        serde_json::json!({ "name": "Clinic <Ltd> & Co", "phone": "+44 20 7946 0000" });
    let text = rules.to_string();
    let (_rules_dir, rules_path) = temp_file("rules.json", text.as_bytes());
    let (_dir, out) = write_page(&["--rules", rules_path.to_str().unwrap()]);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(
        page.contains("<strong>Clinic &lt;Ltd&gt; &amp; Co</strong>"),
        "clinic name"
    );
    assert!(
        page.contains("<a href=\"tel:+442079460000\">+44 20 7946 0000</a>"),
        "phone"
    );
    // The rule file's exact text, as a JSON string with no `<` left in it.
    let embedded = page
        .split(
            "<script type=\"application/json\" id=\"rules\" data-lang=\"en\" data-fixed=\"false\">",
        )
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    assert!(!embedded.contains('<'));
    let back: String = serde_json::from_str(embedded).unwrap();
    assert_eq!(back, text);
    // The person reads the file's name and version; the checksum is for staff, unseen.
    let sha = common::sha256sum(text.as_bytes());
    assert_eq!(page.matches(&sha).count(), 1, "once, in the meta tag");
    assert!(page.contains(&format!(
        "<meta name=\"prescreen-rules\" content=\"Microneedling candidacy screen 2026.11.0 sha256:{sha}\">"
    )));
    assert!(page.contains(
        "<footer><p id=\"footer\">Microneedling candidacy screen 2026.11.0. A pre-check only: the clinic makes the final decision.</p></footer>"
    ));
}

#[test]
#[cfg_attr(
    not(page_engine),
    ignore = "needs the page's engine (PRESCREEN_PAGE_WASM; .ci/run builds it)"
)]
fn the_page_is_in_the_language_the_other_commands_would_use() {
    let (_dir, out) = write_page(&["--lang", "es"]);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("<html lang=\"es\">"));
    // `--lang` fixes the language the page opens in: the browser's is not asked.
    assert!(page.contains("id=\"rules\" data-lang=\"es\" data-fixed=\"true\">"));
    // Its own words are Spanish before the script runs (and with no script at all).
    for words in [
        "<title>Microneedling (terapia de inducción de colágeno): autocomprobación</title>",
        "data-w=\"page-start\">Empezar</button>",
        "<noscript><p class=\"problem\">Esta comprobación necesita JavaScript",
        "<label for=\"language\" data-w=\"page-language\">Idioma</label>",
    ] {
        assert!(page.contains(words), "{words}");
    }
    let (_dir, out) = write_page(&[]);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("id=\"rules\" data-lang=\"en\" data-fixed=\"false\">"));
    assert!(page.contains("data-w=\"page-start\">Start</button>"));
    // No `{{…}}` of the template is left unfilled.
    assert!(!page.contains("{{"), "a template field left");
    // The locale of whoever writes the page only sets its fallback: the browser's
    // language still decides.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("self-check.html");
    prescreen(["page", "--out"])
        .arg(&out)
        .env("LANG", "es_MX.UTF-8")
        .run()
        .status(0);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("<html lang=\"es\">"));
    assert!(page.contains("id=\"rules\" data-lang=\"es\" data-fixed=\"false\">"));
}

#[test]
fn page_refuses_what_every_output_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records.ndjson");
    prescreen(["screen", "--date", common::DAY, "--record"])
        .arg(&records)
        .stdin(common::candidate(serde_json::json!({})).to_string())
        .run()
        .status(0);
    let record = std::fs::read_to_string(&records).unwrap();
    prescreen(["page", "--out"])
        .arg(&records)
        .run()
        .status(74)
        .stderr_has("record file");
    assert_eq!(std::fs::read_to_string(&records).unwrap(), record);
    let (_bad_dir, bad) = temp_file("bad.json", b"{}");
    prescreen(["page", "--out"])
        .arg(dir.path().join("x.html"))
        .args(["--rules", bad.to_str().unwrap()])
        .run()
        .status(78);
    prescreen(["page"]).run().status(2).stderr_has("--out");
    prescreen(["--lang", "fr", "page", "--out"])
        .arg(dir.path().join("y.html"))
        .run()
        .status(2)
        .stderr_has("--lang fr");
    assert!(!dir.path().join("y.html").exists());
}
