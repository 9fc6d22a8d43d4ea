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
    run.assert_success();
    assert!(
        run.stdout.contains("Command status:  exit status: 3"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("counter = 10 after the child ended"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("killed by SIGKILL"), "{}", run.stdout);
    // The child's panic message stays out of the parent's output.
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn process_pool() {
    let run = run_example("process_pool", TIMEOUT);
    run.assert_success();
    assert_eq!(run.stdout.lines().next(), Some(notebook_squares().as_str()));
    assert!(
        run.stdout.contains("| worker pid | jobs |"),
        "{}",
        run.stdout
    );
}

#[test]
fn rayon_squares() {
    let run = run_example("rayon_squares", TIMEOUT);
    run.assert_success();
    assert_eq!(run.stdout.lines().next(), Some(notebook_squares().as_str()));
    assert!(
        run.stdout.contains("this pool: 2 threads"),
        "{}",
        run.stdout
    );
}

#[test]
fn cpu_bound_speedup() {
    let run = run_example("cpu_bound_speedup", TIMEOUT);
    run.assert_success();
    assert!(
        run.stdout.contains("(quick mode: n = 300000)"),
        "{}",
        run.stdout
    );
    for method in ["sequential", "std threads", "rayon", "process pool"] {
        assert!(
            run.stdout.contains(method),
            "no {method} row:\n{}",
            run.stdout
        );
    }
}

#[test]
fn pipes() {
    let run = run_example("pipes", TIMEOUT);
    run.assert_success();
    assert!(run.stdout.contains("squares from child"), "{}", run.stdout);
    assert!(run.stdout.contains(": [9, 16, 25]"), "{}", run.stdout);
    assert!(
        run.stdout.contains("one message of 300 KiB arrived whole"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Queue: 15 messages"), "{}", run.stdout);
}

#[test]
fn shared_memory() {
    let run = run_example("shared_memory", TIMEOUT);
    run.assert_success();
    assert!(
        run.stdout
            .contains("(quick mode: 20000 increments per process)"),
        "{}",
        run.stdout
    );
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
