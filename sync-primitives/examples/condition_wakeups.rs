//! 3.2 Condition: consumers asleep in `wait` until a producer's `notify`.
//!
//! Python: three consumers block in `get` (a `Condition.wait`) while one slow
//! producer makes an item every 20 ms; each `put` ends with `notify()`.
//! Rust: the same on `sync_primitives::BoundedQueue`, recorded as a timeline:
//! a row per thread, `w` while a consumer waits, `u` while it uses an item.
//!
//! Watch: every consumer's bar ends at a `*` (a put's `notify_one`, or the
//! close's `notify_all`), never between two; every item is taken once.
//! Varies: which consumer a notify wakes (the OS chooses), the bars' lengths.
//!
//! Run: cargo run --release --example condition_wakeups

use std::thread;
use std::time::Duration;

use common::trace;
use sync_primitives::{BoundedQueue, spawn};

const CONSUMERS: usize = 3;
const ITEMS: u64 = 6;
const WORK: Duration = Duration::from_millis(20);

fn main() {
    consumers_sleep_until_notified(CONSUMERS, ITEMS, WORK);
    trace::finish();
}

// ANCHOR: consumers_sleep_until_notified
/// `consumers` threads take items from a queue that one producer fills, an
/// item per `work`: each consumer sleeps in `get` until a put notifies it,
/// then uses the item for a quarter of `work`.
fn consumers_sleep_until_notified(consumers: usize, items: u64, work: Duration) {
    let queue = &BoundedQueue::new(1);
    let mut taken: Vec<u64> = thread::scope(|s| {
        let takers: Vec<_> = (0..consumers)
            .map(|c| {
                spawn::named(s, format!("consumer {c}"), move || {
                    let mut mine = Vec::new();
                    loop {
                        let item = {
                            let _asleep = trace::span("waiting in get");
                            queue.get()
                        };
                        let Some(item) = item else { return mine }; // closed
                        let _using = trace::span("use it");
                        thread::sleep(work / 4);
                        mine.push(item);
                    }
                })
            })
            .collect();
        let producer = spawn::named(s, "producer", move || {
            for item in 1..=items {
                let making = trace::span("make an item");
                thread::sleep(work);
                drop(making);
                queue.put(item); // ends with notify_one
                trace::mark("put + notify_one");
            }
        });
        producer.join().unwrap();
        queue.close(); // notify_all: the consumers still asleep wake to `None`
        trace::mark("close + notify_all");
        takers.into_iter().flat_map(|t| t.join().unwrap()).collect()
    });
    taken.sort_unstable();
    println!("{consumers} consumers took items {taken:?}, each once");
    assert_eq!(
        taken,
        Vec::from_iter(1..=items),
        "each item taken exactly once"
    );
}
// ANCHOR_END: consumers_sleep_until_notified
