//! The measured JSON (`docs/measured/*.json`): one schema, written by
//! `cargo run --release -- --compare --json` and `cargo xtask measure`, and
//! read back by `cargo xtask plots`.
//!
//! What a row measured is a [`Work`], and what may make a number misleading
//! is a [`Flag`]: variants, never English text to match. Every text a table
//! or a picture shows is built here, in English or in the [`Language`] that
//! renders it, each piece an English msgid of the pictures' gettext catalog.
//! Read back, a document of another [`SCHEMA`] or a time that cannot be a
//! measurement (not finite and above zero, a median outside its range) is
//! refused by serde, so the error names the field.

use std::collections::BTreeMap;
use std::fmt::Display;

use serde::{Deserialize, Serialize};

pub mod claims;
pub mod lessons;
pub mod machine;

pub use lessons::{Benches, Interpreters, Lessons};
pub use machine::{Machine, Meter, Python};

/// The version of this schema; a document of another is refused.
pub const SCHEMA: u32 = 2;

/// What a document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// `--compare`: the cells, the pool's job, CPU-bound scaling, IO-bound clients.
    Compare,
    /// `--compare --growth`: the curves.
    Growth,
    /// What three section 1 examples printed.
    Lessons,
    /// The GIL rows, once per Python interpreter.
    Interpreters,
    /// Criterion's results of the benches.
    Benches,
}

/// A median and its range (for a bench: criterion's confidence interval).
/// Read back, each is finite and above zero, the median within the range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawStats")]
pub struct Stats {
    /// The middle value.
    pub median: f64,
    /// The smallest.
    pub min: f64,
    /// The largest.
    pub max: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStats {
    median: f64,
    min: f64,
    max: f64,
}

impl TryFrom<RawStats> for Stats {
    type Error = String;

    fn try_from(s: RawStats) -> Result<Stats, String> {
        positive(&[s.median, s.min, s.max], false)?;
        if !(s.min <= s.median && s.median <= s.max) {
            let (median, min, max) = (s.median, s.min, s.max);
            return Err(format!(
                "the median {median} is outside min..max ({min}..{max})"
            ));
        }
        Ok(Stats {
            median: s.median,
            min: s.min,
            max: s.max,
        })
    }
}

/// Fails unless every value is finite and above zero (or at least zero).
fn positive(values: &[f64], zero_too: bool) -> Result<(), String> {
    let fine = |v: &&f64| v.is_finite() && (**v > 0.0 || (zero_too && **v == 0.0));
    match values.iter().find(|v| !fine(v)) {
        Some(v) => Err(format!("{v} is not a finite number above zero")),
        None => Ok(()),
    }
}

/// Fails unless the document is of this schema and of the `wanted` kind.
pub fn check_header(schema: u32, kind: Kind, wanted: Kind) -> Result<(), String> {
    if schema != SCHEMA {
        return Err(format!(
            "schema: {schema} is not the schema this reads ({SCHEMA}); measure again with \
             `cargo xtask measure`"
        ));
    }
    if kind != wanted {
        return Err(format!("kind: {kind:?} where {wanted:?} was expected"));
    }
    Ok(())
}

/// One side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The Python original.
    Python,
    /// Its Rust counterpart.
    Rust,
}

/// One run in a row's order: which side, and whether it was a warm-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The side that ran.
    pub side: Side,
    /// A warm-up: made, then thrown away.
    pub warmup: bool,
}

/// `--compare` and `--compare --growth`: every sample of every row, and the
/// machine that measured them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// [`SCHEMA`].
    pub schema: u32,
    /// [`Kind::Compare`] or [`Kind::Growth`].
    pub kind: Kind,
    /// The command that measured it.
    pub command: String,
    /// Whose numbers these are.
    pub machine: Machine,
    /// Measured with `--quick`: a test's numbers, not the book's.
    pub quick: bool,
    /// The rows, in the order they ran.
    pub rows: Vec<Row>,
    /// How many connections the echo server accepted, if a row used it.
    pub server_accepted: Option<u64>,
}

