//! An example that starts many threads meets a refusal from the OS with one
//! line and exit code 0, never a panic or a hang (issue 19).
//!
//! The refusal is made certain with `ulimit -v`: 200 MB of address space
//! cannot hold the stacks of 1000 threads that stay unjoined until the end,
//! as the notebook's cell keeps them. (`ulimit -u`, the limit on threads,
//! does not bind root, so a test cannot rely on it.) Linux only: macOS does
//! not enforce `ulimit -v`.
#![cfg(target_os = "linux")]

use std::process::Command;

use common::testing::{EXAMPLE_LIMIT, example_path, run_bounded};

/// Runs the example `name` under `ulimit -v <kib>`.
fn with_address_space_limit(name: &str, kib: u32) -> common::testing::ExampleRun {
    let mut limited = Command::new("sh");
    limited
        .arg("-c")
        .arg(format!("ulimit -v {kib} && exec \"$0\""))
        .arg(example_path(name));
    run_bounded(limited, EXAMPLE_LIMIT)
}

#[test]
fn lock_counter_stops_in_one_line_when_a_thread_is_refused() {
    let run = with_address_space_limit("lock_counter", 200_000);
    run.assert_success();
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("Stopped: the OS refused a new thread ("),
        "the run did not end on the refusal line:\n{}",
        run.stdout
    );
    assert!(run.stderr.is_empty(), "stderr:\n{}", run.stderr);
}
