//! The lessons' claims, checked against the rows of a run whenever they are
//! shown (by `--compare`, and by `cargo xtask plots` from the committed
//! JSON), so a verdict is always the data's.
//!
//! A claim holds or is contradicted only when the rows it rests on are
//! clean: a row flagged noisy leaves it not decided, and so does one CPU for
//! a claim about running in parallel, and a loaded machine for a claim the
//! run contradicted (other programs can slow a parallel run, never speed it
//! up). It is never left out.

use super::{Document, Group, Language, Side, fill};

/// A claim the lessons make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimId {
    /// Rust threads on 2 workers, about twice as fast as one.
    RustThreadsScale,
    /// CPython's threads on 2 workers, no faster than one.
    PythonThreadsDoNotScale,
    /// CPython's processes run in parallel.
    PythonProcessesScale,
    /// In Rust, the process pool is no faster than threads or rayon.
    RustThreadsNotProcesses,
    /// Rust's tasks and threads overlap IO waits.
    RustIoOverlaps,
    /// CPython's asyncio and threads overlap IO waits.
    PythonIoOverlaps,
    /// 1000 Rust threads take more memory than 1000 tasks.
    RustThreadsMoreMemory,
    /// The same at 10,000.
    RustThreadsMoreMemory10000,
}

/// What a run says about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The run bears it out.
    Holds,
    /// The run contradicts it, on a clean machine.
    Contradicted,
    /// The run cannot decide it.
    NotDecided(Undecided),
    /// The run did not measure its rows.
    NotMeasured,
}

/// Why a run cannot decide a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undecided {
    /// A row it rests on was flagged noisy.
    Noisy,
    /// It is about running in parallel, on one CPU.
    OneCpu,
    /// The run contradicted it while other programs had the CPUs.
    Loaded,
    /// A speedup above what 2 CPUs can give: the sequential baseline was slowed.
    BeyondCpus,
}

/// A claim, as one run bears it out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Claim {
    /// Which.
    pub id: ClaimId,
    /// What the run says.
    pub verdict: Verdict,
    /// The number behind it (a speedup, a share, a ratio of memory).
    pub value: f64,
    /// The rows it read, for the claims that read `cpu` or `scale` rows.
    pub group: Group,
    /// The workers it compared at.
    pub workers: usize,
}

/// A claim's rule: whether it is about running in parallel, the rows and
/// sides it reads (`true`: their peak RSS, not their time), and its number
/// from their medians.
type Rule = (ClaimId, bool, Vec<(String, Side, bool)>, fn(&[f64]) -> f64);

