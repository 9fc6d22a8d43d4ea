//! The cases of `tests/mini.rs` about running tasks and timers, run on each
//! loop as `super::mini`.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::{Duration, Instant};

use common::testing::within;

use super::mini;

/// Every wait on a wake is bounded: a lost wake-up fails the test, not the run.
const LIMIT: Duration = Duration::from_secs(30);

#[test]
fn block_on_returns_the_output() {
    assert_eq!(mini::block_on(async { 6 * 7 }), 42);
}

#[test]
fn spawned_tasks_run_to_completion() {
    let done = Arc::new(AtomicUsize::new(0));
    let outputs = mini::block_on({
        let done = Arc::clone(&done);
        async move {
            let handles: Vec<_> = (0..100u64)
                .map(|i| {
                    let done = Arc::clone(&done);
                    mini::spawn(async move {
                        for _ in 0..i % 5 {
                            mini::yield_now().await;
                        }
                        done.fetch_add(1, Ordering::SeqCst);
                        i * i
                    })
                })
                .collect();
            let mut outputs = Vec::new();
            for handle in handles {
                outputs.push(handle.await.unwrap());
            }
            outputs
        }
    });
    assert_eq!(done.load(Ordering::SeqCst), 100);
    assert_eq!(outputs, (0..100u64).map(|i| i * i).collect::<Vec<_>>());
}

#[test]
fn a_spawned_task_runs_without_being_awaited() {
    let ran = Arc::new(AtomicBool::new(false));
    let seen = mini::block_on({
        let ran = Arc::clone(&ran);
        async move {
            let flag = Arc::clone(&ran);
            let _handle = mini::spawn(async move { flag.store(true, Ordering::SeqCst) });
            // One turn of the loop: the task was queued first, so it runs first.
            mini::yield_now().await;
            ran.load(Ordering::SeqCst)
        }
    });
    assert!(seen);
}

#[test]
fn sleeps_overlap() {
    let events = Arc::new(Mutex::new(Vec::new()));
    let start = Instant::now();
    let inside = Arc::clone(&events);
    within(LIMIT, move || {
        mini::block_on(async move {
            let events = inside;
            let handles: Vec<_> = (0..3)
                .map(|n| {
                    let events = Arc::clone(&events);
                    mini::spawn(async move {
                        events.lock().unwrap().push(format!("start {n}"));
                        mini::sleep(Duration::from_millis(100)).await;
                        events.lock().unwrap().push(format!("end {n}"));
                    })
                })
                .collect();
            for handle in handles {
                handle.await.unwrap();
            }
        })
    });
    let elapsed = start.elapsed();
    // All three were asleep at once: every start comes before the first end.
    // (The wall time, about 100 ms rather than 300, is shown by the example;
    // a test does not bet on a loaded machine's timing.)
    let events = events.lock().unwrap();
    assert_eq!(events[..3], ["start 0", "start 1", "start 2"]);
    assert_eq!(events.len(), 6);
    assert!(elapsed >= Duration::from_millis(100));
}

#[test]
fn timers_fire_in_deadline_order() {
    // Timers set out of order: 3, 1 and 2 units. The order they fire in says
    // something only if all three were set before the first came due; on a
    // machine too busy for that, try again with a longer unit rather than
    // pass or fail by luck.
    for unit in [10, 100, 1_000].map(Duration::from_millis) {
        let (set_in_time, order) = within(LIMIT, move || {
            mini::block_on(async move {
                let start = Instant::now();
                let order = Arc::new(Mutex::new(Vec::new()));
                let handles: Vec<_> = [3u32, 1, 2]
                    .into_iter()
                    .map(|units| {
                        let order = Arc::clone(&order);
                        mini::spawn(async move {
                            mini::sleep(unit * units).await;
                            order.lock().unwrap().push(units);
                        })
                    })
                    .collect();
                // The three tasks were queued before this one: each has set its timer.
                mini::yield_now().await;
                let set_in_time = start.elapsed() < unit;
                for handle in handles {
                    handle.await.unwrap();
                }
                let order = Arc::try_unwrap(order).unwrap().into_inner().unwrap();
                (set_in_time, order)
            })
        });
        if set_in_time {
            assert_eq!(order, [1, 2, 3], "unit {unit:?}");
            return;
        }
    }
    panic!("too busy to set three timers within a second, three times over");
}

#[test]
fn a_sleep_too_long_for_the_clock_is_pending_not_a_panic() {
    let mut forever = std::pin::pin!(mini::sleep(Duration::MAX));
    let first = mini::block_on(std::future::poll_fn(|cx| {
        Poll::Ready(forever.as_mut().poll(cx))
    }));
    assert!(first.is_pending());
}

#[test]
fn a_zero_sleep_is_ready_at_once() {
    mini::block_on(mini::sleep(Duration::ZERO));
}

#[test]
#[should_panic(expected = "cannot be nested")]
fn block_on_cannot_be_nested() {
    mini::block_on(async { mini::block_on(async {}) });
}

#[test]
#[should_panic(expected = "outside mini::block_on")]
fn spawn_needs_a_running_loop() {
    drop(mini::spawn(async {}));
}

#[test]
fn block_on_can_run_again_after_a_panic() {
    let caught = std::panic::catch_unwind(|| mini::block_on(async { panic!("inside") }));
    assert!(caught.is_err());
    assert_eq!(mini::block_on(async { 1 }), 1);
}
