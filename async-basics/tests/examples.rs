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
    assert!(run.stdout.contains("elapsed: "), "{}", run.stdout);
}

#[test]
fn mini_event_loop_prints_the_notebook_lines_first() {
    let run = run_example("mini_event_loop", LIMIT);
    run.assert_success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[..6], NOTEBOOK_LINES, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("task 3: woken by the timer, done (Ready)"),
        "{}",
        run.stdout
    );
}

#[test]
fn event_loop_runs() {
    let run = run_example("event_loop", LIMIT);
    run.assert_success();
    assert!(
        run.stdout
            .contains("spawned before block_on; has it run? false"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("8 tasks ran on: {\"main\"}"),
        "{}",
        run.stdout
    );
}

#[test]
fn coroutines_and_tasks_runs() {
    let run = run_example("coroutines_and_tasks", LIMIT);
    run.assert_success();
    assert!(
        run.stdout.contains("future created; bodies started: 0"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("is_cancelled() = true"),
        "{}",
        run.stdout
    );
}

#[test]
fn gather_runs() {
    let run = run_example("gather", LIMIT);
    run.assert_success();
    assert!(
        run.stdout.contains("results: (\"a\", \"b\", \"c\")"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("[Ok(\"ok 1\"), Err(\"bad 2 failed\"), Ok(\"ok 3\")]"),
        "{}",
        run.stdout
    );
}

#[test]
fn callbacks_runs() {
    let run = run_example("callbacks", LIMIT);
    run.assert_success();
    for line in [
        "callback for answer: Finished(42)",
        "callback for sleeper: Cancelled",
        "callback for panicker: Panicked(\"something went wrong\")",
    ] {
        assert!(
            run.stdout.contains(line),
            "missing {line:?} in\n{}",
            run.stdout
        );
    }
}

#[test]
fn blocking_in_async_runs() {
    let run = run_example("blocking_in_async", LIMIT);
    run.assert_success();
    assert!(run.stdout.contains("quick mode"), "{}", run.stdout);
    assert!(
        run.stdout.contains("| std::thread::sleep in a task"),
        "{}",
        run.stdout
    );
}

#[test]
fn io_bound_runs_and_stops_by_itself() {
    let run = run_example("io_bound", LIMIT);
    run.assert_success();
    assert!(run.stdout.contains("quick mode"), "{}", run.stdout);
    assert!(run.stdout.contains("has stopped"), "{}", run.stdout);
    for way in ["one after another", "tokio tasks", "OS threads"] {
        assert!(
            run.stdout.contains(way),
            "missing {way:?} in\n{}",
            run.stdout
        );
    }
}
