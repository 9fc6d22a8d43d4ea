//! Every example runs to completion (in quick mode) and prints what it
//! promises: the notebook's exact lines where the notebook shows output.

use std::time::Duration;

use common::testing::run_example;

const TIMEOUT: Duration = Duration::from_secs(120);

/// The notebook's output of `7_4_1.py`: the squares of 0..100 as a Python list.
fn notebook_squares() -> String {
    let squares: Vec<String> = (0..100u64).map(|x| (x * x).to_string()).collect();
    format!("[{}]", squares.join(", "))
}

#[test]
fn process_basics() {
    let run = run_example("process_basics", TIMEOUT);
    run.assert_success().assert_stdout_contains(&[
        "Command status:  exit status: 3",
        "counter = 10 after the child ended",
        "killed by SIGKILL",
    ]);
    // The child's panic message stays out of the parent's output.
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn process_pool() {
    let run = run_example("process_pool", TIMEOUT);
    run.assert_success();
    assert_eq!(run.stdout.lines().next(), Some(notebook_squares().as_str()));
    run.assert_stdout_contains(&["| worker pid | jobs |"]);
}

#[test]
fn rayon_squares() {
    let run = run_example("rayon_squares", TIMEOUT);
    run.assert_success();
    assert_eq!(run.stdout.lines().next(), Some(notebook_squares().as_str()));
    run.assert_stdout_contains(&["this pool: 2 threads"]);
}

#[test]
fn cpu_bound_speedup() {
    let run = run_example("cpu_bound_speedup", TIMEOUT);
    run.assert_success().assert_stdout_contains(&[
        "(quick mode: n = 300000)",
        // One row per method.
        "sequential",
        "std threads",
        "rayon",
        "process pool",
    ]);
}

#[test]
fn pipes() {
    let run = run_example("pipes", TIMEOUT);
    run.assert_success().assert_stdout_contains(&[
        "squares from child",
        ": [9, 16, 25]",
        "one message of 300 KiB arrived whole",
        "Queue: 15 messages",
    ]);
}

#[test]
fn shared_memory() {
    let run = run_example("shared_memory", TIMEOUT);
    run.assert_success()
        .assert_stdout_contains(&["(quick mode: 20000 increments per process)"]);
    // The atomic row's cells: name, processes, expected, got, lost (widths vary).
    let row = run
        .stdout
        .lines()
        .find(|line| line.starts_with("| fetch_add (atomic)"))
        .unwrap_or_else(|| panic!("no fetch_add row:\n{}", run.stdout));
    let cells: Vec<&str> = row
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(cells[1..], ["4", "80000", "80000", "0"], "{row}");
}
