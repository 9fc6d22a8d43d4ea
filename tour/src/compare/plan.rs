//! What is compared: each row's Python command, its Rust counterpart, how
//! their output proves the work, and how many runs it gets. `--compare`
//! runs the notebook's four cells, the pool's cost per job, CPU-bound
//! scaling over the worker counts and the IO-bound clients; `--growth` runs
//! the curves: clients from 10 to 10,000, n from 10⁶ to 10⁹.

use std::path::PathBuf;

use tour::measured::{Cell, Group, Method, Stop, Way, Work, id};

use super::probe::{Check, Probe};

/// One row: what both sides run, and how often.
pub struct Comparison {
    pub work: Work,
    /// Warm-up rounds (thrown away), then measured ones.
    pub warmup: usize,
    pub runs: usize,
    /// The Python command, or why there is none.
    pub python: Result<Probe, Stop>,
    pub rust: Probe,
}

/// What the plan is built from.
pub struct Context {
    /// The Python interpreter, or why there is none.
    pub python: Result<PathBuf, String>,
    /// This program: its `--compare-child` is the Rust side.
    pub me: PathBuf,
    pub cpus: usize,
    /// Fewer runs of smaller workloads.
    pub quick: bool,
    /// The echo server's address, for the clients.
    pub server: String,
}

impl Context {
    /// A row: `python` is the script and its arguments (`None`: no
    /// counterpart), `rust` the child's arguments, `rounds` (warm-up, runs).
    fn row(
        &self,
        work: Work,
        rounds: (usize, usize),
        python: Option<&str>,
        rust: &str,
        check: Check,
    ) -> Comparison {
        let probe = |program: PathBuf, args: &str| Probe {
            program,
            args: args.split(' ').map(String::from).collect(),
            check: check.clone(),
        };
        let python = match (python, &self.python) {
            (None, _) => Err(Stop::NoCounterpart),
            (Some(args), Ok(program)) => Ok(probe(program.clone(), args)),
            (Some(_), Err(why)) => Err(Stop::NoPython { why: why.clone() }),
        };
        let rust = format!("--compare-child {rust}");
        Comparison {
            work,
            warmup: rounds.0,
            runs: rounds.1,
            python,
            rust: probe(self.me.clone(), &rust),
        }
    }

    /// (warm-up, runs) for a row of the given weight.
    fn rounds(&self, heavy: bool) -> (usize, usize) {
        match (self.quick, heavy) {
            (true, _) => (1, 2),
            (false, false) => (1, 5),
            (false, true) => (1, 3),
        }
    }

    /// 1 to the number of CPUs, then twice that: past the CPUs, no more speedup.
    fn workers(&self) -> Vec<usize> {
        (1..=self.cpus).chain([2 * self.cpus]).collect()
    }

    /// The notebook's four cells, each a whole process on both sides.
    fn cells(&self) -> Vec<Comparison> {
        let result = "Result: 333333283333335000000".to_string();
        let squares: Vec<u64> = (0..100).map(|x| x * x).collect();
        let tasks = ["Start", "End"].map(|w| [1, 2, 3].map(|n| format!("{w} task {n}")));
        let cells = [
            (
                Cell::Gil,
                "threads/python/gil.py --cell",
                vec![result.clone(), result, "Done".into()],
            ),
            (
                Cell::Lock,
                "sync-primitives/python/lock_counter.py",
                vec!["shared_counter = 1000".into()],
            ),
            (
                Cell::Pool,
                "processes/python/process_pool.py --cell",
                vec![format!("{squares:?}")],
            ),
            (
                Cell::Asyncio,
                "async-basics/python/asyncio_run.py",
                tasks.concat(),
            ),
        ];
        let row = |(cell, python, lines)| {
            let (work, check) = (Work::Cell { cell }, Check::Contains(lines));
            self.row(work, self.rounds(false), Some(python), &id(cell), check)
        };
        cells.into_iter().map(row).collect()
    }

