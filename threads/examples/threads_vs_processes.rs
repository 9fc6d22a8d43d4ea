//! 2.1 Threads and processes: shared memory versus a copy, and the cost of
//! starting each.
//!
//! Python: threads share the interpreter's objects; `multiprocessing` (`fork`
//! on Linux) gives each child a copy of the parent's memory.
//! Rust: a scoped thread writes to a local of `main` and `main` sees it; a child
//! forked with `processes::fork::fork_child` writes to its copy-on-write copy.
//!
//! Watch: "main sees 42", then "parent still sees 0"; a process costs several
//! times a thread (fork copies page tables; exec loads a new program on top).
//! Varies: the costs with the kernel, CPU and parent's size; the ratios less.
//! Windows has no fork: there the example shows the thread half and says so.
//!
//! Run: cargo run --release --example threads_vs_processes

// Windows runs only the thread half (it has no fork): the rest is unused there.
#![cfg_attr(not(unix), allow(unused))]

use std::process::Command;
use std::thread;
use std::time::Duration;

use common::report::{Table, claim};
use common::timing::{format_duration, measure};

// ANCHOR: a_thread_shares_memory
fn a_thread_shares_memory() {
    let mut value = 0;
    thread::scope(|s| {
        s.spawn(|| value = 42);
    });
    println!("A thread wrote 42 into main's variable: main sees {value}");
    assert_eq!(value, 42, "a thread shares main's memory");
}
// ANCHOR_END: a_thread_shares_memory

#[cfg(unix)]
// ANCHOR: a_process_has_its_own_copy
fn a_process_has_its_own_copy() {
    use processes::fork::{ChildExit, fork_child};
    use std::hint::black_box;
    let mut value = 0;
    // SAFETY: the child only writes to its copy of memory and returns: it takes
    // no lock and prints nothing (and no other thread runs at this point).
    let child = unsafe {
        fork_child(|| {
            // black_box: really store, and really load it back, in the child's copy.
            *black_box(&mut value) = 42;
            black_box(value)
        })
    };
    let exit = child.expect("fork").wait().expect("waitpid");
    let ChildExit::Exited(child_saw) = exit else {
        panic!("the child ended unexpectedly: {exit}")
    };
    println!(
        "A forked child wrote 42 into its copy (it exited with {child_saw}): parent still sees {value}"
    );
    assert_eq!(child_saw, 42, "the child saw its own write");
    assert_eq!(value, 0, "the parent's memory is its own");
}
// ANCHOR_END: a_process_has_its_own_copy

/// Median cost of one unit, when `units` of them run back to back, `runs` times.
fn per_unit(runs: usize, units: u32, mut unit: impl FnMut()) -> Duration {
    measure(runs, || (0..units).for_each(|_| unit())).median() / units
}

/// Forks a child that exits at once, and reaps it.
#[cfg(unix)]
fn fork_and_reap() {
    // SAFETY: the child returns a constant: no lock, no output.
    let child = unsafe { processes::fork::fork_child(|| 0) }.expect("fork");
    assert!(child.wait().expect("waitpid").success());
}

#[cfg(unix)]
// ANCHOR: cost_of_starting_each
fn cost_of_starting_each(units: u32, runs: usize) {
    println!("\nCreate and wait for {units} of each, one after another (median of {runs} runs):");
    let thread_cost = per_unit(runs, units, || thread::spawn(|| ()).join().unwrap());
    let fork_cost = per_unit(runs, units, fork_and_reap);
    let mut table = Table::new(["unit", "cost per unit", "vs a thread"]);
    let mut row = |unit: &str, cost: Duration| {
        let ratio = cost.as_secs_f64() / thread_cost.as_secs_f64();
        table.row([
            unit.to_string(),
            format_duration(cost),
            format!("{ratio:.1}x"),
        ]);
    };
    row("thread: spawn + join", thread_cost);
    row("process: fork + waitpid", fork_cost);
    // A new program, as `subprocess` starts one: std's `Command` uses
    // posix_spawn (a clone that shares memory until the exec), not a full fork.
    match Command::new("true").status() {
        Ok(_) => {
            let exec_cost = per_unit(runs, units, || {
                assert!(Command::new("true").status().unwrap().success());
            });
            row("process: spawn + exec `true` + wait", exec_cost);
        }
        Err(e) => println!("(no `true` program to exec here: {e}; that row is skipped)"),
    }
    println!("{}", table.align_right([1, 2]));
    let ratio = fork_cost.as_secs_f64() / thread_cost.as_secs_f64();
    claim(
        "Starting a process costs more than starting a thread",
        ratio > 1.0,
        &format!("a fork cost {ratio:.1}x a thread"),
    );
    // Every child was waited for (waitpid, or Command::status): none is left as a zombie.
    let left = nix::sys::wait::waitpid(None, Some(nix::sys::wait::WaitPidFlag::WNOHANG));
    assert_eq!(
        left,
        Err(nix::errno::Errno::ECHILD),
        "every child process was reaped"
    );
}
// ANCHOR_END: cost_of_starting_each

/// Windows has no `fork`: the process half of the lesson needs Linux or macOS.
#[cfg(not(unix))]
fn a_process_has_its_own_copy() {
    common::report::cannot_show(
        "a forked child's copy of memory, and the cost of a fork",
        "Windows has no fork(2); run it on Linux or macOS (on Windows: WSL, or the dev container)",
    );
}

#[cfg(not(unix))]
fn cost_of_starting_each(_units: u32, _runs: usize) {}

fn main() {
    a_thread_shares_memory();
    a_process_has_its_own_copy();
    cost_of_starting_each(200, 3);
}
