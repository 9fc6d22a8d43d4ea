//! 2.1 Threads and processes: shared memory versus separate memory, and the
//! cost of starting each.
//!
//! Python: threads share the interpreter's objects; `multiprocessing` (with
//! the `fork` start method on Linux) gives each child a copy of the parent's
//! memory, so a child's writes never reach the parent.
//! Rust: a scoped thread writes to a local of `main` and `main` sees it; a
//! `fork`ed child (Linux, `nix::unistd::fork`) writes to the same variable in
//! its copy-on-write copy and the parent's stays untouched. Then the cost of
//! creating and joining N threads versus forking and reaping N processes.
//!
//! Watch: "main sees 42" for the thread and "parent still sees 0" for the
//! process; a process costs several times a thread (a fork copies the page
//! tables, and an exec loads a whole new program on top).
//! Varies: the costs depend on the kernel, the CPU and the size of the parent
//! (a bigger address space makes fork slower); the ratios are more stable.
//!
//! Run: cargo run --release --example threads_vs_processes

use std::hint::black_box;
use std::process::Command;
use std::thread;
use std::time::Duration;

use common::report::Table;
use common::timing::{Stats, format_duration, measure};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, fork};

/// Forks a child that runs `in_child` on its copy of memory and exits with
/// the code it returns; returns that exit code.
///
/// `in_child` must only touch memory: after `fork` in a program that has
/// threads, only async-signal-safe calls are allowed in the child, and
/// `_exit` (not `exit`: no destructors, no flushing the parent's buffers).
fn fork_and_wait(in_child: impl FnOnce() -> i32) -> i32 {
    // SAFETY: the child only runs `in_child` (plain memory writes, as the
    // callers pass) and then `_exit`, both async-signal-safe; it never returns
    // into Rust code that could take a lock another thread held at the fork.
    match unsafe { fork() }.expect("fork") {
        ForkResult::Child => {
            let code = in_child();
            // SAFETY: `_exit` ends the child at once, which is always sound.
            unsafe { nix::libc::_exit(code) }
        }
        ForkResult::Parent { child } => match waitpid(child, None).expect("waitpid") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("child ended unexpectedly: {other:?}"),
        },
    }
}

/// Median cost of one unit, when `units` of them run back to back, `runs` times.
fn per_unit(runs: usize, units: u32, mut unit: impl FnMut()) -> Duration {
    let stats: Stats = measure(runs, || (0..units).for_each(|_| unit()));
    stats.median() / units
}

fn main() {
    // 1. A thread writes to main's variable: main sees the write.
    let mut value = 0;
    thread::scope(|s| {
        s.spawn(|| value = 42);
    });
    println!("A thread wrote 42 into main's variable: main sees {value}");
    let thread_write_seen = value;

    // 2. A forked child writes to its copy: the parent sees nothing.
    let mut value = 0;
    let child_saw = fork_and_wait(|| {
        // black_box: really store, and really load it back, in the child's copy.
        *black_box(&mut value) = 42;
        black_box(value)
    });
    println!(
        "A forked child wrote 42 into its copy (it exited with {child_saw}): parent still sees {value}"
    );

    // 3. What starting one costs.
    let (units, runs) = if common::testing::quick_mode() {
        println!("(quick mode: 50 of each, 3 runs)");
        (50, 3)
    } else {
        (300, 5)
    };
    println!("\nCreate and wait for {units} of each, one after another (median of {runs} runs):");
    let thread_cost = per_unit(runs, units, || thread::spawn(|| ()).join().unwrap());
    let fork_cost = per_unit(runs, units, || assert_eq!(fork_and_wait(|| 0), 0));
    let mut table = Table::new(["unit", "cost per unit", "vs a thread"]);
    let ratio = |cost: Duration| format!("{:.1}x", cost.as_secs_f64() / thread_cost.as_secs_f64());
    table.row([
        "thread: spawn + join".to_string(),
        format_duration(thread_cost),
        ratio(thread_cost),
    ]);
    table.row([
        "process: fork + waitpid".to_string(),
        format_duration(fork_cost),
        ratio(fork_cost),
    ]);
    // fork + exec, as `subprocess` and multiprocessing's "spawn" method do.
    match Command::new("true").status() {
        Ok(_) => {
            let exec_cost = per_unit(runs, units, || {
                assert!(Command::new("true").status().unwrap().success());
            });
            table.row([
                "process: fork + exec `true` + wait".to_string(),
                format_duration(exec_cost),
                ratio(exec_cost),
            ]);
        }
        Err(e) => println!("(no `true` program to exec here: {e}; that row is skipped)"),
    }
    println!("{}", table.align_right([1, 2]));

    assert_eq!(thread_write_seen, 42, "a thread shares main's memory");
    assert_eq!(child_saw, 42, "the child saw its own write");
    assert_eq!(value, 0, "the parent's memory is its own");
}
