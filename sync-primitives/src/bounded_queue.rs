//! 3.2 `Condition`, at work: Python's `queue.Queue(maxsize)` built by hand on
//! one lock and two condition variables, "not full" and "not empty".
//!
//! This is parking_lot's `Mutex` and `Condvar` directly, as a program would
//! use them (the primitives of this crate go through src/sync.rs for loom).

use std::collections::VecDeque;
use std::time::Duration;

use parking_lot::{Condvar, Mutex};

// ANCHOR: bounded_queue
struct State<T> {
    items: VecDeque<T>,
    closed: bool,
    /// The fullest the queue ever got (to check the bound).
    high_water: usize,
}

/// A bounded queue: Python's `queue.Queue(maxsize)`, built by hand.
pub struct BoundedQueue<T> {
    capacity: usize,
    state: Mutex<State<T>>,
    not_full: Condvar,
    not_empty: Condvar,
}

impl<T> BoundedQueue<T> {
    /// An empty queue that holds at most `capacity` items (at least 1).
    pub fn new(capacity: usize) -> Self {
        let queue = State {
            items: VecDeque::new(),
            closed: false,
            high_water: 0,
        };
        BoundedQueue {
            capacity: capacity.max(1),
            state: Mutex::new(queue),
            not_full: Condvar::new(),
            not_empty: Condvar::new(),
        }
    }

    /// `wait` in a loop, exactly as in Python: re-check after every wake-up,
    /// because another producer may have filled the slot first.
    pub fn put(&self, item: T) {
        let mut q = self.state.lock();
        while q.items.len() == self.capacity {
            self.not_full.wait(&mut q);
        }
        q.items.push_back(item);
        q.high_water = q.high_water.max(q.items.len());
        // One new item can feed one consumer: wake one, not all.
        self.not_empty.notify_one();
    }

    /// `wait_while`: the same loop, written by the library.
    /// `None` once the queue is closed and drained.
    pub fn get(&self) -> Option<T> {
        let mut q = self.state.lock();
        self.not_empty
            .wait_while(&mut q, |q| q.items.is_empty() && !q.closed);
        let item = q.items.pop_front()?;
        self.not_full.notify_one();
        Some(item)
    }

    /// A wait with a timeout. Python's `cond.wait_for(predicate, timeout)` is
    /// `wait_while_for` here (parking_lot's plain `wait_for(guard, timeout)`
    /// is Python's `cond.wait(timeout)`, without the re-check loop).
    pub fn get_timeout(&self, timeout: Duration) -> Option<T> {
        let mut q = self.state.lock();
        let result = self
            .not_empty
            .wait_while_for(&mut q, |q| q.items.is_empty(), timeout);
        if result.timed_out() {
            return None;
        }
        let item = q.items.pop_front()?;
        self.not_full.notify_one();
        Some(item)
    }

    /// Every blocked consumer must learn about this: `notify_all`.
    /// With `notify_one` only one would wake and the rest would sleep forever.
    pub fn close(&self) {
        self.state.lock().closed = true;
        self.not_empty.notify_all();
    }

    /// The most items the queue ever held at once.
    pub fn high_water(&self) -> usize {
        self.state.lock().high_water
    }
}
// ANCHOR_END: bounded_queue

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn items_come_out_in_order_and_close_ends_the_gets() {
        let queue = BoundedQueue::new(2);
        queue.put(1);
        queue.put(2);
        queue.close();
        assert_eq!(
            (queue.get(), queue.get(), queue.get()),
            (Some(1), Some(2), None)
        );
        assert_eq!(queue.high_water(), 2);
    }

    #[test]
    fn an_empty_queue_times_out() {
        let queue = BoundedQueue::<u8>::new(1);
        assert_eq!(queue.get_timeout(Duration::from_millis(10)), None);
    }
}
