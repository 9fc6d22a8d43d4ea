//! 4 multiprocessing.Value: one counter, several processes, lost updates.
//!
//! Python: `multiprocessing.Value('i', 0)`; `value.value += 1` in several
//! processes loses updates, `with value.get_lock(): value.value += 1` does not.
//! Rust: `processes::shared::SharedValue`, a `u64` in a `MAP_SHARED` page
//! that forked children write to; a separate load and store (the race of
//! section 3.7, now between processes) against an atomic `fetch_add`.
//!
//! Watch: the "racy" row usually ends below the expected total, the
//! "fetch_add" row never does.
//! Varies: how many updates the racy version loses (it depends on how often
//! two processes run the same instant: on one free core it may lose none).
//! Linux only (fork, mmap).
//!
//! Run: cargo run --release --example shared_memory

use common::report::Table;
use common::testing::quick_mode;
use processes::fork::fork_child;
use processes::shared::SharedValue;

const PROCESSES: u64 = 4;

/// Forks `PROCESSES` children that each run `increment` `per_child` times on
/// `value`, waits for all of them, and returns the final value.
fn run(value: &SharedValue, per_child: u64, increment: fn(&SharedValue)) -> std::io::Result<u64> {
    value.store(0);
    let mut children = Vec::new();
    for _ in 0..PROCESSES {
        // SAFETY: single-threaded program; the child only touches the shared
        // atomic and returns.
        let child = unsafe {
            fork_child(|| {
                for _ in 0..per_child {
                    increment(value);
                }
                0
            })
        }?;
        children.push(child);
    }
    for child in children {
        assert!(child.wait()?.success());
    }
    Ok(value.load())
}

fn main() -> std::io::Result<()> {
    let per_child = if quick_mode() { 20_000 } else { 2_000_000 };
    if quick_mode() {
        println!("(quick mode: {per_child} increments per process)");
    }
    let expected = PROCESSES * per_child;

    // A plain variable first: each child increments its own copy.
    let mut plain = 0u64;
    // SAFETY: single-threaded program; the child only does arithmetic.
    let child = unsafe {
        fork_child(|| {
            plain += 1;
            0
        })
    }?;
    child.wait()?;
    println!("plain variable after a child's += 1: {plain} (copy on write, not shared)");

    let value = SharedValue::new(0)?;
    let racy = run(&value, per_child, SharedValue::racy_increment)?;
    let atomic = run(&value, per_child, |v| {
        v.fetch_add(1);
    })?;

    let mut table = Table::new(["increment", "processes", "expected", "got", "lost"]);
    for (name, got) in [
        ("load + store (racy)", racy),
        ("fetch_add (atomic)", atomic),
    ] {
        table.row([
            name.to_string(),
            PROCESSES.to_string(),
            expected.to_string(),
            got.to_string(),
            (expected - got).to_string(),
        ]);
    }
    table.align_right([1, 2, 3, 4]);
    println!("{table}");

    assert_eq!(plain, 0);
    assert!(racy <= expected);
    assert_eq!(atomic, expected, "an atomic add never loses an update");
    Ok(())
}
