//! On one CPU the two workers of `join_vs_spawn` cannot run the halves in
//! parallel: the example says so in its claim line, and still passes, since
//! none of its asserts needs a second CPU.
//!
//! Linux only: it pins the example with `sched_setaffinity`, which macOS
//! lacks (Windows pins differently, and the claim's logic is the same).
#![cfg(target_os = "linux")]

use std::process::Command;

use common::testing::{EXAMPLE_LIMIT, example_path, run_bounded, within};
use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
use nix::unistd::Pid;

#[test]
fn join_vs_spawn_says_so_on_one_cpu() {
    let run = within(EXAMPLE_LIMIT, || {
        // A child starts with the CPU mask of the thread that spawns it: this
        // fresh thread, pinned to one of the CPUs the test may use.
        let allowed = sched_getaffinity(Pid::from_raw(0)).expect("our CPU mask");
        let cpu = (0..CpuSet::count()).find(|&c| allowed.is_set(c).unwrap_or(false));
        let mut one = CpuSet::new();
        one.set(cpu.expect("at least one CPU"))
            .expect("a CPU number");
        sched_setaffinity(Pid::from_raw(0), &one).expect("pin this thread");
        run_bounded(Command::new(example_path("join_vs_spawn")), EXAMPLE_LIMIT)
    });
    run.assert_success();
    run.assert_stdout_contains(&[
        "met: true; ",
        "-- does not hold on this run (",
        "x: one CPU here, so the two workers take turns)",
    ]);
}
