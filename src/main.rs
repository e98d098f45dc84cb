//! The `prescreen` binary: everything happens in the library.

fn main() -> std::process::ExitCode {
    prescreen::run(std::env::args_os())
}
