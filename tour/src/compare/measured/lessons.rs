//! What two section 1 examples printed (`lessons.json`), the GIL rows on
//! several interpreters (`interpreters.json`), and criterion's results of
//! the benches (`benches.json`).

use serde::{Deserialize, Serialize};

use super::{Document, Kind, Machine, Stats, check_header};

/// `lessons.json`: the figures `cargo xtask measure` reads from the output
/// of the 1.2 and 1.3 examples.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lessons {
    /// [`super::SCHEMA`].
    pub schema: u32,
    /// [`Kind::Lessons`].
    pub kind: Kind,
    /// Whose numbers these are.
    pub machine: Machine,
    /// 1.2: the heartbeat beside a task without await, then with `yield_now`.
    pub heartbeat: [Heartbeat; 2],
    /// 1.3: the Gil model's speedups by thread count.
    pub gil_simulated: GilSimulated,
}

/// 1.2: a heartbeat every 10 ms beside a busy task.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heartbeat {
    /// The gaps between beats, in ms.
    pub gaps_ms: Vec<u64>,
    /// The beats during the busy stretch.
    pub beats_while_busy: u64,
}

/// 1.3: speedup and CPUs busy by thread count, in the two tables of `gil_simulated`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GilSimulated {
    /// CPU-bound, without the Gil model.
    pub cpu_no_gil: Vec<Speedup>,
    /// CPU-bound, under it.
    pub cpu_with_gil: Vec<Speedup>,
}

/// One row of a `gil_simulated` table.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speedup {
    /// How many threads.
    pub threads: u64,
    /// Over 1 thread.
    pub speedup: f64,
    /// CPUs busy at once, on average.
    pub cpus_busy: f64,
}

/// `interpreters.json`: the GIL cell and the CPU-bound rows, run once per
/// Python interpreter (CPython with the GIL, a free-threaded one without).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interpreters {
    /// [`super::SCHEMA`].
    pub schema: u32,
    /// [`Kind::Interpreters`].
    pub kind: Kind,
    /// One `--compare` run per interpreter, its `machine.python` naming it.
    pub runs: Vec<Document>,
}

impl Interpreters {
    /// Refuses what cannot be a measurement, naming its field.
    pub fn check(&self) -> Result<(), String> {
        check_header(self.schema, self.kind, Kind::Interpreters)?;
        if self.runs.is_empty() {
            return Err("runs: empty".into());
        }
        for (i, run) in self.runs.iter().enumerate() {
            run.check(Kind::Compare)
                .map_err(|e| format!("runs[{i}].{e}"))?;
            if run.machine.python.is_none() {
                return Err(format!("runs[{i}].machine.python: no interpreter"));
            }
        }
        Ok(())
    }
}

/// `benches.json`: criterion's estimates of the benches' functions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benches {
    /// [`super::SCHEMA`].
    pub schema: u32,
    /// [`Kind::Benches`].
    pub kind: Kind,
    /// The command that ran them.
    pub command: String,
    /// Whose numbers these are.
    pub machine: Machine,
    /// Each function's time per iteration.
    pub results: Vec<Bench>,
}

/// One bench function's time per iteration.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bench {
    /// Criterion's id: `group/function`.
    pub id: String,
    /// The median's estimate and its 95% confidence interval, in seconds.
    pub time: Stats,
}

impl Benches {
    /// The median time of bench `id`, if it ran.
    pub fn median(&self, id: &str) -> Option<f64> {
        Some(self.results.iter().find(|b| b.id == id)?.time.median)
    }
}
