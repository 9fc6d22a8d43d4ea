//! 1.3 GIL, simulated: what CPython's lock does to CPU-bound and IO-bound threads.
//!
//! Python: only the thread holding the GIL runs bytecode; every 5 ms
//! (`sys.getswitchinterval()`) a waiting thread may ask for it, and blocking
//! IO releases it. So threads speed up IO-bound work but not CPU-bound work.
//! Rust: `threads::gil::Gil` models those rules. The same two workloads run
//! with 1, 2 and 4 threads, once freely (plain Rust) and once under the Gil.
//!
//! Watch: the CPU-bound "with Gil" speedup stays near 1x however many threads,
//! while without it 2 threads are near 2x (on 2 free CPUs). The IO-bound rows
//! speed up with threads in both columns: waiting overlaps even under the Gil.
//! Varies: CPU-bound speedups without the Gil are capped by your free CPUs
//! (4 threads on 2 CPUs are no faster than 2); IO times depend on how
//! punctually the OS wakes sleeping threads.
//!
//! Run: cargo run --release --example gil_simulated

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use common::report::Table;
use common::timing::{format_duration, measure, speedup};
use common::workload::{blocking_io, sum_of_squares_range};
use threads::gil::{Gil, TURNS_PER_TICK};

/// Counts how many threads are inside a section now, and the most ever.
#[derive(Default)]
struct Probe {
    now: AtomicUsize,
    most: AtomicUsize,
}

impl Probe {
    fn inside<R>(&self, f: impl FnOnce() -> R) -> R {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.most.fetch_max(now, Ordering::SeqCst);
        let result = f();
        self.now.fetch_sub(1, Ordering::SeqCst);
        result
    }

    fn most(&self) -> usize {
        self.most.load(Ordering::SeqCst)
    }
}

/// The sizes of the two workloads.
struct Work {
    /// CPU-bound: Σ i² over 0..numbers, split between the threads.
    numbers: u64,
    /// IO-bound: this many "requests", each a little parsing and a wait.
    requests: usize,
    wait: Duration,
    runs: usize,
}

/// One thread's share of the CPU-bound work, "interpreted": between two
/// bytecodes (here, chunks of numbers) it lets the Gil change hands.
fn cpu_task(range: Range<u64>, gil: Option<&Gil>, probe: &Probe) -> u128 {
    let mut guard = gil.map(Gil::acquire);
    let mut total = 0;
    let mut start = range.start;
    while start < range.end {
        let end = (start + TURNS_PER_TICK).min(range.end);
        total += probe.inside(|| sum_of_squares_range(start..end));
        if let Some(guard) = guard.as_mut() {
            guard.tick();
        }
        start = end;
    }
    total
}

/// One thread's share of the IO-bound work: parse a request (bytecode, under
/// the Gil), then wait for the network (the Gil released).
fn io_task(requests: usize, wait: Duration, gil: Option<&Gil>, cpu: &Probe, io: &Probe) -> u128 {
    let mut guard = gil.map(Gil::acquire);
    let mut parsed = 0;
    for _ in 0..requests {
        parsed += cpu.inside(|| sum_of_squares_range(0..TURNS_PER_TICK));
        match guard.as_mut() {
            Some(guard) => {
                guard.tick();
                guard.allow_threads(|| io.inside(|| blocking_io(wait)));
            }
            None => io.inside(|| blocking_io(wait)),
        }
    }
    parsed
}

/// Runs `task(share)` on `threads` scoped threads, one share each.
fn on_threads<S: Send, R: Send>(shares: Vec<S>, task: impl Fn(S) -> R + Sync) -> Vec<R> {
    thread::scope(|s| {
        let task = &task;
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| s.spawn(move || task(share)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn main() {
    let work = if common::testing::quick_mode() {
        println!("(quick mode: smaller workloads, 1 run each)");
        Work {
            numbers: 2_000_000,
            requests: 12,
            wait: Duration::from_millis(10),
            runs: 1,
        }
    } else {
        Work {
            numbers: 300_000_000,
            requests: 24,
            wait: Duration::from_millis(10),
            runs: 3,
        }
    };
    let gil = Gil::new();
    println!(
        "Gil switch interval: {} (CPython: sys.getswitchinterval() = 0.005)",
        format_duration(gil.switch_interval())
    );
    println!(
        "CPU-bound: sum of squares over 0..{}; IO-bound: {} requests of {} wait each.\n",
        work.numbers,
        work.requests,
        format_duration(work.wait)
    );

    let expected = common::workload::sum_of_squares(work.numbers);
    let cpu_free = Probe::default();
    let cpu_under_gil = Probe::default();
    let io_cpu_under_gil = Probe::default();
    let io_waits_under_gil = Probe::default();
    let unused = Probe::default();

    let mut table = Table::new([
        "workload",
        "threads",
        "without Gil",
        "speedup",
        "with Gil",
        "speedup",
    ]);
    for (name, cpu_bound) in [("CPU-bound", true), ("IO-bound", false)] {
        let mut base = [None, None];
        for threads in [1usize, 2, 4] {
            let mut cells = vec![name.to_string(), threads.to_string()];
            for (column, gil) in [None, Some(&gil)].into_iter().enumerate() {
                let stats = measure(work.runs, || {
                    if cpu_bound {
                        let probe = if gil.is_some() {
                            &cpu_under_gil
                        } else {
                            &cpu_free
                        };
                        let shares = threads::parallel::chunks(work.numbers, threads).unwrap();
                        let sum: u128 = on_threads(shares, |r| cpu_task(r, gil, probe))
                            .into_iter()
                            .sum();
                        assert_eq!(sum, expected);
                    } else {
                        let (cpu, io) = if gil.is_some() {
                            (&io_cpu_under_gil, &io_waits_under_gil)
                        } else {
                            (&unused, &unused)
                        };
                        let shares = vec![work.requests / threads; threads];
                        on_threads(shares, |n| io_task(n, work.wait, gil, cpu, io));
                    }
                });
                let base = *base[column].get_or_insert(stats.median());
                cells.push(format_duration(stats.median()));
                cells.push(format!("{:.2}x", speedup(base, stats.median())));
            }
            table.row(cells);
        }
    }
    println!("{}", table.align_right([1, 2, 3, 4, 5]));

    let stats = gil.stats();
    println!(
        "\nThe Gil was taken {} times; {} times a holder let go because a waiter asked after a switch interval.",
        stats.acquisitions, stats.forced_switches
    );
    println!(
        "Most threads inside CPU-bound code at once: {} without the Gil, {} with it.",
        cpu_free.most(),
        cpu_under_gil.most()
    );
    println!(
        "Most threads waiting for IO at once under the Gil: {} (waiting releases it).",
        io_waits_under_gil.most()
    );

    // The Gil's promise: never two threads in interpreted code at once...
    assert_eq!(cpu_under_gil.most(), 1);
    assert_eq!(io_cpu_under_gil.most(), 1);
    // ...while waits for IO still overlap.
    assert!(io_waits_under_gil.most() >= 2);
}