/// Every claim, checked against `doc`.
pub fn check(doc: &Document) -> Vec<Claim> {
    let cpus = doc.machine.cpus;
    let has = |id: &str| doc.row(id).is_some_and(|r| r.rust.time.is_some());
    // At n = 10⁹ where the run measured it, else at the notebook's 10⁷.
    let group = if has("scale/threads/2") {
        Group::Scale
    } else {
        Group::Cpu
    };
    let g = group.id();
    let ratio: fn(&[f64]) -> f64 = |v| v[0] / v[1];
    let (py, rs) = (Side::Python, Side::Rust);
    let io = |side| {
        let ids = ["io/tasks/1000", "io/threads/1000", "io/sequential/1000"];
        ids.map(|id| (id.to_string(), side, false)).to_vec()
    };
    let slower_share: fn(&[f64]) -> f64 = |v| v[0].max(v[1]) / v[2];
    let rules: [Rule; 8] = [
        (
            ClaimId::RustThreadsScale,
            true,
            vec![
                (format!("{g}/sequential/1"), rs, false),
                (format!("{g}/threads/2"), rs, false),
            ],
            ratio,
        ),
        (
            ClaimId::PythonThreadsDoNotScale,
            false,
            vec![
                ("cpu/sequential/1".into(), py, false),
                ("cpu/threads/2".into(), py, false),
            ],
            ratio,
        ),
        (
            ClaimId::PythonProcessesScale,
            true,
            vec![
                ("cpu/sequential/1".into(), py, false),
                ("cpu/pool/2".into(), py, false),
            ],
            ratio,
        ),
        (
            ClaimId::RustThreadsNotProcesses,
            false,
            ["pool", "threads", "rayon"]
                .map(|m| (format!("{g}/{m}/{cpus}"), rs, false))
                .to_vec(),
            |v| v[0] / v[1].min(v[2]),
        ),
        (ClaimId::RustIoOverlaps, false, io(rs), slower_share),
        (ClaimId::PythonIoOverlaps, false, io(py), slower_share),
        (
            ClaimId::RustThreadsMoreMemory,
            false,
            vec![
                ("io/threads/1000".into(), rs, true),
                ("io/tasks/1000".into(), rs, true),
            ],
            ratio,
        ),
        (
            ClaimId::RustThreadsMoreMemory10000,
            false,
            ["threads", "tasks"]
                .map(|w| (format!("io-growth/{w}/10000"), rs, true))
                .to_vec(),
            ratio,
        ),
    ];
    rules
        .into_iter()
        .map(|(id, parallel, parts, value)| {
            let medians: Option<Vec<f64>> = parts
                .iter()
                .map(|(row, side, memory)| {
                    let runs = doc.row(row)?.side(*side);
                    Some(if *memory { runs.peak_rss } else { runs.time }?.median)
                })
                .collect();
            let noisy = parts
                .iter()
                .any(|(row, side, _)| doc.row(row).is_some_and(|r| r.noisy(*side)));
            let value = medians.as_deref().map_or(0.0, value);
            let verdict = match medians {
                None => Verdict::NotMeasured,
                Some(_) if parallel && cpus < 2 => Verdict::NotDecided(Undecided::OneCpu),
                Some(_) if noisy => Verdict::NotDecided(Undecided::Noisy),
                Some(_) if id == ClaimId::RustThreadsScale && value > 2.2 => {
                    Verdict::NotDecided(Undecided::BeyondCpus)
                }
                Some(_) if id.holds(value) => Verdict::Holds,
                Some(_) if doc.machine.loaded() => Verdict::NotDecided(Undecided::Loaded),
                Some(_) => Verdict::Contradicted,
            };
            Claim {
                id,
                verdict,
                value,
                group,
                workers: cpus,
            }
        })
        .collect()
}

/// Asks `lang` for every claim's texts, with every verdict.
pub(super) fn every_text(lang: &dyn Language) {
    use Undecided::*;
    let verdicts = [Noisy, OneCpu, Loaded, BeyondCpus].map(Verdict::NotDecided);
    let verdicts = [Verdict::Holds, Verdict::Contradicted, Verdict::NotMeasured]
        .into_iter()
        .chain(verdicts);
    for (id, verdict) in ClaimId::ALL.into_iter().zip(verdicts.cycle()) {
        let claim = Claim {
            id,
            verdict,
            value: 1.0,
            group: Group::Cpu,
            workers: 2,
        };
        claim.id.text(lang);
        claim.detail(lang);
        claim.verdict_text(lang);
    }
}

impl ClaimId {
    /// Every claim.
    pub const ALL: [ClaimId; 8] = [
        ClaimId::RustThreadsScale,
        ClaimId::PythonThreadsDoNotScale,
        ClaimId::PythonProcessesScale,
        ClaimId::RustThreadsNotProcesses,
        ClaimId::RustIoOverlaps,
        ClaimId::PythonIoOverlaps,
        ClaimId::RustThreadsMoreMemory,
        ClaimId::RustThreadsMoreMemory10000,
    ];

    fn holds(self, v: f64) -> bool {
        match self {
            ClaimId::RustThreadsScale => v >= 1.5,
            ClaimId::PythonThreadsDoNotScale => v <= 1.25,
            ClaimId::PythonProcessesScale => v >= 1.4,
            ClaimId::RustThreadsNotProcesses => v >= 0.9,
            ClaimId::RustIoOverlaps | ClaimId::PythonIoOverlaps => v < 0.5,
            ClaimId::RustThreadsMoreMemory | ClaimId::RustThreadsMoreMemory10000 => v > 1.0,
        }
    }

