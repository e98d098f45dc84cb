//! The batch benchmark: `cargo bench --bench batch`.
//!
//! 1. Generates once, deterministically, `target/bench-data/batch-1000000.ndjson`: a
//!    million realistic answers records (about 70% candidates, every rule firing
//!    somewhere, a few percent with missing answers, a few bad lines, one over 1 MiB).
//! 2. Times, in the same run and interleaved, the floor (this program with `--floor`: it
//!    only parses each line into `serde_json::Value` and writes one small JSON object
//!    per line) and `prescreen batch` (release build) with the default jobs and with
//!    `--jobs 1`, each reading the file on stdin and writing to /dev/null, 5 times.
//! 3. Prints records/s, MB/s, peak RSS (the child's `ru_maxrss` from `wait4`) and CPU
//!    time for each; the throughput ratio to the floor by best and by median wall time,
//!    and per CPU second (which a busy machine disturbs least); and the wall time of
//!    one `prescreen screen --answers FILE`.
//!
//! `BENCH_RECORDS` and `BENCH_RUNS` change the size and the number of runs. The machine
//! may be shared: the load average is printed before and after.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

mod common;
use common::{Run, cpu_name, env_number, loadavg, measure, own_peak_rss};

/// The generator, shared with the output checksum test (`tests/batch_output.rs`).
#[path = "../tests/common/bookings.rs"]
mod bookings;

