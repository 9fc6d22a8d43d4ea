//! What is compared: each row's Python command, its Rust counterpart, how
//! their output proves the work, and how many runs it gets.
//!
//! `--compare` runs the notebook's four cells, the pool's cost per job,
//! CPU-bound scaling over the worker counts and the IO-bound clients;
//! `--compare --growth` runs the curves: IO-bound clients from 10 to 10,000
//! and CPU-bound work from n = 10⁶ to 10⁹.

use std::path::PathBuf;

use tour::measured::{Group, Stop, Work};

use super::probe::{Check, Probe};
use super::rows::{cells, cpu_rows, io_rows};

/// Where a row's Rust child gets the echo server's address: the runner
/// replaces this argument with the address of the server it started.
pub const SERVER: &str = "SERVER";

/// One row: a Python command, a Rust command, and how to run them.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// What both sides run.
    pub work: Work,
    /// Warm-up rounds, thrown away.
    pub warmup: usize,
    /// Measured rounds.
    pub runs: usize,
    /// The Python command, or why there is none.
    pub python: Result<Probe, Stop>,
    /// The Rust command.
    pub rust: Probe,
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
    pub(super) fn python(&self, script: &str, args: &[&str], check: Check) -> Result<Probe, Stop> {
        let program = self.python.clone().map_err(|why| Stop::NoPython { why })?;
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
    let jobs: usize = if ctx.quick { 200 } else { 2000 };
    let text = jobs.to_string();
    rows.push(Comparison {
        work: Work::PoolJob { jobs },
        warmup,
        runs,
        python: ctx.python(
            "processes/python/process_pool.py",
            &["--per-job", &text],
            Check::Reports("per_job_s"),
        ),
        rust: ctx.rust(&["pool-job", &text], Check::Reports("per_job_s")),
    });
    let mut workers: Vec<usize> = (1..=ctx.cpus).collect();
    workers.push(2 * ctx.cpus); // past the CPUs: no more speedup to find
    rows.extend(cpu_rows(
        ctx,
        Group::Cpu,
        10_000_000,
        &workers,
        ctx.rounds(true),
    ));
    let clients = if ctx.quick { 100 } else { 1000 };
    rows.extend(io_rows(
        ctx,
        Group::Io,
        &ALL_WAYS,
        clients,
        ctx.rounds(true),
    ));
    rows
}

const ALL_WAYS: [tour::measured::Way; 3] = {
    use tour::measured::Way;
    [Way::Sequential, Way::Tasks, Way::Threads]
};

/// The rows of `--compare --growth`: fewer runs where one run takes seconds.
pub fn growth(ctx: &Context) -> Vec<Comparison> {
    let mut rows = Vec::new();
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
        rows.extend(io_rows(
            ctx,
            Group::IoGrowth,
            &ALL_WAYS[1..],
            clients,
            rounds,
        ));
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
    for mut row in cpu_rows(ctx, Group::Scale, n, &workers, rounds) {
        row.python = Err(Stop::TooSlow);
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
        let mut points = cpu_rows(ctx, Group::CpuGrowth, n, &[ctx.cpus], rounds);
        if n >= 1_000_000_000 {
            for row in &mut points {
                row.python = Err(Stop::TooSlow);
            }
        }
        rows.extend(points);
    }
    rows
}
