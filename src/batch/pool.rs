//! `--jobs N`: N workers that each read their own chunk, screen it and hand the result
//! lines to the calling thread, which writes them.
//!
//! The reader is shared under a lock and taken in turns, chunk `n` by worker `n % N`,
//! and results are taken back in the same rotation, so the output keeps the input's
//! order without sorting. No reader thread and no hand-off of input: a chunk is read,
//! screened and let go by one thread, while it is in that core's cache. Each worker
//! holds one chunk and four result buffers that go round (one being filled, two
//! waiting, one being written), so memory stays flat and no buffer is allocated twice.
//! Two results may wait: a worker that is a chunk ahead of the others goes on to its
//! next turn instead of waiting for the writer to take its last result.

use std::io::{self, Read, Write};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, mpsc};
use std::thread;

use super::lines::{Chunk, LineReader};
use super::work::{Job, Screened};
use super::{Failure, Sink};

/// Results a worker may have waiting for the writer.
const WAITING: usize = 2;

/// Result buffers per worker: enough that one is always free (see [`parallel`]).
const SPARE_OUTPUTS: usize = WAITING + 2;

/// The input, read in turns.
struct Source<R> {
    reader: LineReader<R>,
    /// The chunk read before the workers started.
    first: Option<Chunk>,
    /// The number of the next chunk to read.
    next: usize,
    /// No more chunks: the input ended, a read failed, or the writer stopped.
    done: bool,
    error: Option<io::Error>,
}

struct Turns<R> {
    source: Mutex<Source<R>>,
    changed: Condvar,
}

impl<R: Read> Turns<R> {
    fn lock(&self) -> MutexGuard<'_, Source<R>> {
        // A worker that panicked holds nothing the others could see half-changed.
        self.source.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Reads chunk `turn` into `chunk` once the chunks before it are read; false when
    /// there are no more.
    fn read(&self, turn: usize, chunk: &mut Chunk) -> bool {
        let mut source = self.lock();
        while source.next != turn && !source.done {
            source = self
                .changed
                .wait(source)
                .unwrap_or_else(PoisonError::into_inner);
        }
        if source.done {
            return false;
        }
        if let Some(first) = source.first.take() {
            *chunk = first;
        } else if let Err(e) = source.reader.refill(chunk) {
            source.error = Some(e);
            chunk.lines.clear();
        }
        source.next += 1;
        let more = !chunk.is_empty();
        source.done = !more;
        drop(source);
        self.changed.notify_all();
        more
    }

    fn stop(&self) {
        self.lock().done = true;
        self.changed.notify_all();
    }
}

pub(super) fn parallel<R: Read + Send, W: Write>(
    reader: LineReader<R>,
    first: Chunk,
    job: &Job,
    jobs: usize,
    sink: &mut Sink<W>,
) -> Result<(), Failure> {
    let turns = Turns {
        source: Mutex::new(Source {
            reader,
            first: Some(first),
            next: 0,
            done: false,
            error: None,
        }),
        changed: Condvar::new(),
    };
    let written = thread::scope(|scope| {
        let mut outboxes = Vec::with_capacity(jobs);
        let mut returns = Vec::with_capacity(jobs);
        for worker in 0..jobs {
            let (outbox, from_worker) = mpsc::sync_channel::<Screened>(WAITING);
            let (give_back, spare_outputs) = mpsc::channel::<Vec<u8>>();
            let turns = &turns;
            scope.spawn(move || {
                let mut chunk = Chunk::default();
                let mut turn = worker;
                let mut buffers = 0;
                while turns.read(turn, &mut chunk) {
                    turn += jobs;
                    // Four result buffers go round (one filled here, two waiting, one
                    // being written): a fresh one for every chunk would cost the kernel
                    // a megabyte of new pages each time.
                    let output = match spare_outputs.try_recv() {
                        Ok(output) => output,
                        Err(_) if buffers < SPARE_OUTPUTS => {
                            buffers += 1;
                            Vec::new()
                        }
                        Err(_) => match spare_outputs.recv() {
                            Ok(output) => output,
                            Err(_) => return, // the writer stopped
                        },
                    };
                    if outbox.send(job.screen(&chunk, output)).is_err() {
                        // The writer stopped: so do the others.
                        turns.stop();
                        return;
                    }
                }
            });
            outboxes.push(from_worker);
            returns.push(give_back);
        }

        let mut written = Ok(());
        for (from_worker, give_back) in outboxes.iter().zip(&returns).cycle() {
            // An error here means that worker read no next chunk: every chunk before
            // the one it would have read has been written.
            let Ok(screened) = from_worker.recv() else {
                break;
            };
            match sink.take(screened) {
                Ok(output) => {
                    let _ = give_back.send(output); // the worker may be done
                }
                Err(e) => {
                    written = Err(e);
                    break;
                }
            }
            if sink.closed {
                break;
            }
        }
        // Stops the workers when we stopped early.
        turns.stop();
        drop(outboxes);
        written
    });
    written?;
    match turns.lock().error.take() {
        Some(e) => Err(Failure::Read(e)),
        None => Ok(()),
    }
}
