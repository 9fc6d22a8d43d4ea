//! Every example runs unattended, in bounded time, in quick mode, and prints
//! the lines that show its point (the notebook's own six lines first, where
//! the topic has them).

use common::testing::example;

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
    let run = example("asyncio_run");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[..6], NOTEBOOK_LINES, "{}", run.stdout);
    assert_eq!(lines[6], "", "{}", run.stdout);
    assert!(lines[7].starts_with("elapsed: "), "{}", run.stdout);
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
    ]);
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
        "a task spawned with no block_on ran on \"tokio-worker-",
    ]);
}

#[test]
fn coroutines_and_tasks_runs() {
    let run = example("coroutines_and_tasks");
    run.assert_stdout_contains(&[
        "future created; bodies started: 0",
        "one yield later, bodies started: 1",
        "is_cancelled() = true",
        "     step 3: before await\n\n4.",
        "timed out: true",
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
        "100 ms allowed: Err(Elapsed(()))",
        "5 s allowed:     Ok(\"on time\")",
    ]);
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
fn blocking_in_async_runs_the_quick_workload() {
    let run = example("blocking_in_async");
    run.assert_stdout_contains(&[
        "1. blocking calls in a task: the heartbeat stops (heartbeat every 10.0 ms, beside 100 ms of work)",
        "| std::thread::sleep in a task",
        "| spawn_blocking(CPU loop)",
        "| CPU loop, yield_now every 5 ms",
    ]);
}

#[test]
fn io_bound_runs_and_stops_by_itself() {
    let run = example("io_bound");
    run.assert_stdout_contains(&[
        "100 clients each way",
        "has stopped",
        "one after another",
        "tokio tasks",
        "OS threads",
    ]);
}
