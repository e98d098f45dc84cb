//! `screen --print`: the HTML sheet in a new private file, handed to the printer, the
//! browser or `--print-command`; and `--out` refusing an extension it cannot write.
//! Every test names its own print command or empties PATH: nothing is really printed.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use std::fs;
use std::path::Path;

use common::{DAY, candidate, fake_printer, prescreen};
use serde_json::json;

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap()
}

/// Names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_print_command_gets_a_private_html_sheet_as_its_last_argument() {
    let dir = tempfile::tempdir().unwrap();
    let printer = fake_printer(dir.path(), 0);
    // The runtime directory's name would do harm if a shell ever read the path.
    let runtime = dir.path().join("run $(touch pwned) ;x");
    fs::create_dir(&runtime).unwrap();
    let command = format!("{} --copies 2", printer.display());
    let out = prescreen(["screen", "--date", DAY, "--format", "json", "--print"])
        .args(["--print-command", &command])
        .env("XDG_RUNTIME_DIR", runtime.to_str().unwrap())
        .current_dir(dir.path())
        .stdin(candidate(json!({})).to_string())
        .run()
        .status(0);
    assert_eq!(
        out.json()["verdict"],
        "candidate",
        "stdout still has the result"
    );

    let args = read(dir.path(), "args");
    let lines: Vec<&str> = args.lines().collect();
    assert_eq!(lines.len(), 3, "{args}");
    assert_eq!(lines[..2], ["--copies", "2"]);
    let sheet = Path::new(lines[2]);
    assert!(sheet.starts_with(&runtime), "{}", sheet.display());
    assert_eq!(
        out.stderr,
        format!(
            "prescreen: the sheet was handed to `{}`; its file is `{}` (mode 0600)\n",
            printer.display(),
            sheet.display()
        )
    );
    assert_eq!(read(dir.path(), "mode").trim(), "600");
    assert_eq!(read(dir.path(), "dir-mode").trim(), "700");
    assert!(!dir.path().join("pwned").exists(), "no shell read the path");

    let html = read(dir.path(), "got.html");
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"),
        "{html}"
    );
    assert!(html.trim_end().ends_with("</body>\n</html>"));
    assert!(html.contains("<h2>The first 24 hours</h2>"));
    // The same sheet `--format html` writes.
    let same = prescreen(["screen", "--date", DAY, "--format", "html"])
        .stdin(candidate(json!({})).to_string())
        .run()
        .stdout;
    assert_eq!(html, same);
}

#[test]
fn a_print_command_that_fails_is_an_error_and_leaves_no_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let printer = fake_printer(dir.path(), 3);
    let runtime = dir.path().join("run");
    fs::create_dir(&runtime).unwrap();
    let record = dir.path().join("screenings.ndjson");
    prescreen(["screen", "--date", DAY, "--format", "json", "--print"])
        .arg("--print-command")
        .arg(&printer)
        .arg("--record")
        .arg(&record)
        .env("XDG_RUNTIME_DIR", runtime.to_str().unwrap())
        .stdin(candidate(json!({})).to_string())
        .run()
        .status(74)
        .stderr_has(&format!(
            "prescreen: error: cannot print the sheet with `{}`: it ended with status 3\n",
            printer.display()
        ))
        .stderr_has("the screening was recorded in");
    assert!(read(dir.path(), "got.html").starts_with("<!DOCTYPE html>"));
    assert_eq!(names(&runtime), Vec::<String>::new(), "nothing left behind");
    assert_eq!(read(dir.path(), "screenings.ndjson").lines().count(), 1);
}

#[test]
fn with_no_printer_and_no_browser_print_says_what_to_do() {
    let empty = tempfile::tempdir().unwrap();
    prescreen(["screen", "--date", DAY, "--format", "json", "--print"])
        .env("PATH", empty.path().to_str().unwrap())
        .stdin(candidate(json!({})).to_string())
        .run()
        .status(74)
        .stderr(
            "prescreen: error: cannot print the sheet: no default printer (`lpstat -d`) and no \
             `xdg-open` to open it in a browser; name a program with --print-command CMD, or \
             write it with --out sheet.html\n",
        );
    prescreen(["screen", "--date", DAY, "--print-command", "lp"])
        .stdin(candidate(json!({})).to_string())
        .run()
        .status(2)
        .stderr_has("--print");
}

#[test]
fn out_refuses_an_extension_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    for (name, hint) in [
        (
            "sheet.pdf",
            " (to print, use --print or write .html and print it)",
        ),
        ("reminders.ics", " (calendar reminders go to --ics FILE)"),
        ("sheet.docx", ""),
    ] {
        let path = dir.path().join(name);
        let ext = name.rsplit('.').next().unwrap();
        prescreen(["screen", "--date", DAY, "--out"])
            .arg(&path)
            .stdin(candidate(json!({})).to_string())
            .run()
            .status(2)
            .stdout("")
            .stderr_has(&format!(
                "`.{ext}` is not a format prescreen writes; use .md, .markdown, .html, .htm, \
                 .txt, .text, .json or no extension{hint}\n"
            ));
        assert!(!path.exists());
    }
    // Any case of an accepted extension is fine.
    let path = dir.path().join("SHEET.HTML");
    prescreen(["screen", "--date", DAY, "--out"])
        .arg(&path)
        .stdin(candidate(json!({})).to_string())
        .run()
        .status(0);
    assert!(read(dir.path(), "SHEET.HTML").starts_with("<!DOCTYPE html>"));
}
