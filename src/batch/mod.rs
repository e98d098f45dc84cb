//! `prescreen batch`: one answers object per line (NDJSON) in, one JSON result per
//! non-blank line out, in input order, with memory that stays flat whatever the input.
//!
//! Edge module: opens the input, writes stdout and stderr, and runs the threads. Lines
//! are cut into chunks by [`lines`]; each chunk is screened by [`work`] (pure), on worker
//! threads ([`pool`]) when there is more than one chunk and more than one job. Chunk `n`
//! is read and screened by worker `n % jobs` and results are taken back in the same
//! rotation, so the output keeps the input's order without sorting.

pub mod lines;
mod pool;
mod progress;
pub mod summary;
pub mod wire;
pub mod work;

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::num::NonZero;
use std::path::Path;
use std::thread;

use crate::cli::{BatchArgs, SummaryFormat};
use crate::error::{Error, Result};
use crate::files::PrivateOutput;
use crate::limits::SkipBom;
use crate::record::Settings;
use crate::rules::RuleSet;

use lines::{Chunk, LineReader};
use progress::Progress;
use summary::Tally;
use work::{Job, Screened};

/// The status when every line was screened (or the reader of stdout left early). A
/// batch has no verdict status: each line carries its own verdict.
const ALL_SCREENED: u8 = 0;

/// Screens every line of the input; the status says whether any line was rejected.
pub fn run(rules: &RuleSet, args: &BatchArgs, settings: Settings) -> Result<u8> {
    let (input, origin, is_file): (Box<dyn Read + Send>, String, bool) = match args.input.as_deref()
    {
        Some(path) if path != Path::new("-") => {
            let origin = format!("`{}`", path.display());
            let file = File::open(path).map_err(|source| Error::ReadAnswers {
                origin: origin.clone(),
                source,
            })?;
            (Box::new(SkipBom::new(file)), origin, true)
        }
        None if io::stdin().is_terminal() => return Err(Error::NoBatchInput),
        _ => (
            Box::new(SkipBom::new(io::stdin())),
            "stdin".to_string(),
            false,
        ),
    };
    let jobs = match args.jobs {
        Some(n) => usize::from(n),
        None => thread::available_parallelism().map_or(1, NonZero::get),
    };
    let (out, target) = match args.output.as_deref() {
        Some(path) => {
            let target = format!("`{}`", path.display());
            match PrivateOutput::create(path) {
                Ok(file) => (Results::File(Some(io::BufWriter::new(file))), target),
                Err(source) => return Err(Error::Write { target, source }),
            }
        }
        None => (Results::Stdout(io::stdout().lock()), "stdout".to_string()),
    };
    let write_error = |source| Error::Write {
        target: target.clone(),
        source,
    };
    let mut sink = Sink {
        out,
        tally: Tally::new(rules),
        progress: Progress::new(is_file && io::stderr().is_terminal()),
        closed: false,
    };
    let read_error = |source| Error::ReadAnswers {
        origin: origin.clone(),
        source,
    };

    let mut reader = LineReader::new(input);
    let first = reader.next_chunk().map_err(read_error)?;
    let job = Job::new(rules, settings);
    if jobs == 1 || reader.at_end() {
        sequential(reader, first, &job, &mut sink)
    } else {
        pool::parallel(reader, first, &job, jobs, &mut sink)
    }
    .map_err(|e| match e {
        Failure::Read(source) => read_error(source),
        Failure::Write(source) => write_error(source),
    })?;
    sink.finish().map_err(write_error)?;
    // `--output FILE`: given its name only now, whole (rejected lines included).
    sink.out.commit().map_err(write_error)?;

    if sink.closed {
        // The reader of our output has what it wanted: end quietly.
        return Ok(ALL_SCREENED);
    }
    if let Some(path) = &args.summary_file {
        let mut bytes = Vec::new();
        write_summary(
            summary_format(path, args.format),
            &sink.tally,
            rules,
            &mut bytes,
        )
        .and_then(|()| crate::files::write_private(path, &bytes))
        .map_err(|source| Error::Write {
            target: format!("summary file `{}`", path.display()),
            source,
        })?;
    }
    if args.summary {
        let mut stderr = io::stderr().lock();
        write_summary(args.format, &sink.tally, rules, &mut stderr).map_err(|source| {
            Error::Write {
                target: "stderr".to_string(),
                source,
            }
        })?;
        if args.format == SummaryFormat::Json && sink.tally.rejected > 0 {
            // stderr holds JSON only: the summary's `rejected` says it; the status says it.
            return Ok(crate::error::exit::INVALID_ANSWERS);
        }
    }
    if sink.tally.rejected > 0 {
        return Err(Error::RejectedLines {
            rejected: sink.tally.rejected,
            lines: sink.tally.lines(),
        });
    }
    Ok(ALL_SCREENED)
}

