//! 1.3 GIL: the notebook's first cell, in a language without one.
//!
//! Python: two `threading.Thread`s each run `cpu_bound_task(10_000_000)`; the
//! GIL lets one run bytecode at a time, so two threads are no faster than one
//! (except on CPython 3.13's free-threaded build, `python3.13t`: PEP 703).
//! Rust: two `std::thread::spawn` threads run `sum_of_squares(10_000_000)`.
//! There is no GIL: on two free CPUs they really run at the same time.
//!
//! Watch: the notebook's three lines, then the same total work on 1 and 2
//! threads: 2 threads keep 2 CPUs busy and take about half the time.
//! Varies: the speedup is capped by the CPUs that are free (about 1x on one
//! CPU or a busy machine; the example says so); the times depend on the CPU.
//!
//! Run: cargo run --release --example gil

use std::thread;

use common::report::Table;
use common::testing::pick;
use common::timing::{format_duration, measure, speedup};
use common::workload::sum_of_squares;
use threads::context::busy_cpus_during;
use threads::parallel::sum_of_squares_on;

// ANCHOR: notebook_cell
/// The notebook's `run_in_thread`; it also returns the sum, for the check.
fn run_in_thread(n: u64) -> u128 {
    let result = sum_of_squares(n);
    println!("Result: {result}");
    result
}

fn notebook_cell() {
    let t1 = thread::spawn(|| run_in_thread(10_000_000));
    let t2 = thread::spawn(|| run_in_thread(10_000_000));
    let results = [t1.join().unwrap(), t2.join().unwrap()];
    println!("Done");
    assert_eq!(
        results, [333_333_283_333_335_000_000; 2],
        "both threads computed the notebook's Σ i² for i < 10 000 000"
    );
}
// ANCHOR_END: notebook_cell

/// Times Σ i² over `0..total` on each of `counts` threads (`runs` times,
/// checking each sum against `expected`) and prints a table. Returns each
/// row's speedup over the first, and how many CPUs the process kept busy.
fn time_on(counts: &[usize], total: u64, runs: usize, expected: u128) -> Vec<(f64, f64)> {
    let mut table = Table::new(["threads", "median time", "speedup", "CPUs busy"]);
    let mut one = None;
    let rows = counts.iter().map(|&k| {
        let (stats, busy) = busy_cpus_during(|| {
            measure(runs, || {
                let sum = sum_of_squares_on(total, k).unwrap();
                assert_eq!(sum, expected, "{k} threads must give the exact same sum");
            })
        })
        .expect("read the process's CPU time");
        let gain = speedup(*one.get_or_insert(stats.median()), stats.median());
        let (time, gain_text) = (format_duration(stats.median()), format!("{gain:.2}x"));
        table.row([k.to_string(), time, gain_text, format!("{busy:.2}")]);
        (gain, busy)
    });
    let rows = rows.collect();
    println!("{}", table.align_right([0, 1, 2, 3]));
    rows
}

// ANCHOR: same_work_on_1_and_2_threads
fn same_work_on_1_and_2_threads() {
    // Ten times the notebook cell's total work (2 x 10^7) in a full run, so the
    // work dwarfs starting a thread.
    let (total, runs) = pick((200_000_000, 5), (4_000_000, 3));
    let cpus = thread::available_parallelism().map_or(1, |c| c.get());
    println!("\nThe same work, sum_of_squares over 0..{total}, on 1 and 2 threads ({cpus} CPUs):");
    let expected = sum_of_squares(total);
    let mut counts = vec![1, 2];
    counts.extend((cpus > 2).then_some(cpus)); // and all CPUs, where there are more
    let rows = time_on(&counts, total, runs, expected);
    let [(_, one), (gain, two)] = [rows[0], rows[1]]; // CPUs busy with 1 and 2 threads
    if cpus == 1 {
        println!("Only one CPU here: the threads take turns, so expect no speedup.");
    } else if one < 0.9 || two < 1.5 {
        println!("Load: 1 thread kept {one:.2} CPUs busy and 2 threads {two:.2}: other programs");
        println!("had the rest. On 2 idle CPUs: 1 and 2 CPUs busy, 2 threads about 2x as fast.");
    } else {
        println!("No GIL: 2 threads kept {two:.2} CPUs busy at once and were {gain:.2}x as fast.");
    }
    // Σ_{i<m} i² = (m-1)m(2m-1)/6: every row above did the whole work.
    let m = u128::from(total);
    let formula = (m - 1) * m * (2 * m - 1) / 6;
    assert_eq!(expected, formula, "the loop agrees with the closed formula");
}
// ANCHOR_END: same_work_on_1_and_2_threads

fn main() {
    notebook_cell();
    same_work_on_1_and_2_threads();
}
