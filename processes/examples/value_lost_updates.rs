//! 4 multiprocessing.Value: one counter, four processes, lost updates.
//!
//! Python: `value.value += 1` in several processes loses updates, `with
//! value.get_lock(): value.value += 1` does not.
//! Rust: `processes::shared::SharedValue` in forked children: a separate
//! load and store (the race of section 3.7, now between processes) against
//! an atomic `fetch_add`.
//!
//! Watch: the racy count usually ends below the expected total, `fetch_add`
//! never does.
//! Varies: how many updates the racy version loses (none, when the children
//! seldom run at the same instant). Needs `fork`: Linux and macOS.
//!
//! Run: cargo run --release --example value_lost_updates

use std::io;
use std::process::ExitCode;

use processes::fork::fork_child;
use processes::lesson::require_fork;
use processes::shared::SharedValue;

const PROCESSES: u64 = 4;
/// Increments per child: long enough (tens of milliseconds) for the
/// children to run at the same time.
const PER_CHILD: u64 = 10_000_000;

fn main() -> ExitCode {
    require_fork();
    processes::lesson::run(|| {
        racy_load_then_store(PER_CHILD)?;
        atomic_fetch_add(PER_CHILD)
    })
}

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
    let detail = match expected - got {
        0 => "none lost this run: the children seldom ran at the same instant, \
              as on one free CPU or a busy machine"
            .to_string(),
        lost => format!("{lost} of {expected} lost"),
    };
    common::report::claim(
        "a load then a store from several processes loses updates",
        got < expected,
        &detail,
    );
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
