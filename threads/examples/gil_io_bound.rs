//! 1.3 GIL, simulated: IO-bound threads overlap their waits even under the lock.
//!
//! Python: a blocking call (a socket read, `time.sleep`) releases the GIL
//! (`Py_BEGIN_ALLOW_THREADS` in C), so threads that wait for IO overlap.
//! Rust: `threads::gil::io_bound_on`: each request is parsed with the Gil held,
//! then waits 10 ms inside `GilGuard::allow_threads`, with the Gil released.
//!
//! Watch: parsing, one thread at a time; waiting, several at once; 4 threads
//! about 4x as fast as 1, with almost no CPU busy.
//! Varies: the speedups, with how punctually the OS wakes sleepers; the claim
//! line says whether they held on this run.
//!
//! Run: cargo run --release --example gil_io_bound

use common::report::claim;
use common::timing::format_duration;
use common::workload::sum_of_squares;
use threads::gil::{Gil, TURNS_PER_TICK, WAIT, io_bound_on};
use threads::probe::Probe;
use threads::scaling::by_thread_count;

// ANCHOR: io_bound_with_gil
fn io_bound_with_gil(requests: usize, runs: usize) {
    let wait = format_duration(WAIT);
    println!("IO-bound under the Gil: {requests} requests, each parsed, then a {wait} wait");
    let gil = Gil::new();
    let (parsing, waiting) = (Probe::default(), Probe::default());
    let rows = by_thread_count(&[1, 2, 4], runs, |k| {
        io_bound_on(requests, k, &gil, &parsing, &waiting)
    });
    let (most_parsing, most_waiting) = (parsing.most(), waiting.most());
    println!(
        "Most threads parsing at once: {most_parsing}; waiting for IO at once: {most_waiting}."
    );
    let four = &rows[2];
    let holds = most_waiting >= 2 && four.speedup >= 3.0;
    let measured = format!(
        "4 threads: {:.2}x as fast as 1, up to {most_waiting} waiting at once",
        four.speedup
    );
    let why = if holds {
        ""
    } else {
        "; the OS woke the sleepers late (other programs?)"
    };
    claim(
        "Waiting releases the Gil, so the waits overlap: 4 threads are about 4x as fast as 1",
        holds,
        &(measured + why),
    );
    let parsed_all = requests as u128 * sum_of_squares(TURNS_PER_TICK);
    assert!(
        rows.iter().all(|row| row.result == parsed_all),
        "every request was parsed once"
    );
    assert_eq!(most_parsing, 1, "parsing is bytecode: one thread at a time");
}
// ANCHOR_END: io_bound_with_gil

fn main() {
    io_bound_with_gil(24, 3);
}