/// One row: what it measured, both sides, their paired ratio.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// What both sides ran.
    pub work: Work,
    /// Warm-up rounds, run and thrown away.
    pub warmup: usize,
    /// Measured rounds.
    pub runs: usize,
    /// The Python side.
    pub python: Runs,
    /// The Rust side.
    pub rust: Runs,
    /// Python ÷ Rust of the metric, the median of the paired runs' ratios.
    pub ratio: Option<Stats>,
    /// The runs in the order they ran.
    pub order: Vec<Step>,
    /// What may make this row misleading.
    pub flags: Vec<Flag>,
}

/// One side of a row.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Runs {
    /// The command that ran, from the workspace root.
    pub command: Option<String>,
    /// Every kept run, in order.
    pub samples: Vec<Sample>,
    /// The row's metric over the samples, in seconds.
    pub time: Option<Stats>,
    /// The peak RSS the process reported, in bytes, if it did.
    pub peak_rss: Option<Stats>,
    /// Why the side has no number, or stopped early.
    pub stop: Option<Stop>,
}

/// One run: the wall time of the whole process (above zero), and what it
/// reported about itself (`measured key=value` lines: `per_job_s`,
/// `peak_rss_bytes`, `correct`; none below zero).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawSample")]
pub struct Sample {
    /// From spawning the process to reaping it, in seconds.
    pub wall_s: f64,
    /// What it reported.
    #[serde(flatten)]
    pub values: BTreeMap<String, f64>,
}

#[derive(Deserialize)]
struct RawSample {
    wall_s: f64,
    #[serde(flatten)]
    values: BTreeMap<String, f64>,
}

impl TryFrom<RawSample> for Sample {
    type Error = String;

    fn try_from(s: RawSample) -> Result<Sample, String> {
        positive(&[s.wall_s], false)?;
        positive(&s.values.values().copied().collect::<Vec<_>>(), true)?;
        Ok(Sample {
            wall_s: s.wall_s,
            values: s.values,
        })
    }
}

/// Why a side has no number, or stopped early.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Stop {
    /// The row has no Python counterpart (rayon).
    NoCounterpart,
    /// No Python interpreter.
    NoPython {
        /// What the search for one found (`python3 not found`).
        why: String,
    },
    /// Not run: at this size the pure-Python loop takes minutes a run.
    TooSlow,
    /// A run failed: it exited with an error, ran over its time or printed a wrong result.
    Failed {
        /// What happened.
        why: String,
    },
    /// A limit of the machine kept it from running the workload at all.
    Capped {
        /// The limit's name: `RLIMIT_NOFILE`, `threads`.
        limit: String,
        /// What the run said about it.
        why: String,
    },
}

/// What may make a result misleading: the machine's, or a row's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Flag {
    /// One CPU: no parallel row can show a speedup.
    OneCpu,
    /// Other programs kept `others_busy` of the `cpus` CPUs busy on average
    /// while the run went on (the whole machine's CPU time less the run's).
    Loaded {
        /// CPUs busy with other programs, on average.
        others_busy: f64,
        /// The machine's CPUs.
        cpus: usize,
    },
    /// Schema 1's rule, kept for the runs it flagged: the 1-minute load
    /// average passed a third of the CPUs (counting the run's own workers).
    LoadAverage {
        /// At the start.
        start: f64,
        /// At the end.
        end: f64,
        /// The machine's CPUs.
        cpus: usize,
    },
    /// One side's runs ranged over `spread` times (the slowest ÷ the fastest).
    Noisy {
        /// Whose runs.
        side: Side,
        /// The slowest ÷ the fastest.
        spread: f64,
    },
}

/// A table of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    /// The notebook's cells.
    Cell,
    /// The pool's cost per job.
    PoolJob,
    /// Σ i² for i < 10⁷ by workers, Python beside Rust.
    Cpu,
    /// The same at n = 10⁹, Rust alone.
    Scale,
    /// Σ i² as n grows, on all CPUs.
    CpuGrowth,
    /// 1,000 clients of the echo server.
    Io,
    /// 10 to 10,000 clients.
    IoGrowth,
}

