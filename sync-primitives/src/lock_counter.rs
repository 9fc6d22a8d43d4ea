//! 3.1's notebook cell, the one `cargo run --release -- --compare` times
//! beside the Python original: `threads` threads add one to a shared counter
//! under a lock.

use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

use parking_lot::Mutex;

use crate::spawn;

// ANCHOR: notebook_cell
/// The notebook's cell, line for line: a lock, and a counter beside it; prints
/// `shared_counter = <threads>` and returns the count. (The counter is an
/// atomic only because Rust will not let threads share a plain `u64` at all;
/// the lock is what makes read-add-write safe.)
pub fn notebook_cell(threads: usize) -> u64 {
    let lock = Mutex::new(());
    let shared_counter = AtomicU64::new(0);
    let increment_counter = || {
        let _guard = lock.lock(); // `with lock:`
        // Relaxed is enough: the lock orders the threads, the atomic only has
        // to be shareable (memory ordering: see the 3.7 memory_ordering topic).
        let mut temp = shared_counter.load(Ordering::Relaxed);
        temp += 1;
        shared_counter.store(temp, Ordering::Relaxed);
    };
    thread::scope(|s| {
        // `spawn::scoped` is `s.spawn`, ending the run in one line if the OS
        // refuses a thread.
        let threads: Vec<_> = (0..threads)
            .map(|_| spawn::scoped(s, increment_counter))
            .collect();
        for t in threads {
            t.join().unwrap();
        }
    });
    let shared_counter = shared_counter.into_inner();
    println!("shared_counter = {shared_counter}");
    shared_counter
}
// ANCHOR_END: notebook_cell

#[cfg(all(test, not(loom)))]
mod tests {
    #[test]
    fn every_thread_counts_once() {
        assert_eq!(super::notebook_cell(20), 20);
    }
}
