//! 1.3 GIL: the notebook's first cell, in a language without one.
//!
//! Python: two `threading.Thread`s each run `cpu_bound_task(10_000_000)`; the
//! GIL lets one run bytecode at a time, so two threads are no faster than one
//! (except on a free-threaded CPython, `python3.14t`: PEP 703).
//! Rust: `threads::gil::notebook_cell` starts two `thread::spawn` threads.
//! There is no GIL: on two free CPUs they really run at the same time.
//!
//! Watch: the notebook's three lines; the same work on 1 and 2 threads; then a
//! timeline on which both threads make progress at once (CPython's take turns).
//! Varies: the speedup, capped by the free CPUs (the claim line says whether
//! it held, and why not); the times, with the CPU.
//!
//! Run: cargo run --release --example gil

use common::report::claim;
use common::trace;
use common::workload::sum_of_squares;
use threads::parallel::sum_of_squares_on;
use threads::scaling::{by_thread_count, count_cpus, cpus, detail};

// ANCHOR: notebook_cell
fn notebook_cell() {
    let results = threads::gil::notebook_cell(10_000_000);
    assert_eq!(
        results, [333_333_283_333_335_000_000; 2],
        "both threads computed the notebook's Σ i² for i < 10 000 000"
    );
}
// ANCHOR_END: notebook_cell

// ANCHOR: same_work_on_1_and_2_threads
fn same_work_on_1_and_2_threads(total: u64, runs: usize) {
    let cpus = cpus();
    let on = count_cpus(cpus);
    println!("\nThe same work, sum_of_squares over 0..{total}, on 1 and 2 threads ({on}):");
    let mut counts = vec![1, 2];
    counts.extend((cpus > 2).then_some(cpus)); // and all CPUs, where there are more
    let rows = by_thread_count(&counts, runs, |k| sum_of_squares_on(total, k).unwrap());
    let two = &rows[1];
    let holds = two.busy >= 1.7 && two.speedup >= 1.7;
    claim(
        "No GIL: 2 threads keep about 2 CPUs busy and are about twice as fast as 1",
        holds,
        &detail(two, holds),
    );
    // Σ_{i<m} i² = (m-1)m(2m-1)/6: every row did the whole work.
    let m = u128::from(total);
    let formula = (m - 1) * m * (2 * m - 1) / 6;
    assert!(
        rows.iter().all(|row| row.result == formula),
        "every thread count gives the exact sum, the closed formula's"
    );
}
// ANCHOR_END: same_work_on_1_and_2_threads

// ANCHOR: on_a_timeline
fn two_threads_on_a_timeline(n: u64) {
    println!(
        "\nThe cell's two threads again, recorded (n = {n}): a * wherever a thread finished a slice"
    );
    let sums = threads::gil::two_threads_on_a_timeline(n);
    assert_eq!(sums, [sum_of_squares(n); 2], "recording changes no sum");
}
// ANCHOR_END: on_a_timeline

fn main() {
    notebook_cell();
    same_work_on_1_and_2_threads(100_000_000, 3);
    two_threads_on_a_timeline(1_000_000);
    trace::finish(); // prints the timeline
}
