//! 1.3 GIL, simulated: CPU-bound threads without CPython's lock, then under a model of it.
//!
//! Python: only the thread holding the GIL runs bytecode; a waiting thread asks
//! for it after 5 ms (`sys.getswitchinterval()`) and the holder lets go.
//! Rust: `threads::gil::Gil`, a model of those rules (Rust itself needs no GIL):
//! the same CPU-bound sum on 1, 2 and 4 threads, without it and with it.
//!
//! Watch: without the Gil, 2 threads keep about 2 CPUs busy; with it, one thread
//! computes at a time ("at once with the Gil: 1") and more threads are no faster.
//! Varies: the speedups, with the free CPUs and the load; each claim line says
//! whether it held on this run, and why not.
//!
//! Run: cargo run --release --example gil_simulated

use common::report::claim;
use common::timing::format_duration;
use common::workload::sum_of_squares;
use threads::gil::{Gil, GilStats, cpu_bound_on};
use threads::probe::Probe;
use threads::scaling::{by_thread_count, detail};

// ANCHOR: cpu_bound_without_gil
fn cpu_bound_without_gil(n: u64, runs: usize) {
    println!("CPU-bound, plain Rust threads: sum of squares over 0..{n}");
    let probe = Probe::default();
    let rows = by_thread_count(&[1, 2, 4], runs, |k| cpu_bound_on(n, k, None, &probe));
    let most = probe.most();
    println!("Most threads inside CPU-bound code at once: {most}.");
    let two = &rows[1];
    let holds = two.busy >= 1.7 && two.speedup >= 1.7;
    claim(
        "Without the Gil, 2 threads keep about 2 CPUs busy and are about twice as fast as 1",
        holds,
        &detail(two, holds),
    );
    assert!(
        rows.iter().all(|row| row.result == sum_of_squares(n)),
        "every thread count gives the same sum: only the time changes"
    );
}
// ANCHOR_END: cpu_bound_without_gil

// ANCHOR: cpu_bound_with_gil
fn cpu_bound_with_gil(n: u64, runs: usize) {
    println!("\nCPU-bound, each thread holding the Gil: the same sum of squares over 0..{n}");
    let gil = Gil::new();
    let probe = Probe::default();
    let rows = by_thread_count(&[1, 2, 4], runs, |k| cpu_bound_on(n, k, Some(&gil), &probe));
    let most = probe.most();
    println!("Most threads inside CPU-bound code at once with the Gil: {most}.");
    let GilStats {
        acquisitions,
        forced_switches,
        ..
    } = gil.stats();
    let interval = format_duration(gil.switch_interval());
    println!("The Gil was taken {acquisitions} times; {forced_switches} times a holder let go");
    println!("because a waiter asked after a switch interval ({interval}, as CPython's).");
    let fastest = rows[1..]
        .iter()
        .max_by(|a, b| a.speedup.total_cmp(&b.speedup));
    let fastest = fastest.expect("rows for 2 and 4 threads");
    let holds = fastest.speedup < 1.2;
    let why = format!(
        "; the 1-thread run was slowed (it kept {:.2} CPUs busy)",
        rows[0].busy
    );
    claim(
        "With the Gil, more threads are no faster than 1, whatever the CPUs",
        holds,
        &(detail(fastest, true) + if holds { "" } else { &why }),
    );
    assert!(
        rows.iter().all(|row| row.result == sum_of_squares(n)),
        "the Gil changes no sum, only who computes when"
    );
    assert_eq!(most, 1, "the Gil never let two threads compute at once");
}
// ANCHOR_END: cpu_bound_with_gil

fn main() {
    cpu_bound_without_gil(100_000_000, 3);
    cpu_bound_with_gil(100_000_000, 3);
}
