//! Helpers shared by the benchmarks (`benches/batch.rs`, `benches/records.rs`): the
//! machine, and one timed run of a child process.
#![allow(dead_code)] // each benchmark uses a different part of it

use std::fs::{self, File};
use std::io;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string())
}

/// The CPU's model name, as `lscpu` shows it.
pub fn cpu_name() -> String {
    fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            let line = info.lines().find(|l| l.starts_with("model name"))?;
            Some(line.split_once(':')?.1.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string())
}

pub struct Run {
    pub wall: Duration,
    pub cpu: Duration,
    /// Peak resident set size in KiB.
    pub max_rss_kib: i64,
}

/// Runs `command` with `input` on stdin and stdout discarded; wall time, CPU time and
/// peak RSS of the child, which must exit with `status`.
pub fn measure(mut command: Command, input: &Path, status: i32) -> io::Result<Run> {
    let start = Instant::now();
    let child = command
        .stdin(File::open(input)?)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut raw_status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut raw_status, 0, &mut usage) };
    let wall = start.elapsed();
    if reaped != pid {
        return Err(io::Error::last_os_error());
    }
    let code = libc::WIFEXITED(raw_status).then(|| libc::WEXITSTATUS(raw_status));
    if code != Some(status) {
        return Err(io::Error::other(format!(
            "{command:?} exited with {code:?}, expected {status}"
        )));
    }
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok(Run {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        max_rss_kib: usage.ru_maxrss,
    })
}

/// This process's peak RSS in KiB. A child's `ru_maxrss` is never below it: the child
/// starts as a copy (or a vfork) of this process, and Linux keeps the larger figure.
pub fn own_peak_rss() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
