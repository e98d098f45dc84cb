//! Printing a sheet (`screen --print`, and the `desk` menu): the HTML sheet goes into a
//! new private file and is handed to the system: the printer, the default browser, or the
//! command the user named.
//!
//! Edge module: it creates files and runs programs. The sheet holds health data, so its
//! file is created fresh (mode 0600) in a new directory of our own (mode 0700) under
//! `$XDG_RUNTIME_DIR` (a per-user tmpfs, emptied at logout) or else the system temporary
//! directory: never at a predictable shared path. The file's path is passed to a program
//! as one argument, never through a shell.

use std::ffi::OsStr;
use std::fmt;
use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{Error, Result};
use crate::files::PRIVATE_MODE;

/// The name of the sheet's file inside its private directory.
const SHEET_NAME: &str = "screening-sheet.html";

/// Where a sheet went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `lp` with the system's default printer. The file is removed once `lp` has taken it.
    Printer,
    /// The default browser (`xdg-open`, or `open` on macOS), to print from there. The file
    /// stays: the browser reads it after we return.
    Browser(&'static str),
    /// The user's `--print-command`. The file stays: the command may read it later.
    Command(String),
}

/// A sheet handed to the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handoff {
    /// The sheet's file (removed again for [`Route::Printer`]).
    pub path: PathBuf,
    pub route: Route,
}

impl fmt::Display for Handoff {
    /// One line for stderr, saying where the sheet went and where its file is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.route {
            Route::Printer => f.write_str("the sheet was sent to the default printer (lp)"),
            Route::Browser(program) => write!(
                f,
                "the sheet was opened with `{program}` to print from there; its file is `{}` (mode 0600)",
                self.path.display()
            ),
            Route::Command(program) => write!(
                f,
                "the sheet was handed to `{program}`; its file is `{}` (mode 0600)",
                self.path.display()
            ),
        }
    }
}

/// Writes `html` to a new private file and hands it over: to `command` when given (split
/// at white space into a program and its arguments, no shell; the file's path is added as
/// the last argument), else to `lp` when a default printer is configured (`lpstat -d`
/// names one), else to the default browser. Waits for the program to finish; a program
/// that cannot start or ends with a failure status is an error, as is finding no route.
pub fn hand_off(html: &[u8], command: Option<&str>) -> Result<Handoff> {
    let (route, program, args) = match command {
        Some(command) => {
            let mut words = command.split_whitespace();
            let Some(program) = words.next() else {
                return Err(Error::PrintFailed {
                    program: String::new(),
                    why: "the print command is empty".to_string(),
                });
            };
            (
                Route::Command(program.to_string()),
                program,
                words.collect(),
            )
        }
        None => default_route()?,
    };
    let path = write_sheet(html).map_err(|source| Error::Write {
        target: "the sheet to print".to_string(),
        source,
    })?;
    let outcome = run(program, &args, &path);
    if route == Route::Printer || outcome.is_err() {
        // lp has copied the file to its spool; a failed hand-off leaves no sheet behind.
        remove(&path);
    }
    outcome.map(|()| Handoff { path, route })
}

/// The printer when `lp` is there and a default destination is set, else the browser;
/// with the program to run and its arguments before the file.
fn default_route() -> Result<(Route, &'static str, Vec<&'static str>)> {
    if on_path("lp").is_some() && has_default_printer() {
        return Ok((Route::Printer, "lp", Vec::new()));
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if on_path(opener).is_some() {
        return Ok((Route::Browser(opener), opener, Vec::new()));
    }
    Err(Error::NoPrintRoute)
}

/// Whether `lpstat -d` names a default destination ("system default destination: X";
/// without one it says "no system default destination").
fn has_default_printer() -> bool {
    Command::new("lpstat")
        .arg("-d")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|out| {
            out.status.success()
                && String::from_utf8_lossy(&out.stdout).contains("system default destination:")
        })
}

/// The first executable file called `name` in `$PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|p| fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0))
}

/// Runs `program args... path` to the end, its output discarded (a terminal screen must
/// not be scribbled on), and says why it failed if it did.
fn run(program: &str, args: &[&str], path: &Path) -> Result<()> {
    let failed = |why: String| Error::PrintFailed {
        program: program.to_string(),
        why,
    };
    let status = Command::new(program)
        .args(args)
        .arg(path.as_os_str())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| failed(format!("it cannot be started ({})", io_words(&e))))?;
    if status.success() {
        Ok(())
    } else {
        Err(failed(match status.code() {
            Some(code) => format!("it ended with status {code}"),
            None => "it was stopped by a signal".to_string(),
        }))
    }
}

fn io_words(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "not found".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.kind().to_string(),
    }
}

/// Writes the sheet to `SHEET_NAME` in a new private directory and returns its path.
fn write_sheet(html: &[u8]) -> io::Result<PathBuf> {
    let dir = private_dir()?;
    let path = dir.join(SHEET_NAME);
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(PRIVATE_MODE)
        .open(&path)
        .and_then(|mut file| file.write_all(html).and_then(|()| file.sync_all()));
    match written {
        Ok(()) => Ok(path),
        Err(e) => {
            remove(&path);
            Err(e)
        }
    }
}

/// A new directory only we can enter, under the runtime or the temporary directory. `mkdir`
/// fails on anything already there (a planted directory or link), so it is ours.
fn private_dir() -> io::Result<PathBuf> {
    let base = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute() && dir.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    // An absolute path, so the file's path can never be read as a program's option.
    let base = if base.is_absolute() {
        base
    } else {
        std::env::current_dir()?.join(base)
    };
    let mut last = None;
    for attempt in 0..16u32 {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("prescreen-{}-{nanos:08x}-{attempt}", std::process::id());
        let dir = base.join(name);
        match DirBuilder::new().mode(0o700).create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no private directory could be made")))
}

/// Removes the sheet and its directory; what cannot be removed is left (it is private).
fn remove(path: &Path) {
    let _ = fs::remove_file(path);
    if let Some(dir) = path
        .parent()
        .filter(|d| d.file_name() != Some(OsStr::new("")))
    {
        let _ = fs::remove_dir(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_file_is_private_and_fresh() {
        let a = write_sheet(b"<!DOCTYPE html>").unwrap();
        let b = write_sheet(b"<!DOCTYPE html>").unwrap();
        assert_ne!(a, b, "each sheet gets its own directory");
        for path in [&a, &b] {
            let mode = fs::metadata(path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            let dir = path.parent().unwrap();
            assert_eq!(
                fs::metadata(dir).unwrap().permissions().mode() & 0o777,
                0o700
            );
            assert_eq!(fs::read(path).unwrap(), b"<!DOCTYPE html>");
            remove(path);
            assert!(!dir.exists());
        }
    }

    #[test]
    fn a_command_that_fails_or_is_missing_is_an_error_and_leaves_no_file() {
        for (command, why) in [
            ("false", "it ended with status 1"),
            (
                "/nonexistent/prescreen-print",
                "it cannot be started (not found)",
            ),
        ] {
            let error = hand_off(b"x", Some(command)).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!("cannot print the sheet with `{command}`: {why}")
            );
        }
        assert_eq!(
            hand_off(b"x", Some("  ")).unwrap_err().code(),
            "print_failed"
        );
    }
}
