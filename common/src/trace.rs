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
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

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

fn snapshot() -> Vec<Record> {
    let records = recorder().records.lock().unwrap_or_else(|e| e.into_inner());
    records.clone()
}

/// The rows in the order they first appear in time.
fn rows(records: &[Record]) -> Vec<String> {
    let mut by_start: Vec<&Record> = records.iter().collect();
    by_start.sort_by_key(|r| r.start);
    let mut rows: Vec<String> = Vec::new();
    for r in by_start {
        if !rows.contains(&r.row) {
            rows.push(r.row.clone());
        }
    }
    rows
}

/// A letter for each span name: the first of its letters that is free, in
/// lower case, then in upper case (`wait` beside `work` is `a`).
fn letters(records: &[Record]) -> Vec<(String, char)> {
    let mut legend: Vec<(String, char)> = Vec::new();
    for r in records.iter().filter(|r| r.end.is_some()) {
        if legend.iter().any(|(name, _)| *name == r.name) {
            continue;
        }
        let taken = |c: &char| legend.iter().any(|(_, l)| l == c);
        let own = || r.name.chars().filter(|c| c.is_ascii_alphanumeric());
        let letter = own()
            .map(|c| c.to_ascii_lowercase())
            .chain(own().map(|c| c.to_ascii_uppercase()))
            .find(|c| !taken(c))
            .unwrap_or('#');
        legend.push((r.name.clone(), letter));
    }
    legend
}

/// The run as text, `width` columns of time across: one row per thread or
/// task, each span drawn with its letter (a nested span over its parent),
/// each mark as `*`, and the legend.
pub fn timeline(width: usize) -> String {
    let records = snapshot();
    let width = width.max(10);
    let end = records.iter().map(|r| r.end.unwrap_or(r.start)).max();
    let end = end.unwrap_or_default().max(Duration::from_micros(1));
    let column = end / width as u32;
    let legend = letters(&records);
    let rows = rows(&records);
    let name_width = rows.iter().map(|r| r.chars().count()).max().unwrap_or(0);
    let mut out = format!(
        "timeline: 0 to {}, one column = {}\n",
        crate::timing::format_duration(end),
        crate::timing::format_duration(column)
    );
    let col = |t: Duration| ((t.as_nanos() * width as u128) / end.as_nanos()) as usize;
    for row in &rows {
        let mut cells = vec![' '; width];
        // Longer spans first, so a nested span shows over its parent; marks last.
        let mut own: Vec<&Record> = records.iter().filter(|r| r.row == *row).collect();
        own.sort_by_key(|r| std::cmp::Reverse(r.end.map(|end| end - r.start)));
        for r in own {
            let first = col(r.start).min(width - 1);
            let (last, letter) = match r.end {
                Some(end) => {
                    let letter = legend.iter().find(|(n, _)| *n == r.name).map(|l| l.1);
                    (col(end).clamp(first + 1, width), letter.unwrap_or('#'))
                }
                None => (first + 1, '*'),
            };
            cells[first..last].fill(letter);
        }
        let cells: String = cells.into_iter().collect();
        writeln!(out, "  {row:<name_width$} |{cells}|").unwrap();
    }
    let mut keys: Vec<String> = legend.iter().map(|(n, l)| format!("{l} = {n}")).collect();
    let marks: Vec<&str> = records
        .iter()
        .filter(|r| r.end.is_none())
        .map(|r| r.name.as_str())
        .collect();
    if !marks.is_empty() {
        let mut unique = marks.clone();
        unique.dedup();
        keys.push(format!("* = {}", unique.join(" / ")));
    }
    write!(out, "  {}", keys.join(", ")).unwrap();
    out
}

/// The run in the Chrome trace event format: a complete event (`"ph":"X"`)
/// per span, an instant (`"ph":"i"`) per mark, a `thread_name` per row, in
/// microseconds from the start of the run.
pub fn chrome_trace() -> String {
    let records = snapshot();
    let rows = rows(&records);
    let tid = |row: &str| rows.iter().position(|r| r == row).unwrap_or(0) + 1;
    let us = |d: Duration| d.as_nanos() as f64 / 1000.0;
    let mut events: Vec<String> = rows
        .iter()
        .map(|row| {
            format!(
                r#"{{"ph":"M","name":"thread_name","pid":1,"tid":{},"args":{{"name":{}}}}}"#,
                tid(row),
                json_string(row)
            )
        })
        .collect();
    for r in &records {
        let (tid, name, ts) = (tid(&r.row), json_string(&r.name), us(r.start));
        events.push(match r.end {
            Some(end) => format!(
                r#"{{"ph":"X","name":{name},"ts":{ts:.3},"dur":{:.3},"pid":1,"tid":{tid}}}"#,
                us(end.saturating_sub(r.start))
            ),
            None => {
                format!(r#"{{"ph":"i","s":"t","name":{name},"ts":{ts:.3},"pid":1,"tid":{tid}}}"#)
            }
        });
    }
    let program = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    format!(
        "{{\"traceEvents\":[\n{}\n],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":{{\"language\":\"rust\",\"program\":{},\"runtime\":{},\"gil\":null,\"cpus\":{cpus}}}}}\n",
        events.join(",\n"),
        json_string(&program),
        json_string(&format!(
            "Rust ({} {})",
            std::env::consts::OS,
            std::env::consts::ARCH
        )),
    )
}

/// `text` as a JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(json_string("a\"b\\c\n"), r#""a\"b\\c\u000a""#);
    }

    #[test]
    fn names_sharing_a_letter_get_another() {
        let record = |name: &str| Record {
            row: "r".into(),
            name: name.into(),
            start: Duration::ZERO,
            end: Some(Duration::from_millis(1)),
        };
        let legend = letters(&[record("wait"), record("work"), record("Work")]);
        let letters: Vec<char> = legend.iter().map(|l| l.1).collect();
        assert_eq!(letters, ['w', 'o', 'r']);
    }
}