/// A notebook cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cell {
    /// 1.3: two threads, `cpu_bound_task(10⁷)` each.
    Gil,
    /// 3.1: 1000 threads, one counter.
    Lock,
    /// 4.1: `ProcessPoolExecutor().map(square, range(100))`.
    Pool,
    /// 5.1: three 1 s sleeps.
    Asyncio,
}

/// How Σ i² is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// On one CPU.
    Sequential,
    /// A thread per worker.
    Threads,
    /// rayon (Rust alone).
    Rayon,
    /// A process pool.
    Pool,
}

/// How the echo server's clients run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Way {
    /// One after another.
    Sequential,
    /// Tasks on one thread (asyncio, tokio's current-thread runtime).
    Tasks,
    /// A thread per client.
    Threads,
}

/// What both sides of a row ran.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Work {
    /// A notebook cell, as a whole process.
    Cell {
        /// Which.
        cell: Cell,
    },
    /// One job submitted and awaited, `jobs` times, on one worker.
    PoolJob {
        /// How many.
        jobs: usize,
    },
    /// Σ i² for i < n, by `method` on `workers`.
    Sum {
        /// [`Group::Cpu`], [`Group::Scale`] or [`Group::CpuGrowth`].
        group: Group,
        /// How.
        method: Method,
        /// On how many workers.
        workers: usize,
        /// The n.
        n: u64,
    },
    /// `clients` clients of the echo server at once, each sending its bytes
    /// and reading them back.
    Clients {
        /// [`Group::Io`] or [`Group::IoGrowth`].
        group: Group,
        /// How.
        way: Way,
        /// How many.
        clients: usize,
    },
}

impl Group {
    /// The title of its table in the terminal.
    pub fn title(self) -> &'static str {
        match self {
            Group::Cell => "The notebook's cells, each a whole process",
            Group::PoolJob => "The pool's cost per job",
            Group::Cpu => "CPU-bound scaling: Σ i² for i < 10⁷ in 16 chunks, whole processes",
            Group::Scale => "CPU-bound scaling where the work dominates: Σ i² for i < 10⁹",
            Group::CpuGrowth => "CPU-bound growth: Σ i² for i < n on all CPUs, whole processes",
            Group::Io => "IO-bound clients of one echo server (2 ms think time), whole processes",
            Group::IoGrowth => {
                "IO-bound growth: clients of one echo server, wall time and peak RSS"
            }
        }
    }
}

/// A variant's id: its name in the JSON (`cpu-growth`, `threads`).
pub fn id(variant: impl Serialize) -> String {
    let value = serde_json::to_value(variant).unwrap_or_default();
    value.as_str().unwrap_or_default().to_string()
}

impl Work {
    /// `cell/gil`, `pool-job`, `cpu/threads/2`, `cpu-growth/pool/1000000`,
    /// `io-growth/tasks/10000`: selectors match it whole or by a leading part.
    pub fn id(&self) -> String {
        match *self {
            Work::Cell { cell } => format!("cell/{}", id(cell)),
            Work::PoolJob { .. } => "pool-job".into(),
            Work::Sum {
                group: Group::CpuGrowth,
                method,
                n,
                ..
            } => format!("cpu-growth/{}/{n}", id(method)),
            Work::Sum {
                group,
                method,
                workers,
                ..
            } => format!("{}/{}/{workers}", id(group), id(method)),
            Work::Clients {
                group,
                way,
                clients,
            } => format!("{}/{}/{clients}", id(group), id(way)),
        }
    }

    /// The table it belongs to.
    pub fn group(&self) -> Group {
        match *self {
            Work::Cell { .. } => Group::Cell,
            Work::PoolJob { .. } => Group::PoolJob,
            Work::Sum { group, .. } | Work::Clients { group, .. } => group,
        }
    }

    /// Its place on a curve: workers, n or clients.
    pub fn x(&self) -> Option<f64> {
        match *self {
            Work::Sum {
                group: Group::CpuGrowth,
                n,
                ..
            } => Some(n as f64),
            Work::Sum { workers, .. } => Some(workers as f64),
            Work::Clients { clients, .. } => Some(clients as f64),
            _ => None,
        }
    }

