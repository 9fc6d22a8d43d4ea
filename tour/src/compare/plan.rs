//! What is compared: each row's Python command, its Rust counterpart, how
//! their output proves the work, and how many runs it gets.
//!
//! `--compare` runs the notebook's four cells, the pool's cost per job,
//! CPU-bound scaling over the worker counts and the IO-bound clients;
//! `--compare --growth` runs the curves: IO-bound clients from 10 to 10,000
//! and CPU-bound work from n = 10⁶ to 10⁹.

use std::path::PathBuf;

use super::probe::{Check, Probe};
use super::rows::{cells, cpu_rows, io_rows};

/// Where a row's Rust child gets the echo server's address: the runner
/// replaces this argument with the address of the server it started.
pub const SERVER: &str = "SERVER";

/// One row: a Python command, a Rust command, and how to run them.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// `cell/gil`, `cpu/threads/2`, `io-growth/tasks/10000`: selectors match
    /// it whole or by a leading part (`cell`, `cpu/threads`).
    pub id: String,
    /// The table it belongs to.
    pub group: &'static str,
    /// What the row measures, for the table.
    pub label: String,
    /// Its place on a curve: workers, clients or n.
    pub x: Option<f64>,
    /// The Python side's name and the Rust side's.
    pub names: (&'static str, &'static str),
    /// What the ratio compares: `wall_s` (the whole process) or a value the
    /// process reported (`per_job_s`).
    pub metric: &'static str,
    /// Warm-up rounds, thrown away.
    pub warmup: usize,
    /// Measured rounds.
    pub runs: usize,
    /// The Python command, or why there is none.
    pub python: Result<Probe, String>,
    /// The Rust command.
    pub rust: Probe,
    /// How many concurrent clients it opens (each needs a descriptor here
    /// and one in the child), when it talks to the echo server.
    pub clients: Option<usize>,
}

/// What the plan is built from.
pub struct Context {
    /// The Python interpreter, or why there is none.
    pub python: Result<PathBuf, String>,
    /// This program, which runs the Rust side (`--compare-child`).
    pub me: PathBuf,
    /// The CPUs of this machine.
    pub cpus: usize,
    /// Fewer runs and smaller workloads.
    pub quick: bool,
}

impl Context {
    pub(super) fn python(
        &self,
        script: &str,
        args: &[&str],
        check: Check,
    ) -> Result<Probe, String> {
        let program = self.python.clone()?;
        let args = std::iter::once(script).chain(args.iter().copied());
        let args = args.map(String::from).collect();
        Ok(Probe {
            program,
            args,
            check,
        })
    }

    pub(super) fn rust(&self, args: &[&str], check: Check) -> Probe {
        let args = std::iter::once("--compare-child").chain(args.iter().copied());
        Probe {
            program: self.me.clone(),
            args: args.map(String::from).collect(),
            check,
        }
    }

    /// (warm-up, runs) for a row of the given weight: 1 for a quick row, more
    /// for one whose single run takes seconds.
    pub(super) fn rounds(&self, heavy: bool) -> (usize, usize) {
        match (self.quick, heavy) {
            (true, _) => (1, 2),
            (false, false) => (1, 5),
            (false, true) => (1, 3),
        }
    }
}

/// Σ i² for i < n, by the closed formula: what every CPU-bound run must print.
pub fn expected_sum(n: u64) -> u128 {
    let n = u128::from(n);
    if n == 0 {
        0
    } else {
        (n - 1) * n * (2 * n - 1) / 6
    }
}

/// The rows of `--compare`.
pub fn compare(ctx: &Context) -> Vec<Comparison> {
    let mut rows = cells(ctx);
    let (warmup, runs) = ctx.rounds(false);
    let jobs = if ctx.quick { "200" } else { "2000" };
    rows.push(Comparison {
        id: "pool-job".into(),
        group: "The pool's cost per job",
        label: "one job submitted and awaited, 1 worker (median of many)".into(),
        x: None,
        names: ("ProcessPoolExecutor", "ProcessPool"),
        metric: "per_job_s",
        warmup,
        runs,
        python: ctx.python(
            "processes/python/process_pool.py",
            &["--per-job", jobs],
            Check::Reports("per_job_s"),
        ),
        rust: ctx.rust(&["pool-job", jobs], Check::Reports("per_job_s")),
        clients: None,
    });
    let mut workers: Vec<usize> = (1..=ctx.cpus).collect();
    workers.push(2 * ctx.cpus); // past the CPUs: no more speedup to find
    rows.extend(cpu_rows(ctx, "cpu", 10_000_000, &workers, ctx.rounds(true)));
    let clients = if ctx.quick { 100 } else { 1000 };
    let ways = [
        ("sequential", "sequential"),
        ("coroutines", "tasks"),
        ("threads", "threads"),
    ];
    rows.extend(io_rows(ctx, "io", &ways, clients, ctx.rounds(true)));
    rows
}

/// The rows of `--compare --growth`: fewer runs where one run takes seconds.
pub fn growth(ctx: &Context) -> Vec<Comparison> {
    let mut rows = Vec::new();
    let ways = [("coroutines", "tasks"), ("threads", "threads")];
    let sizes: &[usize] = if ctx.quick {
        &[10, 100]
    } else {
        &[10, 100, 1000, 10_000]
    };
    for &clients in sizes {
        let rounds = match (ctx.quick, clients) {
            (true, _) => (0, 1),
            (false, 10_000) => (1, 2),
            (false, _) => (1, 3),
        };
        rows.extend(io_rows(ctx, "io-growth", &ways, clients, rounds));
    }
    // Speedup and efficiency by worker count, where the work dwarfs starting
    // a process (n = 10⁹, under a second on one CPU): Rust alone, since the
    // pure-Python loop would take minutes a run.
    let (n, rounds) = if ctx.quick {
        (1_000_000, (0, 1))
    } else {
        (1_000_000_000, (1, 3))
    };
    let mut workers: Vec<usize> = (1..=ctx.cpus).collect();
    workers.push(2 * ctx.cpus);
    for mut row in cpu_rows(ctx, "scale", n, &workers, rounds) {
        row.python = Err("not run: at this n the pure-Python loop takes minutes a run".into());
        rows.push(row);
    }
    let ns: &[u64] = if ctx.quick {
        &[1_000_000]
    } else {
        &[1_000_000, 10_000_000, 100_000_000, 1_000_000_000]
    };
    for &n in ns {
        let rounds = match (ctx.quick, n) {
            (true, _) => (0, 1),
            (false, 100_000_000) => (0, 2), // Python takes seconds a run here
            (false, _) => (1, 3),
        };
        let mut points = cpu_rows(ctx, "cpu-growth", n, &[ctx.cpus], rounds);
        if n >= 1_000_000_000 {
            for row in &mut points {
                row.python = Err("not run: the pure-Python loop takes ten times the 10⁸ \
                                  row's time, over the time budget"
                    .into());
            }
        }
        rows.extend(points);
    }
    rows
}
