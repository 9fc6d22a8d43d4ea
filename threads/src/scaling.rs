//! The same work on 1, 2, ... threads, timed: the table the 1.3 lessons
//! print (median time, speedup over the first row, CPUs kept busy), and the
//! words their claims use to say what a run measured.

use std::time::Duration;

use common::report::Table;
use common::timing::{format_duration, measure, speedup};

use crate::context::busy_cpus_during;

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// How many threads did the work.
    pub threads: usize,
    /// The median time of the runs.
    pub median: Duration,
    /// The first row's median time divided by this one's.
    pub speedup: f64,
    /// CPU time of the whole process over wall time, during the runs.
    pub busy: f64,
    /// What the last run returned, for the cell to check.
    pub result: u128,
}

/// Runs `run(k)` `runs` times for each `k` in `counts`, prints the table,
/// and returns its rows.
///
/// # Panics
/// If the process's CPU time cannot be read.
pub fn by_thread_count(counts: &[usize], runs: usize, run: impl Fn(usize) -> u128) -> Vec<Row> {
    let mut table = Table::new(["threads", "median time", "speedup", "CPUs busy"]);
    let mut first = None;
    let rows: Vec<Row> = counts
        .iter()
        .map(|&threads| {
            let mut result = 0;
            let (stats, busy) = busy_cpus_during(|| measure(runs, || result = run(threads)))
                .expect("read the process's CPU time");
            let median = stats.median();
            let speedup = speedup(*first.get_or_insert(median), median);
            let cells = [format_duration(median), format!("{speedup:.2}x")];
            table.row(
                [threads.to_string()]
                    .into_iter()
                    .chain(cells)
                    .chain([format!("{busy:.2}")]),
            );
            Row {
                threads,
                median,
                speedup,
                busy,
                result,
            }
        })
        .collect();
    println!("{}", table.align_right([0, 1, 2, 3]));
    rows
}

/// How many CPUs this process may use.
pub fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `n` CPUs, in words: "1 CPU", "2 CPUs".
pub fn count_cpus(n: usize) -> String {
    if n == 1 {
        "1 CPU".into()
    } else {
        format!("{n} CPUs")
    }
}

/// A claim's detail about `row`: what it measured, and when the claim did
/// not hold, the likely reason (fewer CPUs than threads, or other programs).
///
/// ```
/// use std::time::Duration;
/// let row = threads::scaling::Row { threads: 2, median: Duration::from_millis(50), speedup: 1.98, busy: 1.95, result: 0 };
/// assert_eq!(threads::scaling::detail(&row, true), "2 threads: 1.98x as fast as 1, 1.95 CPUs busy");
/// ```
pub fn detail(row: &Row, holds: bool) -> String {
    let measured = format!(
        "{} threads: {:.2}x as fast as 1, {:.2} CPUs busy",
        row.threads, row.speedup, row.busy
    );
    let cpus = cpus();
    if holds {
        measured
    } else if cpus < row.threads {
        format!("{measured}; only {} here", count_cpus(cpus))
    } else {
        format!("{measured}; other programs were using the CPUs")
    }
}
