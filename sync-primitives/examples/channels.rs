//! 3.7 Channels: share memory by communicating instead of locking.
//!
//! Python: `queue.Queue(maxsize=2)`: `put` blocks when full, `get(timeout=...)`
//! raises `queue.Empty`; waiting on several queues needs a thread each.
//! Rust: crossbeam's `bounded(2)`, `recv_timeout`, `select!` over several
//! channels and a ticker; dropping every sender closes a channel (no sentinel).
//!
//! Watch: the producer runs at most 2 ahead; all 3 workers take jobs, and the
//! ticker ticks while they run, in one `select!` loop; the last wait times out.
//! Varies: who takes jobs 4 to 8, the interleaving in `select!`, how many ticks.
//!
//! Run: cargo run --release --example channels

use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::Duration;

use crossbeam::channel::{self, Receiver, RecvTimeoutError, Sender};
use crossbeam::select;

const JOBS: u64 = 8;
const WORKERS: usize = 3;

fn main() {
    backpressure();
    worker_pool_with_select();
    recv_timeout_on_an_idle_channel();
}

// ANCHOR: backpressure
/// `bounded(2)`: a full channel makes the producer wait.
fn backpressure() {
    let (tx, rx) = channel::bounded::<u64>(2);
    let sent = &AtomicU64::new(0);
    let (mut received, mut furthest_ahead) = (0, 0);
    thread::scope(|s| {
        // `move`: the thread must own `tx`, so that it is dropped when it ends.
        s.spawn(move || {
            for job in 1..=JOBS {
                tx.send(job).unwrap(); // blocks while 2 are waiting
                // Relaxed is enough: a progress count, and the channel already
                // orders each send before its receive (memory ordering: see
                // the 3.7 memory_ordering topic).
                sent.fetch_add(1, Ordering::Relaxed);
            }
        }); // `tx` is dropped here: the channel closes once drained
        for job in &rx {
            thread::sleep(Duration::from_millis(5)); // a slow consumer
            received += 1;
            // Relaxed: as above; a stale count only looks less far ahead.
            let ahead = sent.load(Ordering::Relaxed).saturating_sub(received);
            furthest_ahead = furthest_ahead.max(ahead);
            println!("got job {job} (producer ahead by {ahead})");
        }
    });
    println!("channel closed: all {received} jobs received");
    assert_eq!(received, JOBS, "every job arrived before the close");
    assert!(
        furthest_ahead <= 2,
        "the producer ran {furthest_ahead} ahead of a bound of 2"
    );
}
// ANCHOR_END: backpressure

// ANCHOR: worker
/// A pool worker: takes jobs until the job channel closes, logs each one and
/// sends back its square. It holds its first job until `go` closes, so every
/// worker takes one before any takes two (else on a fast machine one worker
/// may drain all 8 before the others start).
fn worker(
    id: usize,
    jobs: Receiver<u64>,
    go: Receiver<()>,
    results: Sender<Square>,
    log: Sender<String>,
) {
    for (taken, n) in jobs.iter().enumerate() {
        log.send(format!("worker {id} took {n}")).unwrap();
        if taken == 0 {
            // Nothing is sent on `go`: closing it wakes every receiver at once.
            go.recv().expect_err("`go` is only ever closed");
        }
        results.send((id, n, n * n)).unwrap();
    }
}
// ANCHOR_END: worker

/// `(worker, n, n * n)`
type Square = (usize, u64, u64);

/// What the `select!` loop saw.
#[derive(Default)]
struct Tally {
    results: u64,
    logs: u64,
    ticks: usize,
    /// How many ticks had come when the first result did.
    ticks_before_first_result: usize,
    jobs_per_worker: [u64; WORKERS],
    total: u64,
}

