//! 1.2 Preemptive vs cooperative multitasking.
//!
//! Python: the OS preempts threads whenever it likes; `asyncio` tasks switch
//! only at `await`, so one that computes without awaiting freezes the loop.
//! Rust: two busy threads share one pinned CPU and the kernel counts how often
//! it preempted each (`getrusage(RUSAGE_THREAD)`). Then a heartbeat task beats
//! every 10 ms on a one-thread tokio runtime beside a busy task that never
//! awaits, and beside one that calls `yield_now`.
//!
//! Watch: "involuntary" above zero although neither thread yielded; no beat
//! during the non-awaiting stretch, beats all through the yielding one.
//! Varies: the preemptions with the time slice and load; the gaps by timer slack.
//!
//! Run: cargo run --release --example preemptive_vs_cooperative

use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::report::Table;
use common::testing::pick;
use common::timing::format_duration;
use common::workload::{spin_for, sum_of_squares};
use threads::affinity;
use threads::context::{ThreadUsage, usage_during};

const BEAT: Duration = Duration::from_millis(10);

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

fn the_kernel_preempts_busy_threads() {
    let cpu = affinity::allowed_cpus().expect("read the CPU mask")[0];
    let n = pick(200_000_000, 20_000_000);
    println!("Two threads computing sum_of_squares({n}), both pinned to CPU {cpu}:");
    let usages = two_busy_threads_on(cpu, n);
    let mut table = Table::new(["thread", "CPU time", "voluntary", "involuntary"]);
    for (name, u) in ["A", "B"].iter().zip(&usages) {
        let (voluntary, involuntary) = (u.voluntary.to_string(), u.involuntary.to_string());
        table.row([
            name.to_string(),
            format_duration(u.cpu_time),
            voluntary,
            involuntary,
        ]);
    }
    println!("{}", table.align_right([1, 2, 3]));
    println!(
        "Neither thread ever yielded: every involuntary switch is the kernel preempting it.\n"
    );
    let involuntary: u64 = usages.iter().map(|u| u.involuntary).sum();
    assert!(
        involuntary >= 1,
        "two busy threads on one CPU: one must be preempted for both to finish"
    );
}
// ANCHOR_END: preempted_threads

// ANCHOR: heartbeat
/// When a busy task ran (start, end), and when the heartbeat beat.
struct Heartbeat {
    beats: Vec<Instant>,
    busy: (Instant, Instant),
}

impl Heartbeat {
    /// Prints the gaps between beats; returns how many beats fell inside the busy stretch.
    fn report(&self, label: &str) -> usize {
        let gaps: Vec<u128> = self
            .beats
            .windows(2)
            .map(|w| (w[1] - w[0]).as_millis())
            .collect();
        let (start, end) = self.busy;
        let inside = self.beats.iter().filter(|&&b| b > start && b < end).count();
        let longest = gaps.iter().max().copied().unwrap_or(0);
        println!("Heartbeat every {} beside {label}:", format_duration(BEAT));
        println!("  gaps between beats (ms): {gaps:?}");
        println!("  longest gap {longest} ms, beats during the busy stretch: {inside}");
        inside
    }
}

/// A heartbeat task beside `busy` on a single-threaded tokio runtime.
fn heartbeat_beside(busy: impl Future<Output = (Instant, Instant)> + Send + 'static) -> Heartbeat {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build();
    runtime.expect("a tokio runtime").block_on(async {
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
        let busy = tokio::spawn(busy).await.unwrap();
        tokio::time::sleep(3 * BEAT).await;
        heartbeat.abort();
        let beats = beats.lock().unwrap().clone();
        Heartbeat { beats, busy }
    })
}
// ANCHOR_END: heartbeat

/// How long each busy task computes.
fn busy_for() -> Duration {
    Duration::from_millis(pick(200, 100))
}

// ANCHOR: without_await
fn a_task_without_await_starves_the_heartbeat() {
    let heartbeat = heartbeat_beside(async {
        let start = Instant::now();
        // No await inside: nothing else on this thread runs meanwhile.
        spin_for(busy_for());
        (start, Instant::now())
    });
    let inside = heartbeat.report(&format!(
        "a {} busy task without await",
        format_duration(busy_for())
    ));
    assert_eq!(
        inside, 0,
        "without an await, the heartbeat cannot beat while the task runs"
    );
}
// ANCHOR_END: without_await

// ANCHOR: with_yield_now
fn a_task_with_yield_now_lets_it_beat() {
    let heartbeat = heartbeat_beside(async {
        let start = Instant::now();
        while start.elapsed() < busy_for() {
            spin_for(Duration::from_millis(1));
            // The await point: the event loop may run someone else.
            tokio::task::yield_now().await;
        }
        (start, Instant::now())
    });
    let inside = heartbeat.report(&format!(
        "a {} busy task with yield_now",
        format_duration(busy_for())
    ));
    if heartbeat.beats.windows(2).any(|w| w[1] - w[0] > 3 * BEAT) {
        println!(
            "  (a gap over {}: the thread was held up, most likely by other programs; the task yields every ms)",
            format_duration(3 * BEAT)
        );
    }
    assert!(
        inside >= 1,
        "with yield_now, the heartbeat beats while the task runs"
    );
}
// ANCHOR_END: with_yield_now

fn main() {
    the_kernel_preempts_busy_threads();
    a_task_without_await_starves_the_heartbeat();
    a_task_with_yield_now_lets_it_beat();
}
