//! The measured JSON (`docs/measured/*.json`): one schema, written by
//! `cargo run --release -- --compare --json` and `cargo xtask measure`, and
//! read back by `cargo xtask plots`.
//!
//! Every document starts with its [`SCHEMA`] version and its [`Kind`].
//! What a row measured is a [`Work`], and what may make a number misleading
//! is a [`Flag`]: variants, never English text to match. Every text a table
//! or a picture shows is built from those fields here, in English or in the
//! [`Language`] that renders it, each piece an English msgid of the
//! pictures' gettext catalog (`docs/po/pictures/`).
//!
//! A document read back is input, and [`Document::check`] (and the other
//! documents' `check`) refuse what cannot be a measurement, naming the field:
//! a time that is not a finite positive number, a median outside its range,
//! a document with no rows, another schema.

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
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    /// The middle value.
    pub median: f64,
    /// The smallest.
    pub min: f64,
    /// The largest.
    pub max: f64,
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
    /// How many connections the echo server accepted, if it ran.
    pub server_accepted: Option<u64>,
}

/// One row: what it measured, both sides, their paired ratio.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// What both sides ran.
    pub work: Work,
    /// Warm-up rounds run and thrown away.
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

/// One run: the wall time of the whole process, and what it reported about
/// itself (`measured key=value` lines: `per_job_s`, `peak_rss_bytes`, `correct`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// From spawning the process to reaping it, in seconds.
    pub wall_s: f64,
    /// What it reported.
    #[serde(flatten)]
    pub values: BTreeMap<String, f64>,
}

/// Why a side has no number, or stopped early.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Stop {
    /// The row has no Python counterpart (rayon).
    NoCounterpart,
    /// No Python interpreter: why (`python3 not found`).
    NoPython {
        /// What the search for one found.
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
    /// Other programs kept `others_busy` CPUs busy on average while the run
    /// went on (the CPU time of the whole machine less the run's own).
    Loaded {
        /// CPUs busy with other programs, on average.
        others_busy: f64,
        /// The machine's CPUs.
        cpus: usize,
    },
    /// Schema 1's rule, kept for the runs it flagged: the 1-minute load
    /// average passed a third of the CPUs. It counts the run's own workers.
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

/// A table of rows: its id in selectors, and its title.
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
    /// Σ i² for i < n.
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
    /// Clients of the echo server, each sending its bytes and reading them back.
    Clients {
        /// [`Group::Io`] or [`Group::IoGrowth`].
        group: Group,
        /// How.
        way: Way,
        /// How many at once.
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
            } => {
                let text = lang.plural("{method}, {n} worker", "{method}, {n} workers", workers);
                fill(
                    &text,
                    &[("method", &lang.text(&id(method))), ("n", &workers)],
                )
            }
            Work::Clients { way, clients, .. } => {
                let text = lang.plural("{n} client, {way}", "{n} clients, {way}", clients);
                fill(&text, &[("n", &clients), ("way", &lang.text(&id(way)))])
            }
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
                let runs = lang.text(&format!("the {name} runs"));
                fill(
                    &lang.text("noisy: {runs} ranged over {spread}"),
                    &[("runs", &runs), ("spread", &format!("{spread:.1}x"))],
                )
            }
        }
    }
}

