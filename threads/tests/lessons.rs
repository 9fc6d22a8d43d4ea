//! The lessons' library code at small sizes: what each cell shows, asserted
//! on the library functions themselves, quickly (the examples run at the
//! lessons' sizes in tests/examples.rs).

use std::time::{Duration, Instant};

use common::workload::{spin_for, sum_of_squares};
use threads::gil::{Gil, TURNS_PER_TICK, cpu_bound_on, io_bound_on, two_threads_on_a_timeline};
use threads::heartbeat;
use threads::probe::Probe;
use threads::scaling::by_thread_count;

#[test]
fn the_notebook_cell_returns_both_sums() {
    assert_eq!(
        threads::gil::notebook_cell(1_000),
        [sum_of_squares(1_000); 2]
    );
    assert_eq!(
        two_threads_on_a_timeline(25_001),
        [sum_of_squares(25_001); 2]
    );
}

#[test]
fn cpu_bound_work_is_exact_and_the_gil_lets_one_thread_in() {
    let n = 200_003;
    let (free, held) = (Probe::default(), Probe::default());
    let gil = Gil::with_switch_interval(Duration::from_micros(100));
    for k in [1, 2, 4] {
        assert_eq!(cpu_bound_on(n, k, None, &free), sum_of_squares(n));
        assert_eq!(cpu_bound_on(n, k, Some(&gil), &held), sum_of_squares(n));
    }
    assert_eq!(held.most(), 1, "the Gil let two threads compute at once");
}

#[test]
fn io_bound_work_parses_one_request_at_a_time() {
    let gil = Gil::new();
    let (parsing, waiting) = (Probe::default(), Probe::default());
    let parsed = io_bound_on(8, 4, &gil, &parsing, &waiting);
    assert_eq!(parsed, 8 * sum_of_squares(TURNS_PER_TICK));
    assert_eq!(parsing.most(), 1);
    assert!(waiting.most() >= 1);
}

#[test]
fn the_table_has_a_row_per_thread_count_and_the_first_is_1x() {
    let rows = by_thread_count(&[1, 2, 3], 1, |k| k as u128);
    let threads: Vec<usize> = rows.iter().map(|r| r.threads).collect();
    assert_eq!(threads, [1, 2, 3]);
    assert_eq!(rows[0].speedup, 1.0);
    assert_eq!(rows[2].result, 3);
}

#[test]
fn a_task_that_never_awaits_stops_the_heartbeat() {
    let beats = heartbeat::beside(async {
        let start = Instant::now();
        spin_for(Duration::from_millis(40));
        (start, Instant::now())
    });
    assert_eq!(beats.beats_while_busy(), 0);
    assert!(!beats.beats.is_empty(), "it beat before and after");
}

#[test]
fn a_task_that_yields_lets_the_heartbeat_beat() {
    let beats = heartbeat::beside(async {
        let start = Instant::now();
        for _ in 0..40 {
            spin_for(Duration::from_millis(1));
            tokio::task::yield_now().await;
        }
        (start, Instant::now())
    });
    assert!(beats.beats_while_busy() >= 1, "{beats:?}");
}