    /// What the ratio compares: `wall_s` (the whole process) or a value the
    /// process reported about itself (`per_job_s`).
    pub fn metric(&self) -> &'static str {
        match self {
            Work::PoolJob { .. } => "per_job_s",
            _ => "wall_s",
        }
    }

    /// The names of the Python side and the Rust side.
    pub fn names(&self) -> (&'static str, &'static str) {
        match *self {
            Work::Cell { .. } => ("CPython", "Rust"),
            Work::PoolJob { .. }
            | Work::Sum {
                method: Method::Pool,
                ..
            } => ("ProcessPoolExecutor", "ProcessPool"),
            Work::Sum { method, .. } => match method {
                Method::Sequential => ("sequential", "sequential"),
                Method::Rayon => ("", "rayon"),
                _ => ("threading", "std threads"),
            },
            Work::Clients { way, .. } => match way {
                Way::Sequential => ("one after another", "one after another"),
                Way::Tasks => ("asyncio", "tokio tasks"),
                Way::Threads => ("threading", "std threads"),
            },
        }
    }

    /// What the row measures, in `lang`.
    pub fn label(&self, lang: &dyn Language) -> String {
        match *self {
            Work::Cell { cell } => lang.text(match cell {
                Cell::Gil => "1.3 GIL: 2 threads, cpu_bound_task(10⁷) each",
                Cell::Lock => "3.1 Lock: 1000 threads, one counter",
                Cell::Pool => "4.1 ProcessPoolExecutor: squares of 0..100",
                Cell::Asyncio => "5.1 asyncio.run: three 1 s sleeps",
            }),
            Work::PoolJob { .. } => {
                lang.text("one job submitted and awaited, 1 worker (median of many)")
            }
            Work::Sum {
                group: Group::CpuGrowth,
                method,
                n,
                ..
            } => fill(
                &lang.text("{method}, n = {n}"),
                &[("method", &lang.text(&id(method))), ("n", &n)],
            ),
            Work::Sum {
                method, workers, ..
            } => fill(
                &lang.plural("{method}, {n} worker", "{method}, {n} workers", workers),
                &[("method", &lang.text(&id(method))), ("n", &workers)],
            ),
            Work::Clients { way, clients, .. } => fill(
                &lang.plural("{n} client, {way}", "{n} clients, {way}", clients),
                &[("n", &clients), ("way", &lang.text(&id(way)))],
            ),
        }
    }
}

impl Row {
    /// See [`Work::id`].
    pub fn id(&self) -> String {
        self.work.id()
    }

    /// One side.
    pub fn side(&self, side: Side) -> &Runs {
        match side {
            Side::Python => &self.python,
            Side::Rust => &self.rust,
        }
    }

    /// Whether `side`'s runs were flagged noisy.
    pub fn noisy(&self, side: Side) -> bool {
        let noisy = |f: &Flag| matches!(f, Flag::Noisy { side: s, .. } if *s == side);
        self.flags.iter().any(noisy)
    }
}

impl Document {
    /// Refuses a document of another schema or kind, or one with no rows.
    pub fn check(&self, wanted: Kind) -> Result<(), String> {
        check_header(self.schema, self.kind, wanted)?;
        match self.rows.is_empty() {
            true => Err("rows: empty, a run with nothing measured".into()),
            false => Ok(()),
        }
    }

    /// The row `id`, if this run has it.
    pub fn row(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.id() == id)
    }

    /// The rows of `group`, in order.
    pub fn group(&self, group: Group) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(move |r| r.work.group() == group)
    }
}