/// Where results go: stdout, or the `--output` file, which appears only when complete.
enum Results<'a> {
    Stdout(io::StdoutLock<'a>),
    File(Option<io::BufWriter<PrivateOutput>>),
}

impl Results<'_> {
    fn commit(&mut self) -> io::Result<()> {
        match self {
            Results::Stdout(_) | Results::File(None) => Ok(()),
            Results::File(file) => match file.take() {
                Some(writer) => writer.into_inner().map_err(|e| e.into_error())?.commit(),
                None => Ok(()),
            },
        }
    }
}

impl Write for Results<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Results::Stdout(out) => out.write(buf),
            Results::File(Some(file)) => file.write(buf),
            Results::File(None) => Err(io::Error::other("the results file is already written")),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Results::Stdout(out) => out.write_all(buf),
            Results::File(Some(file)) => file.write_all(buf),
            Results::File(None) => Err(io::Error::other("the results file is already written")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Results::Stdout(out) => out.flush(),
            Results::File(Some(file)) => file.flush(),
            Results::File(None) => Ok(()),
        }
    }
}

fn write_summary(
    format: SummaryFormat,
    tally: &Tally,
    rules: &RuleSet,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        SummaryFormat::Text => summary::write_text(tally, rules, out),
        SummaryFormat::Json => summary::write_json(tally, rules, out),
    }
}

/// The format of `--summary-file`: by its extension, else `--format`.
fn summary_format(path: &Path, format: SummaryFormat) -> SummaryFormat {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("json") => SummaryFormat::Json,
        Some("txt" | "text") => SummaryFormat::Text,
        _ => format,
    }
}

enum Failure {
    Read(io::Error),
    Write(io::Error),
}

/// Where results go, in order.
struct Sink<W: Write> {
    out: W,
    tally: Tally,
    progress: Progress,
    /// stdout was closed by its reader: nothing more is written.
    closed: bool,
}

impl<W: Write> Sink<W> {
    /// Writes a chunk's results; gives back their buffer for reuse.
    fn take(&mut self, screened: Screened) -> Result<Vec<u8>, Failure> {
        if self.closed {
            return Ok(screened.output);
        }
        match self.out.write_all(&screened.output) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                return Ok(screened.output);
            }
            Err(e) => return Err(Failure::Write(e)),
        }
        self.tally.merge(&screened.tally);
        self.progress.update(self.tally.lines());
        Ok(screened.output)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.progress.finish();
        match self.out.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

/// Everything on this thread: for one job, or an input that fits in one chunk.
fn sequential<R: Read, W: Write>(
    mut reader: LineReader<R>,
    first: Chunk,
    job: &Job,
    sink: &mut Sink<W>,
) -> Result<(), Failure> {
    let mut chunk = first;
    let mut output = Vec::new();
    while !chunk.is_empty() && !sink.closed {
        output = sink.take(job.screen(&chunk, output))?;
        reader.refill(&mut chunk).map_err(Failure::Read)?;
    }
    Ok(())
}