/// Asks `lang` for every text of this schema, whatever the data: a
/// catalog's template then holds each one, and a translation that lacks one
/// fails before a run first shows it.
pub fn every_text(lang: &dyn Language) {
    use Method::*;
    let (g, cpus) = (Group::Cpu, 2);
    let mut works = vec![Work::PoolJob { jobs: 1 }];
    works
        .extend([Cell::Gil, Cell::Lock, Cell::Pool, Cell::Asyncio].map(|cell| Work::Cell { cell }));
    for (method, group) in [Sequential, Threads, Rayon, Pool]
        .iter()
        .zip([g, Group::CpuGrowth].iter().cycle())
    {
        let (method, group) = (*method, *group);
        works.push(Work::Sum {
            group,
            method,
            workers: 2,
            n: 1,
        });
    }
    let ways = [Way::Sequential, Way::Tasks, Way::Threads];
    works.extend(ways.map(|way| Work::Clients {
        group: Group::Io,
        way,
        clients: 2,
    }));
    let machine = [
        Flag::OneCpu,
        Flag::Loaded {
            others_busy: 1.0,
            cpus,
        },
    ];
    let noisy = [Side::Python, Side::Rust].map(|side| Flag::Noisy { side, spread: 2.0 });
    let legacy = Flag::LoadAverage {
        start: 1.0,
        end: 1.0,
        cpus,
    };
    for work in &works {
        work.label(lang);
        for flag in machine.iter().chain(&noisy).chain([&legacy]) {
            let python = matches!(
                flag,
                Flag::Noisy {
                    side: Side::Python,
                    ..
                }
            );
            if !(python && work.names().0.is_empty()) {
                flag.text(Some(work), lang);
            }
        }
    }
    for (free_threaded, gil) in [(false, true), (true, false), (true, true)] {
        Python {
            version: String::new(),
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

/// A field's path below `at`: `rows[2].python`.
fn path(at: &str, field: impl Display) -> String {
    let field = field.to_string();
    match (at.is_empty(), field.starts_with('[')) {
        (true, _) | (false, true) => format!("{at}{field}"),
        (false, false) => format!("{at}.{field}"),
    }
}

/// Fails unless `value` is a finite number above zero (or at least zero).
fn positive(at: &str, value: f64, zero_too: bool) -> Result<(), String> {
    let fine = value.is_finite() && (value > 0.0 || (zero_too && value == 0.0));
    let wanted = if zero_too { "at least" } else { "above" };
    fine.then_some(())
        .ok_or_else(|| format!("{at}: {value} is not a finite number {wanted} zero"))
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

impl Stats {
    /// Every value finite and above zero, the median within min..max.
    pub fn check(&self, at: &str) -> Result<(), String> {
        for (name, value) in [
            ("median", self.median),
            ("min", self.min),
            ("max", self.max),
        ] {
            positive(&path(at, name), value, false)?;
        }
        if !(self.min <= self.median && self.median <= self.max) {
            return Err(format!(
                "{at}: the median {} is outside min..max ({}..{})",
                self.median, self.min, self.max
            ));
        }
        Ok(())
    }
}

impl Document {
    /// Refuses what cannot be a measurement, naming its field.
    pub fn check(&self, wanted: Kind) -> Result<(), String> {
        check_header(self.schema, self.kind, wanted)?;
        self.machine.check("machine")?;
        if self.rows.is_empty() {
            return Err("rows: empty, a run with nothing measured".into());
        }
        for (i, row) in self.rows.iter().enumerate() {
            row.check(&format!("rows[{i}]"))?;
        }
        Ok(())
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

impl Row {
    fn check(&self, at: &str) -> Result<(), String> {
        if self.runs == 0 {
            return Err(format!("{}: no measured rounds", path(at, "runs")));
        }
        self.python.check(&path(at, "python"))?;
        self.rust.check(&path(at, "rust"))?;
        if let Some(ratio) = &self.ratio {
            ratio.check(&path(at, "ratio"))?;
        }
        for (i, flag) in self.flags.iter().enumerate() {
            if let Flag::Noisy { spread, .. } = flag {
                positive(&path(at, format!("flags[{i}].spread")), *spread, false)?;
            }
        }
        Ok(())
    }
}

impl Runs {
    fn check(&self, at: &str) -> Result<(), String> {
        for (i, sample) in self.samples.iter().enumerate() {
            let at = path(at, format!("samples[{i}]"));
            positive(&path(&at, "wall_s"), sample.wall_s, false)?;
            for (key, value) in &sample.values {
                positive(&path(&at, key), *value, true)?;
            }
        }
        match (&self.time, &self.stop) {
            (None, None) => Err(format!("{at}: neither a time nor why there is none")),
            (Some(_), Some(Stop::NoCounterpart | Stop::NoPython { .. } | Stop::TooSlow)) => {
                Err(format!("{at}: a time for a side that did not run"))
            }
            _ => Ok(()),
        }?;
        if let Some(time) = &self.time {
            time.check(&path(at, "time"))?;
        }
        if let Some(rss) = &self.peak_rss {
            rss.check(&path(at, "peak_rss"))?;
        }
        Ok(())
    }
}
