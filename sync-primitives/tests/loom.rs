//! Model tests: loom runs each scenario under every interleaving it can
//! reach, and reports a deadlock if a thread sleeps forever (a lost wakeup).
//! The semaphores, both steps, are in `loom/semaphores.rs`, with a broken
//! copy of step 2 whose lost wake-up loom must find (the test expects it).
//! The last ones here check the `memory_ordering` example's publication
//! through a flag, whose bug a run on x86 would hardly ever show: loom must
//! report the stale read when either side is `Relaxed` (the test expects
//! that failure), and none with `Release`/`Acquire`.
//!
//! Only built with loom, in release mode and a target dir of its own:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" LOOM_MAX_PREEMPTIONS=3 CARGO_TARGET_DIR=target/loom \
//!     cargo test -p sync-primitives --release --test loom
//! ```
#![cfg(loom)]

use loom::sync::Arc;
use loom::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use loom::thread;
use sync_primitives::{Barrier, Event};

#[path = "loom/semaphores.rs"]
mod semaphores;

#[test]
fn event_set_wakes_every_waiter() {
    // (The set-then-clear edge case needs a waiter known to be asleep before
    // `set`; loom cannot order that, so tests/event.rs checks it for real.)
    loom::model(|| {
        let event = Arc::new(Event::new());
        let waiters: Vec<_> = (0..2)
            .map(|_| {
                let event = Arc::clone(&event);
                thread::spawn(move || event.wait())
            })
            .collect();
        event.set();
        for waiter in waiters {
            waiter.join().unwrap(); // a lost wakeup is a loom deadlock here
        }
        assert!(event.is_set());
    });
}

#[test]
fn barrier_releases_both_with_distinct_indices_and_one_action() {
    loom::model(|| {
        let actions = Arc::new(AtomicUsize::new(0));
        let barrier = {
            let actions = Arc::clone(&actions);
            Arc::new(Barrier::with_action(2, move || {
                actions.fetch_add(1, Ordering::SeqCst);
            }))
        };
        let other = {
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || barrier.wait().unwrap())
        };
        let mine = barrier.wait().unwrap();
        let theirs = other.join().unwrap();
        assert_ne!(mine, theirs);
        assert!(mine < 2 && theirs < 2);
        assert_eq!(actions.load(Ordering::SeqCst), 1);
    });
}

#[test]
fn barrier_abort_breaks_the_waiter() {
    loom::model(|| {
        let barrier = Arc::new(Barrier::new(2));
        let waiter = {
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || barrier.wait())
        };
        barrier.abort();
        // Whether it arrived before or after the abort, it is not released.
        assert!(waiter.join().unwrap().is_err());
        assert!(barrier.is_broken());
    });
}

#[test]
fn barrier_is_reusable_and_runs_the_action_once_per_cycle() {
    loom::model(|| {
        let actions = Arc::new(AtomicUsize::new(0));
        let barrier = {
            let actions = Arc::clone(&actions);
            Arc::new(Barrier::with_action(2, move || {
                actions.fetch_add(1, Ordering::SeqCst);
            }))
        };
        let other = {
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || {
                barrier.wait().unwrap();
                barrier.wait().unwrap();
            })
        };
        barrier.wait().unwrap();
        barrier.wait().unwrap();
        other.join().unwrap();
        assert_eq!(actions.load(Ordering::SeqCst), 2);
        assert_eq!(barrier.n_waiting(), 0);
    });
}

#[test]
fn barrier_reset_breaks_the_waiter_and_leaves_it_usable() {
    loom::model(|| {
        let barrier = Arc::new(Barrier::new(2));
        let waiter = {
            let barrier = Arc::clone(&barrier);
            thread::spawn(move || {
                // Arrived before the reset: broken out. After: a new cycle
                // that the main thread's own wait below completes.
                let first = barrier.wait();
                if first.is_err() {
                    barrier.wait().unwrap();
                }
            })
        };
        barrier.reset();
        barrier.wait().unwrap();
        waiter.join().unwrap();
        assert!(!barrier.is_broken());
    });
}

// ANCHOR: publication_model
/// The `memory_ordering` example's publication, checked in every interleaving:
/// the data is stored `Relaxed`, then the flag with `store`; a reader that
/// loads the flag with `load` and sees `true` must see the data too.
fn publish_through_a_flag(store: Ordering, load: Ordering) {
    loom::model(move || {
        let (data, ready) = (
            Arc::new(AtomicU64::new(0)),
            Arc::new(AtomicBool::new(false)),
        );
        let writer = {
            let (data, ready) = (Arc::clone(&data), Arc::clone(&ready));
            thread::spawn(move || {
                data.store(42, Ordering::Relaxed);
                ready.store(true, store);
            })
        };
        if ready.load(load) {
            let seen = data.load(Ordering::Relaxed);
            assert_eq!(seen, 42, "the reader saw the flag, then stale data");
        }
        writer.join().unwrap();
    });
}
// ANCHOR_END: publication_model

// ANCHOR: relaxed_publication_fails
#[test]
fn loom_finds_the_stale_read_when_either_side_is_relaxed() {
    // A run on x86 would hardly ever show this bug; loom finds it every time.
    use Ordering::{Acquire, Relaxed, Release};
    for (store, load) in [(Relaxed, Relaxed), (Release, Relaxed), (Relaxed, Acquire)] {
        let report = std::panic::catch_unwind(|| publish_through_a_flag(store, load));
        let payload = report.expect_err(&format!("no stale read with {store:?}/{load:?}"));
        let message = payload
            .downcast_ref::<String>()
            .map_or("(not a String)", String::as_str);
        assert!(
            message.contains("the reader saw the flag, then stale data"),
            "loom failed the model for another reason: {message}"
        );
        println!("as expected, with {store:?}/{load:?} loom found: {message}");
    }
}
// ANCHOR_END: relaxed_publication_fails

// ANCHOR: release_acquire_publication_passes
#[test]
fn release_acquire_flag_never_shows_stale_data() {
    publish_through_a_flag(Ordering::Release, Ordering::Acquire);
}
// ANCHOR_END: release_acquire_publication_passes
