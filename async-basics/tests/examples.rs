//! Every example runs unattended, in bounded time, at the lesson's own
//! sizes, and prints the lines that show its point (the notebook's own six
//! lines first, where the topic has them). A line about timing is a claim,
//! which may hold or not: the tests check that it is there, never which.

use common::testing::{ExampleRun, example};

const NOTEBOOK_LINES: [&str; 6] = [
    "Start task 1",
    "Start task 2",
    "Start task 3",
    "End task 1",
    "End task 2",
    "End task 3",
];

/// The claim `text` is printed, whichever way this run bore it out.
#[track_caller]
fn claims(run: &ExampleRun, text: &str) {
    let line = format!("Claim: {text} -- ");
    assert!(run.stdout.contains(&line), "no {line:?} in\n{}", run.stdout);
}

/// The timeline printed at the end has these rows.
#[track_caller]
fn timeline_rows(run: &ExampleRun, rows: &[&str]) {
    let timeline = run.stdout.split("timeline: ").nth(1).unwrap_or_else(|| {
        panic!("no timeline in\n{}", run.stdout);
    });
    for row in rows {
        assert!(
            timeline.contains(&format!("  {row} ")),
            "no row {row:?} in\n{timeline}"
        );
    }
}

#[test]
fn asyncio_run_prints_the_notebook_lines_first() {
    let run = example("asyncio_run");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[..6], NOTEBOOK_LINES, "{}", run.stdout);
    assert_eq!(lines[6], "", "{}", run.stdout);
    assert!(lines[7].starts_with("elapsed: "), "{}", run.stdout);
    claims(
        &run,
        "the three sleeps overlap: the run takes one second, not three",
    );
    timeline_rows(&run, &["task 1", "task 2", "task 3"]);
}

#[test]
fn mini_event_loop_prints_the_notebook_lines_first() {
    let run = example("mini_event_loop");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[..6], NOTEBOOK_LINES, "{}", run.stdout);
    run.assert_stdout_contains(&[
        "what the loop did, in order:\n  main: spawned 3 tasks, awaits them\n",
        "  task 3: started, sleeps (Pending)\n  task 1: woken by the timer, done (Ready)\n",
        "task 3: woken by the timer, done (Ready)",
        "who ran, in order: [1, 2, 3, 1, 2, 3, 1, 2, 3]\ntimeline: ",
        "  w = work, r = ready, waits its turn",
    ]);
}

#[test]
fn blocking_in_async_runs_one_task_at_a_time() {
    let run = example("blocking_in_async");
    run.assert_stdout_contains(&[
        "Start task 1\nEnd task 1\nStart task 2\nEnd task 2\nStart task 3\nEnd task 3\n",
        "three 1.00 s sleeps took ",
        "2. blocking calls in a task: the heartbeat stops (heartbeat every 10.0 ms, beside 200 ms of work)",
        "| std::thread::sleep in a task |",
        "| CPU loop in a task           |",
    ]);
    timeline_rows(&run, &["task 1", "task 2", "task 3", "heartbeat", "work"]);
}

#[test]
fn blocking_off_the_loop_runs() {
    let run = example("blocking_off_the_loop");
    run.assert_stdout_contains(&[
        "| spawn_blocking(CPU loop)",
        "| CPU loop, yield_now every 5 ms",
    ]);
    claims(&run, "the heartbeat beats while a blocking thread works");
    claims(&run, "the heartbeat beats while a task gives way");
}

#[test]
fn event_loop_runs() {
    let run = example("event_loop");
    run.assert_stdout_contains(&[
        "the body ran on thread \"main\", flavour CurrentThread",
        "Handle::try_current(): error: ",
        "spawned before block_on; has it run? false",
        "after block_on it ran, on thread \"main\"",
        "8 tasks ran on: {\"main\"}",
    ]);
}

#[test]
fn runtime_flavors_runs() {
    let run = example("runtime_flavors");
    run.assert_stdout_contains(&[
        "flavour MultiThread; worker threads: ",
        "a task spawned with no block_on ran on \"worker-",
        "8 tasks ran on: {\"worker-",
        "meanwhile a task ran on worker-",
    ]);
}

/// The line of `join_vs_spawn`'s `join!` cell, as its four parts: "x starts
/// on W", "x ends", "y starts on W", "y ends".
fn join_line(stdout: &str) -> Vec<&str> {
    let line = stdout
        .lines()
        .find(|l| l.contains(" ends, "))
        .expect("the join! line");
    line.trim().split(", ").collect()
}

#[test]
fn join_vs_spawn_runs() {
    let run = example("join_vs_spawn");
    run.assert_stdout_contains(&["met: true; a on worker-"]);
    claims(&run, "the spawned halves take about half the time of join!");
    // join!: one half ends before the other starts, and both ran on one thread.
    let parts = join_line(&run.stdout);
    assert!(
        parts[1].ends_with(" ends") && parts[3].ends_with(" ends"),
        "{parts:?}"
    );
    let thread = |part: &str| part.split(" on ").nth(1).map(str::to_string);
    assert_eq!(thread(parts[0]), thread(parts[2]), "{parts:?}");
}

