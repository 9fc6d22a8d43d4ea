//! 3.2 Condition: a bounded producer/consumer queue on a lock and two conditions.
//!
//! Python: `threading.Condition(lock)`: `with cond: while not queue: cond.wait()`,
//! `cond.notify()` after a put; `wait_for(predicate, timeout)`, `notify_all()`.
//! Rust: `parking_lot::Mutex<VecDeque<_>>` and two `Condvar`s ("not full", "not
//! empty"): `wait` in a loop, `wait_while` (the loop for you), `wait_while_for`.
//!
//! Watch: the queue never holds more than its capacity; every item is consumed
//! once; closing is a `notify_all`, an item a `notify_one`; the last wait times out.
//! Varies: which consumer gets which item, and how full the queue gets.
//!
//! Run: cargo run --release --example condition

use std::collections::VecDeque;
use std::thread;
use std::time::Duration;

use common::report::Table;
use common::testing::pick;
use parking_lot::{Condvar, Mutex};

const CAPACITY: usize = 4;
const PRODUCERS: u64 = 2;
const CONSUMERS: usize = 3;

fn main() {
    producers_and_consumers(pick(5_000, 200));
    timed_wait_gives_up();
}

// ANCHOR: bounded_queue
struct Queue {
    items: VecDeque<u64>,
    closed: bool,
    /// The fullest the queue ever got (to check the bound).
    high_water: usize,
}

/// A bounded queue: Python's `queue.Queue(maxsize)`, built by hand.
struct BoundedQueue {
    state: Mutex<Queue>,
    not_full: Condvar,
    not_empty: Condvar,
}

impl BoundedQueue {
    fn new() -> Self {
        let queue = Queue {
            items: VecDeque::new(),
            closed: false,
            high_water: 0,
        };
        BoundedQueue {
            state: Mutex::new(queue),
            not_full: Condvar::new(),
            not_empty: Condvar::new(),
        }
    }

    /// `wait` in a loop, exactly as in Python: re-check after every wake-up,
    /// because another producer may have filled the slot first.
    fn put(&self, item: u64) {
        let mut q = self.state.lock();
        while q.items.len() == CAPACITY {
            self.not_full.wait(&mut q);
        }
        q.items.push_back(item);
        q.high_water = q.high_water.max(q.items.len());
        // One new item can feed one consumer: wake one, not all.
        self.not_empty.notify_one();
    }

    /// `wait_while`: the same loop, written by the library.
    /// `None` once the queue is closed and drained.
    fn get(&self) -> Option<u64> {
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
    fn get_timeout(&self, timeout: Duration) -> Option<u64> {
        let mut q = self.state.lock();
        let result = self
            .not_empty
            .wait_while_for(&mut q, |q| q.items.is_empty(), timeout);
        if result.timed_out() {
            return None;
        }
        q.items.pop_front()
    }

    /// Every blocked consumer must learn about this: `notify_all`.
    /// With `notify_one` only one would wake and the rest would sleep forever.
    fn close(&self) {
        self.state.lock().closed = true;
        self.not_empty.notify_all();
    }
}
// ANCHOR_END: bounded_queue

// ANCHOR: producer_and_consumer
/// Producer `p` of `PRODUCERS` puts its share of 1, 2, 3, ...
fn producer(queue: &BoundedQueue, p: u64, per_producer: u64) {
    for i in 1..=per_producer {
        queue.put(p * per_producer + i);
    }
}

/// Takes items until the queue is closed and empty: how many, and their sum.
fn consumer(queue: &BoundedQueue) -> (u64, u64) {
    let (mut count, mut sum) = (0, 0);
    while let Some(item) = queue.get() {
        (count, sum) = (count + 1, sum + item);
    }
    (count, sum)
}
// ANCHOR_END: producer_and_consumer

// ANCHOR: producers_and_consumers
fn producers_and_consumers(per_producer: u64) {
    let queue = &BoundedQueue::new();
    // (items, sum) per consumer.
    let per_consumer: Vec<(u64, u64)> = thread::scope(|s| {
        let consumers: Vec<_> = (0..CONSUMERS)
            .map(|_| s.spawn(|| consumer(queue)))
            .collect();
        let producers: Vec<_> = (0..PRODUCERS)
            .map(|p| s.spawn(move || producer(queue, p, per_producer)))
            .collect();
        producers.into_iter().for_each(|p| p.join().unwrap());
        queue.close(); // every producer is done
        consumers.into_iter().map(|c| c.join().unwrap()).collect()
    });
    let mut table = Table::new(["consumer", "items", "sum"]);
    for (i, (count, sum)) in per_consumer.iter().enumerate() {
        table.row([i.to_string(), count.to_string(), sum.to_string()]);
    }
    println!("{}", table.align_right([1, 2]));
    let total = PRODUCERS * per_producer;
    let consumed: u64 = per_consumer.iter().map(|(count, _)| count).sum();
    let sum: u64 = per_consumer.iter().map(|(_, sum)| sum).sum();
    let high_water = queue.state.lock().high_water;
    println!(
        "consumed {consumed} of {total} items, the queue held at most {high_water} (capacity {CAPACITY})"
    );
    assert_eq!(consumed, total, "an item was lost or taken twice");
    assert_eq!(sum, total * (total + 1) / 2, "each item exactly once");
    assert!(high_water <= CAPACITY, "put went past the capacity");
}
// ANCHOR_END: producers_and_consumers

// ANCHOR: timed_wait_gives_up
/// Nobody will put anything: the timed wait gives up instead of hanging.
fn timed_wait_gives_up() {
    let queue = BoundedQueue::new();
    let late = queue.get_timeout(Duration::from_millis(50));
    println!("get with a 50 ms timeout on an empty queue: {late:?} (timed out)");
    assert_eq!(late, None, "an empty queue handed out an item");
}
// ANCHOR_END: timed_wait_gives_up
