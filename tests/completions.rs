//! `prescreen completions SHELL` and `prescreen man`: generated from the clap definitions.
//! The subcommands and shells are read from clap itself, so a new one is covered here with
//! no change to this file.

mod common;

use clap::ValueEnum;
use clap_complete::Shell;
use common::prescreen;
use prescreen::generate::subcommand_names;

#[test]
fn every_shell_gets_a_completion_script_naming_every_subcommand() {
    let names = subcommand_names();
    assert!(
        ["screen", "aftercare", "completions", "man"]
            .iter()
            .all(|n| names.iter().any(|m| m == n)),
        "{names:?}"
    );
    for shell in Shell::value_variants() {
        let out = prescreen(["completions", &shell.to_string()])
            .run()
            .status(0)
            .stderr_empty();
        for name in &names {
            assert!(
                out.stdout.contains(name.as_str()),
                "{shell}: `{name}` missing\n{}",
                out.stdout
            );
        }
        // Each script also offers the flags of `screen`, including the new ones.
        for flag in ["answers", "format", "ics"] {
            assert!(out.stdout.contains(flag), "{shell}: --{flag} missing");
        }
    }
}

#[test]
fn completion_scripts_are_valid_for_the_shells_we_can_run_here() {
    // bash is on every machine this project runs on: the script must at least parse and
    // register the completion function.
    let out = prescreen(["completions", "bash"]).run().status(0);
    let (_dir, path) = common::temp_file("prescreen.bash", out.stdout.as_bytes());
    let check = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}' && complete -p prescreen",
            path.display()
        ))
        .output()
        .expect("bash runs");
    let registered = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success() && registered.contains("_prescreen"),
        "{registered}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn the_man_page_names_every_subcommand_and_each_has_its_own_page() {
    let main = prescreen(["man"]).run().status(0).stderr_empty();
    assert!(main.stdout.contains(".TH prescreen 1 "), "{}", main.stdout);
    assert!(
        main.stdout.contains("Exit status:"),
        "exit codes are in the page"
    );
    for name in subcommand_names() {
        assert!(
            main.stdout.contains(&format!("prescreen\\-{name}(1)")),
            "`{name}` missing\n{}",
            main.stdout
        );
        prescreen(["man", &name])
            .run()
            .status(0)
            .stderr_empty()
            .stdout_has(&format!(".TH prescreen-{name} 1 "));
    }
    prescreen(["man", "screen"])
        .run()
        .status(0)
        .stdout_has("\\-\\-ics")
        .stdout_has("html");
}

#[test]
fn unknown_shells_and_pages_are_usage_errors() {
    prescreen(["completions", "tcsh"])
        .run()
        .status(2)
        .stdout("")
        .stderr_has("invalid value 'tcsh'");
    prescreen(["man", "nope"])
        .run()
        .status(2)
        .stdout("")
        .stderr_has("not a subcommand; one of: screen, aftercare");
}

#[test]
fn generating_needs_no_rule_file() {
    // A broken --rules must not stop a completion script from being produced.
    prescreen(["--rules", "/nonexistent/rules.json", "completions", "zsh"])
        .run()
        .status(0)
        .stdout_has("#compdef prescreen");
}
