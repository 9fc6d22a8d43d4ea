//! One run of one side: a whole process, timed from its start to its exit,
//! whose output must prove that it did the work. Both sides print the same
//! small protocol: `measured key=value ...` for what the process measured
//! inside itself (a per-job time, its peak RSS), and `capped: <limit> ...`
//! when a limit of the machine kept it from running the workload at all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::process::{self, Ending};
use tour::measured::{Sample, Stop};

/// What a run's output must show for its time to count.
#[derive(Debug, Clone)]
pub enum Check {
    /// Each of these, somewhere in stdout, as many times as listed.
    Contains(Vec<String>),
    /// `measured <key>=<value>`: this value, or when `None` any above zero.
    Reports(&'static str, Option<f64>),
}

/// A command that runs one side once.
#[derive(Debug, Clone)]
pub struct Probe {
    /// The Python interpreter, or this very binary.
    pub program: PathBuf,
    pub args: Vec<String>,
    pub check: Check,
}

impl Probe {
    /// The command as a learner would type it from the workspace root.
    pub fn shown(&self) -> String {
        let program = self.program.file_name().unwrap_or_default();
        let words = [program.to_string_lossy().into_owned()].into_iter();
        words
            .chain(self.args.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Runs the command in `root` (killed with everything it started after
    /// `limit`, or when we are stopped) and checks its output.
    pub fn run(&self, root: &Path, limit: Duration) -> Result<Sample, Stop> {
        let failed = |why: String| Stop::Failed {
            why: format!("{}: {why}", self.shown()),
        };
        let mut command = Command::new(&self.program);
        command.args(&self.args).current_dir(root);
        let run =
            process::run(command, limit).map_err(|e| failed(format!("cannot start it: {e}")))?;
        if let Ending::TimedOut(_) = run.ending {
            return Err(failed(format!("ran over {limit:?}")));
        }
        if let Some(why) = run.stdout.lines().find_map(|l| l.strip_prefix("capped: ")) {
            let limit = why.split(' ').next().unwrap_or(why).to_string();
            let why = why.to_string();
            return Err(Stop::Capped { limit, why });
        }
        if !run.success() {
            let lines: Vec<&str> = run.stderr.lines().collect();
            let tail = lines[lines.len().saturating_sub(5)..].join(" / ");
            return Err(failed(format!("{}: {tail}", run.ending)));
        }
        let values = reported(&run.stdout);
        self.verify(&run.stdout, &values).map_err(failed)?;
        let wall_s = run.elapsed.as_secs_f64();
        Ok(Sample { wall_s, values })
    }

    /// Whether the output proves the work was done.
    fn verify(&self, stdout: &str, values: &BTreeMap<String, f64>) -> Result<(), String> {
        match &self.check {
            Check::Contains(needles) => {
                // A needle listed twice must be there twice (the GIL cell's two results).
                let short = |n: &&String| {
                    stdout.matches(n.as_str()).count() < needles.iter().filter(|m| m == n).count()
                };
                match needles.iter().find(short) {
                    Some(missing) => Err(format!("its output lacks {missing:?}")),
                    None => Ok(()),
                }
            }
            Check::Reports(key, wanted) => match (values.get(*key), wanted) {
                (Some(v), Some(w)) if v != w => Err(format!("it reported {key}={v}, not {w}")),
                (Some(v), _) if v.is_finite() && *v > 0.0 => Ok(()),
                _ => Err(format!("it reported no {key}")),
            },
        }
    }
}

/// The `measured key=value` pairs of an output; values that are no number are left out.
fn reported(stdout: &str) -> BTreeMap<String, f64> {
    let lines = stdout.lines().filter_map(|l| l.strip_prefix("measured "));
    let pairs = lines.flat_map(str::split_whitespace);
    let pair = |p: &str| {
        let (key, value) = p.split_once('=')?;
        Some((key.to_string(), value.parse().ok()?))
    };
    pairs.filter_map(pair).collect()
}
