//! 4 multiprocessing.Value: memory that a forked child shares, and memory it
//! does not.
//!
//! Python: a global changed in a child stays changed in the child only;
//! `multiprocessing.Value('q', 0)` is memory that parent and children share.
//! Rust: a plain variable, copied at the fork, against
//! `processes::shared::SharedValue`, a `u64` in a `MAP_SHARED` page.
//!
//! Watch: the child's `+= 1` on the plain variable never reaches the parent;
//! its `fetch_add(1)` on the shared page does.
//! Varies: nothing. Needs `fork`: Linux and macOS.
//!
//! Run: cargo run --release --example shared_memory

use std::io;
use std::process::ExitCode;

use processes::fork::fork_child;
use processes::lesson::require_fork;
use processes::shared::SharedValue;

fn main() -> ExitCode {
    require_fork();
    processes::lesson::run(|| {
        plain_memory_is_copied()?;
        a_shared_page_is_not_copied()
    })
}

// ANCHOR: plain_memory_is_copied
fn plain_memory_is_copied() -> io::Result<()> {
    let mut plain = 0u64;
    // SAFETY: single-threaded program; the child only does arithmetic.
    let child = unsafe {
        fork_child(|| {
            plain += 1; // the child's own copy of the page
            0
        })
    }?;
    assert!(child.wait()?.success());
    println!("plain variable after a child's += 1: {plain} (copied at the fork, not shared)");
    assert_eq!(plain, 0, "the child changed its own copy only");
    Ok(())
}
// ANCHOR_END: plain_memory_is_copied

// ANCHOR: a_shared_page_is_not_copied
fn a_shared_page_is_not_copied() -> io::Result<()> {
    let shared = SharedValue::new(0)?; // Value('q', 0): mapped before the fork
    // SAFETY: single-threaded program; the child only does an atomic add.
    let child = unsafe {
        fork_child(|| {
            shared.fetch_add(1); // the same physical page as the parent's
            0
        })
    }?;
    assert!(child.wait()?.success());
    let seen = shared.load();
    println!("SharedValue after a child's fetch_add(1): {seen} (a MAP_SHARED page)");
    assert_eq!(seen, 1, "parent and child share the page");
    Ok(())
}
// ANCHOR_END: a_shared_page_is_not_copied
