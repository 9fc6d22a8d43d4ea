//! 4 multiprocessing.Value: one counter, several processes, lost updates.
//!
//! Python: `multiprocessing.Value('q', 0)`; `value.value += 1` in several
//! processes loses updates, `with value.get_lock(): value.value += 1` does not.
//! Rust: `processes::shared::SharedValue`, a `u64` in a `MAP_SHARED` page
//! that forked children write to; a separate load and store (the race of
//! section 3.7, now between processes) against an atomic `fetch_add`.
//!
//! Watch: a plain variable is copied at the fork, a shared page is not; the
//! racy count usually ends below the expected total, `fetch_add` never does.
//! Varies: how many updates the racy version loses (it depends on how often
//! two processes run at the same instant: on one free CPU it may lose none).
//!
//! Run: cargo run --release --example shared_memory

use std::io;

use common::testing::pick;
use processes::fork::fork_child;
use processes::shared::SharedValue;

const PROCESSES: u64 = 4;

fn main() -> io::Result<()> {
    plain_memory_is_copied()?;
    a_shared_page_is_not_copied()?;
    let per_child = pick(10_000_000, 20_000);
    racy_load_then_store(per_child)?;
    atomic_fetch_add(per_child)
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

// ANCHOR: count_in_children
/// Forks `PROCESSES` children that wait at a start line until all of them
/// run (so that they race), then each apply `increment` `per_child` times
/// to one shared counter. Prints and returns the expected and final counts.
fn count_in_children(
    name: &str,
    per_child: u64,
    increment: fn(&SharedValue),
) -> io::Result<(u64, u64)> {
    let (counter, ready) = (SharedValue::new(0)?, SharedValue::new(0)?);
    let mut children = Vec::new();
    for _ in 0..PROCESSES {
        // SAFETY: single-threaded program; the child only touches the two
        // shared atomics and yields (a plain syscall), then returns.
        let child = unsafe {
            fork_child(|| {
                ready.fetch_add(1);
                while ready.load() < PROCESSES {
                    std::thread::yield_now(); // let the parent fork the rest
                }
                for _ in 0..per_child {
                    increment(&counter);
                }
                0
            })
        }?;
        children.push(child);
    }
    for child in children {
        assert!(child.wait()?.success(), "every child counted to the end");
    }
    let (expected, got) = (PROCESSES * per_child, counter.load());
    let lost = expected - got;
    println!(
        "{name:<20} {PROCESSES} processes x {per_child}: expected {expected}, got {got}, lost {lost}"
    );
    Ok((expected, got))
}
// ANCHOR_END: count_in_children

// ANCHOR: racy_load_then_store
/// `value.value += 1` without the lock: a load, then a store.
fn racy_load_then_store(per_child: u64) -> io::Result<()> {
    let (expected, got) = count_in_children(
        "load + store (racy)",
        per_child,
        SharedValue::racy_increment,
    )?;
    if got == expected {
        println!("  (none lost this run: the children seldom ran at the same instant,");
        println!("  as on one free CPU or a busy machine; run it again)");
    }
    assert!(
        got <= expected,
        "a lost update loses increments, it never adds any"
    );
    Ok(())
}
// ANCHOR_END: racy_load_then_store

// ANCHOR: atomic_fetch_add
/// `with value.get_lock(): value.value += 1`: one indivisible step.
fn atomic_fetch_add(per_child: u64) -> io::Result<()> {
    let add_one = |counter: &SharedValue| {
        counter.fetch_add(1);
    };
    let (expected, got) = count_in_children("fetch_add (atomic)", per_child, add_one)?;
    assert_eq!(got, expected, "an atomic add never loses an update");
    Ok(())
}
// ANCHOR_END: atomic_fetch_add
