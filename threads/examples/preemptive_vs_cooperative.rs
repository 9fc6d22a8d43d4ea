//! 1.2 Preemptive vs cooperative multitasking.
//!
//! Python: the OS preempts threads whenever it likes; `asyncio` tasks switch
//! only where they `await`, so one that computes without awaiting freezes
//! every other task on the event loop.
//! Rust: two busy OS threads share one pinned CPU and the kernel counts how
//! often it preempted each (`getrusage(RUSAGE_THREAD)`, Linux). Then, on a
//! single-threaded tokio runtime, a heartbeat task beats every 10 ms next to
//! a busy task: one that never awaits, then one that calls `yield_now`.
//!
//! Watch: the threads' "involuntary" column is above zero although neither
//! thread ever gave up the CPU; the first heartbeat has one long gap (the
//! whole busy stretch) and no beat inside it, the second keeps its rhythm.
//! Varies: how many preemptions happen depends on the kernel's time slice and
//! on what else runs on that CPU; the heartbeat gaps a little on timer slack.
//!
//! Run: cargo run --release --example preemptive_vs_cooperative

use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::report::Table;
use common::timing::format_duration;
use common::workload::{spin_for, sum_of_squares};
use threads::affinity;
use threads::context;

const BEAT: Duration = Duration::from_millis(10);

/// Two CPU-bound threads pinned to `cpu`; returns each one's counters.
fn preempted_threads(cpu: usize, n: u64) -> Vec<context::ThreadUsage> {
    let start_together = Barrier::new(2);
    thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let _pinned = affinity::pin_thread(&[cpu]).expect("pin to one CPU");
                    start_together.wait();
                    let (sum, used) = context::measure(|| sum_of_squares(n)).unwrap();
                    std::hint::black_box(sum);
                    used
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

/// A heartbeat next to a busy task on one thread; returns the beats and the
/// busy task's start and end.
fn heartbeat_beside(busy_for: Duration, cooperative: bool) -> (Vec<Instant>, Instant, Instant) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        let beats = Arc::new(Mutex::new(Vec::new()));
        let heartbeat = tokio::spawn({
            let beats = Arc::clone(&beats);
            async move {
                loop {
                    tokio::time::sleep(BEAT).await;
                    beats.lock().unwrap().push(Instant::now());
                }
            }
        });
        tokio::time::sleep(3 * BEAT).await;
        let busy = tokio::spawn(async move {
            let start = Instant::now();
            if cooperative {
                while start.elapsed() < busy_for {
                    spin_for(Duration::from_millis(1));
                    // The await point: the event loop may run someone else.
                    tokio::task::yield_now().await;
                }
            } else {
                // No await inside: nothing else on this thread runs meanwhile.
                spin_for(busy_for);
            }
            (start, Instant::now())
        });
        let (start, end) = busy.await.unwrap();
        tokio::time::sleep(3 * BEAT).await;
        heartbeat.abort();
        let beats = beats.lock().unwrap().clone();
        (beats, start, end)
    })
}

fn main() {
    let quick = common::testing::quick_mode();
    if quick {
        println!("(quick mode: shorter busy stretches)");
    }

    // Preemptive: the kernel takes the CPU away from busy threads.
    let cpu = affinity::allowed_cpus().expect("read the CPU mask")[0];
    let n = if quick { 20_000_000 } else { 200_000_000 };
    println!("Two threads computing sum_of_squares({n}), both pinned to CPU {cpu}:");
    let usages = preempted_threads(cpu, n);
    let mut table = Table::new(["thread", "CPU time", "voluntary", "involuntary"]);
    for (name, u) in ["A", "B"].iter().zip(&usages) {
        table.row([
            name.to_string(),
            format_duration(u.cpu_time),
            u.voluntary.to_string(),
            u.involuntary.to_string(),
        ]);
    }
    println!("{}", table.align_right([1, 2, 3]));
    println!(
        "Neither thread ever yielded: every involuntary switch is the kernel preempting it.\n"
    );

    // Cooperative: tokio tasks on one thread switch only at `.await`.
    let busy_for = Duration::from_millis(if quick { 100 } else { 200 });
    let mut inside_counts = Vec::new();
    for cooperative in [false, true] {
        let (beats, start, end) = heartbeat_beside(busy_for, cooperative);
        let gaps: Vec<u128> = beats
            .windows(2)
            .map(|w| (w[1] - w[0]).as_millis())
            .collect();
        let inside = beats.iter().filter(|&&b| b > start && b < end).count();
        let longest = gaps.iter().max().copied().unwrap_or(0);
        let label = if cooperative {
            "busy task with yield_now"
        } else {
            "busy task without await"
        };
        println!(
            "Heartbeat every {} beside a {} {label}:",
            format_duration(BEAT),
            format_duration(busy_for)
        );
        println!("  gaps between beats (ms): {gaps:?}");
        println!("  longest gap {longest} ms, beats during the busy stretch: {inside}");
        inside_counts.push(inside);
    }

    let involuntary: u64 = usages.iter().map(|u| u.involuntary).sum();
    // Two busy threads on one CPU: one had to be preempted for both to finish.
    assert!(involuntary >= 1);
    // Without an await the heartbeat could not beat at all while the task ran;
    // with yield_now it could.
    assert_eq!(inside_counts[0], 0);
    assert!(inside_counts[1] >= 1);
}
