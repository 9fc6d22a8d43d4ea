//! Whose numbers these are: the machine, the toolchains, the load, and the
//! Python interpreter the comparison runs (if there is one).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use nix::sys::resource::{Resource, getrlimit, setrlimit};
use serde::Serialize;

/// The environment variable naming the Python interpreter to compare with
/// (a path, or a name looked up on `PATH`); `python3` when unset.
pub const PYTHON_ENV: &str = "COURSE_PYTHON";

/// The oldest Python whose originals run here (`io_bound.py` uses `:=`).
const OLDEST_PYTHON: (u32, u32) = (3, 8);

/// A Python interpreter that answered `--version`.
#[derive(Debug, Clone)]
pub struct Python {
    /// What to run.
    pub program: PathBuf,
    /// Its answer to `--version`, e.g. `Python 3.11.7`.
    pub version: String,
}

/// The interpreter to compare with, or why there is none: `$COURSE_PYTHON`
/// or `python3`, found on `PATH`, answering `--version` with 3.8 or newer.
pub fn find_python() -> Result<Python, String> {
    let wanted: OsString = std::env::var_os(PYTHON_ENV).unwrap_or_else(|| "python3".into());
    let named = Path::new(&wanted);
    let program = if named.components().count() > 1 {
        Some(named.to_path_buf()).filter(|p| p.is_file())
    } else {
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|dir| dir.join(named))
            .find(|p| p.is_file())
    };
    let shown = named.display();
    let program = program.ok_or_else(|| format!("{shown} not found"))?;
    let output = Command::new(&program)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{shown} cannot run: {e}"))?;
    // Python 2 printed its version to stderr.
    let text = String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
    let version = text.trim().to_string();
    let number = version.strip_prefix("Python ").unwrap_or("");
    let mut parts = number.split(['.', ' ', '+']).map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) if (major, minor) >= OLDEST_PYTHON => Ok(Python {
            program: real_executable(&program).unwrap_or(program),
            version,
        }),
        _ => Err(format!(
            "{shown} answered {version:?} to --version, not Python {}.{} or newer",
            OLDEST_PYTHON.0, OLDEST_PYTHON.1
        )),
    }
}

/// The interpreter itself, as it names itself (`sys.executable`): a version
/// manager's shim (pyenv's `python3` is a shell script) would add its own
/// start-up, about a tenth of a second, to every timed run.
fn real_executable(program: &Path) -> Option<PathBuf> {
    let output = Command::new(program)
        .args(["-c", "import sys; print(sys.executable)"])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8(output.stdout).ok()?.trim());
    path.is_file().then_some(path)
}

/// The machine a run measured, as the JSON and the pictures' captions say it.
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    /// `model name` from `/proc/cpuinfo`.
    pub cpu: String,
    /// The CPUs this process may use.
    pub cpus: usize,
    /// `Linux <release>`.
    pub kernel: String,
    /// `rustc --version`.
    pub rustc: String,
    /// The Python interpreter's `--version`, or `null` when there was none.
    pub python: Option<String>,
    /// When the run started, UTC.
    pub date: String,
    /// `/proc/loadavg` (1, 5 and 15 minutes) when the run started.
    pub load_at_start: [f64; 3],
    /// The same when it ended.
    pub load_at_end: [f64; 3],
    /// The open-file limits the run had (soft, hard), after raising the soft one.
    pub open_files: [u64; 2],
    /// What about the machine may make a result misleading.
    pub flags: Vec<String>,
}

impl Machine {
    /// The caption line: `AMD EPYC, 2 CPUs, Linux 6.1, rustc 1.95.0, Python 3.11.7`.
    pub fn caption(&self) -> String {
        let rustc = self.rustc.split(' ').take(2).collect::<Vec<_>>().join(" ");
        let python = self.python.as_deref().unwrap_or("no Python");
        format!(
            "{}, {} CPUs, {}, {rustc}, {python}, {}",
            self.cpu, self.cpus, self.kernel, self.date
        )
    }

    /// Notes the load at the end, and flags a machine that was busy or has
    /// one CPU: the results are shown all the same, with the flag beside them.
    pub fn finish(&mut self) {
        self.load_at_end = load_average();
        let busiest = self.load_at_start[0].max(self.load_at_end[0]);
        if self.cpus == 1 {
            self.flags
                .push("one CPU: no parallel row can show a speedup here".into());
        }
        // Other programs kept about this many CPUs busy on average: more than
        // a third of the machine, and a parallel row could not get its CPUs.
        if busiest > self.cpus as f64 / 3.0 {
            self.flags.push(format!(
                "loaded: the 1-minute load average was {:.2} at the start and {:.2} at the end, \
                 on {} CPUs",
                self.load_at_start[0], self.load_at_end[0], self.cpus
            ));
        }
    }
}

/// Describes this machine now (the load at the end is filled in by
/// [`Machine::finish`]).
pub fn describe(python: Option<&Python>) -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
        .map_or("unknown CPU", |(_, model)| model.trim());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let open_files = getrlimit(Resource::RLIMIT_NOFILE).map_or([0, 0], |(s, h)| [s, h]);
    let load = load_average();
    Machine {
        cpu: cpu.to_string(),
        cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
        kernel: format!("Linux {}", kernel.trim()),
        rustc: first_line("rustc", &["--version"]).unwrap_or_else(|| "rustc unknown".into()),
        python: python.map(|p| p.version.clone()),
        date: first_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"])
            .unwrap_or_else(|| "unknown date".into()),
        load_at_start: load,
        load_at_end: load,
        open_files,
        flags: Vec::new(),
    }
}

/// Raises the open-file soft limit to the hard one, as any process may, so
/// that thousands of clients (and the server's ends of their connections)
/// fit; the children inherit it. Returns the limits now in force.
pub fn raise_open_files() -> (u64, u64) {
    let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE) else {
        return (0, 0);
    };
    if soft < hard && setrlimit(Resource::RLIMIT_NOFILE, hard, hard).is_ok() {
        return (hard, hard);
    }
    (soft, hard)
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
