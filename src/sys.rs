//! What only the operating system can tell or do for the process as a whole: whether
//! stdout was open at start-up, and ending cleanly on SIGTERM or SIGHUP at a prompt.
//!
//! Edge module, and the crate's only `unsafe` (one `fcntl` call before `main`).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rustix::termios::{OptionalActions, Termios};

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// How many columns the terminal on `stream` has, when it is one that says.
pub fn columns(stream: &impl std::os::fd::AsFd) -> Option<usize> {
    rustix::termios::tcgetwinsize(stream)
        .ok()
        .map(|size| usize::from(size.ws_col))
        .filter(|&columns| columns > 0)
}

/// Whether stdout was closed when the process started (`prescreen batch >&-`). Rust's
/// runtime opens `/dev/null` on a closed standard descriptor before `main`, after which
/// every write "succeeds" into nothing; so this is read earlier, by [`check_stdout`].
pub fn stdout_was_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

// Run by the C runtime with the other constructors, before `main` and so before Rust's
// runtime touches the standard descriptors. ELF systems only; elsewhere a closed stdout
// goes undetected, as before.
#[cfg(any(
    target_os = "linux",
    target_os = "android",
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "openbsd"
))]
#[used]
#[unsafe(link_section = ".init_array")]
static CHECK_STDOUT: extern "C" fn() = check_stdout;

extern "C" fn check_stdout() {
    // SAFETY: `fcntl(F_GETFD)` on a descriptor number only reads that descriptor's flags:
    // it takes no pointer, touches no memory of ours, and on a closed descriptor returns
    // -1 (EBADF). It is async-signal-safe, so it is sound this early, before `main`.
    let flags = unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) };
    if flags == -1 {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
}

/// Where the questionnaire is, for a SIGTERM or SIGHUP that comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Asking,
    /// It ended without answers (cancelled, or this very signal interrupted a read): the
    /// main thread reports it and exits with 130 itself.
    Cancelled,
    /// It ended with answers: the record and outputs follow.
    Done,
}

/// During the questionnaire, SIGTERM or SIGHUP restores the terminal as it was (modes,
/// cursor shown) and ends the process with status 130 and nothing written, as Ctrl-C
/// does. After [`PromptGuard::finish`] with answers, the signals end the process as they
/// would by default (status 128 + the signal): an append or output cut there is as safe
/// as a `kill -9`.
pub struct PromptGuard {
    phase: Arc<Mutex<Phase>>,
}

impl PromptGuard {
    /// `None` when the handler cannot be set up; the default (ending the process with
    /// the terminal as it is, nothing written) then stays.
    /// `error` is what is said, and its status what the process ends with.
    pub fn new(error: crate::error::Error) -> Option<PromptGuard> {
        let exit_code = error.exit_code();
        let message = error.to_string();
        let saved: Option<Termios> = rustix::termios::tcgetattr(io::stdin()).ok();
        let mut signals = signal_hook::iterator::Signals::new([
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
        ])
        .ok()?;
        let phase = Arc::new(Mutex::new(Phase::Asking));
        let shared = Arc::clone(&phase);
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    // Held until the process ends: the main thread cannot leave the
                    // questionnaire and start writing meanwhile.
                    let Ok(phase) = shared.lock() else {
                        return;
                    };
                    match *phase {
                        Phase::Cancelled => continue,
                        Phase::Done => std::process::exit(128 + signal),
                        Phase::Asking => {}
                    }
                    if let Some(saved) = &saved {
                        let _ =
                            rustix::termios::tcsetattr(io::stdin(), OptionalActions::Now, saved);
                    }
                    let mut stderr = io::stderr().lock();
                    let _ = writeln!(stderr, "\x1b[?25h");
                    let _ = writeln!(stderr, "prescreen: error: {message}");
                    let _ = stderr.flush();
                    std::process::exit(i32::from(exit_code));
                }
            })
            .ok()?;
        Some(PromptGuard { phase })
    }

    /// A questionnaire starts again (the next walk-in at the desk).
    pub fn resume(&self) {
        if let Ok(mut phase) = self.phase.lock() {
            *phase = Phase::Asking;
        }
    }

    /// The questionnaire ended, with answers or without (see [`Phase`]).
    pub fn finish(&self, answered: bool) {
        if let Ok(mut phase) = self.phase.lock() {
            *phase = if answered {
                Phase::Done
            } else {
                Phase::Cancelled
            };
        }
    }
}

impl Drop for PromptGuard {
    fn drop(&mut self) {
        if let Ok(mut phase) = self.phase.lock() {
            if *phase == Phase::Asking {
                *phase = Phase::Cancelled;
            }
        }
    }
}
