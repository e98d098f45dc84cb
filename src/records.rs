//! The record file (`--record FILE`): the clinic's audit trail of screenings, one JSON
//! line each. Appends are whole, exclusive and never destructive; the file is private
//! or refused.
//!
//! Edge module (files, locks). How an append goes:
//! - the file is opened without following a symbolic link, and refused when it is not a
//!   regular file, has more than one hard link, belongs to another user, or can be read
//!   or written by group or others (as ssh refuses a private key);
//! - an exclusive `flock` is held for the whole append, so appenders never interleave;
//!   if the file was renamed or removed while we waited for the lock, it is opened again;
//! - a non-empty file must start like a record file ([`record::looks_like_record`]);
//! - a last line without its newline (a writer killed mid-record) is cut off from ours
//!   by a newline written first, in the same `write`, so it is never glued to a record;
//! - the record goes in one `write` on an `O_APPEND` descriptor, then `fdatasync`: only
//!   then is the append reported done;
//! - an append that fails removes only its own bytes: under the lock, and only when the
//!   file's length is still exactly what we left, so nobody else's record is touched.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::path::Path;

use rustix::fs::FlockOperation;

use crate::error::{Error, Result};
use crate::files::{self, PRIVATE_MODE};
use crate::record;
use crate::render::json::RecordDoc;

/// How many bytes of the start of the file are read to recognise a record file.
const SNIFF_BYTES: usize = 4096;

/// How often to open the file again when it was replaced while we waited for the lock.
const REOPENS: usize = 8;

/// Why a record file is refused. Each reads after "record file `FILE`: ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    SymbolicLink,
    NotRegular,
    HardLinks(u64),
    OtherOwner(u32),
    Shared { mode: u32, path: String },
    NotRecords,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::SymbolicLink => {
                f.write_str("it is a symbolic link; give the path of the file itself")
            }
            Refusal::NotRegular => f.write_str("it is not a regular file"),
            Refusal::HardLinks(n) => write!(
                f,
                "it has {n} hard links, so it can be read under another name; give a file with one link"
            ),
            Refusal::OtherOwner(uid) => write!(
                f,
                "it belongs to another user (uid {uid}); records go in a file of your own"
            ),
            Refusal::Shared { mode, path } => write!(
                f,
                "others can read or write it (mode {mode:04o}); make it private with `chmod 600 {path}`"
            ),
            Refusal::NotRecords => f.write_str(
                "it is not a record file (its first line is not a prescreen record); give a new or a record file",
            ),
        }
    }
}

impl std::error::Error for Refusal {}

fn refused(refusal: Refusal) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, refusal)
}

/// Appends `line` (one record, newline included) to the record file at `path`, creating
/// it private if needed; returns once the record is on disk. See the module comment.
pub fn append(path: &Path, line: &[u8]) -> io::Result<()> {
    for _ in 0..REOPENS {
        let (file, created) = open(path)?;
        check_private(&file, path)?;
        rustix::fs::flock(&file, FlockOperation::LockExclusive)?;
        // Renamed (log rotation) or removed while we waited: append to what is there now.
        if !still_at(&file, path)? {
            continue;
        }
        check_private(&file, path)?;
        if created {
            files::sync_parent(path)?;
        }
        return append_locked(&file, line);
        // The lock goes with the descriptor.
    }
    Err(io::Error::other(
        "the file kept being replaced while waiting for its lock",
    ))
}

/// Refuses, without writing, a record file that [`append`] would refuse; a missing one
/// is fine (it will be created). Checked before the questionnaire starts.
pub fn check(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
        Ok(meta) if meta.file_type().is_symlink() => return Err(refused(Refusal::SymbolicLink)),
        Ok(meta) if !meta.file_type().is_file() => return Err(refused(Refusal::NotRegular)),
        Ok(_) => {}
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)?;
    check_private(&file, path)?;
    let mut start = Vec::new();
    io::Read::read_to_end(&mut io::Read::take(&file, SNIFF_BYTES as u64), &mut start)?;
    if record::looks_like_record(&start) {
        Ok(())
    } else {
        Err(refused(Refusal::NotRecords))
    }
}

/// Opens the record file for appending (never through a symbolic link); says whether
/// it was created. What is not a regular file is refused before it is opened.
fn open(path: &Path) -> io::Result<(File, bool)> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => return Err(refused(Refusal::SymbolicLink)),
        Ok(meta) if !meta.file_type().is_file() => return Err(refused(Refusal::NotRegular)),
        _ => {}
    }
    let options = |create: bool| {
        let mut options = OpenOptions::new();
        options
            .read(true)
            .append(true)
            .create_new(create)
            .mode(PRIVATE_MODE)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC);
        options
    };
    for _ in 0..REOPENS {
        match options(true).open(path) {
            Ok(file) => return Ok((file, true)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        match options(false).open(path) {
            Ok(file) => return Ok((file, false)),
            // Removed between the two opens: create it then.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
                return Err(refused(Refusal::SymbolicLink));
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("the file kept appearing and disappearing"))
}

/// Refuses a file that is not private to us (see the module comment).
fn check_private(file: &File, path: &Path) -> io::Result<()> {
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(refused(Refusal::NotRegular));
    }
    if meta.nlink() > 1 {
        return Err(refused(Refusal::HardLinks(meta.nlink())));
    }
    if meta.uid() != rustix::process::geteuid().as_raw() {
        return Err(refused(Refusal::OtherOwner(meta.uid())));
    }
    let mode = meta.mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Err(refused(Refusal::Shared {
            mode,
            path: path.display().to_string(),
        }));
    }
    Ok(())
}

