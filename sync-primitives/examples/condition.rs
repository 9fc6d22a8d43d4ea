//! 3.2 Condition: a bounded producer/consumer queue on a lock and two conditions.
//!
//! Python: `threading.Condition(lock)`; a consumer does
//! `with cond: while not queue: cond.wait()`, a producer appends and calls
//! `cond.notify()`; `wait_for(predicate, timeout)` and `notify_all()`.
//! Rust: `parking_lot::Mutex<VecDeque<_>>` with two `Condvar`s ("not full",
//! "not empty"). `Condvar::wait` takes the guard and gives it back locked,
//! `wait_while` is the loop written for you, `wait_while_for` adds a timeout.
//!
//! Watch: the queue never holds more than its capacity; every item is
//! consumed exactly once; closing the queue is a `notify_all` (every
//! consumer must wake up and see it), an item is a `notify_one`; the last
//! wait times out and says so.
//!
//! Varies: which consumer gets which item and how full the queue gets along
//! the way depend on the OS scheduler; the totals never do.
//!
//! Run: cargo run --release --example condition

use std::collections::VecDeque;
use std::thread;
use std::time::Duration;

use common::report::Table;
use parking_lot::{Condvar, Mutex};

const CAPACITY: usize = 4;
const PRODUCERS: u64 = 2;
const CONSUMERS: usize = 3;

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
        BoundedQueue {
            state: Mutex::new(Queue {
                items: VecDeque::new(),
                closed: false,
                high_water: 0,
            }),
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

fn main() {
    let items_per_producer: u64 = if common::testing::quick_mode() {
        println!("(quick mode: 200 items per producer)");
        200
    } else {
        5_000
    };
    let queue = BoundedQueue::new();

    let per_consumer: Vec<(usize, u64)> = thread::scope(|s| {
        let consumers: Vec<_> = (0..CONSUMERS)
            .map(|_| {
                s.spawn(|| {
                    let (mut count, mut sum) = (0_usize, 0_u64);
                    while let Some(item) = queue.get() {
                        count += 1;
                        sum += item;
                    }
                    (count, sum)
                })
            })
            .collect();
        let producers: Vec<_> = (0..PRODUCERS)
            .map(|p| {
                let queue = &queue;
                s.spawn(move || {
                    for i in 0..items_per_producer {
                        queue.put(p * items_per_producer + i + 1);
                    }
                })
            })
            .collect();
        for producer in producers {
            producer.join().unwrap();
        }
        queue.close();
        consumers.into_iter().map(|c| c.join().unwrap()).collect()
    });

    let total_items = PRODUCERS * items_per_producer;
    let mut table = Table::new(["consumer", "items", "sum"]);
    for (i, (count, sum)) in per_consumer.iter().enumerate() {
        table.row([i.to_string(), count.to_string(), sum.to_string()]);
    }
    table.align_right([1, 2]);
    println!("{table}");
    let consumed: usize = per_consumer.iter().map(|(c, _)| c).sum();
    let sum: u64 = per_consumer.iter().map(|(_, s)| s).sum();
    let high_water = queue.state.lock().high_water;
    println!(
        "consumed {consumed} of {total_items} items, the queue held at most {high_water} (capacity {CAPACITY})"
    );

    // Nobody will put anything now: the timed wait gives up.
    let late = queue.get_timeout(Duration::from_millis(50));
    println!("get with a 50 ms timeout on an empty queue: {late:?} (timed out)");

    assert_eq!(consumed as u64, total_items);
    assert_eq!(sum, total_items * (total_items + 1) / 2); // each item exactly once
    assert!(high_water <= CAPACITY);
    assert_eq!(late, None);
}
