//! Every example runs unattended, in bounded time, in quick mode, and prints
//! the lines that show its point (the notebook's own lines where it has them).

use common::testing::example;

#[test]
fn lock_counter_prints_the_notebooks_line_first() {
    let run = example("lock_counter");
    assert_eq!(run.stdout.lines().next(), Some("shared_counter = 1000"));
    run.assert_stdout_contains(&["Mutex<u64> owning the counter", "AtomicU64::fetch_add"]);
}

#[test]
fn rlock_reenters_and_the_plain_lock_does_not() {
    let run = example("rlock");
    run.assert_stdout_contains(&[
        "notes.txt (held 3x)",
        "total size = 318",
        "another thread's try_lock while we hold it: false",
        "the same thread tries again with try_lock: got it = false",
    ]);
}

#[test]
fn condition_consumes_everything_within_capacity() {
    let run = example("condition");
    run.assert_stdout_contains(&[
        "consumed 400 of 400 items",
        "(capacity 4)",
        "None (timed out)",
    ]);
}

/// The "inside" column of `semaphore`, replayed: each `enter` adds one, each
/// `leave` takes one away, and the printed count must be exactly that. Returns
/// the most inside at once. (That 3 is reached is `tests/semaphore.rs`'s job:
/// on a busy machine a run may never have three inside together.)
fn replay_inside_column(stdout: &str) -> usize {
    let (mut inside, mut most) = (0_usize, 0);
    for line in stdout.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [_worker, event @ ("enter" | "leave"), printed] = fields[..] else {
            continue;
        };
        inside = if event == "enter" {
            inside + 1
        } else {
            inside - 1
        };
        assert_eq!(
            printed,
            inside.to_string(),
            "column out of step at {line:?}"
        );
        most = most.max(inside);
    }
    assert_eq!(inside, 0, "someone never left");
    most
}

#[test]
fn semaphore_never_has_more_than_three_inside() {
    let run = example("semaphore");
    assert_eq!(run.stdout.matches(" enter ").count(), 10);
    assert_eq!(run.stdout.matches(" leave ").count(), 10);
    let most = replay_inside_column(&run.stdout);
    assert!((1..=3).contains(&most), "{most} inside at once");
    run.assert_stdout_contains(&[&format!("maximum concurrency observed: {most}\n")]);
}

#[test]
fn bounded_semaphore_reports_the_over_release() {
    let run = example("bounded_semaphore");
    run.assert_stdout_contains(&[
        "Semaphore(2) after acquire + 2 releases: value = 3",
        "BoundedSemaphore(2) after acquire + 2 releases: value = 2",
        "second release: Err: semaphore released too many times",
    ]);
}

#[test]
fn event_starts_every_worker_and_times_out_once() {
    let run = example("event");
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
    let run = example("barrier");
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
    let run = example("race_condition");
    run.assert_stdout_contains(&[
        "| fetch_add           | 400000 |            0 |",
        "| Mutex<u64>          | 400000 |            0 |",
        "2 withdrawals of 100 from 100, balance = -100",
        "1 withdrawal of 100 from 100, balance = 0",
    ]);
}

#[test]
fn memory_ordering_counts_exactly_publishes_and_never_misses_with_seqcst() {
    let run = example("memory_ordering");
    run.assert_stdout_contains(&[
        "4 threads x 100000 Relaxed fetch_adds: 400000\n",
        "100 publications through a Release/Acquire flag: 0 stale reads\n",
        "Dekker's handshake, 5000 rounds; both threads missed the other's flag in\n",
        "\n  0 rounds with SeqCst\n",
        "Rust Atomics and Locks, chapter 3, \"Memory Ordering\"",
    ]);
    // Release/Acquire may let both miss, in at most every round; 0 is explained.
    let weaker: usize = run
        .stdout
        .lines()
        .find_map(|line| {
            line.strip_suffix(
                " rounds with Release/Acquire (allowed: a store may wait in a buffer)",
            )
        })
        .and_then(|count| count.trim().parse().ok())
        .expect("the Release/Acquire count");
    assert!(weaker <= 5000, "{weaker} of 5000 rounds");
    assert_eq!(
        weaker == 0,
        run.stdout.contains("(none this run:"),
        "{}",
        run.stdout
    );
}

#[cfg(feature = "deadlock_detection")]
#[test]
fn deadlock_is_detected_and_both_fixes_finish() {
    let run = example("deadlock");
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
    let run = example("channels");
    run.assert_stdout_contains(&[
        "channel closed: all 8 jobs received",
        "select! done: 8 results, 8 log lines and ",
        "recv_timeout(50 ms) on an idle channel: Err(Timeout)",
        "sum of squares of 1..=8 = 204",
    ]);
}

#[test]
fn channels_show_every_worker_and_a_tick_while_jobs_run() {
    let run = example("channels");
    let lines: Vec<&str> = run.stdout.lines().collect();
    let first_result = lines
        .iter()
        .position(|line| line.contains("result:"))
        .expect("a result line");
    let first_tick = lines
        .iter()
        .position(|line| line.contains("tick:"))
        .expect("a tick line: the ticker never showed up in select!");
    assert!(
        first_tick < first_result,
        "the first tick came after the first result, not while the jobs ran:\n{}",
        run.stdout
    );
    // Before the tick that lets them go, each worker logged exactly its first job.
    let first_jobs: Vec<&&str> = lines[..first_tick]
        .iter()
        .filter(|line| line.contains("log:"))
        .collect();
    assert_eq!(first_jobs.len(), 3, "{first_jobs:?}");
    for id in 0..3 {
        let took = format!("worker {id} took");
        assert!(
            first_jobs.iter().any(|line| line.contains(&took)),
            "{first_jobs:?}"
        );
        let worker = format!("(worker {id})");
        assert!(
            lines[first_result..]
                .iter()
                .any(|line| line.contains("result:") && line.contains(&worker)),
            "no result from worker {id}:\n{}",
            run.stdout
        );
    }
    let done = lines
        .iter()
        .find_map(|line| line.strip_prefix("select! done: 8 results, 8 log lines and "))
        .expect("the select! summary");
    let ticks: usize = done.split(' ').next().unwrap().parse().unwrap();
    assert!(ticks > 0, "no tick counted:\n{}", run.stdout);
}
