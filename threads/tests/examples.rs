//! Every example runs to completion, unattended, in quick mode, and prints
//! what its lesson is about. No timing is asserted: the examples print it.

use common::testing::{ExampleRun, example};

/// The example checked its claim against this run and said what it found:
/// one of `verdicts` (the lesson held, or why the machine contradicted it).
#[track_caller]
fn states_one_of(run: &ExampleRun, verdicts: &[&str]) {
    let found = verdicts.iter().filter(|v| run.stdout.contains(*v)).count();
    assert!(
        found >= 1,
        "no verdict among {verdicts:?}\n--- stdout\n{}",
        run.stdout
    );
}

#[test]
fn gil_prints_the_notebooks_three_lines_first() {
    let run = example("gil");
    let first: Vec<&str> = run.stdout.lines().take(3).collect();
    assert_eq!(
        first,
        [
            "Result: 333333283333335000000",
            "Result: 333333283333335000000",
            "Done"
        ]
    );
    run.assert_stdout_contains(&["| threads | median time | speedup | CPUs busy |"]);
    states_one_of(
        &run,
        &["No GIL: ", "Load: 1 thread kept", "Only one CPU here"],
    );
}

#[test]
fn gil_simulated_keeps_one_thread_inside() {
    let run = example("gil_simulated");
    run.assert_stdout_contains(&[
        "CPU-bound, plain Rust threads:",
        "CPU-bound, each thread holding the Gil",
        "IO-bound under the Gil:",
        "| threads | median time | speedup | CPUs busy |",
        "Most threads inside CPU-bound code at once with the Gil: 1.",
        "Most threads parsing at once: 1;",
    ]);
    // Without the Gil, with it, and for IO: each table's claim is checked.
    states_one_of(
        &run,
        &["No lock: ", "Load: 1 thread kept", "Only one CPU here"],
    );
    states_one_of(&run, &["One thread at a time: ", "Noise: "]);
    states_one_of(
        &run,
        &["the waits overlap: ", "the OS woke the sleepers late"],
    );
}

#[test]
fn multitasking_vs_parallelism_draws_both_timelines() {
    let run = example("multitasking_vs_parallelism");
    run.assert_stdout_contains(&[
        "pinned to 1 CPU: first 60 ms",
        "free: first 60 ms",
        "  A |",
        "  B |",
        "| CPU / wall |",
    ]);
    states_one_of(
        &run,
        &["Parallel: ", "overlapped on only", "Only one CPU here"],
    );
}

#[test]
fn preemptive_vs_cooperative_starves_then_keeps_rhythm() {
    let run = example("preemptive_vs_cooperative");
    run.assert_stdout_contains(&[
        "| involuntary |",
        "busy task without await:",
        "busy task with yield_now:",
        "beats during the busy stretch: 0",
    ]);
}

#[test]
fn threads_share_memory_and_processes_do_not() {
    let run = example("threads_vs_processes");
    run.assert_stdout_contains(&[
        "main sees 42",
        "it exited with 42): parent still sees 0",
        "| thread: spawn + join",
        "| process: fork + waitpid",
    ]);
}

#[test]
fn memory_and_context_shows_rss_vms_and_switches() {
    let run = example("memory_and_context");
    run.assert_stdout_contains(&[
        "| before",
        "| 100 idle threads",
        "| all joined",
        "| 100 MiB zeroed",
        "| every page written",
        "voluntary switches by one side",
    ]);
}

#[test]
fn thread_basics_covers_every_section_and_ends() {
    let run = example("thread_basics");
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

#[test]
fn send_and_sync_runs_the_fix_of_every_refused_program() {
    let run = example("send_and_sync");
    run.assert_stdout_contains(&[
        "1. move: hello, Ada",
        "1. move: hello, Grace",
        "2. scope: four threads summed borrowed chunks [325, 950, 1575, 2200], total 5050",
        "3. Arc: the thread saw 2 options;",
        "the reference count is back to 1",
        "4. Mutex: while the threads ran, main read a length of ",
        "4. Mutex: after the scope, [\"from thread 1\", \"from thread 2\"]",
        "5. Arc<Mutex>: 4 spawned threads pushed 1000 items each: 4000 in all",
    ]);
}
