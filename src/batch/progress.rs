//! The progress line on stderr while a large file is screened: records done and records
//! per second, redrawn in place a few times a second. Only when asked for (stderr is a
//! terminal and the input a file); best effort, since it is not a result.

use std::io::{self, Write};
use std::time::{Duration, Instant};

const EVERY: Duration = Duration::from_millis(250);

pub struct Progress {
    enabled: bool,
    started: Instant,
    last: Instant,
    shown: bool,
}

impl Progress {
    pub fn new(enabled: bool) -> Progress {
        let now = Instant::now();
        Progress {
            enabled,
            started: now,
            last: now,
            shown: false,
        }
    }

    /// Draws the line at once, then redraws it at most every quarter of a second.
    pub fn update(&mut self, records: u64) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if self.shown && now.duration_since(self.last) < EVERY {
            return;
        }
        self.last = now;
        let seconds = now.duration_since(self.started).as_secs_f64();
        let rate = if seconds > 0.0 {
            records as f64 / seconds
        } else {
            0.0
        };
        // A failed write to stderr loses only the progress line.
        let _ = write!(
            io::stderr().lock(),
            "\rprescreen: {records} records, {rate:.0} records/s\x1b[K"
        );
        self.shown = true;
    }

    /// Clears the line, so that what follows starts clean.
    pub fn finish(&mut self) {
        if self.shown {
            let _ = write!(io::stderr().lock(), "\r\x1b[K");
            self.shown = false;
        }
    }
}