/// Whether `path` still names the file we hold (not renamed or removed meanwhile).
fn still_at(file: &File, path: &Path) -> io::Result<bool> {
    let held = file.metadata()?;
    match fs::symlink_metadata(path) {
        Ok(now) => Ok(now.dev() == held.dev() && now.ino() == held.ino() && held.nlink() > 0),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// The append itself, under the lock.
fn append_locked(file: &File, line: &[u8]) -> io::Result<()> {
    let before = file.metadata()?.len();
    let mut bytes = Vec::with_capacity(line.len() + 1);
    if before > 0 {
        let mut start = vec![0; SNIFF_BYTES.min(usize::try_from(before).unwrap_or(SNIFF_BYTES))];
        file.read_exact_at(&mut start, 0)?;
        if !record::looks_like_record(&start) {
            return Err(refused(Refusal::NotRecords));
        }
        let mut last = [0];
        file.read_exact_at(&mut last, before - 1)?;
        if last[0] != b'\n' {
            // A writer was killed mid-record: its torn line stays on a line of its own.
            bytes.push(b'\n');
        }
    }
    bytes.extend_from_slice(line);
    let mut writer = file;
    let result = match writer.write(&bytes) {
        Ok(n) if n == bytes.len() => file.sync_data().map_err(|e| (e, n)),
        Ok(n) => Err((
            io::Error::new(
                io::ErrorKind::WriteZero,
                "the disk took only part of the record",
            ),
            n,
        )),
        Err(e) => Err((e, 0)),
    };
    result.map_err(|(error, written)| {
        undo(file, before, written);
        error
    })
}

/// Removes the `written` bytes of a failed append, only if the file is exactly as we
/// left it: we hold the lock, so no other `prescreen` wrote meanwhile, and the length
/// check keeps anyone else's bytes. If that cannot be done, the torn tail stays and the
/// next append starts on a new line.
fn undo(file: &File, before: u64, written: usize) {
    if written == 0 {
        return;
    }
    let left = before + u64::try_from(written).unwrap_or(u64::MAX);
    if file.metadata().is_ok_and(|m| m.len() == left) {
        let _ = file.set_len(before).and_then(|()| file.sync_data());
    }
}

/// Appends one record to the record file at `path` (see [`append`]), failing with the
/// typed error the commands report.
pub fn append_record(path: &Path, doc: RecordDoc) -> Result<()> {
    doc.line()
        .map_err(io::Error::from)
        .and_then(|line| append(path, &line))
        .map_err(|source| Error::Record {
            path: path.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    const RECORD: &[u8] = b"{\"schema_version\":1,\"recorded_at\":\"t\"}\n";

    fn message(e: &io::Error) -> String {
        e.to_string()
    }

    #[test]
    fn appends_are_private_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.ndjson");
        append(&path, RECORD).unwrap();
        append(&path, RECORD).unwrap();
        assert_eq!(fs::read(&path).unwrap(), [RECORD, RECORD].concat());
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn a_torn_last_line_is_kept_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.ndjson");
        append(&path, RECORD).unwrap();
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"{\"schema_version\":1,\"rec").unwrap();
        append(&path, RECORD).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1], "{\"schema_version\":1,\"rec");
        assert_eq!(lines[2].as_bytes(), RECORD.strip_suffix(b"\n").unwrap());
    }

    #[test]
    fn a_failed_append_removes_only_its_own_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.ndjson");
        let file = OpenOptions::new()
            .create_new(true)
            .read(true)
            .append(true)
            .open(&path)
            .unwrap();
        (&file).write_all(b"{\"mine\":").unwrap();
        // What we left: our 8 bytes after an empty file. Removed.
        undo(&file, 0, 8);
        assert_eq!(fs::read(&path).unwrap(), b"");
        // Someone else wrote after our 8 bytes: nothing is removed, the next append
        // starts on a new line instead.
        (&file).write_all(b"{\"mine\":{\"theirs\":1}\n").unwrap();
        undo(&file, 0, 8);
        assert_eq!(fs::read(&path).unwrap(), b"{\"mine\":{\"theirs\":1}\n");
    }

    #[test]
    fn files_that_are_not_private_or_not_records_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared.ndjson");
        fs::write(&shared, RECORD).unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o644)).unwrap();
        let e = append(&shared, RECORD).unwrap_err();
        assert!(message(&e).contains("(mode 0644)"), "{e}");
        assert!(message(&e).contains("chmod 600"), "{e}");

        let notes = dir.path().join("notes.json");
        fs::write(&notes, "{\"a\":1}\n").unwrap();
        fs::set_permissions(&notes, fs::Permissions::from_mode(0o600)).unwrap();
        let e = append(&notes, RECORD).unwrap_err();
        assert!(message(&e).contains("not a record file"), "{e}");
        assert_eq!(fs::read(&notes).unwrap(), b"{\"a\":1}\n");

        let link = dir.path().join("link.ndjson");
        std::os::unix::fs::symlink(&notes, &link).unwrap();
        let e = append(&link, RECORD).unwrap_err();
        assert!(message(&e).contains("symbolic link"), "{e}");

        let private = dir.path().join("private.ndjson");
        append(&private, RECORD).unwrap();
        let hard = dir.path().join("hard.ndjson");
        fs::hard_link(&private, &hard).unwrap();
        let e = append(&hard, RECORD).unwrap_err();
        assert!(message(&e).contains("2 hard links"), "{e}");

        let e = append(dir.path(), RECORD).unwrap_err();
        assert!(message(&e).contains("not a regular file"), "{e}");
    }
}
