//! One run of one side: a whole process, timed from its start to its exit,
//! whose output must prove that it did the work.
//!
//! Both sides speak the same small protocol on stdout: a line
//! `measured key=value ...` reports what the process measured inside itself
//! (a per-job time, its peak RSS), and a line `capped: <why>` says that a
//! limit of the machine stopped it from running the workload at all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::process::{self, Ending};
use tour::measured::{Sample, Stop};

/// What a run's output must show for its time to count.
#[derive(Debug, Clone)]
pub enum Check {
    /// Every one of these strings, somewhere in stdout (as many times as listed).
    Contains(Vec<String>),
    /// A line `sum=<value>` with exactly this value.
    Sum(u128),
    /// `measured correct=<n>`: every one of `n` clients got its bytes back.
    Correct(usize),
    /// `measured <key>=...`: the value the comparison uses.
    Reports(&'static str),
}

/// A command that runs one side once.
#[derive(Debug, Clone)]
pub struct Probe {
    /// The program: the Python interpreter, or this very binary.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<String>,
    /// What proves the run did its work.
    pub check: Check,
}

impl Probe {
    /// The command as a learner would type it from the workspace root.
    pub fn shown(&self) -> String {
        let program = self.program.file_name().unwrap_or_default();
        let mut shown = program.to_string_lossy().into_owned();
        for arg in &self.args {
            shown.push(' ');
            shown.push_str(arg);
        }
        shown
    }

    /// Runs the command in `root` (killed with everything it started after
    /// `limit`, or when we are stopped) and checks its output.
    pub fn run(&self, root: &Path, limit: Duration) -> Result<Sample, Stop> {
        let mut command = Command::new(&self.program);
        command.args(&self.args).current_dir(root);
        let run = process::run(command, limit)
            .map_err(|e| failed(format!("cannot start {}: {e}", self.shown())))?;
        if let Ending::TimedOut(_) = run.ending {
            return Err(failed(format!("{} ran over {limit:?}", self.shown())));
        }
        if let Some(why) = run.stdout.lines().find_map(|l| l.strip_prefix("capped: ")) {
            let limit = why.split(' ').next().unwrap_or(why).to_string();
            let why = why.to_string();
            return Err(Stop::Capped { limit, why });
        }
        if !run.success() {
            let tail: Vec<&str> = run.stderr.lines().rev().take(5).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            let shown = self.shown();
            return Err(failed(format!(
                "{shown} {}: {}",
                run.ending,
                tail.join(" / ")
            )));
        }
        let values = reported(&run.stdout);
        self.verify(&run.stdout, &values)
            .map_err(|why| failed(format!("{}: {why}", self.shown())))?;
        let wall_s = run.elapsed.as_secs_f64();
        Ok(Sample { wall_s, values })
    }

    /// Whether the output proves the work was done.
    fn verify(&self, stdout: &str, values: &BTreeMap<String, f64>) -> Result<(), String> {
        match &self.check {
            Check::Contains(needles) => {
                // A needle listed twice must be there twice (the GIL cell's two results).
                let short = |n: &&String| {
                    let wanted = needles.iter().filter(|m| m == n).count();
                    stdout.matches(n.as_str()).count() < wanted
                };
                match needles.iter().find(short) {
                    Some(missing) => Err(format!("its output lacks {missing:?}")),
                    None => Ok(()),
                }
            }
            Check::Sum(expected) => {
                let sum = stdout.lines().find_map(|l| l.strip_prefix("sum="));
                match sum.map(str::trim) {
                    Some(sum) if sum == expected.to_string() => Ok(()),
                    Some(sum) => Err(format!("it computed {sum}, not {expected}")),
                    None => Err("it printed no sum= line".into()),
                }
            }
            Check::Correct(clients) => match values.get("correct") {
                Some(&n) if n == *clients as f64 => Ok(()),
                Some(n) => Err(format!("{n} of {clients} clients got their bytes back")),
                None => Err("it printed no correct= count".into()),
            },
            Check::Reports(key) => match values.get(*key) {
                Some(v) if v.is_finite() && *v > 0.0 => Ok(()),
                _ => Err(format!("it reported no {key}")),
            },
        }
    }
}

fn failed(why: String) -> Stop {
    Stop::Failed { why }
}

/// The `measured key=value` pairs of an output; values that are no number are left out.
pub fn reported(stdout: &str) -> BTreeMap<String, f64> {
    let lines = stdout.lines().filter_map(|l| l.strip_prefix("measured "));
    let pairs = lines.flat_map(|l| l.split_whitespace());
    pairs
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            Some((key.to_string(), value.parse().ok()?))
        })
        .collect()
}