    /// Σ i² over `0..n` by each method on each worker count (sequential once).
    fn sums(
        &self,
        group: Group,
        n: u64,
        workers: &[usize],
        rounds: (usize, usize),
    ) -> Vec<Comparison> {
        let row = |method: Method, k: usize| {
            let python = match method {
                Method::Rayon => None,
                Method::Pool => Some("processes".to_string()),
                other => Some(id(other)),
            };
            let python = python
                .map(|way| format!("processes/python/cpu_bound_speedup.py --one {way} {k} {n}"));
            let rust = format!("cpu {} {k} {n}", id(method));
            let check = Check::Contains(vec![format!("sum={}\n", expected_sum(n))]);
            let work = Work::Sum {
                group,
                method,
                workers: k,
                n,
            };
            self.row(work, rounds, python.as_deref(), &rust, check)
        };
        let mut rows = vec![row(Method::Sequential, 1)];
        for &k in workers {
            rows.extend([Method::Threads, Method::Rayon, Method::Pool].map(|m| row(m, k)));
        }
        rows
    }

    /// `clients` clients of the echo server (2 ms think time), each way.
    fn clients(
        &self,
        group: Group,
        ways: &[Way],
        clients: usize,
        rounds: (usize, usize),
    ) -> Vec<Comparison> {
        let row = |&way: &Way| {
            let python_way = if way == Way::Tasks {
                "coroutines".into()
            } else {
                id(way)
            };
            let python = format!(
                "async-basics/python/io_bound.py --connect {} {python_way} {clients}",
                self.server
            );
            let rust = format!("io {} {clients} {}", id(way), self.server);
            let check = Check::Reports("correct", Some(clients as f64));
            let work = Work::Clients {
                group,
                way,
                clients,
            };
            self.row(work, rounds, Some(&python), &rust, check)
        };
        ways.iter().map(row).collect()
    }
}

/// Σ i² for i < n, by the closed formula: what every CPU-bound run must print.
pub fn expected_sum(n: u64) -> u128 {
    let n = u128::from(n);
    n * n.saturating_sub(1) * (2 * n).saturating_sub(1) / 6
}

const ALL_WAYS: [Way; 3] = [Way::Sequential, Way::Tasks, Way::Threads];

/// The rows of `--compare`.
pub fn compare(ctx: &Context) -> Vec<Comparison> {
    let mut rows = ctx.cells();
    let jobs = if ctx.quick { 200 } else { 2000 };
    let python = format!("processes/python/process_pool.py --per-job {jobs}");
    let (work, check) = (Work::PoolJob { jobs }, Check::Reports("per_job_s", None));
    let rust = format!("pool-job {jobs}");
    rows.push(ctx.row(work, ctx.rounds(false), Some(&python), &rust, check));
    rows.extend(ctx.sums(Group::Cpu, 10_000_000, &ctx.workers(), ctx.rounds(true)));
    let clients = if ctx.quick { 100 } else { 1000 };
    rows.extend(ctx.clients(Group::Io, &ALL_WAYS, clients, ctx.rounds(true)));
    rows
}

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
        rows.extend(ctx.clients(Group::IoGrowth, &ALL_WAYS[1..], clients, rounds));
    }
    // Speedup by workers where the work dwarfs starting a process (n = 10⁹,
    // under a second on one CPU): Rust alone, the Python loop takes minutes.
    let (n, rounds) = if ctx.quick {
        (1_000_000, (0, 1))
    } else {
        (1_000_000_000, (1, 3))
    };
    let too_slow = |mut row: Comparison| {
        row.python = Err(Stop::TooSlow);
        row
    };
    rows.extend(
        ctx.sums(Group::Scale, n, &ctx.workers(), rounds)
            .into_iter()
            .map(too_slow),
    );
    let ns: &[u64] = match ctx.quick {
        true => &[1_000_000],
        false => &[1_000_000, 10_000_000, 100_000_000, 1_000_000_000],
    };
    for &n in ns {
        let rounds = match (ctx.quick, n) {
            (true, _) => (0, 1),
            (false, 100_000_000) => (0, 2), // Python takes seconds a run here
            (false, _) => (1, 3),
        };
        let points = ctx.sums(Group::CpuGrowth, n, &[ctx.cpus], rounds);
        match n >= 1_000_000_000 {
            true => rows.extend(points.into_iter().map(too_slow)),
            false => rows.extend(points),
        }
    }
    rows
}
