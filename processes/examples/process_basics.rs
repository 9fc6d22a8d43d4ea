//! 4 multiprocessing: what a process is, seen from its parent.
//!
//! Python: `subprocess.run(...)` starts a program and collects its output and
//! return code; `os.fork()` + `os.waitpid()` copy the running interpreter.
//! Rust: `std::process::Command` for programs; `processes::fork::fork_child`
//! (`fork(2)` + `_exit(2)`) and `ForkedChild::wait` (`waitpid(2)`) for copies.
//!
//! Watch: the child's `counter` changes never reach the parent (memory is
//! copied, not shared), and the parent learns how each child ended: an exit
//! code, or the signal that killed it.
//! Varies: the pids. Linux only (fork, signals, `sh`).
//!
//! Run: cargo run --release --example process_basics

use std::process::Command;

use common::report::Table;
use nix::sys::signal::{Signal, raise};
use processes::fork::{ChildExit, fork_child};

/// What a child runs; its return value becomes the exit code.
type ChildBody = fn() -> i32;

fn main() -> std::io::Result<()> {
    // 1. A program as a child process: spawn, wait, read what it printed.
    let output = Command::new("sh")
        .args([
            "-c",
            "echo \"hello from sh, pid $$\"; echo oops >&2; exit 3",
        ])
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("Command printed: {}", stdout.trim_end());
    println!(
        "Command stderr:  {}",
        String::from_utf8_lossy(&output.stderr).trim_end()
    );
    println!(
        "Command status:  {} (code {:?})",
        output.status,
        output.status.code()
    );

    // 2. fork: the child is a copy of this process, memory and all.
    let mut counter = 10;
    println!();
    println!(
        "parent pid {}: counter = {counter} before fork",
        std::process::id()
    );
    // SAFETY: this program has a single thread, so no lock can be held by a
    // thread that the child lacks; the child does arithmetic and returns.
    let child = unsafe {
        fork_child(|| {
            counter += 100; // the child's private copy
            // The exit code is the only thing this child reports back.
            counter
        })
    }?;
    let child_pid = child.pid();
    let how = child.wait()?;
    println!("child  pid {child_pid}: counter = 110 in the child, which {how}");
    println!(
        "parent pid {}: counter = {counter} after the child ended",
        std::process::id()
    );

    // 3. How children end, as the parent sees it.
    let mut table = Table::new(["child does", "parent sees (waitpid)"]);
    let mut seen = Vec::new();
    let cases: [(&str, ChildBody); 4] = [
        ("returns 0", || 0),
        ("returns 7", || 7),
        ("panics", || panic!("a child's panic stays in the child")),
        ("raises SIGKILL", || {
            let _ = raise(Signal::SIGKILL);
            0
        }),
    ];
    for (what, body) in cases {
        // SAFETY: single-threaded program; each child only returns, panics
        // (silently: see the crate docs) or raises a signal.
        let exit = unsafe { fork_child(body) }?.wait()?;
        table.row([what.to_string(), exit.to_string()]);
        seen.push(exit);
    }
    println!();
    println!("{table}");

    assert!(stdout.starts_with("hello from sh"));
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(how, ChildExit::Exited(110));
    assert_eq!(counter, 10, "the child's write must not reach the parent");
    assert_eq!(
        seen,
        [
            ChildExit::Exited(0),
            ChildExit::Exited(7),
            ChildExit::Exited(processes::fork::PANIC_EXIT_CODE),
            ChildExit::Signaled(Signal::SIGKILL),
        ]
    );
    Ok(())
}
