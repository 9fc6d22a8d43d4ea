//! Every example runs unattended, in bounded time, at the lesson's sizes, and
//! prints the lines that show its point (the notebook's own lines where it
//! has them). A claim line may hold or not: only its presence is checked.

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
        "consumed 10000 of 10000 items",
        "(capacity 4)",
        "None (timed out)",
    ]);
}

#[test]
fn condition_wakeups_takes_each_item_once_and_draws_the_timeline() {
    let run = example("condition_wakeups");
    run.assert_stdout_contains(&[
        "3 consumers took items [1, 2, 3, 4, 5, 6], each once",
        "  consumer 0 |",
        "  producer   |",
        "w = waiting in get",
        "* = put + notify_one / close + notify_all",
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
    run.assert_stdout_contains(&[
        &format!("maximum concurrency observed: {most}\n"),
        "Claim: the semaphore lets three in at once -- ",
        "  worker 9 |",
        "i = inside",
    ]);
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
fn barrier_runs_exact_phases_and_draws_the_waits() {
    let run = example("barrier");
    run.assert_stdout_contains(&[
        "--- phase 0 done",
        "--- phase 1 done",
        "--- phase 2 done",
        "each phase handed out the indices 0..4, once each",
        "  worker 3 |",
        "a = at the barrier",
    ]);
}

#[test]
fn barrier_abort_breaks_every_waiter_and_reset_mends_it() {
    let run = example("barrier_abort");
    assert_eq!(
        run.stdout.matches("waiter: Err(barrier is broken").count(),
        3
    );
    run.assert_stdout_contains(&[
        "is_broken = true",
        "after reset(): is_broken = false",
        "a full cycle on the same barrier: indices [0, 1, 2, 3]",
    ]);
}

#[test]
fn barrier_wrong_parties_reports_who_is_left_waiting() {
    let run = example("barrier_wrong_parties");
    run.assert_stdout_contains(&[
        "4 workers x 3 phases on Barrier(3): 12 waits = 4 cycles; someone left waiting in ",
        "Claim: with 12 waits some runs pass and others strand a worker -- ",
        "4 workers x 4 phases on Barrier(3): 16 waits = 5 cycles + 1; left waiting: ",
    ]);
}

#[test]
fn lost_updates_fixes_are_exact() {
    let run = example("lost_updates");
    run.assert_stdout_contains(&[
        "| fetch_add           | 4000000 |            0 |",
        "| Mutex<u64>          | 4000000 |            0 |",
        "Claim: the racy counter loses updates -- ",
    ]);
}

#[test]
fn check_then_act_overdraws_and_one_guard_does_not() {
    let run = example("check_then_act");
    run.assert_stdout_contains(&[
        "2 withdrawals of 100 from 100, balance = -100",
        "check and act under one guard:       1 withdrawal of 100 from 100, balance = 0",
        "check again after a slow approval:   1 withdrawal of 100 from 100, balance = 0",
    ]);
}

#[test]
fn memory_ordering_counts_exactly_and_publishes() {
    let run = example("memory_ordering");
    run.assert_stdout_contains(&[
        "4 threads x 1000000 Relaxed fetch_adds: 4000000\n",
        "1000 publications through a Release/Acquire flag: 0 stale reads\n",
    ]);
}

#[test]
fn memory_ordering_seqcst_never_misses() {
    let run = example("memory_ordering_seqcst");
    run.assert_stdout_contains(&[
        "Dekker's handshake, 20000 rounds; both threads missed the other's flag in\n",
        "\n  0 rounds with SeqCst\n",
        "Rust Atomics and Locks, chapter 3, \"Memory Ordering\"",
    ]);
    // Release/Acquire may let both miss, in at most every round; the claim says which.
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
    assert!(weaker <= 20_000, "{weaker} of 20000 rounds");
    let claim = "Claim: with Release/Acquire both threads sometimes miss -- ";
    let held = format!("{claim}holds");
    assert_eq!(weaker > 0, run.stdout.contains(&held), "{}", run.stdout);
}

#[cfg(feature = "deadlock_detection")]
#[test]
fn deadlock_is_detected_and_the_run_ends_with_its_timeline() {
    let run = example("deadlock");
    run.assert_stdout_contains(&[
        "deadlock detected: 1 cycle of 2 threads",
        "thread `transfer` holds `accounts` and waits for `audit_log`",
        "thread `audit` holds `audit_log` and waits for `accounts`",
        "  transfer |",
        "  audit    |",
        "h = holds one lock, waits for the other",
        "* = the detector reports",
    ]);
}

#[test]
fn deadlock_lock_order_finishes_every_round() {
    let run = example("deadlock_lock_order");
    run.assert_stdout_contains(&[
        "one lock order: 2000 log entries",
        "1000 audits), balance 0",
        "balances 1000 and 1000",
    ]);
}

#[test]
fn deadlock_back_off_finishes_every_forced_inversion() {
    let run = example("deadlock_back_off");
    run.assert_stdout_contains(&["try_lock_for + back off: 40 log entries, "]);
}

#[test]
fn channels_deliver_everything_and_time_out() {
    let run = example("channels");
    run.assert_stdout_contains(&[
        "channel closed: all 8 jobs received",
        "recv_timeout(50 ms) on an idle channel: Err(Timeout)",
    ]);
}

#[test]
fn channels_select_shows_every_worker_and_a_tick_while_jobs_run() {
    let run = example("channels_select");
    run.assert_stdout_contains(&[
        "select! done: 8 results, 8 log lines and ",
        "sum of squares of 1..=8 = 204",
    ]);
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
