//! The check of section 3.6: joining threads that may have panicked.

use std::panic::{self, AssertUnwindSafe};
use std::thread;

use threads::joining::NON_STRING_PANIC;

/// join_all: every thread joined, in order, each panic a message.
pub fn join_all() -> Result<(), String> {
    let handles: Vec<thread::JoinHandle<u32>> = vec![
        thread::spawn(|| 1),
        thread::spawn(|| panic!("worker 2 failed")),
        thread::spawn(|| 3),
        thread::spawn(|| {
            let n = 4;
            panic!("worker {n} failed") // a formatted message: a String payload
        }),
        thread::spawn(|| panic::panic_any(5_u8)),
        thread::spawn(|| 6),
    ];
    let results = panic::catch_unwind(AssertUnwindSafe(|| threads::joining::join_all(handles)))
        .map_err(|_| {
            "join_all panicked: a thread's panic must come back as Err(message), not be passed \
             on (no unwrap() or expect() on join())"
                .to_string()
        })?;
    let expected: Vec<Result<u32, String>> = vec![
        Ok(1),
        Err("worker 2 failed".into()),
        Ok(3),
        Err("worker 4 failed".into()),
        Err(NON_STRING_PANIC.into()),
        Ok(6),
    ];
    if results.len() != expected.len() {
        return Err(format!(
            "6 threads were joined, but join_all returned {} results: it must join every \
             handle, also after a panic, as asyncio.gather(..., return_exceptions=True) \
             returns one result per task",
            results.len()
        ));
    }
    for (i, (got, wanted)) in results.iter().zip(&expected).enumerate() {
        if got != wanted {
            return Err(format!(
                "thread {} (in spawn order) gave {got:?}, expected {wanted:?}: a panic!(\"..\") \
                 payload is a &str, a panic!(\"{{x}}\") payload a String; anything else is \
                 NON_STRING_PANIC",
                i + 1
            ));
        }
    }
    Ok(())
}
