//! The `prescreen` binary: everything happens in the library.

// A panic is never an answer to bad input: outside tests, every failure is a value.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

fn main() -> std::process::ExitCode {
    prescreen::run(std::env::args_os())
}
