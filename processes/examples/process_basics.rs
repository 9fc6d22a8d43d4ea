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
//! Varies: the pids. Needs `fork` and `sh`: Linux and macOS (on Windows it
//! says so and stops).
//!
//! Run: cargo run --release --example process_basics

use std::process::{Command, ExitCode};

use common::report::Table;
use processes::fork::{ChildExit, PANIC_EXIT_CODE, Signal, fork_child};
use processes::lesson::require_fork;

fn main() -> ExitCode {
    require_fork();
    processes::lesson::run(|| {
        a_program_as_a_child()?;
        fork_copies_memory()?;
        how_children_end()
    })
}

// ANCHOR: a_program_as_a_child
/// `subprocess.run(["sh", "-c", ...], capture_output=True)`.
fn a_program_as_a_child() -> std::io::Result<()> {
    let script = "echo \"hello from sh, pid $$\"; echo oops >&2; exit 3";
    let output = Command::new("sh").args(["-c", script]).output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("Command printed: {}", stdout.trim_end());
    println!("Command stderr:  {}", stderr.trim_end());
    let code = output.status.code();
    println!("Command status:  {} (code {code:?})", output.status);
    assert!(
        stdout.starts_with("hello from sh"),
        "we read what sh printed"
    );
    assert_eq!(code, Some(3), "sh's `exit 3` is the status the parent sees");
    Ok(())
}
// ANCHOR_END: a_program_as_a_child

// ANCHOR: fork_copies_memory
/// `os.fork()`: the child is a copy of this process, memory and all.
fn fork_copies_memory() -> std::io::Result<()> {
    let mut counter = 10;
    let me = std::process::id();
    println!("\nparent pid {me}: counter = {counter} before fork");
    // SAFETY: this program has a single thread, so no lock can be held by a
    // thread that the child lacks; the child does arithmetic and returns.
    let child = unsafe {
        fork_child(|| {
            counter += 100; // the child's private copy
            counter // the exit code: the only thing this child reports back
        })
    }?;
    let child_pid = child.pid();
    let how = child.wait()?;
    println!("child  pid {child_pid}: counter = 110 in the child, which {how}");
    println!("parent pid {me}: counter = {counter} after the child ended");
    assert_eq!(
        how,
        ChildExit::Exited(110),
        "the child saw 10 and added 100"
    );
    assert_eq!(counter, 10, "the child's write did not reach the parent");
    Ok(())
}
// ANCHOR_END: fork_copies_memory

// ANCHOR: how_children_end
/// What a child runs; its return value becomes the exit code.
type ChildBody = fn() -> i32;

/// What `os.waitpid` tells the parent about each way a child can end.
fn how_children_end() -> std::io::Result<()> {
    let cases: [(&str, ChildBody); 4] = [
        ("returns 0", || 0),
        ("returns 7", || 7),
        ("panics", || panic!("a child's panic stays in the child")),
        ("aborts", || std::process::abort()), // Python: os.abort()
    ];
    let mut table = Table::new(["child does", "parent sees (waitpid)"]);
    let mut seen = Vec::new();
    for (what, body) in cases {
        // SAFETY: single-threaded program; each child only returns, panics
        // (silently: see the crate docs) or aborts.
        let exit = unsafe { fork_child(body) }?.wait()?;
        table.row([what.to_string(), exit.to_string()]);
        seen.push(exit);
    }
    println!("\n{table}");
    let expected = [
        ChildExit::Exited(0),
        ChildExit::Exited(7),
        ChildExit::Exited(PANIC_EXIT_CODE), // as a Rust `main` that panics
        ChildExit::Signaled(Signal::SIGABRT),
    ];
    assert_eq!(seen, expected, "an exit code, or the signal that ended it");
    Ok(())
}
// ANCHOR_END: how_children_end
