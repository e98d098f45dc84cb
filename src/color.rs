//! Whether to colour a stream, from `--color`, the environment and the stream.

use crate::cli::ColorChoice;

/// Whether to colour a stream: `--color`, then `NO_COLOR` and `TERM=dumb`, then whether
/// the stream is a terminal. An explicit `--color always` wins over `NO_COLOR`, as
/// no-color.org asks of command-line flags.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            is_terminal && !no_color && !dumb
        }
    }
}
