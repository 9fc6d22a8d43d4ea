//! When the OS refuses a process, a pipe or a descriptor, every example says
//! so in one line and exits 0, at once: never a hang, never a panic trace,
//! never a bare `Error: Os { .. }`.
//!
//! Each example runs under a low limit (`ulimit -n`, `ulimit -u`), set in the
//! child before it starts.
#![cfg(unix)]

use std::os::unix::process::CommandExt;
use std::process::Command;
use std::time::Duration;

use common::testing::{ExampleRun, example_path, run_bounded};
use nix::libc;

const LIMIT: Duration = Duration::from_secs(60);

/// The examples that fork, open pipes or start threads: all of them.
const EXAMPLES: [&str; 10] = [
    "process_basics",
    "pipes",
    "three_producers",
    "shared_memory",
    "value_lost_updates",
    "process_pool",
    "pool_round_trip",
    "rayon_squares",
    "cpu_bound_speedup",
    "pool_cost_per_job",
];

/// Those that open no descriptor of their own (shared memory and children
/// only): `ulimit -n` cannot stop them.
const NEED_NO_DESCRIPTOR: [&str; 3] = ["shared_memory", "value_lost_updates", "rayon_squares"];

/// What a test limits: `ulimit -n` or `ulimit -u`.
#[derive(Clone, Copy)]
enum Limit {
    Descriptors,
    Processes,
}

/// Runs `example` with `what` limited to `limit`.
fn run_limited(example: &str, what: Limit, limit: u64) -> ExampleRun {
    let mut command = Command::new(example_path(example));
    let drop_root = matches!(what, Limit::Processes);
    if drop_root && // SAFETY: geteuid(2) has no preconditions.
        unsafe { nix::libc::geteuid() } == 0
    {
        // Root is exempt from RLIMIT_NPROC: run as `nobody`.
        command.uid(65534).gid(65534);
    }
    let limit = libc::rlimit {
        rlim_cur: limit as libc::rlim_t,
        rlim_max: limit as libc::rlim_t,
    };
    // SAFETY: between fork and exec the child only calls setrlimit(2), a
    // plain system call that takes no lock, on a struct it owns.
    unsafe {
        command.pre_exec(move || {
            let set = match what {
                Limit::Descriptors => libc::setrlimit(libc::RLIMIT_NOFILE, &limit),
                Limit::Processes => libc::setrlimit(libc::RLIMIT_NPROC, &limit),
            };
            if set == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    run_bounded(command, LIMIT)
}

#[track_caller]
fn assert_refused_cleanly(example: &str, what: &str, run: &ExampleRun) {
    let said = |text: &str| {
        format!(
            "{example} under {what}: {text}\n--- stdout\n{}\n--- stderr\n{}",
            run.stdout, run.stderr
        )
    };
    assert!(
        run.status.success(),
        "{}",
        said(&format!("exit {}", run.status))
    );
    let refusals: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("Stopped: the OS refused"))
        .collect();
    assert_eq!(refusals.len(), 1, "{}", said("expected one refusal line"));
    assert!(!run.stderr.contains("panicked"), "{}", said("a panic"));
}

#[test]
fn no_descriptor_to_spare_is_one_line_and_exit_0() {
    for example in EXAMPLES
        .into_iter()
        .filter(|e| !NEED_NO_DESCRIPTOR.contains(e))
    {
        let run = run_limited(example, Limit::Descriptors, 4);
        assert_refused_cleanly(example, "ulimit -n 4", &run);
    }
}

#[test]
fn no_process_to_spare_is_one_line_and_exit_0() {
    for example in EXAMPLES {
        let run = run_limited(example, Limit::Processes, 1);
        assert_refused_cleanly(example, "ulimit -u 1", &run);
    }
}

#[test]
fn every_limit_ends_in_a_run_or_one_refusal() {
    // Refused at each step in turn: the first pipe, the second worker, ...
    for example in ["pipes", "process_pool"] {
        for (what, limit) in (4..12)
            .map(|n| (Limit::Descriptors, n))
            .chain((1..10).map(|n| (Limit::Processes, n)))
        {
            let run = run_limited(example, what, limit);
            let said = format!(
                "{example} under limit {limit}: {}\n{}\n{}",
                run.status, run.stdout, run.stderr
            );
            assert!(run.status.success(), "{said}");
            assert!(!run.stderr.contains("panicked"), "{said}");
            let refusals = run
                .stdout
                .lines()
                .filter(|l| l.starts_with("Stopped: the OS refused"));
            assert!(refusals.count() <= 1, "{said}");
        }
    }
}
