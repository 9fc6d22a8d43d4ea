//! 3.3 BoundedSemaphore: a release too many is an error, not one more place.
//!
//! Python: `threading.BoundedSemaphore(2)`: a `release()` that would raise
//! the count above 2 raises `ValueError: Semaphore released too many times`,
//! while a plain `Semaphore` quietly grows and lets an extra thread in.
//! Rust: `sync_primitives::BoundedSemaphore`, whose `release` returns
//! `Err(ReleaseError)` and leaves the count unchanged.
//!
//! Watch: the plain semaphore's value creeps up to 3 after a double release;
//! the bounded one stays at 2 and reports the bug.
//!
//! Varies: nothing; this runs on one thread, in a fixed order.
//!
//! Run: cargo run --release --example bounded_semaphore

use sync_primitives::{BoundedSemaphore, Semaphore};

fn main() {
    // A pool of 2 database connections; one code path releases twice.
    let plain = Semaphore::new(2);
    plain.acquire();
    plain.release();
    plain.release(); // the bug: a second give-back
    println!(
        "Semaphore(2) after acquire + 2 releases: value = {}",
        plain.value()
    );
    println!("  now 3 threads fit in a pool of 2 connections, and nothing said so");

    let bounded = BoundedSemaphore::new(2);
    bounded.acquire();
    let first = bounded.release();
    let second = bounded.release();
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

    // release_n is all or nothing.
    bounded.acquire();
    let too_many = bounded.release_n(2);
    println!();
    println!(
        "one permit out, release_n(2): {} (value still {})",
        if too_many.is_err() { "Err" } else { "Ok" },
        bounded.value()
    );

    assert_eq!(plain.value(), 3);
    assert!(first.is_ok());
    assert!(second.is_err());
    assert!(too_many.is_err());
    assert_eq!(bounded.value(), 1);
}
