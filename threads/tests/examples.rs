//! Every example runs to completion, unattended, at the lesson's sizes, and
//! prints what its lesson is about. No timing is asserted: the examples state
//! it as claim lines, which hold or say why not, and these tests only check
//! that each claim was checked.

use common::report::CLAIM;
use common::testing::{ExampleRun, example};

/// The example checked each of `claims` against this run and printed its
/// verdict (held, or did not hold and why).
#[track_caller]
fn checks_claims(run: &ExampleRun, claims: &[&str]) {
    for claim in claims {
        let line = format!("{CLAIM}{claim} -- ");
        assert!(
            run.stdout.lines().any(|l| l.starts_with(&line)),
            "no verdict on {claim:?}\n--- stdout\n{}",
            run.stdout
        );
    }
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
    run.assert_stdout_contains(&[
        "| threads | median time | speedup | CPUs busy |",
        "  thread 1 |",
        "  thread 2 |",
        "c = cpu_bound_task, * = progress",
    ]);
    checks_claims(
        &run,
        &["No GIL: 2 threads keep about 2 CPUs busy and are about twice as fast as 1"],
    );
}

/// With `COURSE_TRACE` set, the timeline is also written as a Chrome trace:
/// a row per thread, one `cpu_bound_task` span each, a mark per slice.
#[test]
fn gil_writes_its_timeline_as_a_chrome_trace() {
    use common::testing::{example_path, run_bounded};
    use std::process::Command;
    use std::time::Duration;

    let path = std::env::temp_dir().join(format!("gil-{}.json", std::process::id()));
    let mut command = Command::new(example_path("gil"));
    command.env(common::trace::TRACE_ENV, &path);
    let run = run_bounded(command, Duration::from_secs(120));
    run.assert_success();
    let trace = std::fs::read_to_string(&path).expect("the trace file");
    let _ = std::fs::remove_file(&path);
    let count = |event: &str| trace.matches(event).count();
    assert_eq!(count(r#""name":"thread_name""#), 2, "{trace}");
    assert_eq!(count(r#""ph":"X","name":"cpu_bound_task""#), 2);
    let slices = 1_000_000 / threads::gil::SLICE as usize;
    assert_eq!(count(r#""name":"progress""#), 2 * slices);
}

#[test]
fn gil_simulated_keeps_one_thread_inside() {
    let run = example("gil_simulated");
    run.assert_stdout_contains(&[
        "CPU-bound, plain Rust threads:",
        "CPU-bound, each thread holding the Gil",
        "| threads | median time | speedup | CPUs busy |",
        "Most threads inside CPU-bound code at once with the Gil: 1.",
    ]);
    checks_claims(
        &run,
        &[
            "Without the Gil, 2 threads keep about 2 CPUs busy and are about twice as fast as 1",
            "With the Gil, more threads are no faster than 1, whatever the CPUs",
        ],
    );
}

#[test]
fn gil_io_bound_parses_one_at_a_time() {
    let run = example("gil_io_bound");
    run.assert_stdout_contains(&[
        "IO-bound under the Gil:",
        "Most threads parsing at once: 1;",
    ]);
    checks_claims(
        &run,
        &["Waiting releases the Gil, so the waits overlap: 4 threads are about 4x as fast as 1"],
    );
}

#[test]
fn multitasking_vs_parallelism_draws_both_runs() {
    let run = example("multitasking_vs_parallelism");
    run.assert_stdout_contains(&["| free |", "  A |", "  B |", "| CPU / wall |"]);
    checks_claims(
        &run,
        &["Free, the two tasks run at the same time: CPU / wall near 2"],
    );
    if cfg!(target_os = "macos") {
        run.assert_stdout_contains(&["Not on macOS: two tasks pinned to one CPU"]);
    } else {
        run.assert_stdout_contains(&["| pinned to 1 CPU |", "p = pinned, f = free"]);
    }
}

#[test]
fn preemptive_vs_cooperative_starves_then_keeps_rhythm() {
    let run = example("preemptive_vs_cooperative");
    run.assert_stdout_contains(&[
        "busy task without await:",
        "busy task with yield_now:",
        "beats during the busy stretch: 0",
    ]);
    if cfg!(target_os = "linux") {
        run.assert_stdout_contains(&["| involuntary |"]);
        checks_claims(
            &run,
            &["Neither thread yielded, yet the kernel preempted them (involuntary switches)"],
        );
    }
}

#[test]
fn threads_share_memory_and_processes_do_not() {
    let run = example("threads_vs_processes");
    run.assert_stdout_contains(&["main sees 42"]);
    if cfg!(unix) {
        run.assert_stdout_contains(&[
            "it exited with 42): parent still sees 0",
            "| thread: spawn + join",
            "| process: fork + waitpid",
        ]);
    } else {
        run.assert_stdout_contains(&["Windows has no fork(2)"]);
    }
}

#[test]
fn rss_and_vms_shows_reserved_and_resident_memory() {
    let run = example("rss_and_vms");
    if cfg!(target_os = "linux") {
        run.assert_stdout_contains(&[
            "| before",
            "| 100 idle threads",
            "| all joined",
            "| 100 MiB zeroed",
            "| every page written",
        ]);
        checks_claims(
            &run,
            &[
                "The idle threads' stacks are reserved, not resident: RSS grew far less than VMS",
                "Zeroed memory takes RAM only when written: RSS grows at the writes, not at the allocation",
            ],
        );
    } else {
        run.assert_stdout_contains(&["Not on ", "RSS and VMS readings"]);
    }
}

/// Issue 19: when the OS refuses the threads (here, under `ulimit -v`, whose
/// 146 MiB cannot hold 100 stacks of 2 MiB), the example says so in one line
/// and exits 0 at once, instead of hanging with 99 threads at a barrier.
#[cfg(target_os = "linux")]
#[test]
fn rss_and_vms_stops_cleanly_when_the_os_refuses_a_thread() {
    use common::testing::{example_path, run_bounded};
    use std::process::Command;
    use std::time::Duration;

    let mut command = Command::new("sh");
    command
        .args(["-c", "ulimit -v 150000 && exec \"$0\""])
        .arg(example_path("rss_and_vms"));
    let run = run_bounded(command, Duration::from_secs(60));
    run.assert_success();
    let stopped: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("Stopped: "))
        .collect();
    assert_eq!(stopped.len(), 1, "{}", run.stdout);
    assert!(
        stopped[0].starts_with("Stopped: the OS refused idle thread "),
        "{}",
        stopped[0]
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn context_switches_counts_both_kinds() {
    let run = example("context_switches");
    if cfg!(target_os = "linux") {
        run.assert_stdout_contains(&["| voluntary |", "voluntary switches by one side"]);
        checks_claims(
            &run,
            &["Each 1 ms wait blocks the thread: a voluntary switch per wait"],
        );
    } else {
        run.assert_stdout_contains(&["context switches counted per thread"]);
    }
}

#[test]
fn thread_basics_numbers_its_lines() {
    let run = example("thread_basics");
    run.assert_stdout_contains(&[
        "1. spawn/join: the thread returned 332833500",
        "2. Builder: the thread calls itself Some(\"worker-1\")",
        "3. scope: four threads summed borrowed chunks: [325, 950, 1575, 2200]",
        "5. thread_local: main counted 2 calls, a new thread 1",
    ]);
}

#[test]
fn how_threads_end_reports_the_panic_and_ends_with_a_detached_thread() {
    let run = example("how_threads_end");
    run.assert_stdout_contains(&[
        "1. panic: join() returned Err, payload \"worker failed\"; main goes on",
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
