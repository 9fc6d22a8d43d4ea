//! 3.2 Condition: a bounded producer/consumer queue on a lock and two conditions.
//!
//! Python: `threading.Condition(lock)`: `with cond: while not queue: cond.wait()`,
//! `cond.notify()` after a put; `wait_for(predicate, timeout)`, `notify_all()`.
//! Rust: `sync_primitives::BoundedQueue`: a `Mutex<VecDeque<_>>` and two
//! `Condvar`s ("not full", "not empty"); `wait` in a loop, `wait_while`, `wait_while_for`.
//!
//! Watch: the queue never holds more than its capacity; every item is consumed
//! once; closing is a `notify_all`, an item a `notify_one`; the last wait times out.
//! Varies: which consumer gets which item, and how full the queue gets.
//!
//! Run: cargo run --release --example condition

use std::thread;
use std::time::Duration;

use common::report::Table;
use sync_primitives::BoundedQueue;

const CAPACITY: usize = 4;
const PRODUCERS: u64 = 2;
const CONSUMERS: usize = 3;
const PER_PRODUCER: u64 = 5_000;

fn main() {
    producers_and_consumers(PER_PRODUCER);
    timed_wait_gives_up();
}

// ANCHOR: producer_and_consumer
/// Producer `p` of `PRODUCERS` puts its share of 1, 2, 3, ...
fn producer(queue: &BoundedQueue<u64>, p: u64, per_producer: u64) {
    for i in 1..=per_producer {
        queue.put(p * per_producer + i);
    }
}

/// Takes items until the queue is closed and empty: how many, and their sum.
fn consumer(queue: &BoundedQueue<u64>) -> (u64, u64) {
    let (mut count, mut sum) = (0, 0);
    while let Some(item) = queue.get() {
        (count, sum) = (count + 1, sum + item);
    }
    (count, sum)
}
// ANCHOR_END: producer_and_consumer

// ANCHOR: producers_and_consumers
fn producers_and_consumers(per_producer: u64) {
    let queue = &BoundedQueue::new(CAPACITY);
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
    let high_water = queue.high_water();
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
    let queue = BoundedQueue::<u64>::new(CAPACITY);
    let late = queue.get_timeout(Duration::from_millis(50));
    println!("get with a 50 ms timeout on an empty queue: {late:?} (timed out)");
    assert_eq!(late, None, "an empty queue handed out an item");
}
// ANCHOR_END: timed_wait_gives_up
