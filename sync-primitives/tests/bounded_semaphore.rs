//! BoundedSemaphore, checked against what CPython documents: a release
//! above the initial value is an error (Python's `ValueError`), and changes
//! nothing.

use std::time::Duration;

use sync_primitives::BoundedSemaphore;

/// Long enough to never fire on a healthy run, short enough to fail a hang.
const BOUND: Duration = Duration::from_secs(10);

#[test]
fn bounded_release_within_the_bound_is_ok() {
    let sem = BoundedSemaphore::new(2);
    sem.acquire();
    sem.acquire();
    assert_eq!(sem.release_n(2), Ok(()));
    assert_eq!(sem.value(), 2);
}

#[test]
fn bounded_over_release_is_an_error_and_changes_nothing() {
    let sem = BoundedSemaphore::new(2);
    let err = sem.release().unwrap_err();
    assert_eq!(sem.value(), 2);
    let message = err.to_string();
    assert!(message.contains("released too many times"), "{message}");
    assert!(message.contains("initial value 2"), "{message}");
    let _: &dyn std::error::Error = &err;
}

#[test]
fn bounded_release_n_is_all_or_nothing() {
    let sem = BoundedSemaphore::new(3);
    sem.acquire();
    sem.acquire();
    // Two are out: releasing three would end at 4 > 3.
    assert!(sem.release_n(3).is_err());
    assert_eq!(sem.value(), 1);
    assert!(sem.release_n(usize::MAX).is_err());
    assert_eq!(sem.value(), 1);
    assert!(sem.release_n(2).is_ok());
    assert_eq!(sem.value(), 3);
}

#[test]
fn bounded_permit_and_timeouts_behave_like_the_plain_one() {
    let sem = BoundedSemaphore::new(1);
    let permit = sem.permit();
    assert!(!sem.try_acquire());
    assert!(!sem.acquire_timeout(Duration::from_millis(10)));
    drop(permit);
    assert!(sem.acquire_timeout(BOUND));
    sem.release().unwrap();
    assert_eq!(sem.value(), 1);
}

#[test]
#[should_panic(expected = "released too many times")]
fn dropping_a_bounded_permit_after_someone_over_released_panics() {
    let sem = BoundedSemaphore::new(1);
    let permit = sem.permit();
    sem.release().unwrap(); // the permit's give-back, done by hand
    drop(permit); // and done again: Python's `with` would raise ValueError
}
