//! 1.3 GIL, simulated: what CPython's lock does to CPU-bound and IO-bound threads.
//!
//! Python: only the thread holding the GIL runs bytecode; a waiting thread asks
//! for it after 5 ms (`sys.getswitchinterval()`); blocking IO releases it.
//! Rust: `threads::gil::Gil`, a model of those rules (Rust itself needs no GIL):
//! a CPU-bound sum on 1, 2 and 4 threads without and with it, then IO-bound work.
//!
//! Watch: without the Gil, 2 threads keep 2 CPUs busy and are about 2x faster;
//! with it, one CPU is busy and no thread count is faster. IO-bound threads
//! overlap even under the Gil. Each table is followed by a check of its claim.
//! Varies: speedups without the Gil are capped by your free CPUs, IO times by
//! how punctually the OS wakes sleepers; the example says when load got in the way.
//!
//! Run: cargo run --release --example gil_simulated

use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use common::report::Table;
use common::testing::pick;
use common::timing::{format_duration, measure, speedup};
use common::workload::{blocking_io, sum_of_squares, sum_of_squares_range};
use threads::context::busy_cpus_during;
use threads::gil::{Gil, GilStats, TURNS_PER_TICK};
use threads::parallel::chunks;

/// The CPU-bound work: Σ i² over `0..numbers()`, split between the threads.
fn numbers() -> u64 {
    pick(300_000_000, 2_000_000)
}

/// How many times each row runs (the table shows the median).
fn runs() -> usize {
    pick(3, 1)
}

// ANCHOR: probe
/// Counts how many threads are inside a section now, and the most ever.
#[derive(Default)]
struct Probe {
    now: AtomicUsize,
    most: AtomicUsize,
}

impl Probe {
    fn inside<R>(&self, f: impl FnOnce() -> R) -> R {
        // Relaxed is enough: the read-modify-writes of one atomic form a single
        // order, so each fetch_add counts every earlier one, and nothing else is
        // published through these counters (memory ordering: see the 3.7
        // memory_ordering topic). `most` is read after the threads are joined.
        let now = self.now.fetch_add(1, Ordering::Relaxed) + 1;
        self.most.fetch_max(now, Ordering::Relaxed);
        let result = f();
        self.now.fetch_sub(1, Ordering::Relaxed);
        result
    }

    fn most(&self) -> usize {
        self.most.load(Ordering::Relaxed)
    }
}
// ANCHOR_END: probe

// ANCHOR: cpu_task
/// One thread's share of the CPU-bound work, "interpreted": between two
/// bytecodes (here, chunks of numbers) it lets the Gil change hands.
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

