//! Where a task ran: the name of the current thread, and a multi-thread
//! runtime whose two workers have names of their own.
//!
//! The 5.2 examples print where each piece of code ran, to show which
//! runtime runs tasks on `main` and which on its workers.
//!
//! ```
//! let runtime = async_basics::workers::two_workers();
//! let ran_on = runtime.block_on(async {
//!     tokio::spawn(async { async_basics::workers::thread_name() }).await.unwrap()
//! });
//! assert!(ran_on.starts_with("worker-"));
//! ```

use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::runtime::{Builder, Runtime};

/// The current thread's name: `main`, a worker's name, or `<unnamed>`.
pub fn thread_name() -> String {
    let current = std::thread::current();
    current.name().unwrap_or("<unnamed>").to_string()
}

/// A multi-thread runtime with two workers, `worker-1` and `worker-2` (the
/// numbers go on in a second runtime), on any machine: the OS shares the
/// CPUs among them. tokio would give every worker the same name.
///
/// # Panics
/// If the OS refuses the runtime its threads or descriptors.
pub fn two_workers() -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name_fn(|| {
            static NEXT: AtomicUsize = AtomicUsize::new(1);
            // Relaxed: the counter only hands out distinct numbers, which one
            // atomic step guarantees (memory ordering: see the 3.7 memory_ordering topic).
            format!("worker-{}", NEXT.fetch_add(1, Ordering::Relaxed))
        })
        .enable_all()
        .build()
        .expect("build a multi-thread runtime")
}
