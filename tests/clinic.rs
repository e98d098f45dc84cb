//! Clinic details in the rule file (`clinic`: a name, or name, phone and out-of-hours
//! guidance) on every sheet, and what a patient's copy leaves out (the checksum and the
//! program's version stay in the record and the JSON).

#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use common::{DAY, candidate, prescreen, root, temp_file};
use serde_json::{Value, json};

const PHONE: &str = "+44 20 7946 0000";
const OUT_OF_HOURS: &str = "Call 111, or go to the nearest emergency department.";

/// The built-in rule file with `clinic` set to `clinic`, in a temporary file.
fn rules_with(clinic: Value) -> (tempfile::TempDir, std::path::PathBuf) {
    let mut rules: Value =
        serde_json::from_slice(&std::fs::read(root().join("rules/microneedling.json")).unwrap())
            .unwrap();
    rules["clinic"] = clinic;
    temp_file("rules.json", rules.to_string().as_bytes())
}

fn sheet(rules: &std::path::Path, format: &str, answers: &Value, status: i32) -> String {
    prescreen(["--rules"])
        .arg(rules)
        .args(["screen", "--date", DAY, "--format", format])
        .stdin(answers.to_string())
        .run()
        .status(status)
        .stderr_empty()
        .stdout
}

#[test]
fn every_sheet_shows_the_clinic_name_phone_and_out_of_hours() {
    let (_dir, rules) = rules_with(json!({
        "name": "Skin & Co", "phone": PHONE, "out_of_hours": OUT_OF_HOURS
    }));
    for (answers, status) in [
        (candidate(json!({})), 0),
        (candidate(json!({"pregnant": null})), 4),
    ] {
        let html = sheet(&rules, "html", &answers, status);
        assert!(html.contains("<p class=\"clinic\">Skin &amp; Co</p>"));
        let link = "<a href=\"tel:+442079460000\">+44 20 7946 0000</a>";
        if status == 0 {
            // A candidate's warning signs carry them: the sheet stays one page.
            assert!(html.contains(&format!(
                "<p class=\"phone\">Clinic phone: {link} · Out of hours: {OUT_OF_HOURS}</p>"
            )));
            assert!(!html.contains("Contact the clinic"));
        } else {
            assert!(html.contains(&format!(
                "<h2>Contact the clinic</h2>\n<p>Skin &amp; Co: {link}</p>\n<p>Out of hours: {OUT_OF_HOURS}</p>\n"
            )));
        }

        let md = sheet(&rules, "markdown", &answers, status);
        assert!(md.contains("**Skin & Co**\n"));
        assert!(md.contains("- Skin & Co: [+44 20 7946 0000](tel:+442079460000)\n"));
        assert!(md.contains(&format!("- Out of hours: {OUT_OF_HOURS}\n")));

        let text = sheet(&rules, "text", &answers, status);
        assert!(
            text.ends_with(&format!(
                "\nSkin & Co: {PHONE}\nOut of hours: {OUT_OF_HOURS}\n"
            )),
            "{text}"
        );
    }
}

#[test]
fn a_clinic_given_as_a_name_alone_still_loads_and_shows_no_phone() {
    let (_dir, rules) = rules_with(json!("Skin & Co"));
    let html = sheet(&rules, "html", &candidate(json!({})), 0);
    assert!(html.contains("<p class=\"clinic\">Skin &amp; Co</p>"));
    assert!(!html.contains("tel:"));
    assert!(!html.contains("Contact the clinic"));
    assert!(html.contains("<p class=\"phone\">Clinic phone: <span>&nbsp;</span></p>"));
    let text = sheet(&rules, "text", &candidate(json!({})), 0);
    assert!(text.ends_with("\nSkin & Co\n"), "{text}");
}

#[test]
fn the_built_in_file_invents_no_phone() {
    let html = prescreen(["screen", "--date", DAY, "--format", "html"])
        .stdin(candidate(json!({})).to_string())
        .run()
        .status(0)
        .stdout;
    assert!(!html.contains("tel:"));
    assert!(html.contains("<p class=\"phone\">Clinic phone: <span>&nbsp;</span></p>"));
}

#[test]
fn a_phone_that_is_not_a_phone_number_is_refused_with_where_it_is() {
    for (phone, why) in [
        ("0800 SKIN CO", "`S` has no place in a phone number"),
        ("123", "a phone number has 6 to 15 digits; this one has 3"),
        ("020 +7946 0000", "a `+` may only start the number"),
    ] {
        let (_dir, rules) = rules_with(json!({"name": "Skin & Co", "phone": phone}));
        prescreen(["rules", "lint"])
            .arg(&rules)
            .run()
            .status(78)
            .stdout_has(&format!("clinic.phone: {why}"));
        prescreen(["--rules"])
            .arg(&rules)
            .args(["screen", "--date", DAY, "--format", "json"])
            .stdin(candidate(json!({})).to_string())
            .run()
            .status(78)
            .stderr_has(&format!("clinic.phone: {why}"));
    }
    let (_dir, rules) = rules_with(json!({"name": "Skin & Co", "fone": PHONE}));
    prescreen(["rules", "lint"])
        .arg(&rules)
        .run()
        .status(78)
        .stdout_has("unknown field `fone`, expected one of `name`, `phone`, `out_of_hours`");
}

#[test]
fn the_patients_copy_names_the_rule_file_but_not_its_checksum_or_the_program() {
    let json = prescreen(["screen", "--date", DAY, "--format", "json"])
        .stdin(candidate(json!({})).to_string())
        .run()
        .status(0)
        .json();
    let sha = json["rules"]["sha256"].as_str().unwrap().to_string();
    assert_eq!(sha.len(), 64, "the JSON keeps the checksum");
    for format in ["html", "markdown"] {
        for command in ["screen", "aftercare"] {
            let out = prescreen([command, "--date", DAY, "--format", format])
                .stdin(candidate(json!({})).to_string())
                .run()
                .status(0)
                .stdout;
            assert!(
                out.contains("Microneedling candidacy screen 2026.11.0"),
                "{out}"
            );
            for developer in [
                &sha[..12],
                "sha256",
                concat!("prescreen ", env!("CARGO_PKG_VERSION")),
            ] {
                assert!(!out.contains(developer), "{command} {format}: {developer}");
            }
        }
    }
}

#[test]
fn rules_show_lists_the_clinics_details_for_sign_off() {
    let (_dir, rules) = rules_with(json!({
        "name": "Skin & Co", "phone": PHONE, "out_of_hours": OUT_OF_HOURS
    }));
    prescreen(["rules", "show"])
        .arg(&rules)
        .run()
        .status(0)
        .stdout_has(&format!(
            "Clinic: Skin & Co\nClinic phone: {PHONE}\nOut of hours: {OUT_OF_HOURS}\n"
        ));
    prescreen(["rules", "show", "--format", "markdown"])
        .arg(&rules)
        .run()
        .status(0)
        .stdout_has(&format!(
            "- Clinic: Skin & Co\n- Clinic phone: {PHONE}\n- Out of hours: {OUT_OF_HOURS}\n"
        ));
}
