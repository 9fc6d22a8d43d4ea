//! The lessons' claims, checked against the rows of this run. A claim that
//! this machine contradicts (one CPU, a loaded machine, a free-threaded
//! Python) is reported as contradicted, with the numbers, never left out.

use serde::Serialize;

use super::report::Row;

/// One claim and what this run says about it.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    /// Short name, for the book's tables: `rust-threads-scale`.
    pub id: &'static str,
    /// The claim, as the lessons make it.
    pub claim: &'static str,
    /// `true` if this run bears it out, `false` if it contradicts it, `null`
    /// if the run did not measure it (or cannot, on one CPU).
    pub holds: Option<bool>,
    /// The numbers behind the verdict.
    pub detail: String,
}

/// The median of one side of the row `id`: its metric, or its peak RSS.
fn median(rows: &[Row], id: &str, python: bool, memory: bool) -> Option<f64> {
    let row = rows.iter().find(|r| r.id == id)?;
    let side = if python { &row.python } else { &row.rust };
    if memory { side.peak_rss } else { side.time }.map(|s| s.median)
}

/// `a / b`, when both were measured.
fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? / b?)
}

/// Every claim whose rows this run has.
pub fn check(rows: &[Row], cpus: usize) -> Vec<Claim> {
    let mut claims = Vec::new();
    // `holds` answers `None` for a value that cannot be judged.
    let mut claim =
        |id, text, value: Option<f64>, holds: fn(f64) -> Option<bool>, detail: String| {
            claims.push(Claim {
                id,
                claim: text,
                holds: value.and_then(holds),
                detail: if value.is_some() {
                    detail
                } else {
                    "not measured in this run".into()
                },
            });
        };
    let t = |id: &str, python| median(rows, id, python, false);
    let parallel = cpus >= 2;

    // At n = 10⁹ where the growth run measured it, else at the notebook's 10⁷.
    let group = ["scale", "cpu"]
        .into_iter()
        .find(|g| t(&format!("{g}/threads/2"), false).is_some());
    let group = group.unwrap_or("cpu");
    let rust_two = ratio(
        t(&format!("{group}/sequential/1"), false),
        t(&format!("{group}/threads/2"), false),
    );
    // Two threads cannot be more than twice as fast: past that, the
    // sequential baseline itself was slowed, and the run cannot tell.
    let beyond = if rust_two.is_some_and(|s| s > 2.2) {
        ": more than 2 CPUs can give, so the sequential baseline was slowed (a loaded machine?)"
    } else {
        ""
    };
    claim(
        "rust-threads-scale",
        "No GIL: Rust threads on 2 workers are about twice as fast as one",
        rust_two.filter(|_| parallel),
        |s| if s > 2.2 { None } else { Some(s >= 1.5) },
        format!(
            "speedup {:.2}x on 2 threads ({group} rows){beyond}",
            rust_two.unwrap_or(0.0)
        ),
    );
    let python_two = ratio(t("cpu/sequential/1", true), t("cpu/threads/2", true));
    claim(
        "python-threads-do-not-scale",
        "The GIL: CPython's threads on 2 workers are no faster than one",
        python_two,
        |s| Some(s <= 1.25),
        format!("speedup {:.2}x on 2 threads", python_two.unwrap_or(0.0)),
    );
    let python_procs = ratio(t("cpu/sequential/1", true), t("cpu/pool/2", true));
    claim(
        "python-processes-scale",
        "CPython's processes do run in parallel",
        python_procs.filter(|_| parallel),
        |s| Some(s >= 1.4),
        format!("speedup {:.2}x on 2 processes", python_procs.unwrap_or(0.0)),
    );
    let all = cpus.to_string();
    let best_thread = [
        t(&format!("{group}/threads/{all}"), false),
        t(&format!("{group}/rayon/{all}"), false),
    ]
    .into_iter()
    .flatten()
    .reduce(f64::min);
    let pool_over_threads = ratio(t(&format!("{group}/pool/{all}"), false), best_thread);
    claim(
        "rust-cpu-threads-not-processes",
        "CPU-bound work in Rust: threads or rayon, not processes (the pool is no faster)",
        pool_over_threads,
        |r| Some(r >= 0.9),
        format!(
            "on {all} workers the pool took {:.2}x the time of the faster of threads and rayon ({group} rows)",
            pool_over_threads.unwrap_or(0.0)
        ),
    );
    for (python, prefix, name) in [(false, "io", "Rust"), (true, "io", "CPython")] {
        let sequential = t(&format!("{prefix}/sequential/1000"), python);
        let slowest = [t("io/tasks/1000", python), t("io/threads/1000", python)]
            .into_iter()
            .collect::<Option<Vec<f64>>>()
            .and_then(|v| v.into_iter().reduce(f64::max));
        let share = ratio(slowest, sequential);
        claim(
            if python {
                "python-io-overlaps"
            } else {
                "rust-io-overlaps"
            },
            if python {
                "IO-bound, CPython: asyncio and threads overlap the waits (under half the sequential time)"
            } else {
                "IO-bound, Rust: tasks and threads overlap the waits (under half the sequential time)"
            },
            share,
            |s| Some(s < 0.5),
            format!(
                "{name}: the slower of the two took {:.0}% of one after another",
                100.0 * share.unwrap_or(0.0)
            ),
        );
    }
    for (clients, prefix) in [(1000, "io"), (10_000, "io-growth")] {
        let m =
            |way: &str, python| median(rows, &format!("{prefix}/{way}/{clients}"), python, true);
        let rust = ratio(m("threads", false), m("tasks", false));
        claim(
            if clients == 1000 {
                "rust-threads-more-memory"
            } else {
                "rust-threads-more-memory-10000"
            },
            if clients == 1000 {
                "1000 Rust threads take more memory than 1000 tasks"
            } else {
                "10,000 Rust threads take more memory than 10,000 tasks"
            },
            rust,
            |r| Some(r > 1.0),
            format!(
                "peak RSS of the threads: {:.1}x the tasks'",
                rust.unwrap_or(0.0)
            ),
        );
    }
    claims
}
