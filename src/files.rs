//! Output files `prescreen` creates (`--out`, `--ics`, `batch --output`): always mode
//! 0600 (they hold health data), written whole or not at all, and never in place of
//! something they must not replace. The record file has its own module, [`crate::records`].
//!
//! Edge module. An output is written to an unnamed temporary file (`O_TMPFILE`) in the
//! target's directory, flushed to disk, then given its name: linked when the name is
//! free, else linked under a short temporary name and renamed over the old file. A
//! process killed before that leaves nothing behind; one killed in the microseconds
//! between link and rename leaves a `.prescreen-*.tmp` file that the next output
//! written to that directory removes. Where `O_TMPFILE` is missing (not Linux, or a file
//! system without it), the file is created under the temporary name from the start,
//! with the same clean-up. Temporary files are locked while in use, so a clean-up never
//! takes one that another run is writing.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use rustix::fs::{AtFlags, FlockOperation, Mode, OFlags};

use crate::record;

/// Permissions of every file we create: owner read and write only.
pub const PRIVATE_MODE: u32 = 0o600;

/// Temporary names: `.prescreen-PID-N.tmp`, short, so any valid output name still works.
const TEMP_PREFIX: &str = ".prescreen-";
const TEMP_SUFFIX: &str = ".tmp";

/// How many bytes of an existing file are read to recognise a record file.
const SNIFF_BYTES: u64 = 4096;

/// Why an output file is refused. Each reads after "cannot write `FILE`: ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A directory, device, FIFO or socket is there.
    NotRegular(&'static str),
    SymbolicLink,
    /// A record file is there: an output never replaces the audit trail.
    RecordFile,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotRegular(kind) => {
                write!(f, "it is {kind}, which an output never replaces")
            }
            Refusal::SymbolicLink => f.write_str(
                "it is a symbolic link, which an output never replaces; give the path of the file itself",
            ),
            Refusal::RecordFile => f.write_str(
                "it is a record file (from --record), which an output never replaces; choose another name",
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// Refuses to write over anything but a regular file that is not a record file (a
/// missing file is fine). Checked before the screening starts and again when writing.
pub fn check_target(path: &Path) -> io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let kind = meta.file_type();
    let refusal = if kind.is_symlink() {
        Some(Refusal::SymbolicLink)
    } else if kind.is_dir() {
        Some(Refusal::NotRegular("a directory"))
    } else if kind.is_block_device() || kind.is_char_device() {
        Some(Refusal::NotRegular("a device"))
    } else if kind.is_fifo() {
        Some(Refusal::NotRegular("a FIFO"))
    } else if !kind.is_file() {
        Some(Refusal::NotRegular("not a regular file"))
    } else if meta.len() > 0 && is_record_file(path)? {
        Some(Refusal::RecordFile)
    } else {
        None
    };
    match refusal {
        Some(refusal) => Err(io::Error::new(io::ErrorKind::InvalidInput, refusal)),
        None => Ok(()),
    }
}

fn is_record_file(path: &Path) -> io::Result<bool> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)?;
    let mut start = Vec::new();
    file.take(SNIFF_BYTES).read_to_end(&mut start)?;
    Ok(record::looks_like_record(&start))
}

/// Whether two paths name the same file: the same inode when both exist, else the
/// same absolute path.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => absolute(a) == absolute(b),
    }
}

fn absolute(path: &Path) -> PathBuf {
    let dir = parent(path);
    let dir = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    match path.file_name() {
        Some(name) => dir.join(name),
        None => path.to_path_buf(),
    }
}

/// The directory `path` is in (`.` for a bare name).
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Replaces (or creates) `path` with `bytes`, whole or not at all (see the module comment).
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut output = PrivateOutput::create(path)?;
    output.write_all(bytes)?;
    output.commit()
}

/// An output being written: invisible under its name until [`PrivateOutput::commit`];
/// dropped without it, it leaves nothing.
pub struct PrivateOutput {
    file: File,
    dir: File,
    name: PathBuf,
    path: PathBuf,
    /// The temporary name it has (the fallback without `O_TMPFILE`), to rename or remove.
    temp: Option<PathBuf>,
}

