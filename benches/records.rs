//! The record-file listing benchmark: `cargo bench --bench records`.
//!
//! 1. Generates once, deterministically, `target/bench-data/records-1000000.ndjson`: a
//!    million record lines made from real records (`prescreen screen --record` of six
//!    kinds of answers: candidates, dated and undated defers, reviews with one or every
//!    answer unknown, not_candidate), over one year of screening dates, with staff
//!    initials, a reference on nine in ten (booking ids, many people screened more than
//!    once) and ten torn lines (a writer killed mid-record).
//! 2. Times, in the same run and interleaved, the floor (`wc -l FILE`: reads every byte
//!    once) and `prescreen records FILE` (release build) listing everything as text,
//!    CSV and JSON, filtering by verdict and by day, and the call-back list (`--due`),
//!    output to /dev/null, 5 times each.
//! 3. Prints records/s (lines in the file per second of the best wall time), the median,
//!    peak RSS and CPU time, and the ratio of each to the floor.
//!
//! `BENCH_RECORDS` and `BENCH_RUNS` change the size and the number of runs. The machine
//! may be shared: the load average is printed before and after.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Duration, NaiveDate};

mod common;
use common::{Run, cpu_name, env_number, loadavg, measure};

const PRESCREEN: &str = env!("CARGO_BIN_EXE_prescreen");
const DAY: &str = "2026-11-23";

/// The answers of each kind of record, and how many in a thousand are of that kind.
const KINDS: [(&str, usize); 6] = [
    ("candidate", 600),
    ("defer, dated (radiation)", 120),
    ("defer, undated (pregnancy)", 50),
    ("review, one answer not sure", 150),
    ("review, nothing answered", 30),
    ("not_candidate", 50),
];

fn answers(kind: usize) -> String {
    let no = serde_json::json!({
        "pregnant": false, "eczema": false, "psoriasis": false, "other_skin_disease": false,
        "open_wounds": false, "scarring_history": false, "radiation_therapy": false,
        "procedure_time": "2026-11-23T14:00:00+01:00", "treatment_area": "face",
        "wears_makeup": false, "outdoors_next_24h": false, "uses_alcohol_based_products": false
    });
    let mut doc = no.clone();
    match kind {
        1 => {
            doc["radiation_therapy"] = true.into();
            doc["radiation_end_date"] = "2026-10-01".into();
        }
        2 => doc["pregnant"] = true.into(),
        3 => doc["open_wounds"] = serde_json::Value::Null,
        4 => doc = serde_json::json!({}),
        5 => doc["eczema"] = true.into(),
        _ => {}
    }
    doc.to_string()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let records: usize = env_number("BENCH_RECORDS", 1_000_000);
    let runs: usize = env_number("BENCH_RUNS", 5).max(1);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = root
        .join("target/bench-data")
        .join(format!("records-{records}.ndjson"));
    if !data.exists() {
        eprintln!("generating {} ...", data.display());
        generate(&data, records)?;
    }
    let size = fs::metadata(&data)?.len();
    let lines = count_lines(&data)?;

    println!("prescreen records benchmark (cargo bench --bench records)");
    println!(
        "input: {} ({lines} lines, {:.1} MB)",
        data.display(),
        size as f64 / 1e6
    );
    println!(
        "machine: {} cores, {}; load average before: {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        cpu_name(),
        loadavg()
    );

    let floor = || {
        let mut c = Command::new("wc");
        c.arg("-l").arg(&data);
        c
    };
    let listing = |args: &[&str]| {
        let mut c = Command::new(PRESCREEN);
        c.arg("records").arg(&data).args(args);
        c
    };
    let cases: [(&str, Vec<&str>); 6] = [
        ("records (text, everything)", vec![]),
        ("records --format csv", vec!["--format", "csv"]),
        ("records --format json", vec!["--format", "json"]),
        (
            "records --verdict defer,review",
            vec!["--verdict", "defer,review"],
        ),
        ("records --on 2026-06-15", vec!["--on", "2026-06-15"]),
        ("records --due=2026-12-31", vec!["--due=2026-12-31"]),
    ];
    let mut floor_runs = Vec::new();
    let mut case_runs: Vec<Vec<Run>> = cases.iter().map(|_| Vec::new()).collect();
    for _ in 0..runs {
        floor_runs.push(measure(floor(), Path::new("/dev/null"), 0)?);
        for ((_, args), runs) in cases.iter().zip(&mut case_runs) {
            runs.push(measure(listing(args), Path::new("/dev/null"), 0)?);
        }
    }
    println!(
        "runs: {runs} of each, interleaved; wall time of the best run, median in brackets;\n\
         CPU = user + system seconds of the run that used the least\n"
    );
    println!(
        "{:<32} {:>14} {:>10} {:>8} {:>9} {:>6} {:>9}",
        "", "wall s", "records/s", "MB/s", "peak RSS", "CPU s", "vs floor"
    );
    let floor = report("floor (wc -l)", &floor_runs, lines, size, None);
    let mut slowest = f64::INFINITY;
    for ((name, _), runs) in cases.iter().zip(&case_runs) {
        let rate = report(name, runs, lines, size, Some(floor));
        slowest = slowest.min(rate);
    }
    println!(
        "\nslowest by best wall time: {slowest:.0} records/s (target >= 200000): {}",
        if slowest >= 200_000.0 {
            "met"
        } else {
            "NOT MET"
        }
    );

    // The listing holds every record but the torn ones.
    let out = listing(&["--format", "csv"]).output()?;
    let rows = out.stdout.iter().filter(|&&b| b == b'\n').count() as u64 - 1;
    let skipped = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(" skipped: "))
        .count() as u64;
    println!("check: {rows} rows listed + {skipped} torn lines skipped = {lines} lines");
    println!("load average after: {}", loadavg());
    if rows + skipped != lines {
        return Err("rows and skipped lines do not add up to the file".into());
    }
    Ok(())
}