#[test]
fn spawn_needs_send_runs() {
    let run = example("spawn_needs_send");
    run.assert_stdout_contains(&[
        "letters, borrowed by join!: 8; owned by a spawned task: 8",
        "[\"Ada\", \"Grace\", \"Linus\"], added on [\"main\", \"main\", \"main\"]",
    ]);
}

#[test]
fn coroutines_and_tasks_runs() {
    let run = example("coroutines_and_tasks");
    run.assert_stdout_contains(&[
        "future created; bodies started: 0",
        "one yield later, bodies started: 1",
    ]);
}

#[test]
fn cancel_a_task_or_a_future_runs() {
    let run = example("cancel_a_task_or_a_future");
    run.assert_stdout_contains(&[
        "is_cancelled() = true",
        "     step 3: before await\n\n2.",
        "timed out: true",
    ]);
}

#[test]
fn cancellation_runs() {
    let run = example("cancellation");
    run.assert_stdout_contains(&[
        "the detached task: Ok(\"finished anyway\")",
        "the task's receiver dropped: true",
        "[\"finally: inner\", \"finally: outer\"]",
        "the first result: Err(\"task 4 failed\"); sleepers cleaned up: 3",
    ]);
}

#[test]
fn cancel_needs_an_await_runs() {
    let run = example("cancel_needs_an_await");
    run.assert_stdout_contains(&[
        "the task's log: [\"loop ran on after abort()\"]; then Err(JoinError::Cancelled(",
        "the loop ran to its end: false",
        "the closure went on and returned Ok(true)",
    ]);
}

#[test]
fn cancel_safe_select_runs() {
    let run = example("cancel_safe_select");
    run.assert_stdout_contains(&[
        "handled [3, 4, 5] and 3 ticks; lost [0, 1, 2]",
        "handled [0, 1, 2, 3, 4, 5] and 3 ticks: nothing lost",
    ]);
}

#[test]
fn async_locks_runs() {
    let run = example("async_locks");
    run.assert_stdout_contains(&[
        "updates are lost\n   10 tasks added 1 each: hits = 1\n",
        "nothing is lost\n   10 tasks added 1 each: hits = 10\n",
        "inside the lock\n   10 tasks added 1 each: hits = 10\n",
    ]);
}

#[test]
fn async_limits_runs() {
    let run = example("async_limits");
    run.assert_stdout_contains(&[
        // The example asserts "at most 3"; one thread that starts all twelve
        // requests in one pass makes it exactly 3, every time.
        "all in flight together\n   most in flight at once: 12\n",
        "at most 3 in flight\n   most in flight at once: 3\n",
    ]);
}

#[test]
fn async_event_runs() {
    let run = example("async_event");
    run.assert_stdout_contains(&[
        "released before set(): 0; after: [",
        "a wait() after set() passes: true; a bare Notify forgot: true",
    ]);
}

#[test]
fn async_channels_runs() {
    let run = example("async_channels");
    run.assert_stdout_contains(&[
        "put 0, put 1, got 0, put 2,",
        "the producer was at most 2 items ahead",
        "awaited: Ok(42); with the sender dropped unsent: Err(",
        "the watcher woke with [3]; another reader reads 3",
    ]);
}

#[test]
fn gather_runs() {
    let run = example("gather");
    run.assert_stdout_contains(&[
        "results: (\"a\", \"b\", \"c\")",
        "results: [\"v\", \"w\", \"x\", \"y\", \"z\"]",
        "Err(\"bad 2 failed\") after",
        "[Ok(\"ok 1\"), Err(\"bad 2 failed\"), Ok(\"ok 3\")]",
    ]);
    claims(&run, "the gather takes as long as the slowest, not the sum");
}

#[test]
fn gather_limits_runs() {
    let run = example("gather_limits");
    run.assert_stdout_contains(&[
        "100 ms allowed: Err(Elapsed(()))",
        "5 s allowed:     Ok(\"on time\")",
        "results: [\"p\", \"q\", \"r\", \"s\"]",
        "futures still alive: 0",
    ]);
    claims(&run, "the JoinSet hands them back fastest first");
}

#[test]
fn callbacks_runs() {
    let run = example("callbacks");
    run.assert_stdout_contains(&[
        "callback for answer: Finished(42)",
        "callback for sleeper: Cancelled",
        "callback for panicker: Panicked(\"something went wrong\")",
        "finished with 42",
    ]);
    assert_eq!(run.stderr.matches("(expected) a task panicked").count(), 1);
}

#[test]
fn io_bound_runs_and_stops_by_itself() {
    let run = example("io_bound");
    // 1,000 clients each, unless the hard open-file limit fits fewer.
    run.assert_stdout_contains(&[
        " clients each way",
        "| one after another |",
        "| tokio tasks       |",
        "| OS threads        |",
        "connections and has stopped",
    ]);
    claims(
        &run,
        "tasks and threads overlap the waits, at least twice as fast as one after another",
    );
    claims(
        &run,
        "tokio tasks finish before OS threads, which each start a thread",
    );
}
