//! Whose numbers these are: the machine, the toolchains, and how busy other
//! programs kept it while the run went on.

use std::process::{Command, Stdio};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::{Flag, Language, fill};

/// The machine a run measured.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Machine {
    /// `model name` from `/proc/cpuinfo`.
    pub cpu: String,
    /// The CPUs this process may use.
    pub cpus: usize,
    /// `Linux <release>`.
    pub kernel: String,
    /// `rustc --version`.
    pub rustc: String,
    /// The Python interpreter the run compared with, if there was one.
    pub python: Option<Python>,
    /// When the run started, UTC.
    pub date: String,
    /// `/proc/loadavg` (1, 5 and 15 minutes) when the run started.
    pub load_at_start: [f64; 3],
    /// The same when it ended.
    pub load_at_end: [f64; 3],
    /// The CPUs other programs kept busy on average during the run (`null`
    /// in runs measured before it was recorded).
    pub others_busy: Option<f64>,
    /// The open-file limits the run had (soft, hard).
    pub open_files: [u64; 2],
    /// What about the machine may make a result misleading.
    pub flags: Vec<Flag>,
}

/// A Python interpreter, as it describes itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Python {
    /// `3.11.7`, `3.14.0`.
    pub version: String,
    /// A free-threaded build (`Py_GIL_DISABLED`, PEP 703): the GIL can be off.
    pub free_threaded: bool,
    /// `sys._is_gil_enabled()` (always true before 3.13).
    pub gil: bool,
}

impl Python {
    /// `Python 3.11.7`, `Python 3.14.0 free-threaded, no GIL`, in `lang`.
    pub fn name(&self, lang: &dyn Language) -> String {
        let version = &self.version;
        match (self.free_threaded, self.gil) {
            (false, _) => format!("Python {version}"),
            (true, false) => fill(
                &lang.text("Python {version} free-threaded, no GIL"),
                &[("version", version)],
            ),
            (true, true) => fill(
                &lang.text("Python {version} free-threaded, GIL on"),
                &[("version", version)],
            ),
        }
    }
}

impl Machine {
    /// Describes this machine now; [`Meter::finish`] adds the load at the end.
    pub fn describe(python: Option<Python>) -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
            .map_or("unknown CPU", |(_, model)| model.trim());
        let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
        #[cfg(unix)]
        let open_files = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_NOFILE)
            .map_or([0, 0], |(s, h)| [s, h]);
        #[cfg(not(unix))]
        let open_files = [0, 0];
        Machine {
            cpu: cpu.to_string(),
            cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
            kernel: format!("Linux {}", kernel.trim()),
            rustc: first_line("rustc", &["--version"]).unwrap_or_else(|| "rustc unknown".into()),
            python,
            date: first_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"])
                .unwrap_or_else(|| "unknown date".into()),
            load_at_start: load_average(),
            load_at_end: load_average(),
            others_busy: None,
            open_files,
            flags: Vec::new(),
        }
    }

    /// The caption line: `AMD EPYC, 2 CPUs, Linux 6.1, rustc 1.95.0, Python 3.11.7, <date>`
    /// (the Python interpreter where the run had one).
    pub fn caption(&self, lang: &dyn Language) -> String {
        let rustc: Vec<&str> = self.rustc.split(' ').take(2).collect();
        let python = self.python.as_ref();
        let python = python.map_or(String::new(), |p| format!(", {}", p.name(lang)));
        let cpus = lang.plural("{n} CPU", "{n} CPUs", self.cpus);
        format!(
            "{}, {}, {}, {}{python}, {}",
            self.cpu,
            fill(&cpus, &[("n", &self.cpus)]),
            self.kernel,
            rustc.join(" "),
            self.date
        )
    }

    /// Whether a flag says other programs had the CPUs.
    pub fn loaded(&self) -> bool {
        let loaded = |f: &Flag| matches!(f, Flag::Loaded { .. } | Flag::LoadAverage { .. });
        self.flags.iter().any(loaded)
    }
}

/// What the whole machine and this process (with the children it reaped)
/// spent on the CPUs since [`Meter::start`]: the difference is what other
/// programs took. (The load average would count this run's own workers.)
pub struct Meter {
    started: Instant,
    machine: Option<f64>,
    ours: f64,
}

/// A run is flagged as loaded when other programs kept more than this share
/// of the machine's CPUs busy: the parallel rows could not have all of them.
pub const LOADED_SHARE: f64 = 0.1;

impl Meter {
    /// Starts measuring.
    pub fn start() -> Meter {
        Meter {
            started: Instant::now(),
            machine: machine_busy_s(),
            ours: our_cpu_s(),
        }
    }

    /// Notes the load at the end in `machine`, and flags one CPU, or other
    /// programs keeping more than [`LOADED_SHARE`] of the CPUs busy.
    pub fn finish(&self, machine: &mut Machine) {
        machine.load_at_end = load_average();
        let wall = self.started.elapsed().as_secs_f64();
        let others = machine_busy_s()
            .zip(self.machine)
            .map(|(now, then)| ((now - then) - (our_cpu_s() - self.ours)).max(0.0) / wall);
        machine.others_busy = others.map(|o| (o * 100.0).round() / 100.0);
        if machine.cpus == 1 {
            machine.flags.push(Flag::OneCpu);
        }
        if let Some(others_busy) = machine.others_busy
            && others_busy > LOADED_SHARE * machine.cpus as f64
        {
            let cpus = machine.cpus;
            machine.flags.push(Flag::Loaded { others_busy, cpus });
        }
    }
}

/// CPU seconds all CPUs spent busy since boot (`/proc/stat`, in the kernel's
/// USER_HZ ticks, 100 a second on Linux).
fn machine_busy_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?.strip_prefix("cpu ")?;
    let ticks: Vec<f64> = line
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal: all but idle and iowait.
    let busy = ticks
        .iter()
        .take(8)
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 4);
    Some(busy.map(|(_, t)| t).sum::<f64>() / 100.0)
}

/// CPU seconds this process and its reaped children have used (measured
/// on Unix, where the comparison runs).
fn our_cpu_s() -> f64 {
    #[cfg(unix)]
    {
        use nix::sys::resource::{UsageWho, getrusage};
        let seconds = |who| {
            getrusage(who).map_or(0.0, |u| {
                let s = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
                s(u.user_time()) + s(u.system_time())
            })
        };
        seconds(UsageWho::RUSAGE_SELF) + seconds(UsageWho::RUSAGE_CHILDREN)
    }
    #[cfg(not(unix))]
    0.0
}

/// `/proc/loadavg`'s three averages (zeros where it cannot be read).
fn load_average() -> [f64; 3] {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut numbers = text.split(' ').map(|n| n.parse().unwrap_or(0.0));
    [(); 3].map(|()| numbers.next().unwrap_or(0.0))
}

/// The first line a command prints, if it runs.
fn first_line(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    Some(text.lines().next()?.trim().to_string()).filter(|l| !l.is_empty())
}
