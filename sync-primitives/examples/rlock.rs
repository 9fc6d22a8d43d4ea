//! 3.1 RLock: a lock that the thread holding it may take again.
//!
//! Python: `threading.RLock()` lets a recursive function re-enter `with lock:`;
//! a plain `Lock()` would block forever on the second `acquire`.
//! Rust: `parking_lot::ReentrantMutex`. It hands out shared guards (the same
//! thread may hold several at once), so the data inside sits in a `RefCell`
//! for mutation. With a plain `Mutex` the same recursion would deadlock; we
//! show that safely with `try_lock`, which fails instead of blocking.
//!
//! Watch: the recursion depth printed next to each nested acquire; the plain
//! Mutex's inner `try_lock` returning `None` (Python's
//! `lock.acquire(blocking=False)` returning `False`).
//!
//! Varies: nothing; this runs on one thread plus one contender, in a fixed order.
//!
//! Run: cargo run --release --example rlock

use std::cell::RefCell;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use parking_lot::{Mutex, ReentrantMutex};

/// A directory tree to walk: each node's size plus its children.
struct Node {
    name: &'static str,
    size: u64,
    children: Vec<Node>,
}

fn tree() -> Node {
    let leaf = |name, size| Node {
        name,
        size,
        children: vec![],
    };
    Node {
        name: "/",
        size: 1,
        children: vec![
            Node {
                name: "home",
                size: 2,
                children: vec![leaf("notes.txt", 10), leaf("photo.jpg", 300)],
            },
            leaf("etc", 5),
        ],
    }
}

/// Adds up sizes, taking the lock at every level: the recursive call
/// re-enters the lock this same thread already holds.
fn total_size(node: &Node, log: &ReentrantMutex<RefCell<Vec<String>>>, depth: usize) -> u64 {
    let guard = log.lock(); // `with rlock:`, again and again on one thread
    guard.borrow_mut().push(format!(
        "{}{} (held {}x)",
        "  ".repeat(depth),
        node.name,
        depth + 1
    ));
    let children: u64 = node
        .children
        .iter()
        .map(|c| total_size(c, log, depth + 1))
        .sum();
    node.size + children
}

fn main() {
    let log = ReentrantMutex::new(RefCell::new(Vec::new()));
    let total = total_size(&tree(), &log, 0);
    println!("RLock: recursive walk, the same thread re-acquires at each level");
    for line in log.lock().borrow().iter() {
        println!("  {line}");
    }
    println!("total size = {total}");

    // While this thread holds it, another thread really is kept out.
    let (tx, rx) = mpsc::channel();
    let outer = log.lock();
    thread::scope(|s| {
        s.spawn(|| tx.send(log.try_lock().is_some()).unwrap());
        let other_got_it = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        println!("another thread's try_lock while we hold it: {other_got_it}");
        assert!(!other_got_it);
    });
    drop(outer);

    // The same recursion on a plain Mutex: the inner acquire would wait for
    // a lock its own thread holds, forever. `try_lock` shows it without hanging.
    let plain = Mutex::new(0_u64);
    let outer = plain.lock();
    let plain_reentered = plain.try_lock().is_some();
    println!();
    println!("Lock: the same thread tries again with try_lock: got it = {plain_reentered}");
    println!("(a blocking lock() here would wait for itself forever, as Python's Lock does)");
    drop(outer);

    assert_eq!(total, 318);
    assert_eq!(log.lock().borrow().len(), 5);
    assert!(!plain_reentered);
}
