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
    assert!(
        run.stdout.contains("| threads | median time | speedup |"),
        "{}",
        run.stdout
    );
}

#[test]
fn gil_simulated_keeps_one_thread_inside() {
    let run = run("gil_simulated");
    assert!(run.stdout.contains("| CPU-bound |"), "{}", run.stdout);
    assert!(run.stdout.contains("| IO-bound  |"), "{}", run.stdout);
    assert!(run.stdout.contains("1 with it."), "{}", run.stdout);
}

#[test]
fn multitasking_vs_parallelism_draws_both_timelines() {
    let run = run("multitasking_vs_parallelism");
    assert!(
        run.stdout.contains("pinned to 1 CPU: first 60 ms"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("free: first 60 ms"), "{}", run.stdout);
    assert!(run.stdout.contains("  A |"));
    assert!(run.stdout.contains("| CPU / wall |"));
}

#[test]
fn preemptive_vs_cooperative_starves_then_keeps_rhythm() {
    let run = run("preemptive_vs_cooperative");
    assert!(run.stdout.contains("| involuntary |"), "{}", run.stdout);
    assert!(
        run.stdout.contains("beats during the busy stretch: 0"),
        "{}",
        run.stdout
    );
}

#[test]
fn threads_share_memory_and_processes_do_not() {
    let run = run("threads_vs_processes");
    assert!(run.stdout.contains("main sees 42"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("it exited with 42): parent still sees 0"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("| thread: spawn + join"));
    assert!(run.stdout.contains("| process: fork + waitpid"));
}

#[test]
fn memory_and_context_shows_rss_vms_and_switches() {
    let run = run("memory_and_context");
    assert!(run.stdout.contains("| 100 idle threads"), "{}", run.stdout);
    assert!(
        run.stdout.contains("| ...every page written"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("voluntary switches by one side"),
        "{}",
        run.stdout
    );
}

#[test]
fn thread_basics_covers_every_section_and_ends() {
    let run = run("thread_basics");
    for line in [
        "1. spawn/join: the thread returned 332833500",
        "2. Builder: the thread calls itself Some(\"worker-1\")",
        "5. panic: join() returned Err, payload \"worker failed\"; main goes on",
        "6. thread_local: main counted 2 calls, a new thread 1",
    ] {
        assert!(
            run.stdout.contains(line),
            "missing {line:?} in\n{}",
            run.stdout
        );
    }
    // Main returned while the detached thread was parked: the process ended.
    assert!(run.stdout.trim_end().ends_with("main returns now"));
    // The silenced panic hook printed nothing.
    assert!(!run.stderr.contains("worker failed"), "{}", run.stderr);
}