// ANCHOR: select_loop
/// One loop waits on results, log lines and a 5 ms ticker at once. A closed
/// channel is always "ready" (with an error), so once one closes we swap in
/// `never()`, which never is. The first tick after every worker holds a job
/// closes `go`: that tick provably comes while the jobs run.
fn select_loop(results: Receiver<Square>, logs: Receiver<String>, go: Sender<()>) -> Tally {
    let ticker = channel::tick(Duration::from_millis(5));
    let (no_results, no_logs) = (channel::never(), channel::never());
    let (mut go, mut t) = (Some(go), Tally::default());
    let (mut results_open, mut logs_open) = (true, true);
    while results_open || logs_open {
        select! {
            recv(if results_open { &results } else { &no_results }) -> msg => match msg {
                Ok((id, n, square)) => {
                    println!("  result: {n}^2 = {square} (worker {id})");
                    if t.results == 0 {
                        t.ticks_before_first_result = t.ticks;
                    }
                    (t.results, t.total) = (t.results + 1, t.total + square);
                    t.jobs_per_worker[id] += 1;
                }
                Err(_) => results_open = false, // every worker is done
            },
            recv(if logs_open { &logs } else { &no_logs }) -> msg => match msg {
                Ok(line) => {
                    println!("  log:    {line}");
                    t.logs += 1;
                }
                Err(_) => logs_open = false,
            },
            recv(ticker) -> _ => {
                t.ticks += 1;
                if go.is_some() && t.logs == WORKERS as u64 {
                    println!("  tick:   all {WORKERS} workers hold a job; close `go`");
                    go = None; // drops the only sender
                }
            }
        }
    }
    t
}
// ANCHOR_END: select_loop

// ANCHOR: worker_pool_with_select
/// Workers share one job channel (a work queue) and report on two others.
fn worker_pool_with_select() {
    let (jobs_tx, jobs_rx) = channel::bounded::<u64>(WORKERS);
    let (go_tx, go_rx) = channel::bounded::<()>(0);
    let (results_tx, results_rx) = channel::unbounded();
    let (log_tx, log_rx) = channel::unbounded();
    // What the loop saw: a `Tally`.
    let t = thread::scope(|s| {
        for id in 0..WORKERS {
            let (jobs, go) = (jobs_rx.clone(), go_rx.clone());
            let (results, log) = (results_tx.clone(), log_tx.clone());
            s.spawn(move || worker(id, jobs, go, results, log));
        }
        drop((jobs_rx, go_rx, results_tx, log_tx)); // only the workers keep them
        s.spawn(move || (1..=JOBS).for_each(|n| jobs_tx.send(n).unwrap()));
        select_loop(results_rx, log_rx, go_tx)
    });
    println!(
        "select! done: {} results, {} log lines and {} tick(s); jobs per worker {:?}",
        t.results, t.logs, t.ticks, t.jobs_per_worker
    );
    println!("sum of squares of 1..={JOBS} = {}", t.total);
    assert_eq!(
        (t.results, t.logs),
        (JOBS, JOBS),
        "each job reported on both"
    );
    assert!(
        t.jobs_per_worker.iter().all(|&n| n > 0),
        "every worker took a job"
    );
    assert!(
        t.ticks_before_first_result > 0,
        "a tick came while jobs ran"
    );
    assert_eq!(t.total, (1..=JOBS).map(|n| n * n).sum(), "each square once");
}
// ANCHOR_END: worker_pool_with_select

// ANCHOR: recv_timeout_on_an_idle_channel
/// Python's `q.get(timeout=0.05)` raising `queue.Empty`.
fn recv_timeout_on_an_idle_channel() {
    let (_keep_open, idle) = channel::bounded::<u64>(1);
    let waited = idle.recv_timeout(Duration::from_millis(50));
    println!("recv_timeout(50 ms) on an idle channel: {waited:?}");
    // With every sender gone it would be Err(Disconnected), at once.
    assert_eq!(
        waited,
        Err(RecvTimeoutError::Timeout),
        "open and empty: a timeout"
    );
}
// ANCHOR_END: recv_timeout_on_an_idle_channel