/// The whole CPU-bound sum on `threads` scoped threads, one share each.
fn cpu_bound_on(threads: usize, gil: Option<&Gil>, probe: &Probe) -> u128 {
    let shares = chunks(numbers(), threads).expect("at least one thread");
    thread::scope(|s| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|range| s.spawn(move || cpu_task(range, gil, probe)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
// ANCHOR_END: cpu_task

/// One row of a table: the thread count, its speedup over 1 thread, how many
/// CPUs the process kept busy meanwhile, and what the run computed.
#[derive(Clone, Copy)]
struct Row {
    threads: usize,
    gain: f64,
    busy: f64,
    result: u128,
}

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Row {
            threads,
            gain,
            busy,
            ..
        } = self;
        write!(
            f,
            "{threads} threads were {gain:.2}x as fast as 1 and kept {busy:.2} CPUs busy"
        )
    }
}

/// Times `run(k)` for k = 1, 2 and 4 threads and prints the table.
fn table_for_1_2_4(run: impl Fn(usize) -> u128) -> [Row; 3] {
    let mut table = Table::new(["threads", "median time", "speedup", "CPUs busy"]);
    let mut one = None;
    let rows = [1, 2, 4].map(|threads| {
        let mut result = 0;
        let (stats, busy) = busy_cpus_during(|| measure(runs(), || result = run(threads))).unwrap();
        let median = stats.median();
        let gain = speedup(*one.get_or_insert(median), median);
        let (time, gain_text) = (format_duration(median), format!("{gain:.2}x"));
        table.row([threads.to_string(), time, gain_text, format!("{busy:.2}")]);
        Row {
            threads,
            gain,
            busy,
            result,
        }
    });
    println!("{}", table.align_right([0, 1, 2, 3]));
    rows
}

// ANCHOR: cpu_bound_without_gil
fn cpu_bound_without_gil() {
    let n = numbers();
    println!("CPU-bound, plain Rust threads: sum of squares over 0..{n}");
    let probe = Probe::default();
    let rows = table_for_1_2_4(|k| cpu_bound_on(k, None, &probe));
    println!(
        "Most threads inside CPU-bound code at once: {}.",
        probe.most()
    );
    let cpus = thread::available_parallelism().map_or(1, |c| c.get());
    let [one, two, four] = rows;
    if cpus == 1 {
        println!("Only one CPU here: threads take turns, so no thread count is faster.");
    } else if one.busy < 0.9 || two.busy < 1.5 {
        let (one, two) = (one.busy, two.busy);
        println!("Load: 1 thread kept {one:.2} CPUs busy and 2 threads {two:.2}: other programs");
        println!("had the rest. On 2 idle CPUs: 1 and 2 CPUs busy, 2 threads about 2x as fast.");
    } else {
        println!("No lock: {two};\n{four}.");
    }
    let exact = rows.iter().all(|row| row.result == sum_of_squares(n));
    assert!(
        exact,
        "every thread count gives the same sum: only the time changes"
    );
}
// ANCHOR_END: cpu_bound_without_gil

// ANCHOR: cpu_bound_with_gil
fn cpu_bound_with_gil() {
    let n = numbers();
    println!("\nCPU-bound, each thread holding the Gil: the same sum of squares over 0..{n}");
    let gil = Gil::new();
    let probe = Probe::default();
    let rows = table_for_1_2_4(|k| cpu_bound_on(k, Some(&gil), &probe));
    println!(
        "Most threads inside CPU-bound code at once with the Gil: {}.",
        probe.most()
    );
    let GilStats {
        acquisitions,
        forced_switches,
        ..
    } = gil.stats();
    println!("The Gil was taken {acquisitions} times; {forced_switches} times a holder let go");
    let interval = format_duration(gil.switch_interval());
    println!("because a waiter asked after a switch interval ({interval}, as CPython's).");
    match rows.iter().find(|row| row.gain > 1.2) {
        Some(row) => {
            let one = rows[0].busy;
            println!("Noise: {row},");
            println!(
                "yet one at a time: the 1-thread run was slowed (it kept {one:.2} CPUs busy)."
            );
        }
        None => println!("One thread at a time: more threads are no faster, whatever the CPUs."),
    }
    let exact = rows.iter().all(|row| row.result == sum_of_squares(n));
    assert!(exact, "the Gil changes no sum, only who computes when");
    assert_eq!(
        probe.most(),
        1,
        "the Gil never let two threads compute at once"
    );
}
// ANCHOR_END: cpu_bound_with_gil

// ANCHOR: io_bound_with_gil
/// One thread's share of the IO-bound work: parse each request (bytecode,
/// under the Gil), then wait for the network with the Gil released.
/// Returns what it parsed.
fn io_task(requests: usize, gil: &Gil, parsing: &Probe, waiting: &Probe) -> u128 {
    const WAIT: Duration = Duration::from_millis(10);
    let mut guard = gil.acquire();
    let mut parsed = 0;
    for _ in 0..requests {
        parsed += parsing.inside(|| sum_of_squares_range(0..TURNS_PER_TICK));
        guard.tick();
        guard.allow_threads(|| waiting.inside(|| blocking_io(WAIT)));
    }
    parsed
}

fn io_bound_with_gil() {
    let requests = pick(24, 12);
    println!("\nIO-bound under the Gil: {requests} requests, each parsed, then a 10 ms wait");
    let gil = Gil::new();
    let (parsing, waiting) = (Probe::default(), Probe::default());
    let rows = table_for_1_2_4(|k| {
        thread::scope(|s| {
            let handles: Vec<_> = (0..k)
                .map(|_| s.spawn(|| io_task(requests / k, &gil, &parsing, &waiting)))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        })
    });
    let (most_parsing, most_waiting) = (parsing.most(), waiting.most());
    println!(
        "Most threads parsing at once: {most_parsing}; waiting for IO at once: {most_waiting}."
    );
    match rows[2] {
        four if four.gain < 3.0 => println!("Load: {four}; the OS woke the sleepers late."),
        _ => println!("Waiting releases the Gil, so the waits overlap: 4 threads, about 4x."),
    }
    let parsed_all = requests as u128 * sum_of_squares(TURNS_PER_TICK);
    assert!(
        rows.iter().all(|row| row.result == parsed_all),
        "every request was parsed once"
    );
    assert_eq!(most_parsing, 1, "parsing is bytecode: one thread at a time");
    assert!(
        most_waiting >= 2,
        "waits overlap under the Gil, yet at most {most_waiting} did"
    );
}
// ANCHOR_END: io_bound_with_gil

fn main() {
    cpu_bound_without_gil();
    cpu_bound_with_gil();
    io_bound_with_gil();
}
