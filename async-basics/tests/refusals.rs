//! When the OS refuses what an example needs (here: file descriptors, under
//! a low `ulimit -n`), the example says so in one line and exits 0, or runs
//! a smaller workload and says why: never a panic and a backtrace.
//!
//! Unix only: `ulimit -n` is a shell's way to `setrlimit(RLIMIT_NOFILE)`,
//! which Windows does not have.
#![cfg(unix)]

use std::process::Command;

use common::testing::{EXAMPLE_LIMIT, ExampleRun, example_path, run_bounded};

/// Runs the example `name` under `ulimit -n <files>` (soft and hard limit).
fn with_open_file_limit(name: &str, files: u32) -> ExampleRun {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -n {files} && exec \"$0\""))
        .arg(example_path(name));
    run_bounded(command, EXAMPLE_LIMIT)
}

/// Exit code 0, no panic, and a last line that says what was refused.
#[track_caller]
fn stopped_cleanly(run: &ExampleRun) {
    run.assert_success();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("Stopped: the OS refused ") && last.contains("ulimit -n"),
        "{}",
        run.stdout
    );
}

#[test]
fn io_bound_with_no_room_for_one_client_says_so() {
    stopped_cleanly(&with_open_file_limit("io_bound", 8));
}

#[test]
fn io_bound_with_room_for_a_few_runs_them_and_says_why() {
    let run = with_open_file_limit("io_bound", 64);
    run.assert_success();
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("the open-file limit (64) fits "))
        .unwrap_or_else(|| panic!("no line about the limit:\n{}", run.stdout));
    let fit: usize = line["the open-file limit (64) fits ".len()..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number in {line:?}"));
    assert!(fit >= 10, "{line}");
    assert!(!run.stdout.contains("busy"), "{}", run.stdout);
}

#[test]
fn async_limits_with_too_few_descriptors_says_so() {
    stopped_cleanly(&with_open_file_limit("async_limits", 16));
}
