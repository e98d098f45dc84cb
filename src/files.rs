//! Files `prescreen` creates: always mode 0600 (they hold health data), written whole
//! or not at all.
//!
//! Edge module: the only place that creates files.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[cfg(unix)]
use std::os::unix::fs::OpenOptionsExt;

/// Permissions of every file we create: owner read and write only.
pub const PRIVATE_MODE: u32 = 0o600;

fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    options.mode(PRIVATE_MODE);
    options
}

/// Replaces (or creates) `path` with `bytes`: written to a private temporary file beside
/// it, flushed to disk, then renamed over it, so a reader never sees half a file and a
/// failure leaves the old one in place.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = temp_path(path);
    let result = (|| {
        let mut file = private_options().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Appends `record` (one line, newline included) to `path`, creating it private if
/// needed. The record goes in one `write` on an `O_APPEND` descriptor and is flushed to
/// disk; if it cannot be written whole, the file is cut back to where it was, so a
/// record is appended whole or not at all.
pub fn append_private(path: &Path, record: &[u8]) -> io::Result<()> {
    let mut file: File = private_options().append(true).create(true).open(path)?;
    let before = file.metadata()?.len();
    let result = file.write(record).and_then(|written| {
        if written == record.len() {
            file.sync_data()
        } else {
            Err(io::Error::new(
                io::ErrorKind::WriteZero,
                "the record was only partly written",
            ))
        }
    });
    if result.is_err() {
        let _ = file.set_len(before);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn written_files_are_private_and_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        write_private(&path, b"first").unwrap();
        write_private(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-dir").join("out.md");
        assert!(write_private(&path, b"x").is_err());
        assert!(!path.exists());
    }

    #[test]
    fn appends_are_private_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.ndjson");
        append_private(&path, b"{\"a\":1}\n").unwrap();
        append_private(&path, b"{\"a\":2}\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{\"a\":1}\n{\"a\":2}\n");
        assert_eq!(mode(&path), 0o600);
    }
}
