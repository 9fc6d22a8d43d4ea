//! 4.1 ProcessPoolExecutor, the Rust way: the same squares with rayon.
//!
//! Python: needs processes for CPU-bound parallelism because of the GIL.
//! Rust: threads already run in parallel, so the idiomatic answer to the
//! notebook's cell is a data-parallel iterator, `par_iter().map().collect()`
//! on rayon's work-stealing thread pool: no pipes, no copying, no fork;
//! `ThreadPoolBuilder` is `ProcessPoolExecutor(max_workers=2)`.
//!
//! Watch: the same list as `process_pool`, in input order, although the work
//! was split over threads; then which rayon threads did how much.
//! Varies: the split between threads (work stealing balances it at run time).
//! Runs on Linux, macOS and Windows: no processes here.
//!
//! Run: cargo run --release --example rayon_squares

use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use common::report::Table;
use rayon::prelude::*;

fn main() -> ExitCode {
    processes::lesson::run(|| {
        // `ProcessPoolExecutor()`'s one worker per CPU is rayon's global
        // pool. Built here, so that a thread the OS refuses is an error to
        // report, not a panic inside the first `par_iter`.
        rayon::ThreadPoolBuilder::new().build_global()?;
        notebook_cell();
        two_threads_share_the_items()
    })
}

// ANCHOR: notebook_cell
fn square(x: u64) -> u64 {
    x * x
}

/// The notebook's cell on rayon's global pool (one thread per CPU).
fn notebook_cell() {
    let results: Vec<u64> = (0..100u64).into_par_iter().map(square).collect();
    println!("{results:?}");
    let expected: Vec<u64> = (0..100).map(square).collect();
    assert_eq!(results, expected, "`collect` keeps input order");
}
// ANCHOR_END: notebook_cell

// ANCHOR: two_threads_share_the_items
fn two_threads_share_the_items() -> Result<(), rayon::ThreadPoolBuildError> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build()?;
    let per_thread = Mutex::new([0usize; 2]);
    // `install` runs the iterator inside this pool instead of the global one.
    let results: Vec<u64> = pool.install(|| {
        (0..100u64)
            .into_par_iter()
            .map(|x| {
                let thread = rayon::current_thread_index().expect("inside the pool");
                per_thread.lock().unwrap()[thread] += 1;
                // A little work per item, so that the second thread has
                // something to steal before the first one finishes it all.
                common::workload::spin_for(Duration::from_micros(200));
                square(x)
            })
            .collect()
    });
    let per_thread = per_thread.into_inner().unwrap();
    let threads = (rayon::current_num_threads(), pool.current_num_threads());
    println!(
        "\nglobal pool: {} threads; this pool: {} threads",
        threads.0, threads.1
    );
    let mut table = Table::new(["rayon thread", "items"]);
    for (thread, items) in per_thread.iter().enumerate() {
        table.row([thread.to_string(), items.to_string()]);
    }
    println!("{}", table.align_right([0, 1]));
    let both = !per_thread.contains(&0);
    let mut detail = format!("items per thread: {}, {}", per_thread[0], per_thread[1]);
    if !both {
        detail.push_str("; a busy machine kept the second thread from stealing in time");
    }
    common::report::claim("both threads take some of the items", both, &detail);
    assert_eq!(
        results,
        (0..100).map(square).collect::<Vec<_>>(),
        "the same list"
    );
    assert_eq!(per_thread.iter().sum::<usize>(), 100, "each item ran once");
    Ok(())
}
// ANCHOR_END: two_threads_share_the_items
