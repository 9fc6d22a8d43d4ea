//! Joining threads that may have panicked: every result, or its panic's message.
//!
//! Python: an exception in a `threading.Thread` goes to `threading.excepthook`
//! and `join()` returns `None`; to get failures back as values one uses
//! `concurrent.futures` (`future.exception()`) or
//! `asyncio.gather(..., return_exceptions=True)`.
//! Rust: `JoinHandle::join` already returns the failure, as `Err(payload)`:
//! the panic's payload, a `Box<dyn Any + Send>`. [`join_all`] joins a whole
//! batch and turns each payload into its message, so one failed thread does
//! not hide the results of the others.

use std::thread::JoinHandle;

/// What [`join_all`] reports for a panic whose payload is not a string
/// (`std::panic::panic_any(42)`).
pub const NON_STRING_PANIC: &str = "a panic with a non-string payload";

/// Joins every thread in `handles`, in their order, and returns each one's
/// result: `Ok(value)`, or `Err(message)` if it panicked. A panic does not
/// stop the joining: every thread is joined, whatever the others did.
///
/// ```
/// use threads::joining::join_all;
/// let handles = vec![
///     std::thread::spawn(|| 1),
///     std::thread::spawn(|| -> i32 { panic!("worker failed") }),
///     std::thread::spawn(|| 3),
/// ];
/// let results = join_all(handles);
/// assert_eq!(results, [Ok(1), Err("worker failed".to_string()), Ok(3)]);
/// ```
pub fn join_all<T>(handles: Vec<JoinHandle<T>>) -> Vec<Result<T, String>> {
    // ANCHOR: solution_join_all
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        // `?` or `unwrap()` here would stop at the first panic and leave the
        // later threads unjoined: keep the failure as a value instead.
        let result = handle.join().map_err(|payload| {
            // `panic!("literal")` carries a `&'static str`, `panic!("{x}")` a `String`.
            match payload.downcast::<&str>() {
                Ok(message) => message.to_string(),
                Err(payload) => match payload.downcast::<String>() {
                    Ok(message) => *message,
                    Err(_) => NON_STRING_PANIC.to_string(),
                },
            }
        });
        results.push(result);
    }
    results
    // ANCHOR_END: solution_join_all
}
