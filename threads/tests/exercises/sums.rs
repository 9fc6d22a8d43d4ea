//! The checks of section 1.3: the parallel sum, and the GIL model's wait.

use std::panic;
use std::thread;
use std::time::{Duration, Instant};

use common::workload::sum_of_squares;
use threads::cpu_time::process_cpu_time;
use threads::gil::{Gil, sum_of_squares_holding};
use threads::parallel::{NoThreads, sum_of_squares_on};

use crate::{said, this_thread};

/// parallel_sum: the exact sum for every thread count, with the work on
/// spawned threads, and clear answers for 0 and for huge thread counts.
pub fn parallel_sum() -> Result<(), String> {
    for n in [0, 1, 2, 7, 1_000, 100_001] {
        for k in [1, 2, 3, 4, 7, 16] {
            let expected = sum_of_squares(n);
            match sum_of_squares_on(n, k) {
                Ok(sum) if sum == expected => {}
                got => {
                    return Err(format!(
                        "sum_of_squares_on({n}, {k}) returned {got:?}, but \
                         sum(i * i for i in range({n})) is {expected}"
                    ));
                }
            }
        }
    }
    if sum_of_squares_on(10, 0) != Err(NoThreads) {
        return Err(
            "sum_of_squares_on(10, 0) should be Err(NoThreads): zero threads cannot \
             do the work (ThreadPoolExecutor(max_workers=0) raises ValueError)"
                .into(),
        );
    }
    match panic::catch_unwind(|| sum_of_squares_on(10, usize::MAX)) {
        Ok(Ok(285)) => {}
        Ok(other) => {
            return Err(format!(
                "sum_of_squares_on(10, usize::MAX) returned {other:?}, not Ok(285)"
            ));
        }
        Err(_) => {
            return Err(
                "sum_of_squares_on(10, usize::MAX) panicked: with more threads than \
                 numbers, split over only as many threads as there are numbers"
                    .into(),
            );
        }
    }
    // Who did the work: this thread's CPU time against the whole process's.
    let usage = || {
        Ok::<_, String>((
            this_thread()?,
            process_cpu_time().map_err(said("process_cpu_time()"))?,
        ))
    };
    let (n, k) = (20_000_000, 4);
    let (mine_before, all_before) = usage()?;
    let sum = sum_of_squares_on(n, k);
    let (mine_after, all_after) = usage()?;
    let (mine, all) = (mine_after - mine_before, all_after - all_before);
    if sum != Ok(sum_of_squares(n)) {
        return Err(format!("sum_of_squares_on({n}, {k}) returned {sum:?}"));
    }
    if mine * 2 > all {
        let share = 100.0 * mine.as_secs_f64() / all.as_secs_f64();
        return Err(format!(
            "sum_of_squares_on({n}, {k}) is exact, but the calling thread did {share:.0}% of the \
             work itself: run the chunks on {k} threads of a thread::scope (s.spawn), as \
             ThreadPoolExecutor.map over the chunks would in Python"
        ));
    }
    Ok(())
}

/// gil_wait: a waiter whose switch interval runs out asks for the GIL, and
/// keeps waiting until the holder lets go; it never takes a held GIL.
pub fn gil_wait() -> Result<(), String> {
    let gil = Gil::with_switch_interval(Duration::from_millis(1));
    let holding = gil.acquire(); // the main thread holds the GIL
    let outcome = thread::scope(|s| {
        s.spawn(|| drop(gil.acquire())); // thread B waits for it
        // B's interval runs out after 1 ms: it then asks for the GIL (a drop
        // request), and must go on waiting, since we still hold it.
        let deadline = Instant::now() + Duration::from_secs(5);
        let stats = loop {
            let stats = gil.stats();
            if stats.drop_requests >= 1 || stats.acquisitions >= 2 || Instant::now() > deadline {
                break stats;
            }
            thread::yield_now();
        };
        if stats.acquisitions >= 2 {
            // Two holders: releasing ours now would trip the Gil's own checks.
            std::mem::forget(holding);
            return Err(
                "thread B took the GIL while the main thread still held it: two threads \
                 ran \"bytecode\" at once. After its wait (a release, or the interval \
                 running out) a waiter must check again that the GIL is free, as in \
                 Python's `with cond: while held: cond.wait(interval)`"
                    .to_string(),
            );
        }
        if stats.drop_requests == 0 {
            drop(holding);
            return Err(
                "thread B waited 5 s for the GIL and never asked for it: after a \
                 switch interval (1 ms here) in which nobody took it, a waiter sets the \
                 drop request, or a CPU-bound holder keeps the GIL for ever"
                    .to_string(),
            );
        }
        drop(holding); // now B gets it
        Ok(())
    });
    outcome?;
    if gil.stats().acquisitions != 2 {
        return Err(format!(
            "expected 2 acquisitions (main, then B), saw {:?}",
            gil.stats()
        ));
    }
    // Two CPU-bound threads take turns under the GIL and lose nothing.
    let total: u128 = thread::scope(|s| {
        let halves = [0..200_000, 200_000..400_000]
            .map(|range| s.spawn(|| sum_of_squares_holding(&mut gil.acquire(), range)));
        halves.into_iter().map(|h| h.join().unwrap()).sum()
    });
    if total != sum_of_squares(400_000) {
        return Err(format!(
            "two threads under the GIL summed {total}, not {}",
            sum_of_squares(400_000)
        ));
    }
    Ok(())
}
