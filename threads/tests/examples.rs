//! Every example runs to completion, unattended, in quick mode, and prints
//! what its lesson is about. No timing is asserted: the examples print it.

use std::time::Duration;

use common::testing::{ExampleRun, run_example};

const LIMIT: Duration = Duration::from_secs(120);

fn run(name: &str) -> ExampleRun {
    let run = run_example(name, LIMIT);
    run.assert_success();
    run
}

#[test]
fn gil_prints_the_notebooks_three_lines_first() {
    let run = run("gil");
    let first: Vec<&str> = run.stdout.lines().take(3).collect();
    assert_eq!(
        first,
        [
            "Result: 333333283333335000000",
            "Result: 333333283333335000000",
            "Done"
        ]
    );
    run.assert_stdout_contains(&["| threads | median time | speedup |"]);
}

#[test]
fn gil_simulated_keeps_one_thread_inside() {
    let run = run("gil_simulated");
    run.assert_stdout_contains(&["| CPU-bound |", "| IO-bound  |", "1 with it."]);
}

#[test]
fn multitasking_vs_parallelism_draws_both_timelines() {
    let run = run("multitasking_vs_parallelism");
    run.assert_stdout_contains(&[
        "pinned to 1 CPU: first 60 ms",
        "free: first 60 ms",
        "  A |",
        "| CPU / wall |",
    ]);
}

#[test]
fn preemptive_vs_cooperative_starves_then_keeps_rhythm() {
    let run = run("preemptive_vs_cooperative");
    run.assert_stdout_contains(&["| involuntary |", "beats during the busy stretch: 0"]);
}

#[test]
fn threads_share_memory_and_processes_do_not() {
    let run = run("threads_vs_processes");
    run.assert_stdout_contains(&[
        "main sees 42",
        "it exited with 42): parent still sees 0",
        "| thread: spawn + join",
        "| process: fork + waitpid",
    ]);
}

#[test]
fn memory_and_context_shows_rss_vms_and_switches() {
    let run = run("memory_and_context");
    run.assert_stdout_contains(&[
        "| 100 idle threads",
        "| ...every page written",
        "voluntary switches by one side",
    ]);
}

#[test]
fn thread_basics_covers_every_section_and_ends() {
    let run = run("thread_basics");
    run.assert_stdout_contains(&[
        "1. spawn/join: the thread returned 332833500",
        "2. Builder: the thread calls itself Some(\"worker-1\")",
        "5. panic: join() returned Err, payload \"worker failed\"; main goes on",
        "6. thread_local: main counted 2 calls, a new thread 1",
    ]);
    // Main returned while the detached thread was parked: the process ended.
    assert!(run.stdout.trim_end().ends_with("main returns now"));
    // The silenced panic hook printed nothing.
    assert!(!run.stderr.contains("worker failed"), "{}", run.stderr);
}