impl Flag {
    /// The flag, in `lang`; `work` names the sides of a row's flag.
    pub fn text(&self, work: Option<&Work>, lang: &dyn Language) -> String {
        match *self {
            Flag::OneCpu => lang.text("one CPU: no parallel row can show a speedup here"),
            Flag::Loaded { others_busy, cpus } => fill(
                &lang.plural(
                    "loaded: other programs kept {busy} CPUs busy on average during the run, \
                     of {n} CPU",
                    "loaded: other programs kept {busy} CPUs busy on average during the run, \
                     of {n} CPUs",
                    cpus,
                ),
                &[("busy", &format!("{others_busy:.2}")), ("n", &cpus)],
            ),
            Flag::LoadAverage { start, end, cpus } => fill(
                &lang.plural(
                    "loaded: the 1-minute load average was {start} at the start and {end} at \
                     the end, on {n} CPU",
                    "loaded: the 1-minute load average was {start} at the start and {end} at \
                     the end, on {n} CPUs",
                    cpus,
                ),
                &[
                    ("start", &format!("{start:.2}")),
                    ("end", &format!("{end:.2}")),
                    ("n", &cpus),
                ],
            ),
            Flag::Noisy { side, spread } => {
                let names = work.map_or(("Python", "Rust"), Work::names);
                let name = if side == Side::Python {
                    names.0
                } else {
                    names.1
                };
                fill(
                    &lang.text("noisy: {runs} ranged over {spread}"),
                    &[
                        ("runs", &lang.text(&format!("the {name} runs"))),
                        ("spread", &format!("{spread:.1}x")),
                    ],
                )
            }
        }
    }
}

/// Asks `lang` for every text of this schema, whatever the data: the
/// catalog's template then holds each one, and a translation that lacks one
/// fails before a run first shows it.
pub fn every_text(lang: &dyn Language) {
    let cells = [Cell::Gil, Cell::Lock, Cell::Pool, Cell::Asyncio].map(|cell| Work::Cell { cell });
    let methods = [
        Method::Sequential,
        Method::Threads,
        Method::Rayon,
        Method::Pool,
    ];
    let sums = methods.into_iter().flat_map(|method| {
        [Group::Cpu, Group::CpuGrowth].map(|group| Work::Sum {
            group,
            method,
            workers: 2,
            n: 1,
        })
    });
    let ways = [Way::Sequential, Way::Tasks, Way::Threads];
    let clients = ways.map(|way| Work::Clients {
        group: Group::Io,
        way,
        clients: 2,
    });
    let (cpus, spread) = (2, 2.0);
    let flags = [
        Flag::OneCpu,
        Flag::Loaded {
            others_busy: 1.0,
            cpus,
        },
        Flag::LoadAverage {
            start: 1.0,
            end: 1.0,
            cpus,
        },
        Flag::Noisy {
            side: Side::Python,
            spread,
        },
        Flag::Noisy {
            side: Side::Rust,
            spread,
        },
    ];
    let works = cells.into_iter().chain(sums).chain(clients);
    for work in works.chain([Work::PoolJob { jobs: 1 }]) {
        work.label(lang);
        for flag in &flags {
            let no_python = matches!(
                flag,
                Flag::Noisy {
                    side: Side::Python,
                    ..
                }
            ) && work.names().0.is_empty();
            if !no_python {
                flag.text(Some(&work), lang);
            }
        }
    }
    for (free_threaded, gil) in [(false, true), (true, false), (true, true)] {
        let version = String::new();
        Python {
            version,
            free_threaded,
            gil,
        }
        .name(lang);
    }
    lang.text("no Python");
    claims::every_text(lang);
}

/// The language a text is shown in: English as it is, or a translation
/// taken from a gettext catalog by its English msgid (`cargo xtask plots`).
pub trait Language {
    /// `msgid` in this language.
    fn text(&self, msgid: &str) -> String;
    /// The form of `one` (msgid) or `many` (msgid_plural) that the count `n` takes.
    fn plural(&self, one: &str, many: &str, n: usize) -> String;
}

/// English, the msgids themselves.
pub struct English;

impl Language for English {
    fn text(&self, msgid: &str) -> String {
        msgid.to_string()
    }

    fn plural(&self, one: &str, many: &str, n: usize) -> String {
        if n == 1 { one } else { many }.to_string()
    }
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), &value.to_string());
    }
    text
}

/// A ratio as a factor, to about three significant digits: `0.0312x`, `4.56x`, `135x`.
pub fn factor(x: f64) -> String {
    let decimals = match x.abs() {
        x if x >= 100.0 => 0,
        x if x >= 10.0 => 1,
        x if x >= 1.0 => 2,
        _ => 3,
    };
    format!("{x:.decimals$}x")
}
