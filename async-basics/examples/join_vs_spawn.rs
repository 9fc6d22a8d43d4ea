//! 5.2 `join!` or `spawn`: one task that takes turns, or two that workers run at once.
//!
//! Python: `gather` of two CPU-bound halves runs them one after the other on
//! the loop's thread; `asyncio.to_thread` runs them on two threads, which
//! under the GIL still take turns.
//! Rust: `tokio::join!` polls both halves inside one task, on one thread; two
//! `tokio::spawn`ed tasks can run on two workers at once.
//!
//! Watch: the `join!` halves run one after the other; the spawned halves meet.
//! Varies: the times and their ratio (load, CPUs); on one CPU the workers take turns.
//!
//! Run: cargo run --release --example join_vs_spawn

use std::ops::Range;
use std::sync::{Arc, Mutex, mpsc};
use std::thread::available_parallelism;
use std::time::Duration;

use async_basics::workers::{thread_name, two_workers};
use common::report::claim;
use common::timing::{format_duration, speedup, time};
use common::workload::sum_of_squares_range;
use tokio::runtime::Runtime;

fn main() {
    let runtime = two_workers();
    let n = 100_000_000; // the job: Σ i² for i < n, in two halves
    join_polls_both_halves_in_one_task(&runtime, n);
    spawn_runs_the_halves_at_once(&runtime, n);
    what_two_workers_buy(&runtime, n);
}

// ANCHOR: join_polls_both_halves_in_one_task
type Log = Arc<Mutex<Vec<String>>>;

/// One half of the CPU-bound job, logging where it starts and when it ends.
fn half(name: &str, range: Range<u64>, log: &Log) -> u128 {
    let on = thread_name();
    log.lock().unwrap().push(format!("{name} starts on {on}"));
    let sum = sum_of_squares_range(range);
    log.lock().unwrap().push(format!("{name} ends"));
    sum
}

/// The two halves inside one task, joined (≈ `gather` of two coroutines).
fn joined(runtime: &Runtime, n: u64, log: &Log) -> u128 {
    let log = Arc::clone(log);
    let task = runtime.spawn(async move {
        let a = async { half("a", 0..n / 2, &log) };
        let b = async { half("b", n / 2..n, &log) };
        let (a, b) = tokio::join!(a, b);
        a + b
    });
    runtime.block_on(task).expect("the task")
}

fn join_polls_both_halves_in_one_task(runtime: &Runtime, n: u64) {
    println!("1. join! polls both halves inside one task: one thread, one after the other");
    let log = Log::default();
    let total = joined(runtime, n, &log);
    let log = log.lock().unwrap();
    println!("   {}", log.join(", "));
    assert_eq!(total, sum_of_squares_range(0..n));
    assert!(
        log[1].ends_with("ends"),
        "one half ended before the other began"
    );
}
// ANCHOR_END: join_polls_both_halves_in_one_task

// ANCHOR: spawn_runs_the_halves_at_once
/// A half that first meets the other half: it tells the other it runs, and
/// waits (blocking its worker, at most 10 s) until the other runs too.
async fn meeting_half(
    name: &str,
    range: Range<u64>,
    (tell, hear): (mpsc::Sender<()>, mpsc::Receiver<()>),
) -> (bool, String, u128) {
    tell.send(()).expect("the other half listens");
    let met = hear.recv_timeout(Duration::from_secs(10)).is_ok();
    let on = format!("{name} on {}", thread_name());
    (met, on, sum_of_squares_range(range))
}

/// Each half in a task of its own: whether they met, where they ran, the sum.
fn spawned(runtime: &Runtime, n: u64) -> (bool, String, u128) {
    let ((to_b, from_a), (to_a, from_b)) = (mpsc::channel(), mpsc::channel());
    let a = runtime.spawn(meeting_half("a", 0..n / 2, (to_b, from_b)));
    let b = runtime.spawn(meeting_half("b", n / 2..n, (to_a, from_a)));
    let ((met_a, on_a, sum_a), (met_b, on_b, sum_b)) =
        runtime.block_on(async { (a.await.unwrap(), b.await.unwrap()) });
    (met_a && met_b, format!("{on_a}, {on_b}"), sum_a + sum_b)
}

fn spawn_runs_the_halves_at_once(runtime: &Runtime, n: u64) {
    println!("\n2. tokio::spawn: two tasks, so two workers can run the halves at once");
    let (met, on, total) = spawned(runtime, n);
    println!("   met: {met}; {on}");
    assert!(met, "both halves ran at the same time, on two workers");
    assert_eq!(total, sum_of_squares_range(0..n));
}
// ANCHOR_END: spawn_runs_the_halves_at_once

// ANCHOR: what_two_workers_buy
fn what_two_workers_buy(runtime: &Runtime, n: u64) {
    println!("\n3. what two workers buy: each way timed three times, the fastest kept");
    let (mut one_task, mut two_tasks) = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        // In turns, so that a busy moment of the machine slows both ways.
        one_task = one_task.min(time(|| joined(runtime, n, &Log::default())).1);
        two_tasks = two_tasks.min(time(|| spawned(runtime, n)).1);
    }
    let ratio = speedup(one_task, two_tasks);
    let cpus = available_parallelism().map_or(1, |n| n.get());
    let (one, two) = (format_duration(one_task), format_duration(two_tasks));
    println!("   join!: {one}; spawn: {two}; {ratio:.2}x");
    let holds = cpus >= 2 && (1.6..=2.4).contains(&ratio);
    let detail = if cpus < 2 {
        format!("{ratio:.2}x: one CPU here, so the two workers take turns")
    } else if ratio > 2.4 {
        format!(
            "{ratio:.2}x on {cpus} CPUs: more than two workers give, so other work slowed join!"
        )
    } else if !holds {
        format!("{ratio:.2}x on {cpus} CPUs: other programs kept a CPU busy")
    } else {
        format!("{ratio:.2}x on {cpus} CPUs")
    };
    claim(
        "the spawned halves take about half the time of join!",
        holds,
        &detail,
    );
}
// ANCHOR_END: what_two_workers_buy