/// Counts newlines a buffer at a time (this process stays small: a child's peak RSS
/// never reads below its parent's).
fn count_lines(path: &Path) -> io::Result<u64> {
    let mut input = File::open(path)?;
    let mut buffer = vec![0u8; 1 << 16];
    let mut count = 0;
    loop {
        let n = io::Read::read(&mut input, &mut buffer)?;
        if n == 0 {
            return Ok(count);
        }
        count += buffer[..n].iter().filter(|&&b| b == b'\n').count() as u64;
    }
}

/// Prints one row; returns records/s by the best wall time.
fn report(name: &str, runs: &[Run], lines: u64, bytes: u64, floor: Option<f64>) -> f64 {
    let mut walls: Vec<f64> = runs.iter().map(|r| r.wall.as_secs_f64()).collect();
    walls.sort_by(f64::total_cmp);
    let (best, median) = (walls[0], walls[walls.len() / 2]);
    let rss = runs.iter().map(|r| r.max_rss_kib).max().unwrap_or(0);
    let cpu = runs
        .iter()
        .map(|r| r.cpu.as_secs_f64())
        .min_by(f64::total_cmp)
        .unwrap_or(0.0);
    let ratio = floor.map_or(String::new(), |f| format!("{:.3}x", f / best));
    println!(
        "{name:<32} {:>14} {:>10.0} {:>8.1} {:>6.1} MB {:>6.2} {ratio:>9}",
        format!("{best:.3} [{median:.3}]"),
        lines as f64 / best,
        bytes as f64 / 1e6 / best,
        rss as f64 / 1024.0,
        cpu
    );
    if floor.is_none() {
        best
    } else {
        lines as f64 / best
    }
}

/// Real record lines, one per kind, split after their reference: what follows is
/// the same for every record of that kind but its dates.
fn templates(dir: &Path) -> io::Result<Vec<String>> {
    let file = dir.join("templates.ndjson");
    for kind in 0..KINDS.len() {
        let mut child = Command::new(PRESCREEN)
            .args(["screen", "--date", DAY, "--format", "json", "--staff", "ZZ"])
            .args(["--reference", "REF", "--record"])
            .arg(&file)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()?;
        child
            .stdin
            .take()
            .ok_or(io::ErrorKind::BrokenPipe)?
            .write_all(answers(kind).as_bytes())?;
        child.wait()?;
    }
    let text = fs::read_to_string(&file)?;
    fs::remove_file(&file)?;
    let marker = "\"reference\":\"REF\",";
    text.lines()
        .map(|line| {
            let at = line
                .find(marker)
                .ok_or_else(|| io::Error::other("no reference in a template"))?;
            Ok(line[at + marker.len()..].to_string())
        })
        .collect()
}

fn generate(path: &Path, records: usize) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let templates = templates(dir)?;
    let temp = path.with_extension("tmp");
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&temp)?);
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or(io::ErrorKind::InvalidInput)?;
    let people = (records * 7 / 10).max(1);
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        // xorshift64*: deterministic and fast.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let staff = ["JD", "AB", "MK", "LT", "RS"];
    for i in 0..records {
        let r = next();
        let mut pick = (r % 1000) as usize;
        let kind = KINDS
            .iter()
            .position(|&(_, share)| {
                let hit = pick < share;
                pick = pick.saturating_sub(share);
                hit
            })
            .unwrap_or(0);
        let day = start + Duration::days((i * 365 / records) as i64);
        let day_text = day.to_string();
        let seconds = 8 * 3600 + (r >> 10) % (10 * 3600);
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        let mut line = format!(
            "{{\"schema_version\":1,\"recorded_at\":\"{day_text}T{h:02}:{m:02}:{s:02}+01:00\",\"staff\":\"{}\",",
            staff[(r >> 40) as usize % staff.len()]
        );
        if (r >> 20) % 10 != 0 {
            let person = (r >> 24) as usize % people;
            line.push_str(&format!("\"reference\":\"B-{person:07}\","));
        }
        let mut rest = templates[kind].replace(
            &format!("\"screened_on\":\"{DAY}\",\"judged_on\":\"{DAY}\""),
            &format!("\"screened_on\":\"{day_text}\",\"judged_on\":\"{day_text}\""),
        );
        if let Some(at) = rest.rfind("\"eligible_from\":\"") {
            let from = at + "\"eligible_from\":\"".len();
            let eligible = day + Duration::days(14 + (r >> 50) as i64 % 90);
            rest.replace_range(from..from + 10, &eligible.to_string());
        }
        line.push_str(&rest);
        if i % 100_000 == 99_999 {
            // A writer killed mid-record: its torn line, then the next record's own.
            line.truncate(line.len() / 2);
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    out.flush()?;
    drop(out);
    fs::rename(temp, path)
}