    /// The claim, as the lessons make it.
    pub fn text(self, lang: &dyn Language) -> String {
        lang.text(match self {
            ClaimId::RustThreadsScale => {
                "No GIL: Rust threads on 2 workers are about twice as fast as one"
            }
            ClaimId::PythonThreadsDoNotScale => {
                "The GIL: CPython's threads on 2 workers are no faster than one"
            }
            ClaimId::PythonProcessesScale => "CPython's processes do run in parallel",
            ClaimId::RustThreadsNotProcesses => {
                "CPU-bound work in Rust: threads or rayon, not processes (the pool is no faster)"
            }
            ClaimId::RustIoOverlaps => {
                "IO-bound, Rust: tasks and threads overlap the waits (under half the \
                 sequential time)"
            }
            ClaimId::PythonIoOverlaps => {
                "IO-bound, CPython: asyncio and threads overlap the waits (under half the \
                 sequential time)"
            }
            ClaimId::RustThreadsMoreMemory => "1000 Rust threads take more memory than 1000 tasks",
            ClaimId::RustThreadsMoreMemory10000 => {
                "10,000 Rust threads take more memory than 10,000 tasks"
            }
        })
    }
}

impl Claim {
    /// The numbers behind the verdict, in `lang`.
    pub fn detail(&self, lang: &dyn Language) -> String {
        let x = format!("{:.2}x", self.value);
        let rows = self.group.id();
        match self.id {
            ClaimId::RustThreadsScale => fill(
                &lang.text("speedup {x} on 2 threads ({rows} rows)"),
                &[("x", &x), ("rows", &rows)],
            ),
            ClaimId::PythonThreadsDoNotScale => {
                fill(&lang.text("speedup {x} on 2 threads"), &[("x", &x)])
            }
            ClaimId::PythonProcessesScale => {
                fill(&lang.text("speedup {x} on 2 processes"), &[("x", &x)])
            }
            ClaimId::RustThreadsNotProcesses => fill(
                &lang.plural(
                    "on {n} worker the pool took {x} the time of the faster of threads and \
                     rayon ({rows} rows)",
                    "on {n} workers the pool took {x} the time of the faster of threads and \
                     rayon ({rows} rows)",
                    self.workers,
                ),
                &[("n", &self.workers), ("x", &x), ("rows", &rows)],
            ),
            ClaimId::RustIoOverlaps | ClaimId::PythonIoOverlaps => fill(
                &lang.text("{name}: the slower of the two took {percent}% of one after another"),
                &[
                    (
                        "name",
                        &if self.id == ClaimId::RustIoOverlaps {
                            "Rust"
                        } else {
                            "CPython"
                        },
                    ),
                    ("percent", &format!("{:.0}", 100.0 * self.value)),
                ],
            ),
            ClaimId::RustThreadsMoreMemory | ClaimId::RustThreadsMoreMemory10000 => fill(
                &lang.text("peak RSS of the threads: {x} the tasks'"),
                &[("x", &format!("{:.1}x", self.value))],
            ),
        }
    }

    /// `holds`, `**contradicted**` (bold in Markdown), `not decided: why`.
    pub fn verdict_text(&self, lang: &dyn Language) -> String {
        let why = match self.verdict {
            Verdict::Holds => return lang.text("holds"),
            Verdict::Contradicted => return lang.text("**contradicted**"),
            Verdict::NotMeasured => return lang.text("not measured"),
            Verdict::NotDecided(why) => why,
        };
        let why = lang.text(match why {
            Undecided::Noisy => "a row it rests on is noisy",
            Undecided::OneCpu => "one CPU",
            Undecided::Loaded => "the machine was loaded",
            Undecided::BeyondCpus => {
                "more than 2 CPUs can give, so the sequential baseline was slowed"
            }
        });
        fill(&lang.text("not decided: {why}"), &[("why", &why)])
    }
}
