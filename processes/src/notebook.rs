//! The notebook's cell of section 4.1, which the `process_pool` example runs
//! and the tour's `--compare` times beside the Python original:
//!
//! ```python
//! def square(x):
//!     return x * x
//!
//! with ProcessPoolExecutor() as executor:
//!     results = list(executor.map(square, range(100)))
//!     print(results)
//! ```

use crate::{PoolError, ProcessPool};

// ANCHOR: notebook_cell
/// The notebook's `square`. A plain `fn`, so that a worker (a fork of this
/// very program) finds it at the same address.
pub fn square(x: u64) -> u64 {
    x * x
}

/// Prints the squares of 0..100, computed in worker processes, as the
/// notebook does (Rust's `{:?}` of a `Vec` is Python's list syntax), and
/// returns them.
///
/// # Errors
/// As [`ProcessPool::with_default_workers`] and [`ProcessPool::map`].
pub fn notebook_cell() -> Result<Vec<u64>, PoolError> {
    // `with ProcessPoolExecutor() as executor:`, one worker per CPU.
    let executor = ProcessPool::with_default_workers()?;
    let results = executor.map(square, 0..100)?;
    println!("{results:?}");
    executor.shutdown()?; // leaving the `with` block: finish, reap every worker
    Ok(results)
}
// ANCHOR_END: notebook_cell
