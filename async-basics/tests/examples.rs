//! Every example runs unattended, in bounded time, in quick mode, and prints
//! the lines that show its point (the notebook's own six lines first, where
//! the topic has them).

use std::process::Command;

use common::testing::{EXAMPLE_LIMIT, QUICK_ENV, example, example_path, run_bounded, within};
use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
use nix::unistd::Pid;

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
        "who ran, in order: [1, 2, 3, 1, 2, 3, 1, 2, 3]\ntimeline: ",
        "  w = work, r = ready, waits its turn",
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
fn cancellation_runs() {
    let run = example("cancellation");
    run.assert_stdout_contains(&[
        "the detached task: Ok(\"finished anyway\")",
        "the task's receiver dropped: true",
        "the task's log: [\"loop ran on after abort()\"]; then Err(JoinError::Cancelled(",
        "the loop ran to its end: false",
        "the closure went on and returned Ok(true)",
        "[\"finally: inner\", \"finally: outer\"]",
        "handled [3, 4, 5] and 3 ticks; lost [0, 1, 2]",
        "handled [0, 1, 2, 3, 4, 5] and 3 ticks: nothing lost",
        "the first result: Err(\"task 4 failed\"); sleepers cleaned up: 3",
    ]);
}

#[test]
fn async_sync_runs() {
    let run = example("async_sync");
    run.assert_stdout_contains(&[
        "updates are lost\n   10 tasks added 1 each: hits = 1\n",
        "nothing is lost\n   10 tasks added 1 each: hits = 10\n",
        "inside the lock\n   10 tasks added 1 each: hits = 10\n",
        // The example asserts "at most 3"; one thread that starts all twelve
        // requests in one pass makes it exactly 3, every time.
        "all in flight together\n   most in flight at once: 12\n",
        "at most 3 in flight\n   most in flight at once: 3\n",
        "released before set(): 0; after: [",
        "a wait() after set() passes: true; a bare Notify forgot: true",
        "put 0, put 1, got 0, put 2,",
        "the producer was at most 2 items ahead",
        "awaited: Ok(42); with the sender dropped unsent: Err(",
        "the watcher woke with [3]; another reader reads 3",
    ]);
}

/// The line of `runtime_flavors`'s `join!` cell, as its four parts: "x starts
/// on W", "x ends", "y starts on W", "y ends; took ...".
fn join_line(stdout: &str) -> Vec<&str> {
    let line = stdout
        .lines()
        .find(|l| l.contains(" ends, "))
        .expect("the join! line");
    line.trim().split(", ").collect()
}

#[test]
fn runtime_flavors_runs() {
    let run = example("runtime_flavors");
    run.assert_stdout_contains(&[
        "flavour MultiThread, ",
        "meanwhile a task ran on worker-",
        "met: true; a on worker-",
        "letters, borrowed by join!: 8; owned by a spawned task: 8",
        "[\"Ada\", \"Grace\", \"Linus\"], added on [\"main\", \"main\", \"main\"]",
    ]);
    // join!: one half ends before the other starts, and both ran on one thread.
    let parts = join_line(&run.stdout);
    assert!(
        parts[1].ends_with(" ends") && parts[3].contains(" ends"),
        "{parts:?}"
    );
    let thread = |part: &str| part.split(" on ").nth(1).map(str::to_string);
    assert_eq!(thread(parts[0]), thread(parts[2]), "{parts:?}");
}

/// On one CPU the two workers cannot run the halves in parallel: the example
/// says so, and still passes, since none of its asserts needs a second CPU.
#[test]
fn runtime_flavors_says_so_on_one_cpu() {
    let run = within(EXAMPLE_LIMIT, || {
        // A child starts with the CPU mask of the thread that spawns it: this
        // fresh thread, pinned to one of the CPUs the test may use.
        let allowed = sched_getaffinity(Pid::from_raw(0)).expect("our CPU mask");
        let cpu = (0..CpuSet::count()).find(|&c| allowed.is_set(c).unwrap_or(false));
        let mut one = CpuSet::new();
        one.set(cpu.expect("at least one CPU"))
            .expect("a CPU number");
        sched_setaffinity(Pid::from_raw(0), &one).expect("pin this thread");
        let mut command = Command::new(example_path("runtime_flavors"));
        command.env(QUICK_ENV, "1");
        run_bounded(command, EXAMPLE_LIMIT)
    });
    run.assert_success();
    run.assert_stdout_contains(&[
        "1 worker threads; CPUs here: 1",
        "(one CPU here: the workers took turns, never in parallel; the ratio is noise)",
        "met: true; ",
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
