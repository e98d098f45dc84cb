//! Shell completions and manual pages, generated from the clap definitions in `cli`, so
//! they can never disagree with `--help`: a new subcommand or flag appears in both with
//! no extra work.
//!
//! Renders into memory and returns the bytes: the generators of `clap_complete` panic on a
//! failed write (a closed pipe), so the caller writes the bytes itself.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
// Defined beside the arguments it lists (`cli` checks `man SUBCOMMAND` with it), so
// that `cli` never imports this module back.
pub use crate::cli::subcommand_names;

/// The name the completions and pages are for.
pub const BIN: &str = "prescreen";

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut bytes);
    bytes
}

/// The manual page (roff) of `prescreen`, or of one of its subcommands
/// (`prescreen-screen(1)`, as the main page's SUBCOMMANDS section names them).
/// `None` when there is no such subcommand.
pub fn man_page(subcommand: Option<&str>) -> Option<std::io::Result<Vec<u8>>> {
    // clap's own `help` subcommand has no page of its own: leave it out of the list.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let (page, title) = match subcommand {
        None => (cmd, BIN.to_string()),
        Some(name) => {
            let sub = cmd.find_subcommand(name)?.clone();
            (sub, format!("{BIN}-{name}"))
        }
    };
    let mut bytes = Vec::new();
    let result = clap_mangen::Man::new(page)
        .title(title)
        .section("1")
        .manual("prescreen manual")
        .source(format!("{BIN} {}", env!("CARGO_PKG_VERSION")))
        .render(&mut bytes);
    Some(result.map(|()| bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_shell_gets_a_script_naming_every_subcommand() {
        let names = subcommand_names();
        assert!(names.len() >= 4, "{names:?}");
        for shell in Shell::value_variants() {
            let script = String::from_utf8(completions(*shell)).unwrap();
            for name in &names {
                assert!(script.contains(name.as_str()), "{shell}: {name} missing");
            }
        }
    }

    #[test]
    fn pages_exist_for_the_program_and_each_subcommand_only() {
        let main = String::from_utf8(man_page(None).unwrap().unwrap()).unwrap();
        assert!(main.contains(".TH prescreen 1 "), "{main}");
        for name in subcommand_names() {
            assert!(main.contains(&format!("prescreen\\-{name}(1)")), "{name}");
            let page = String::from_utf8(man_page(Some(&name)).unwrap().unwrap()).unwrap();
            assert!(page.contains(&format!(".TH prescreen-{name} 1 ")), "{page}");
            assert!(
                page.contains(&format!("\\fBprescreen {name}\\fR")),
                "{page}"
            );
        }
        assert!(
            !main.contains("prescreen\\-help(1)"),
            "no page for clap's help"
        );
        assert!(man_page(Some("nope")).is_none());
    }
}
