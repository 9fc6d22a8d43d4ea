//! 4.1 One job's round trip through the process pool, hop by hop.
//!
//! Python: `executor.submit(square, x).result()`, again and again on one
//! worker: the cost of a job that does almost nothing.
//! Rust: `processes::round_trip::hops`: the same with `ProcessPool`, timed
//! from the parent and, in the middle, from the worker's own clock.
//!
//! Watch: the way there and the way back each cost about two wake-ups (a
//! thread's and a process's); the work itself is nothing beside them.
//! Varies: every time; wake-ups cost much more when they cross to an idle
//! CPU than on a busy one. Needs `fork`: Linux and macOS.
//!
//! Run: cargo run --release --example pool_round_trip

use std::process::ExitCode;

use common::report::{Table, claim};
use common::timing::format_duration;
use processes::lesson::require_fork;
use processes::round_trip::{self, Hops};

/// Jobs timed, one at a time.
const JOBS: usize = 5_000;

fn main() -> ExitCode {
    require_fork();
    processes::lesson::run(|| hop_by_hop(JOBS))
}

// ANCHOR: hop_by_hop
fn hop_by_hop(jobs: usize) -> Result<(), processes::PoolError> {
    let hops: Hops = round_trip::hops(jobs)?;
    println!("one job at a time on one worker, median of {jobs}:");
    let mut table = Table::new(["hop", "what happens", "time"]);
    let rows = [
        (
            "submit",
            "encode, queue the work item, ring the doorbell",
            hops.submit,
        ),
        (
            "there",
            "the manager wakes, writes the job; the worker wakes",
            hops.there,
        ),
        (
            "back",
            "the worker replies; the manager wakes; result() wakes",
            hops.back,
        ),
        ("whole", "submit(..).result()", hops.whole),
    ];
    for (hop, what, took) in rows {
        table.row([hop, what, &format_duration(took)]);
    }
    println!("{}", table.align_right([2]));
    let (thread, process) = (hops.thread_wake, hops.process_wake);
    println!(
        "for scale, alone: a thread woken through a channel {}, a process woken through a pipe {}",
        format_duration(thread),
        format_duration(process)
    );
    let four_wakes = 2 * (thread + process);
    let detail = format!(
        "{} of {}",
        format_duration(four_wakes),
        format_duration(hops.whole)
    );
    claim(
        "the four wake-ups, measured alone, add up to most of a round trip",
        four_wakes * 2 >= hops.whole,
        &detail,
    );
    assert!(
        hops.whole >= hops.there,
        "a round trip includes its way there"
    );
    Ok(())
}
// ANCHOR_END: hop_by_hop