impl PrivateOutput {
    pub fn create(path: &Path) -> io::Result<PrivateOutput> {
        check_target(path)?;
        let name = match path.file_name() {
            Some(name) => PathBuf::from(name),
            None => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the path names no file",
                ));
            }
        };
        let dir_path = parent(path);
        let dir = File::open(dir_path)?;
        sweep(dir_path);
        let unnamed = rustix::fs::openat(
            &dir,
            ".",
            OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC,
            Mode::from_raw_mode(PRIVATE_MODE),
        );
        let (file, temp) = match unnamed {
            Ok(fd) => (File::from(fd), None),
            // No O_TMPFILE here: a named temporary file, removed on every failure.
            Err(_) => {
                let temp = temp_name();
                let file = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(PRIVATE_MODE)
                    .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
                    .open(dir_path.join(&temp))?;
                (file, Some(temp))
            }
        };
        // Held until the process ends: a clean-up by another run leaves it alone.
        rustix::fs::flock(&file, FlockOperation::LockExclusive)?;
        Ok(PrivateOutput {
            file,
            dir,
            name,
            path: path.to_path_buf(),
            temp,
        })
    }

    /// Flushes the file to disk and gives it its name, replacing an old file there.
    pub fn commit(mut self) -> io::Result<()> {
        self.file.sync_all()?;
        // Something may have appeared at the name while we wrote.
        check_target(&self.path)?;
        let temp = match self.temp.take() {
            Some(temp) => temp,
            None => {
                match self.link(&self.name) {
                    Ok(()) => return self.dir.sync_all(),
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(e),
                }
                let temp = temp_name();
                self.link(&temp)?;
                temp
            }
        };
        let renamed = rustix::fs::renameat(&self.dir, &temp, &self.dir, &self.name);
        if renamed.is_err() {
            let _ = rustix::fs::unlinkat(&self.dir, &temp, AtFlags::empty());
        }
        renamed?;
        self.dir.sync_all()
    }

    /// Gives the unnamed file the name `name` in its directory (never replacing one).
    fn link(&self, name: &Path) -> io::Result<()> {
        let proc = format!(
            "/proc/self/fd/{}",
            std::os::fd::AsRawFd::as_raw_fd(&self.file)
        );
        match rustix::fs::linkat(
            rustix::fs::CWD,
            proc.as_str(),
            &self.dir,
            name,
            AtFlags::SYMLINK_FOLLOW,
        ) {
            Ok(()) => Ok(()),
            // No /proc mounted: AT_EMPTY_PATH, which needs CAP_DAC_READ_SEARCH.
            Err(rustix::io::Errno::NOENT) => {
                rustix::fs::linkat(&self.file, "", &self.dir, name, AtFlags::EMPTY_PATH)
                    .map_err(io::Error::from)
            }
            Err(e) => Err(e.into()),
        }
    }
}

impl Write for PrivateOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for PrivateOutput {
    fn drop(&mut self) {
        if let Some(temp) = &self.temp {
            let _ = rustix::fs::unlinkat(&self.dir, temp, AtFlags::empty());
        }
    }
}

fn temp_name() -> PathBuf {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    PathBuf::from(format!(
        "{TEMP_PREFIX}{}-{n}{TEMP_SUFFIX}",
        std::process::id()
    ))
}

/// Removes temporary files that a killed run left in `dir`: ours by name, owned by us,
/// and not locked (their writer is gone). Best effort: an error leaves them.
fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let me = rustix::process::geteuid().as_raw();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(text) = name.to_str() else { continue };
        if !(text.starts_with(TEMP_PREFIX) && text.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
            .open(&path)
        else {
            continue;
        };
        let ours = file
            .metadata()
            .is_ok_and(|m| m.file_type().is_file() && m.uid() == me);
        if ours && rustix::fs::flock(&file, FlockOperation::NonBlockingLockExclusive).is_ok() {
            let _ = fs::remove_file(&path);
        }
    }
}

/// Makes the creation of `path` durable: flushes its directory.
pub fn sync_parent(path: &Path) -> io::Result<()> {
    File::open(parent(path))?.sync_all()
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
        let path = dir.path().join("dropped.md");
        let mut output = PrivateOutput::create(&path).unwrap();
        output.write_all(b"half").unwrap();
        drop(output);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_long_name_works() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("{}.md", "n".repeat(250)));
        write_private(&path, b"x").unwrap();
        write_private(&path, b"y").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"y");
    }

    #[test]
    fn stale_temporary_files_are_swept_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".prescreen-1-0.tmp");
        fs::write(&stale, "health data").unwrap();
        let live = dir.path().join(".prescreen-2-0.tmp");
        fs::write(&live, "being written").unwrap();
        let held = File::open(&live).unwrap();
        rustix::fs::flock(&held, FlockOperation::LockExclusive).unwrap();
        write_private(&dir.path().join("out.md"), b"x").unwrap();
        assert!(!stale.exists());
        assert!(live.exists());
    }

    #[test]
    fn what_an_output_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let records = dir.path().join("screenings.ndjson");
        fs::write(&records, "{\"schema_version\":1,\"recorded_at\":\"x\"}\n").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&records, &link).unwrap();
        let cases: [(&str, &Path, &str); 4] = [
            ("record file", &records, "record file"),
            ("symbolic link", &link, "symbolic link"),
            ("directory", dir.path(), "a directory"),
            ("device", Path::new("/dev/null"), "a device"),
        ];
        for (name, path, says) in cases {
            let e = write_private(path, b"x").unwrap_err();
            assert!(e.to_string().contains(says), "{name}: {e}");
        }
        assert!(
            fs::read_to_string(&records)
                .unwrap()
                .starts_with("{\"schema")
        );
    }

    #[test]
    fn the_same_file_under_two_names() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        assert!(same_file(&a, &dir.path().join(".").join("a.md")));
        fs::write(&a, "x").unwrap();
        let b = dir.path().join("b.md");
        fs::hard_link(&a, &b).unwrap();
        assert!(same_file(&a, &b));
        assert!(!same_file(&a, &dir.path().join("c.md")));
    }
}
