//! 3.1 RLock: a lock that the thread holding it may take again.
//!
//! Python: `threading.RLock()` lets a recursive function re-enter `with lock:`;
//! a plain `Lock()` would block forever on the second `acquire`.
//! Rust: `parking_lot::ReentrantMutex` (shared guards, so the data sits in a
//! `RefCell`); a plain `Mutex`'s self-deadlock is shown safely with `try_lock`.
//!
//! Watch: how many times the lock is held at each level of the walk; the plain
//! Mutex's `try_lock` failing (Python: `acquire(blocking=False)` is `False`).
//! Varies: nothing; one thread plus one contender, in a fixed order.
//!
//! Run: cargo run --release --example rlock

use std::cell::RefCell;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use parking_lot::{Mutex, ReentrantMutex};

/// What the walk writes down, one line per node, under the reentrant lock.
type Log = ReentrantMutex<RefCell<Vec<String>>>;

fn main() {
    let log = Log::new(RefCell::new(Vec::new()));
    rlock_reenters(&log);
    rlock_keeps_other_threads_out(&log);
    plain_lock_does_not_reenter();
}

// ANCHOR: recursive_walk
/// A directory tree to walk: each node's size plus its children.
struct Node {
    name: &'static str,
    size: u64,
    children: Vec<Node>,
}

/// Adds up sizes, taking the lock at every level: the recursive call
/// re-enters the lock this same thread already holds.
fn total_size(node: &Node, log: &Log, depth: usize) -> u64 {
    let guard = log.lock(); // `with rlock:`, again and again on one thread
    let line = format!("{}{} (held {}x)", "  ".repeat(depth), node.name, depth + 1);
    guard.borrow_mut().push(line);
    let children: u64 = node
        .children
        .iter()
        .map(|c| total_size(c, log, depth + 1))
        .sum();
    node.size + children
}
// ANCHOR_END: recursive_walk

fn tree() -> Node {
    let node = |name, size, children| Node {
        name,
        size,
        children,
    };
    let home = vec![
        node("notes.txt", 10, vec![]),
        node("photo.jpg", 300, vec![]),
    ];
    node("/", 1, vec![node("home", 2, home), node("etc", 5, vec![])])
}

// ANCHOR: rlock_reenters
fn rlock_reenters(log: &Log) {
    let total = total_size(&tree(), log, 0);
    println!("RLock: recursive walk, the same thread re-acquires at each level");
    for line in log.lock().borrow().iter() {
        println!("  {line}");
    }
    println!("total size = {total}");
    assert_eq!(total, 318, "every node counted once");
    assert_eq!(log.lock().borrow().len(), 5, "one re-entry per node");
}
// ANCHOR_END: rlock_reenters

// ANCHOR: rlock_keeps_other_threads_out
/// Re-entry is for the owning thread only: while we hold it, another thread
/// really is kept out.
fn rlock_keeps_other_threads_out(log: &Log) {
    let (tx, rx) = mpsc::channel();
    let _outer = log.lock();
    let other_got_it = thread::scope(|s| {
        s.spawn(|| tx.send(log.try_lock().is_some()).unwrap());
        rx.recv_timeout(Duration::from_secs(10))
            .expect("the other thread answers")
    });
    println!("another thread's try_lock while we hold it: {other_got_it}");
    assert!(!other_got_it, "an RLock held by us let another thread in");
}
// ANCHOR_END: rlock_keeps_other_threads_out

// ANCHOR: plain_lock_does_not_reenter
/// The same recursion on a plain Mutex: the inner acquire would wait for a
/// lock its own thread holds, forever. `try_lock` shows it without hanging.
fn plain_lock_does_not_reenter() {
    let plain = Mutex::new(0_u64);
    let _outer = plain.lock();
    let plain_reentered = plain.try_lock().is_some();
    println!();
    println!("Lock: the same thread tries again with try_lock: got it = {plain_reentered}");
    println!("(a blocking lock() here would wait for itself forever, as Python's Lock does)");
    assert!(!plain_reentered, "a plain Mutex is not reentrant");
}
// ANCHOR_END: plain_lock_does_not_reenter