const PRESCREEN: &str = env!("CARGO_BIN_EXE_prescreen");
const DAY: &str = "2026-11-23";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().any(|a| a == "--floor") {
        return Ok(floor()?);
    }
    let records: usize = env_number("BENCH_RECORDS", 1_000_000);
    let runs: usize = env_number("BENCH_RUNS", 5).max(1);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = root
        .join("target/bench-data")
        .join(format!("batch-{records}.ndjson"));
    if !data.exists() {
        eprintln!("generating {} ...", data.display());
        generate(&data, records)?;
    }
    let size = fs::metadata(&data)?.len();
    let lines = count_non_blank(&data)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    println!("prescreen batch benchmark (cargo bench --bench batch)");
    println!(
        "input: {} ({lines} non-blank lines, {:.1} MB)",
        data.display(),
        size as f64 / 1e6
    );
    println!(
        "machine: {cores} cores, {}; load average before: {}",
        cpu_name(),
        loadavg()
    );

    let floor_exe = std::env::current_exe()?;
    let floor_cmd = || {
        let mut c = Command::new(&floor_exe);
        c.arg("--floor");
        c
    };
    let batch_cmd = |jobs: Option<&str>| {
        let mut c = Command::new(PRESCREEN);
        c.args(["batch", "--date", DAY]);
        if let Some(jobs) = jobs {
            c.args(["--jobs", jobs]);
        }
        c
    };
    let mut floor_runs = Vec::new();
    let mut batch_runs = Vec::new();
    let mut single_runs = Vec::new();
    for _ in 0..runs {
        floor_runs.push(measure(floor_cmd(), &data, 0)?);
        batch_runs.push(measure(batch_cmd(None), &data, 65)?);
        single_runs.push(measure(batch_cmd(Some("1")), &data, 65)?);
    }

    println!(
        "runs: {runs} of each, interleaved; wall time of the best run, median in brackets;\n\
         CPU = user + system seconds of the run that used the least\n"
    );
    println!(
        "{:<34} {:>16} {:>11} {:>8} {:>10} {:>7}",
        "", "wall s", "records/s", "MB/s", "peak RSS", "CPU s"
    );
    let floor = report("floor (parse to Value, write)", &floor_runs, lines, size);
    let batch = report(
        &format!("prescreen batch (jobs {cores})"),
        &batch_runs,
        lines,
        size,
    );
    let one = report("prescreen batch --jobs 1", &single_runs, lines, size);
    println!();
    println!("throughput vs floor (target: --jobs 1 >= 1.8x):");
    for (name, t) in [
        (format!("{cores} jobs"), &batch),
        ("--jobs 1".to_string(), &one),
    ] {
        println!(
            "  {name:<9} best {:.2}x, median {:.2}x; per CPU second {:.2}x",
            floor.best / t.best,
            floor.median / t.median,
            floor.cpu / t.cpu
        );
    }

    println!(
        "  {cores} jobs vs --jobs 1: best {:.2}x, median {:.2}x (target >= 1.7x with a free core)",
        one.best / batch.best,
        one.median / batch.median
    );

    let answers = root.join("rules/examples/candidate.json");
    let mut times = Vec::new();
    for _ in 0..50 {
        let mut c = Command::new(PRESCREEN);
        c.args(["screen", "--date", DAY, "--format", "json", "--answers"]);
        c.arg(&answers);
        times.push(measure(c, Path::new("/dev/null"), 0)?.wall);
    }
    times.sort();
    println!(
        "single `prescreen screen --answers FILE`: median {:.2} ms, best {:.2} ms over {} runs (target < 5 ms)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        times.len()
    );

    let mut check = batch_cmd(None);
    let results = count_output(&mut check, &data)?;
    println!(
        "check: {results} result lines for {lines} non-blank input lines: {}",
        if results == lines {
            "equal"
        } else {
            "DIFFERENT"
        }
    );
    if let Some(kib) = own_peak_rss() {
        println!(
            "(peak RSS cannot read below this benchmark's own, {:.1} MB)",
            kib as f64 / 1024.0
        );
    }
    println!("load average after: {}", loadavg());
    if results != lines {
        return Err("result lines differ from input lines".into());
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Summary {
    best: f64,
    median: f64,
    cpu: f64,
}

/// Prints one row; returns the best and median wall times and the least CPU time.
fn report(name: &str, runs: &[Run], lines: u64, bytes: u64) -> Summary {
    let mut walls: Vec<f64> = runs.iter().map(|r| r.wall.as_secs_f64()).collect();
    walls.sort_by(f64::total_cmp);
    let best = walls[0];
    let median = walls[walls.len() / 2];
    let rss = runs.iter().map(|r| r.max_rss_kib).max().unwrap_or(0);
    let cpu = runs
        .iter()
        .map(|r| r.cpu.as_secs_f64())
        .min_by(f64::total_cmp)
        .unwrap_or(0.0);
    println!(
        "{name:<34} {:>16} {:>11.0} {:>8.1} {:>7.1} MB {:>7.2}",
        format!("{best:.3} [{median:.3}]"),
        lines as f64 / best,
        bytes as f64 / 1e6 / best,
        rss as f64 / 1024.0,
        cpu
    );
    Summary { best, median, cpu }
}

/// Counts lines with something other than whitespace, without holding a line (this
/// process stays small: see [`own_peak_rss`]).
fn count_non_blank(path: &Path) -> io::Result<u64> {
    let mut input = File::open(path)?;
    let mut buffer = vec![0u8; 64 * 1024];
    let (mut count, mut blank) = (0, true);
    loop {
        let n = input.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        for &b in &buffer[..n] {
            match b {
                b'\n' => {
                    count += u64::from(!blank);
                    blank = true;
                }
                b' ' | b'\t' | b'\r' => {}
                _ => blank = false,
            }
        }
    }
    Ok(count + u64::from(!blank))
}

/// Runs `command` on `input` and counts its output lines.
fn count_output(command: &mut Command, input: &Path) -> io::Result<u64> {
    let mut child = command
        .stdin(File::open(input)?)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut out = child.stdout.take().ok_or(io::ErrorKind::BrokenPipe)?;
    let mut buffer = vec![0; 64 * 1024];
    let mut count = 0;
    loop {
        let n = out.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        count += buffer[..n].iter().filter(|&&b| b == b'\n').count() as u64;
    }
    child.wait()?;
    Ok(count)
}

/// The floor: parse each line into a `serde_json::Value`, write one small object.
fn floor() -> io::Result<()> {
    let mut input = BufReader::with_capacity(256 * 1024, io::stdin().lock());
    let mut out = BufWriter::with_capacity(256 * 1024, io::stdout().lock());
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        number += 1;
        if line.iter().all(|b| b" \t\r\n".contains(b)) {
            continue;
        }
        match serde_json::from_slice::<serde_json::Value>(&line) {
            Ok(value) => {
                let keys = value.as_object().map_or(0, |o| o.len());
                writeln!(out, "{{\"line\":{number},\"keys\":{keys}}}")?;
            }
            Err(_) => writeln!(out, "{{\"line\":{number},\"error\":true}}")?,
        }
    }
    out.flush()
}

fn generate(path: &Path, records: usize) -> io::Result<()> {
    fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    let temp = path.with_extension("tmp");
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&temp)?);
    bookings::write(&mut out, records, 500_000)?;
    out.flush()?;
    drop(out);
    fs::rename(temp, path)
}
