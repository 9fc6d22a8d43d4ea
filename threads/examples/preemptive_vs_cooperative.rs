//! 1.2 Preemptive vs cooperative multitasking.
//!
//! Python: the OS preempts threads whenever it likes; `asyncio` tasks switch
//! only at `await`, so one that computes without awaiting freezes the loop.
//! Rust: two busy threads share one pinned CPU and the kernel counts how often
//! it preempted each. Then a heartbeat beats every 10 ms on a one-thread tokio
//! runtime beside a busy task that never awaits, and beside one that yields.
//!
//! Watch: "involuntary" above zero although neither thread yielded; no beat
//! during the non-awaiting stretch, beats all through the yielding one.
//! Varies: the preemptions with the time slice and load; the gaps by timer slack.
//!
//! Run: cargo run --release --example preemptive_vs_cooperative

use std::sync::Barrier;
use std::thread;
use std::time::{Duration, Instant};

use common::report::{Table, cannot_show, claim};
use common::timing::format_duration;
use common::workload::{spin_for, sum_of_squares};
use threads::affinity;
use threads::context::{ThreadUsage, usage_during};
use threads::cpu_time::GRANULARITY;
use threads::heartbeat;

// ANCHOR: preempted_threads
/// Two CPU-bound threads pinned to `cpu`; returns each one's counters.
fn two_busy_threads_on(cpu: usize, n: u64) -> [ThreadUsage; 2] {
    let start_together = Barrier::new(2);
    let busy = || {
        let _pinned = affinity::pin_thread(&[cpu]).expect("pin to one CPU");
        start_together.wait();
        let (sum, used) = usage_during(|| sum_of_squares(n)).unwrap();
        std::hint::black_box(sum);
        used
    };
    thread::scope(|s| {
        let (a, b) = (s.spawn(busy), s.spawn(busy));
        [a.join().unwrap(), b.join().unwrap()]
    })
}

fn the_kernel_preempts_busy_threads(n: u64) {
    let cpu = affinity::allowed_cpus().expect("read the CPU mask")[0];
    // Pinning (not on macOS) and per-thread counters (Linux only): try both.
    if let Err(e) = affinity::pin_thread(&[cpu]).and_then(|_| ThreadUsage::current_thread()) {
        return cannot_show("two busy threads preempted on one CPU", &e.to_string());
    }
    println!("Two threads computing sum_of_squares({n}), both pinned to CPU {cpu}:");
    let started = Instant::now();
    let usages = two_busy_threads_on(cpu, n);
    let wall = started.elapsed();
    let mut table = Table::new(["thread", "CPU time", "voluntary", "involuntary"]);
    for (name, u) in ["A", "B"].iter().zip(&usages) {
        let counts = [u.voluntary, u.involuntary].map(|c| c.to_string());
        table.row(
            [name.to_string(), format_duration(u.cpu_time)]
                .into_iter()
                .chain(counts),
        );
    }
    println!("{}", table.align_right([1, 2, 3]));
    let involuntary: u64 = usages.iter().map(|u| u.involuntary).sum();
    claim(
        "Neither thread yielded, yet the kernel preempted them (involuntary switches)",
        involuntary >= 1,
        &format!("{involuntary} involuntary switches in all"),
    );
    let cpu_sum = usages[0].cpu_time + usages[1].cpu_time;
    assert!(
        wall + 2 * GRANULARITY >= cpu_sum,
        "on one CPU the threads took turns: wall {wall:?} covers CPU {cpu_sum:?}"
    );
}
// ANCHOR_END: preempted_threads

// ANCHOR: without_await
fn a_task_without_await_starves_the_heartbeat(busy: Duration) {
    let beats = heartbeat::beside(async move {
        let start = Instant::now();
        // No await inside: nothing else on this thread runs meanwhile.
        spin_for(busy);
        (start, Instant::now())
    });
    beats.print(&format!(
        "a {} busy task without await",
        format_duration(busy)
    ));
    assert_eq!(
        beats.beats_while_busy(),
        0,
        "without an await, the heartbeat cannot beat while the task runs"
    );
}
// ANCHOR_END: without_await

// ANCHOR: with_yield_now
fn a_task_with_yield_now_lets_it_beat(busy: Duration) {
    let beats = heartbeat::beside(async move {
        let start = Instant::now();
        // One ms of work at a time, then the await point: the runtime may
        // run someone else. The 1 ms spins add up to at least `busy`.
        for _ in 0..busy.as_millis() {
            spin_for(Duration::from_millis(1));
            tokio::task::yield_now().await;
        }
        (start, Instant::now())
    });
    beats.print(&format!(
        "a {} busy task with yield_now",
        format_duration(busy)
    ));
    let longest = beats.gaps().into_iter().max().unwrap_or_default();
    claim(
        "With yield_now the heartbeat keeps its rhythm: no gap over 3 beats",
        longest <= 3 * heartbeat::BEAT,
        &format!("longest gap {} ms", longest.as_millis()),
    );
    assert!(
        beats.beats_while_busy() >= 1,
        "with yield_now, the heartbeat beats while the task runs"
    );
}
// ANCHOR_END: with_yield_now

fn main() {
    the_kernel_preempts_busy_threads(100_000_000);
    a_task_without_await_starves_the_heartbeat(Duration::from_millis(200));
    a_task_with_yield_now_lets_it_beat(Duration::from_millis(200));
}
