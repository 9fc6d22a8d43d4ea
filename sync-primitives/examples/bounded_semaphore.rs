//! 3.3 BoundedSemaphore: a release too many is an error, not one more place.
//!
//! Python: `threading.BoundedSemaphore(2)` raises `ValueError: Semaphore
//! released too many times`; a plain `Semaphore` quietly grows instead.
//! Rust: `sync_primitives::BoundedSemaphore`, whose `release` returns
//! `Err(ReleaseError)` and leaves the count unchanged.
//!
//! Watch: the plain semaphore's value creeps up to 3 after a double release;
//! the bounded one stays at 2 and reports the bug.
//! Varies: nothing; this runs on one thread, in a fixed order.
//!
//! Run: cargo run --release --example bounded_semaphore

use sync_primitives::{BoundedSemaphore, Semaphore};

fn main() {
    plain_semaphore_grows();
    bounded_semaphore_refuses();
    release_n_is_all_or_nothing();
}

// ANCHOR: plain_semaphore_grows
/// A pool of 2 database connections; one code path releases twice.
fn plain_semaphore_grows() {
    let plain = Semaphore::new(2);
    plain.acquire();
    plain.release();
    plain.release(); // the bug: a second give-back
    println!(
        "Semaphore(2) after acquire + 2 releases: value = {}",
        plain.value()
    );
    println!("  now 3 threads fit in a pool of 2 connections, and nothing said so");
    assert_eq!(plain.value(), 3, "a plain Semaphore grows past its start");
}
// ANCHOR_END: plain_semaphore_grows

// ANCHOR: bounded_semaphore_refuses
/// The same bug on a BoundedSemaphore: the second give-back is refused.
fn bounded_semaphore_refuses() {
    let bounded = BoundedSemaphore::new(2);
    bounded.acquire();
    let first = bounded.release();
    let second = bounded.release(); // the bug: a second give-back
    println!();
    println!(
        "BoundedSemaphore(2) after acquire + 2 releases: value = {}",
        bounded.value()
    );
    println!("  first release:  {first:?}");
    match &second {
        Ok(()) => println!("  second release: Ok (unexpected)"),
        Err(error) => println!("  second release: Err: {error}"),
    }
    println!("  (Python: ValueError: Semaphore released too many times)");
    assert!(first.is_ok(), "giving back the one permit taken is fine");
    assert!(second.is_err(), "a second give-back is an error");
    assert_eq!(bounded.value(), 2, "the refused release changed nothing");
}
// ANCHOR_END: bounded_semaphore_refuses

// ANCHOR: release_n_is_all_or_nothing
/// `release_n` either fits entirely under the bound or changes nothing.
fn release_n_is_all_or_nothing() {
    let bounded = BoundedSemaphore::new(2);
    bounded.acquire();
    let too_many = bounded.release_n(2);
    println!();
    println!(
        "one permit out, release_n(2): {} (value still {})",
        if too_many.is_err() { "Err" } else { "Ok" },
        bounded.value()
    );
    assert!(
        too_many.is_err(),
        "2 back with 1 out would exceed the bound"
    );
    assert_eq!(bounded.value(), 1, "not even one of the two was added");
}
// ANCHOR_END: release_n_is_all_or_nothing
