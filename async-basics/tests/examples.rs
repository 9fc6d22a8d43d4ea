//! Every example runs to completion, unattended, and prints what it should.

use std::time::Duration;

use common::testing::run_example;

const LIMIT: Duration = Duration::from_secs(120);

const NOTEBOOK_LINES: [&str; 6] = [
    "Start task 1",
    "Start task 2",
    "Start task 3",
    "End task 1",
    "End task 2",
    "End task 3",
];

#[test]
fn asyncio_run_prints_the_notebook_lines_first() {
    let run = run_example("asyncio_run", LIMIT);
    run.assert_success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[..6], NOTEBOOK_LINES, "{}", run.stdout);
    run.assert_stdout_contains(&["elapsed: "]);
}

#[test]
fn mini_event_loop_prints_the_notebook_lines_first() {
    let run = run_example("mini_event_loop", LIMIT);
    run.assert_success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[..6], NOTEBOOK_LINES, "{}", run.stdout);
    run.assert_stdout_contains(&["task 3: woken by the timer, done (Ready)"]);
}

#[test]
fn event_loop_runs() {
    let run = run_example("event_loop", LIMIT);
    run.assert_success().assert_stdout_contains(&[
        "spawned before block_on; has it run? false",
        "8 tasks ran on: {\"main\"}",
    ]);
}

#[test]
fn coroutines_and_tasks_runs() {
    let run = run_example("coroutines_and_tasks", LIMIT);
    run.assert_success()
        .assert_stdout_contains(&["future created; bodies started: 0", "is_cancelled() = true"]);
}

#[test]
fn gather_runs() {
    let run = run_example("gather", LIMIT);
    run.assert_success().assert_stdout_contains(&[
        "results: (\"a\", \"b\", \"c\")",
        "[Ok(\"ok 1\"), Err(\"bad 2 failed\"), Ok(\"ok 3\")]",
    ]);
}

#[test]
fn callbacks_runs() {
    let run = run_example("callbacks", LIMIT);
    run.assert_success().assert_stdout_contains(&[
        "callback for answer: Finished(42)",
        "callback for sleeper: Cancelled",
        "callback for panicker: Panicked(\"something went wrong\")",
    ]);
}

#[test]
fn blocking_in_async_runs() {
    let run = run_example("blocking_in_async", LIMIT);
    run.assert_success()
        .assert_stdout_contains(&["quick mode", "| std::thread::sleep in a task"]);
}

#[test]
fn io_bound_runs_and_stops_by_itself() {
    let run = run_example("io_bound", LIMIT);
    run.assert_success().assert_stdout_contains(&[
        "quick mode",
        "has stopped",
        "one after another",
        "tokio tasks",
        "OS threads",
    ]);
}
