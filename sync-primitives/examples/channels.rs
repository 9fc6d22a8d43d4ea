//! 3.7 Channels: share memory by communicating instead of locking.
//!
//! Python: `queue.Queue(maxsize=2)` between threads: `put` blocks when full,
//! `get(timeout=...)` raises `queue.Empty` on a timeout; waiting on several
//! queues at once needs a thread per queue or polling.
//! Rust: crossbeam's channels. `bounded(2)` is `Queue(maxsize=2)`,
//! `recv_timeout` is `get(timeout=...)`, `select!` waits on several channels
//! (and a timer) at once, and dropping every sender closes the channel, which
//! ends the receivers' loops: no sentinel value needed.
//!
//! Watch: the producer is held back by the full channel (its "sent" count
//! runs at most 2 ahead of what was received); `select!` takes whichever of
//! results, log lines and a ticker is ready; the final `recv_timeout` times out.
//!
//! Varies: the interleaving of results and log lines in `select!`, and how
//! many ticks fit in, depends on scheduling.
//!
//! Run: cargo run --release --example channels

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use crossbeam::channel::{self, RecvTimeoutError};
use crossbeam::select;

const JOBS: u64 = 8;
const WORKERS: usize = 3;

fn main() {
    // 1. bounded(2): a full channel makes the producer wait (backpressure).
    let (tx, rx) = channel::bounded::<u64>(2);
    let sent = AtomicUsize::new(0);
    let mut furthest_ahead = 0;
    thread::scope(|s| {
        let sent = &sent;
        // `move`: the thread must own `tx`, so that it is dropped when it ends.
        s.spawn(move || {
            for job in 1..=JOBS {
                tx.send(job).unwrap(); // blocks while 2 are waiting
                sent.fetch_add(1, Ordering::SeqCst);
            }
            // `tx` is dropped here: the channel closes once drained.
        });
        let mut received = 0;
        for job in &rx {
            // A slow consumer, so the producer runs into the bound.
            thread::sleep(Duration::from_millis(5));
            received += 1;
            // The sender can be at most the channel's 2 slots ahead, plus
            // the one it handed over and counted just now.
            let ahead = sent.load(Ordering::SeqCst).saturating_sub(received);
            furthest_ahead = usize::max(furthest_ahead, ahead);
            println!("got job {job} (producer ahead by {ahead})");
        }
    });
    println!("channel closed: all {JOBS} jobs received");

    // 2. Workers share one job channel (a work queue) and report on another.
    let (jobs_tx, jobs_rx) = channel::bounded::<u64>(WORKERS);
    let (results_tx, results_rx) = channel::unbounded::<(usize, u64, u64)>();
    let (log_tx, log_rx) = channel::unbounded::<String>();
    let ticker = channel::tick(Duration::from_millis(5));
    let mut total = 0_u64;
    let mut results = 0;
    let mut logs = 0;
    thread::scope(|s| {
        for id in 0..WORKERS {
            let (jobs_rx, results_tx, log_tx) =
                (jobs_rx.clone(), results_tx.clone(), log_tx.clone());
            s.spawn(move || {
                for n in jobs_rx {
                    let square = n * n;
                    log_tx.send(format!("worker {id} took {n}")).unwrap();
                    results_tx.send((id, n, square)).unwrap();
                }
            });
        }
        drop((jobs_rx, results_tx, log_tx)); // only the workers keep them
        s.spawn(move || {
            for n in 1..=JOBS {
                jobs_tx.send(n).unwrap();
            }
        });

        // One loop waits on three sources; Python would need a thread each.
        // A closed channel is always "ready" (with an error), so once one
        // closes we swap in `never()`, which is never ready.
        let (no_results, no_logs) = (channel::never(), channel::never());
        let mut ticks = 0;
        let (mut results_open, mut logs_open) = (true, true);
        while results_open || logs_open {
            select! {
                recv(if results_open { &results_rx } else { &no_results }) -> msg => match msg {
                    Ok((id, n, square)) => {
                        println!("  result: {n}^2 = {square} (worker {id})");
                        total += square;
                        results += 1;
                    }
                    Err(_) => results_open = false, // every worker is done
                },
                recv(if logs_open { &log_rx } else { &no_logs }) -> msg => match msg {
                    Ok(line) => {
                        println!("  log:    {line}");
                        logs += 1;
                    }
                    Err(_) => logs_open = false,
                },
                recv(ticker) -> _ => ticks += 1,
            }
        }
        println!("select! done: {results} results, {logs} log lines, {ticks} ticks meanwhile");
    });

    // 3. recv_timeout: Python's `q.get(timeout=0.05)` raising queue.Empty.
    let (_keep_open, idle_rx) = channel::bounded::<u64>(1);
    let waited = idle_rx.recv_timeout(Duration::from_millis(50));
    println!("recv_timeout(50 ms) on an idle channel: {waited:?}");

    let expected: u64 = (1..=JOBS).map(|n| n * n).sum();
    println!("sum of squares of 1..={JOBS} = {total}");
    assert!(
        furthest_ahead <= 3,
        "the producer ran {furthest_ahead} ahead"
    );
    assert_eq!((results, logs), (JOBS, JOBS));
    assert_eq!(total, expected);
    assert_eq!(waited, Err(RecvTimeoutError::Timeout));
}
