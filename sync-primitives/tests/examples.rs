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
    assert!(run.stdout.contains("Mutex<u64> owning the counter"));
    assert!(run.stdout.contains("AtomicU64::fetch_add"));
}

#[test]
fn rlock_reenters_and_the_plain_lock_does_not() {
    let run = run("rlock");
    assert!(run.stdout.contains("notes.txt (held 3x)"));
    assert!(run.stdout.contains("total size = 318"));
    assert!(
        run.stdout
            .contains("another thread's try_lock while we hold it: false")
    );
    assert!(
        run.stdout
            .contains("the same thread tries again with try_lock: got it = false")
    );
}

#[test]
fn condition_consumes_everything_within_capacity() {
    let run = run("condition");
    assert!(
        run.stdout.contains("consumed 400 of 400 items"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("(capacity 4)"));
    assert!(run.stdout.contains("None (timed out)"));
}

#[test]
fn semaphore_admits_exactly_three() {
    let run = run("semaphore");
    assert!(run.stdout.contains("maximum concurrency observed: 3"));
    assert_eq!(run.stdout.matches(" enter ").count(), 10);
    assert_eq!(run.stdout.matches(" leave ").count(), 10);
}

#[test]
fn bounded_semaphore_reports_the_over_release() {
    let run = run("bounded_semaphore");
    assert!(
        run.stdout
            .contains("Semaphore(2) after acquire + 2 releases: value = 3")
    );
    assert!(
        run.stdout
            .contains("BoundedSemaphore(2) after acquire + 2 releases: value = 2")
    );
    assert!(
        run.stdout
            .contains("second release: Err: semaphore released too many times")
    );
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
    assert!(run.stdout.contains("nobody sets it: false"));
    assert!(run.stdout.contains("another thread sets it: true"));
}

#[test]
fn barrier_runs_phases_then_aborts_and_resets() {
    let run = run("barrier");
    for phase in 0..4 {
        assert!(
            run.stdout.contains(&format!("--- phase {phase} done")),
            "{}",
            run.stdout
        );
    }
    assert_eq!(
        run.stdout.matches("waiter: Err(barrier is broken").count(),
        3
    );
    assert!(run.stdout.contains("after reset(): is_broken = false"));
}

#[test]
fn race_condition_fixes_are_exact_and_the_overdraft_happens() {
    let run = run("race_condition");
    assert!(
        run.stdout
            .contains("| fetch_add           | 400000 |            0 |"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("| Mutex<u64>          | 400000 |            0 |")
    );
    assert!(
        run.stdout
            .contains("2 withdrawals of 100 from 100, balance = -100")
    );
    assert!(
        run.stdout
            .contains("1 withdrawal of 100 from 100, balance = 0")
    );
}

#[cfg(feature = "deadlock_detection")]
#[test]
fn deadlock_is_detected_and_both_fixes_finish() {
    let run = run("deadlock");
    assert!(
        run.stdout
            .contains("deadlock detected: 1 cycle of 2 threads"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("thread `transfer` holds `accounts` and waits for `audit_log`")
    );
    assert!(
        run.stdout
            .contains("thread `audit` holds `audit_log` and waits for `accounts`")
    );
    assert!(
        run.stdout
            .contains("fix 1, one lock order: 2000 log entries")
    );
    assert!(run.stdout.contains("1000 audits), balance 0"));
    assert!(
        run.stdout
            .contains("fix 2, try_lock_for + back off: 40 log entries")
    );
}

#[test]
fn channels_deliver_everything_and_time_out() {
    let run = run("channels");
    assert!(run.stdout.contains("channel closed: all 8 jobs received"));
    assert!(run.stdout.contains("select! done: 8 results, 8 log lines"));
    assert!(
        run.stdout
            .contains("recv_timeout(50 ms) on an idle channel: Err(Timeout)")
    );
    assert!(run.stdout.contains("sum of squares of 1..=8 = 204"));
}
