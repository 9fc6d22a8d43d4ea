//! The Python interpreter the comparison runs, if there is one, and the
//! open-file limit its thousands of clients need.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::process::{self, Ending};
use nix::sys::resource::{Resource, getrlimit, setrlimit};
use tour::measured::Python;

/// Names the Python interpreter (a path, or a name on `PATH`); `python3` when unset.
pub const PYTHON_ENV: &str = "COURSE_PYTHON";

/// The oldest Python whose originals run here (`io_bound.py` uses `:=`).
const OLDEST_PYTHON: (u32, u32) = (3, 8);

/// How long the interpreter may take to describe itself.
const PROBE_LIMIT: Duration = Duration::from_secs(10);

/// What the interpreter prints about itself: where it is, its version, and
/// its GIL (`sys._is_gil_enabled()` exists from 3.13).
const PROBE: &str = "import sys, sysconfig; print(sys.executable); print(sys.version.split()[0]); \
    print(bool(sysconfig.get_config_var('Py_GIL_DISABLED'))); \
    print(getattr(sys, '_is_gil_enabled', lambda: True)())";

/// An interpreter that described itself: what to run, and its version and GIL.
#[derive(Debug, Clone)]
pub struct Found {
    /// The interpreter itself, as it names itself (a version manager's shim,
    /// pyenv's `python3` script, would add its own start-up, about a tenth
    /// of a second, to every timed run).
    pub program: PathBuf,
    pub python: Python,
}

/// The interpreter to compare with, or why there is none: `$COURSE_PYTHON`
/// or `python3`, found on `PATH`, Python 3.8 or newer.
pub fn find_python() -> Result<Found, String> {
    let wanted: OsString = std::env::var_os(PYTHON_ENV).unwrap_or_else(|| "python3".into());
    if wanted.is_empty() {
        return Err(format!("{PYTHON_ENV} is set but empty"));
    }
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
    let text = probe(&program).map_err(|e| format!("{shown} cannot describe itself: {e}"))?;
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let [executable, version, free_threaded, gil] = lines[..] else {
        return Err(format!(
            "{shown} is not a Python 3 interpreter (it answered {text:?})"
        ));
    };
    let mut parts = version.split('.').map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) if (major, minor) >= OLDEST_PYTHON => Ok(Found {
            program: Some(PathBuf::from(executable))
                .filter(|p| p.is_file())
                .unwrap_or(program),
            python: Python {
                version: version.to_string(),
                free_threaded: free_threaded == "True",
                gil: gil == "True",
            },
        }),
        _ => Err(format!(
            "{shown} is Python {version}, not {}.{} or newer",
            OLDEST_PYTHON.0, OLDEST_PYTHON.1
        )),
    }
}

/// What `program -c PROBE` prints, within [`PROBE_LIMIT`].
fn probe(program: &Path) -> Result<String, String> {
    let mut command = Command::new(program);
    command.args(["-c", PROBE]);
    let run = process::run(command, PROBE_LIMIT).map_err(|e| e.to_string())?;
    match run.ending {
        Ending::TimedOut(_) => Err(format!("no answer within {PROBE_LIMIT:?}")),
        _ if run.success() => Ok(run.stdout),
        ending => Err(format!("it {ending}")),
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
