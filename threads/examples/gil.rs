//! 1.3 GIL: the notebook's first cell, in a language without one.
//!
//! Python: two `threading.Thread`s each run `cpu_bound_task(10_000_000)`;
//! the GIL lets only one of them execute bytecode at a time, so two threads
//! take about as long as one thread doing both calls.
//! Rust: two `std::thread::spawn` threads run `sum_of_squares(10_000_000)`.
//! There is no GIL: on two free CPUs they really run at the same time.
//!
//! Watch: the notebook's three lines first, then a table where the same total
//! work takes about half the time on 2 threads (speedup near 2).
//! Varies: the speedup is capped by the CPUs you have free: about 1 on a
//! one-CPU machine or a busy one; the times depend on the CPU and its clock.
//!
//! Run: cargo run --release --example gil

use std::thread;

use common::report::Table;
use common::timing::{format_duration, measure, speedup};
use common::workload::sum_of_squares;

/// The notebook's `run_in_thread`.
fn run_in_thread(n: u64) {
    println!("Result: {}", sum_of_squares(n));
}

fn main() {
    // The notebook's cell, line for line.
    let t1 = thread::spawn(|| run_in_thread(10_000_000));
    let t2 = thread::spawn(|| run_in_thread(10_000_000));
    t1.join().unwrap();
    t2.join().unwrap();
    println!("Done");

    // Now the claim behind the cell: the same total work on 1 and 2 threads.
    let quick = common::testing::quick_mode();
    let (n, runs) = if quick {
        println!("\n(quick mode: 2 x 2,000,000 numbers, 3 runs each)");
        (2_000_000, 3)
    } else {
        // Ten times the notebook's n, so that the work dwarfs starting a thread.
        (100_000_000, 5)
    };
    let total = 2 * n;
    let cpus = thread::available_parallelism().map_or(1, |c| c.get());
    println!(
        "\nThe same work, sum_of_squares over 0..{total}, on 1 and 2 threads ({cpus} CPUs available):"
    );

    let expected = sum_of_squares(total);
    let mut counts = vec![1, 2];
    if cpus > 2 {
        counts.push(cpus);
    }
    let mut table = Table::new(["threads", "median time", "speedup"]);
    let mut baseline = None;
    for &k in &counts {
        let stats = measure(runs, || {
            let sum = threads::parallel::sum_of_squares(total, k).unwrap();
            // Every thread count must give the exact same answer.
            assert_eq!(sum, expected, "{k} threads");
            sum
        });
        let base = *baseline.get_or_insert(stats.median());
        table.row([
            k.to_string(),
            format_duration(stats.median()),
            format!("{:.2}x", speedup(base, stats.median())),
        ]);
    }
    println!("{}", table.align_right([0, 1, 2]));
    if cpus == 1 {
        println!("Only one CPU is available here: threads take turns, so expect no speedup.");
    } else {
        println!(
            "No GIL: each thread can run on a CPU of its own, so with 2 free CPUs 2 threads take about half the time."
        );
    }

    // What the table relied on: the closed formula Σ_{i<m} i² = (m-1)m(2m-1)/6
    // agrees with the threads' sum, so every row did the whole work.
    let m = u128::from(total);
    assert_eq!(expected, (m - 1) * m * (2 * m - 1) / 6);
}
