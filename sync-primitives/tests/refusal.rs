//! An example that starts many threads meets a refusal from the OS with one
//! line and exit code 0, never a panic or a hang (issue 19).
//!
//! The refusal is made certain with the limit the issue found it by, the
//! user's processes and threads (`prlimit --nproc`, a shell's `ulimit -u`),
//! set to 1: the example's own process already counts, so its first thread is
//! refused. (At 20, as in the issue, short threads that finish quickly may all
//! fit; a limit on memory, `ulimit -v`, can make a thread fail inside std
//! after it started, and abort.) Root is exempt from the limit, so as root the
//! example runs as the user `nobody` (`setpriv`), from a copy in the temporary
//! directory that `nobody` may execute. Linux only: `prlimit` and `setpriv`
//! are util-linux tools.
#![cfg(target_os = "linux")]

use std::path::PathBuf;
use std::process::Command;

use common::testing::{EXAMPLE_LIMIT, ExampleRun, example_path, run_bounded};

/// Whether this process runs as root (the `Uid:` line of `/proc/self/status`).
fn is_root() -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1)) // the effective uid
        == Some("0")
}

/// Runs the example `name` with at most `threads` processes and threads for its user.
fn with_thread_limit(name: &str, threads: u32) -> ExampleRun {
    let limit = format!("--nproc={threads}:{threads}");
    if !is_root() {
        let mut command = Command::new("prlimit");
        command.arg(&limit).arg(example_path(name));
        return run_bounded(command, EXAMPLE_LIMIT);
    }
    let copy: PathBuf = std::env::temp_dir().join(format!("refusal-{}-{name}", std::process::id()));
    std::fs::copy(example_path(name), &copy).expect("copy the example for `nobody`");
    let mut as_nobody = Command::new("setpriv");
    as_nobody
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "prlimit",
            &limit,
        ])
        .arg(&copy);
    let run = run_bounded(as_nobody, EXAMPLE_LIMIT);
    let _ = std::fs::remove_file(copy);
    run
}

#[test]
fn lock_counter_stops_in_one_line_when_a_thread_is_refused() {
    let run = with_thread_limit("lock_counter", 1);
    run.assert_success();
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("Stopped: the OS refused a new thread ("),
        "the run did not end on the refusal line:\n{}",
        run.stdout
    );
    assert!(run.stderr.is_empty(), "stderr:\n{}", run.stderr);
}
