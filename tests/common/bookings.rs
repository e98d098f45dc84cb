//! A deterministic booking export, one answers object per line: the input of the batch
//! benchmark (`benches/batch.rs`) and of the batch output checksum test
//! (`tests/batch_output.rs`), so that the test guards the very mix that is measured.
//!
//! About 70% candidates, every rule firing somewhere, a few percent with a missing or
//! "not sure" answer, a few bad lines, a few blank ones and one line over 1 MiB.

use std::io::{self, Write};

/// SplitMix64: a small, fixed generator, so the file is the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Writes `records` lines; line `long_line + 1` is the one over 1 MiB (the benchmark's
/// is record 500,000).
pub fn write(out: &mut impl Write, records: usize, long_line: usize) -> io::Result<()> {
    let mut rng = Rng(0x5EED_2026_1123);
    for i in 0..records {
        out.write_all(record(&mut rng, i, long_line).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One line of a booking export. Fixed proportions (per mille) are chosen so that about
/// 70% are candidates and every rule fires somewhere.
fn record(rng: &mut Rng, i: usize, long_line: usize) -> String {
    // A few bad lines, a few blank ones, one over 1 MiB.
    if i == long_line {
        return format!(
            "{{\"id\": \"BK-{i:07}\", \"notes\": \"{}\"}}",
            "x".repeat(1_100_000)
        );
    }
    match rng.below(10_000) {
        0 => return format!("{{\"id\": \"BK-{i:07}\", \"pregant\": false}}"),
        1 => return format!("{{\"id\": \"BK-{i:07}\", \"pregnant\": \"no\"}}"),
        2 => return format!("{{\"id\": \"BK-{i:07}\", \"eczema\": fals"),
        3 => return String::new(),
        _ => {}
    }
    let mut fields: Vec<(String, String)> = Vec::with_capacity(14);
    let id = if rng.chance(200) {
        format!("{}", 100_000 + i)
    } else {
        format!("\"BK-{i:07}\"")
    };
    fields.push(("id".into(), id));
    let flag = |rng: &mut Rng, per_mille: u64| {
        if rng.chance(per_mille) {
            "true"
        } else {
            "false"
        }
        .to_string()
    };
    fields.push(("pregnant".into(), flag(rng, 70)));
    fields.push(("eczema".into(), flag(rng, 35)));
    fields.push(("psoriasis".into(), flag(rng, 30)));
    fields.push(("other_skin_disease".into(), flag(rng, 55)));
    fields.push(("open_wounds".into(), flag(rng, 35)));
    fields.push(("scarring_history".into(), flag(rng, 30)));
    let radiation = rng.chance(60);
    fields.push(("radiation_therapy".into(), radiation.to_string()));
    if radiation {
        // Half within the 365-day window (deferred with a date), half long ago.
        let (year, month) = if rng.chance(500) {
            (2026, 1 + rng.below(10))
        } else {
            (2015 + rng.below(10), 1 + rng.below(12))
        };
        let day = 1 + rng.below(28);
        fields.push((
            "radiation_end_date".into(),
            format!("\"{year}-{month:02}-{day:02}\""),
        ));
    }
    let hour = 8 + rng.below(10);
    let minute = [0, 15, 30, 45][rng.below(4) as usize];
    let offset = ["+01:00", "+00:00", "-05:00", "+02:00"][rng.below(4) as usize];
    fields.push((
        "procedure_time".into(),
        format!(
            "\"2026-11-{:02}T{hour:02}:{minute:02}:00{offset}\"",
            23 + rng.below(7)
        ),
    ));
    let area = ["face", "face", "face", "neck", "body"][rng.below(5) as usize];
    fields.push(("treatment_area".into(), format!("\"{area}\"")));
    fields.push(("wears_makeup".into(), flag(rng, 600)));
    fields.push(("outdoors_next_24h".into(), flag(rng, 300)));
    fields.push(("uses_alcohol_based_products".into(), flag(rng, 200)));
    // A few percent leave a screening question out or answer "not sure".
    if rng.chance(50) {
        let k = 1 + rng.below(6) as usize;
        if rng.chance(500) {
            fields.remove(k);
        } else {
            fields[k].1 = "null".into();
        }
    }
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("\"{k}\": {v}"))
        .collect();
    format!("{{{}}}", body.join(", "))
}
