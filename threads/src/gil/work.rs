//! The work of the `gil_simulated` and `gil_io_bound` lessons: the same
//! threads without the [`Gil`] and with it, counted by a [`Probe`].

use std::ops::Range;
use std::thread;
use std::time::Duration;

use common::workload::{blocking_io, sum_of_squares_range};

use super::{Gil, TURNS_PER_TICK};
use crate::parallel::shares;
use crate::probe::Probe;

// ANCHOR: cpu_bound_on
/// One thread's share of the CPU-bound work, "interpreted": between two
/// bytecodes (here, slices of numbers) it lets the Gil change hands.
fn cpu_task(range: Range<u64>, gil: Option<&Gil>, probe: &Probe) -> u128 {
    let mut guard = gil.map(Gil::acquire);
    let mut total = 0;
    for start in range.clone().step_by(TURNS_PER_TICK as usize) {
        let end = start.saturating_add(TURNS_PER_TICK).min(range.end);
        total += probe.inside(|| sum_of_squares_range(start..end));
        if let Some(guard) = guard.as_mut() {
            guard.tick();
        }
    }
    total
}

/// Σ i² over `0..n` on `threads` scoped threads, one share each, each
/// holding `gil` if there is one.
///
/// # Panics
/// If `threads` is 0.
pub fn cpu_bound_on(n: u64, threads: usize, gil: Option<&Gil>, probe: &Probe) -> u128 {
    let shares = shares(n, threads).expect("at least one thread");
    thread::scope(|s| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|range| s.spawn(move || cpu_task(range, gil, probe)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
// ANCHOR_END: cpu_bound_on

// ANCHOR: io_bound_on
/// How long one request waits for the "network".
pub const WAIT: Duration = Duration::from_millis(10);

/// One thread's share of the IO-bound work: parse each request (bytecode,
/// under the Gil), then wait for the network with the Gil released.
/// Returns what it parsed.
fn io_task(requests: usize, gil: &Gil, parsing: &Probe, waiting: &Probe) -> u128 {
    let mut guard = gil.acquire();
    let mut parsed = 0;
    for _ in 0..requests {
        parsed += parsing.inside(|| sum_of_squares_range(0..TURNS_PER_TICK));
        guard.tick();
        guard.allow_threads(|| waiting.inside(|| blocking_io(WAIT)));
    }
    parsed
}

/// `requests` requests shared by `threads` threads under `gil`
/// (`requests / threads` each); returns everything they parsed.
pub fn io_bound_on(
    requests: usize,
    threads: usize,
    gil: &Gil,
    parsing: &Probe,
    waiting: &Probe,
) -> u128 {
    thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| s.spawn(|| io_task(requests / threads, gil, parsing, waiting)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
// ANCHOR_END: io_bound_on
