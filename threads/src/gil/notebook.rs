//! The notebook's cell of section 1.3, and the same two threads on a timeline.

use std::thread;

use common::trace;
use common::workload::{sum_of_squares, sum_of_squares_range};

// ANCHOR: notebook_cell
/// The notebook's `run_in_thread`; it also returns the sum, for the check.
fn run_in_thread(n: u64) -> u128 {
    let result = sum_of_squares(n);
    println!("Result: {result}");
    result
}

/// The notebook's GIL cell: two threads run `cpu_bound_task(n)` each, then
/// `Done`. Prints exactly the notebook's three lines (its `n` is 10_000_000)
/// and returns both sums.
pub fn notebook_cell(n: u64) -> [u128; 2] {
    let t1 = thread::spawn(move || run_in_thread(n));
    let t2 = thread::spawn(move || run_in_thread(n));
    let results = [t1.join().unwrap(), t2.join().unwrap()];
    println!("Done");
    results
}
// ANCHOR_END: notebook_cell

// ANCHOR: on_a_timeline
/// How many numbers a thread sums between two progress marks.
pub const SLICE: u64 = 10_000;

/// `cpu_bound_task(n)` recorded: one span for the whole task, and a mark
/// each time another slice of it is done.
fn cpu_bound_task_on_the_timeline(n: u64) -> u128 {
    let _task = trace::span("cpu_bound_task");
    let mut total = 0;
    for start in (0..n).step_by(SLICE as usize) {
        total += sum_of_squares_range(start..n.min(start + SLICE));
        trace::mark("progress");
    }
    total
}

/// The notebook's two threads again, on the timeline that
/// [`common::trace::finish`] prints: where each thread made progress, when.
/// Returns both sums.
pub fn two_threads_on_a_timeline(n: u64) -> [u128; 2] {
    let t1 = thread::spawn(move || cpu_bound_task_on_the_timeline(n));
    let t2 = thread::spawn(move || cpu_bound_task_on_the_timeline(n));
    [t1.join().unwrap(), t2.join().unwrap()]
}
// ANCHOR_END: on_a_timeline
