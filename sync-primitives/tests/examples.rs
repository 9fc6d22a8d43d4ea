//! Every example runs unattended, in bounded time, in quick mode, and prints
//! the lines that show its point (the notebook's own lines where it has them).

use std::time::Duration;

use common::testing::{ExampleRun, run_example};

const TIMEOUT: Duration = Duration::from_secs(120);

fn run(name: &str) -> ExampleRun {
    let run = run_example(name, TIMEOUT);
    run.assert_success();
    run
}

#[test]
fn lock_counter_prints_the_notebooks_line_first() {
    let run = run("lock_counter");
    assert_eq!(run.stdout.lines().next(), Some("shared_counter = 1000"));
    run.assert_stdout_contains(&["Mutex<u64> owning the counter", "AtomicU64::fetch_add"]);
}

#[test]
fn rlock_reenters_and_the_plain_lock_does_not() {
    let run = run("rlock");
    run.assert_stdout_contains(&[
        "notes.txt (held 3x)",
        "total size = 318",
        "another thread's try_lock while we hold it: false",
        "the same thread tries again with try_lock: got it = false",
    ]);
}

#[test]
fn condition_consumes_everything_within_capacity() {
    let run = run("condition");
    run.assert_stdout_contains(&[
        "consumed 400 of 400 items",
        "(capacity 4)",
        "None (timed out)",
    ]);
}

#[test]
fn semaphore_admits_exactly_three() {
    let run = run("semaphore");
    run.assert_stdout_contains(&["maximum concurrency observed: 3"]);
    assert_eq!(run.stdout.matches(" enter ").count(), 10);
    assert_eq!(run.stdout.matches(" leave ").count(), 10);
}

#[test]
fn bounded_semaphore_reports_the_over_release() {
    let run = run("bounded_semaphore");
    run.assert_stdout_contains(&[
        "Semaphore(2) after acquire + 2 releases: value = 3",
        "BoundedSemaphore(2) after acquire + 2 releases: value = 2",
        "second release: Err: semaphore released too many times",
    ]);
}

#[test]
fn event_starts_every_worker_and_times_out_once() {
    let run = run("event");
    assert_eq!(
        run.stdout
            .matches("started (saw the preparation: true)")
            .count(),
        4
    );
    run.assert_stdout_contains(&["nobody sets it: false", "another thread sets it: true"]);
}

#[test]
fn barrier_runs_phases_then_aborts_and_resets() {
    let run = run("barrier");
    run.assert_stdout_contains(&[
        "--- phase 0 done",
        "--- phase 1 done",
        "--- phase 2 done",
        "--- phase 3 done",
    ]);
    assert_eq!(
        run.stdout.matches("waiter: Err(barrier is broken").count(),
        3
    );
    run.assert_stdout_contains(&["after reset(): is_broken = false"]);
}

#[test]
fn race_condition_fixes_are_exact_and_the_overdraft_happens() {
    let run = run("race_condition");
    run.assert_stdout_contains(&[
        "| fetch_add           | 400000 |            0 |",
        "| Mutex<u64>          | 400000 |            0 |",
        "2 withdrawals of 100 from 100, balance = -100",
        "1 withdrawal of 100 from 100, balance = 0",
    ]);
}

#[cfg(feature = "deadlock_detection")]
#[test]
fn deadlock_is_detected_and_both_fixes_finish() {
    let run = run("deadlock");
    run.assert_stdout_contains(&[
        "deadlock detected: 1 cycle of 2 threads",
        "thread `transfer` holds `accounts` and waits for `audit_log`",
        "thread `audit` holds `audit_log` and waits for `accounts`",
        "fix 1, one lock order: 2000 log entries",
        "1000 audits), balance 0",
        "fix 2, try_lock_for + back off: 40 log entries",
    ]);
}

#[test]
fn channels_deliver_everything_and_time_out() {
    let run = run("channels");
    run.assert_stdout_contains(&[
        "channel closed: all 8 jobs received",
        "select! done: 8 results, 8 log lines",
        "recv_timeout(50 ms) on an idle channel: Err(Timeout)",
        "sum of squares of 1..=8 = 204",
    ]);
}
