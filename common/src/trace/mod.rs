//! Timelines of a real run: what each thread (or task) was doing, when.
//!
//! A lesson marks what matters with one line each, and the run ends with
//! [`finish`], which prints the timeline in the terminal, one row per thread
//! or task, time across, each span drawn with its name's letter:
//!
//! ```text
//! timeline: 0 to 412 ms, one column = 6.9 ms
//!   main     |                                                            |
//!   worker 0 |wwwwwwwwwww                                                 |
//!   worker 1 |   ....wwwwwwwwwww                                          |
//!   w = work, . = wait
//! ```
//!
//! With `COURSE_TRACE=path` set, [`finish`] also writes the run as a Chrome
//! trace (open it in <https://ui.perfetto.dev> or `chrome://tracing`). The
//! Python originals record the same spans in the same format with
//! `common/python/course_trace.py`, so both runs can be drawn on one axis.
//!
//! ```
//! use common::trace;
//! {
//!     let _work = trace::span("work"); // recorded when `_work` is dropped
//! }
//! trace::mark("done");
//! assert!(trace::timeline(40).contains("w = work"));
//! ```
//!
//! A plain recorder, not the `tracing` crate: the lessons need spans with a
//! row and a name, a picture of them, and a file in the format Python writes
//! too; a global list behind a mutex does that in a page of code, and costs
//! nothing where no span is recorded.

use std::cell::OnceCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

mod render;
pub use render::{chrome_trace, timeline};

/// The environment variable that names the Chrome trace file to write.
pub const TRACE_ENV: &str = "COURSE_TRACE";

/// One recorded span (`end` set) or instant mark.
#[derive(Debug, Clone)]
struct Record {
    row: String,
    name: String,
    start: Duration,
    end: Option<Duration>,
}

/// When the run started, and everything recorded since.
struct Recorder {
    origin: Instant,
    records: Mutex<Vec<Record>>,
}

fn recorder() -> &'static Recorder {
    static RECORDER: OnceLock<Recorder> = OnceLock::new();
    RECORDER.get_or_init(|| Recorder {
        origin: Instant::now(),
        records: Mutex::new(Vec::new()),
    })
}

fn now() -> Duration {
    recorder().origin.elapsed()
}

fn record(record: Record) {
    // A panicking thread must not cost the others their timeline.
    let mut records = recorder().records.lock().unwrap_or_else(|e| e.into_inner());
    records.push(record);
}

/// The row of the current thread: its name (`main` for the main thread), or
/// `thread N`, numbered in the order unnamed threads first record something.
fn thread_row() -> String {
    static UNNAMED: AtomicUsize = AtomicUsize::new(0);
    thread_local!(static ROW: OnceCell<String> = const { OnceCell::new() });
    ROW.with(|row| {
        row.get_or_init(|| match std::thread::current().name() {
            Some(name) => name.to_string(),
            None => format!("thread {}", UNNAMED.fetch_add(1, Ordering::Relaxed) + 1),
        })
        .clone()
    })
}

/// A span being recorded: it ends, and is recorded, when dropped.
#[must_use = "a span ends when dropped: bind it with `let _span = ...`"]
#[derive(Debug)]
pub struct Span {
    row: String,
    name: String,
    start: Duration,
}

impl Drop for Span {
    fn drop(&mut self) {
        record(Record {
            row: std::mem::take(&mut self.row),
            name: std::mem::take(&mut self.name),
            start: self.start,
            end: Some(now()),
        });
    }
}

/// Starts a span named `name` on the current thread's row.
pub fn span(name: &str) -> Span {
    span_on(thread_row(), name)
}

/// Starts a span on the row `row`: for tasks that share a thread, whose rows
/// are the tasks (`"task 1"`), not the thread.
pub fn span_on(row: impl Into<String>, name: &str) -> Span {
    Span {
        row: row.into(),
        name: name.to_string(),
        start: now(),
    }
}

/// Records a span timed elsewhere, from `start` to `end`, on the row `row`:
/// work that another process of this machine timed with its own
/// `Instant::now()` (a forked worker, whose clock is this one's) and sent
/// back. Start recording (a span, a mark) before that work starts, so the
/// run's origin comes first; a time before it counts as the origin.
///
/// ```
/// use std::time::{Duration, Instant};
/// use common::trace;
/// trace::mark("start");
/// let began = Instant::now();
/// trace::span_between("worker 42", "job", began, began + Duration::from_millis(1));
/// assert!(trace::timeline(40).contains("worker 42"));
/// ```
pub fn span_between(row: impl Into<String>, name: &str, start: Instant, end: Instant) {
    let origin = recorder().origin;
    record(Record {
        row: row.into(),
        name: name.to_string(),
        start: start.saturating_duration_since(origin),
        end: Some(end.saturating_duration_since(origin)),
    });
}

/// Records an instant (a `notify`, a `set`) on the current thread's row.
pub fn mark(name: &str) {
    mark_on(thread_row(), name);
}

/// Records an instant on the row `row`.
pub fn mark_on(row: impl Into<String>, name: &str) {
    let at = now();
    record(Record {
        row: row.into(),
        name: name.to_string(),
        start: at,
        end: None,
    });
}

/// Ends the run's recording: prints the terminal timeline (when anything was
/// recorded) and, when `COURSE_TRACE` names a file, writes the Chrome trace
/// there. Call it once, at the end of `main`.
pub fn finish() {
    if snapshot().is_empty() {
        return;
    }
    println!("{}", timeline(60));
    if let Some(path) = std::env::var_os(TRACE_ENV).filter(|p| !p.is_empty()) {
        match std::fs::write(&path, chrome_trace()) {
            Ok(()) => println!("trace written to {}", path.to_string_lossy()),
            Err(e) => eprintln!("cannot write the trace to {}: {e}", path.to_string_lossy()),
        }
    }
}

/// Everything recorded so far.
fn snapshot() -> Vec<Record> {
    let records = recorder().records.lock().unwrap_or_else(|e| e.into_inner());
    records.clone()
}
