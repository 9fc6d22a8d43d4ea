//! What the primitives cost: both `Semaphore` steps against a plain
//! `parking_lot::Mutex`, an `Event` round trip between two threads, and std's
//! `Mutex` against parking_lot's under contention.
//!
//! Run: cargo bench -p benches --bench sync_primitives (add `-- --quick` for a fast look).
//! At the end it prints the ratios that issue 25 sets goals for, from the
//! medians criterion has just written: the step-2 `FastSemaphore`
//! uncontended within 1.3x of parking_lot's `Mutex`, and contended no slower
//! than the step-1 `Semaphore`. Contended numbers depend heavily on the core
//! count and the machine's load.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use criterion::{Criterion, criterion_group};
use sync_primitives::{Event, FastSemaphore, Semaphore};

/// Threads hammering one lock in the contended benches.
const CONTENDERS: usize = 2;

/// Runs `op` `iters` times in total, split over CONTENDERS threads that start
/// together; returns the wall time of the whole batch.
fn contended(iters: u64, op: impl Fn() + Sync) -> Duration {
    let per_thread = iters.div_ceil(CONTENDERS as u64);
    let start = std::sync::Barrier::new(CONTENDERS + 1);
    thread::scope(|s| {
        for _ in 0..CONTENDERS {
            s.spawn(|| {
                start.wait();
                for _ in 0..per_thread {
                    op();
                }
            });
        }
        start.wait();
        let began = Instant::now();
        // The scope joins the workers when this closure returns.
        began
    })
    .elapsed()
}

/// One permit, acquired and released: a semaphore used as a lock, beside the
/// lock it is measured against.
fn semaphore_vs_mutex(c: &mut Criterion) {
    let mut group = c.benchmark_group("acquire_release");
    let step1 = Semaphore::new(1);
    let step2 = FastSemaphore::new(1);
    let mutex = parking_lot::Mutex::new(0_u64);
    group.bench_function("uncontended/Semaphore", |b| {
        b.iter(|| drop(black_box(step1.permit())));
    });
    group.bench_function("uncontended/FastSemaphore", |b| {
        b.iter(|| drop(black_box(step2.permit())));
    });
    group.bench_function("uncontended/parking_lot::Mutex", |b| {
        b.iter(|| *black_box(&mutex).lock() += 1);
    });
    group.bench_function("contended/Semaphore", |b| {
        b.iter_custom(|iters| contended(iters, || drop(black_box(step1.permit()))));
    });
    group.bench_function("contended/FastSemaphore", |b| {
        b.iter_custom(|iters| contended(iters, || drop(black_box(step2.permit()))));
    });
    group.bench_function("contended/parking_lot::Mutex", |b| {
        b.iter_custom(|iters| contended(iters, || *mutex.lock() += 1));
    });
    group.finish();
}

fn event_round_trip(c: &mut Criterion) {
    // ping → the partner wakes, clears it and sets pong → we wake: two
    // set-to-wake hand-offs per iteration.
    c.bench_function("event/set_to_wake_round_trip", |b| {
        b.iter_custom(|iters| {
            let ping = Arc::new(Event::new());
            let pong = Arc::new(Event::new());
            let partner = {
                let (ping, pong) = (Arc::clone(&ping), Arc::clone(&pong));
                thread::spawn(move || {
                    for _ in 0..iters {
                        ping.wait();
                        ping.clear();
                        pong.set();
                    }
                })
            };
            let began = Instant::now();
            for _ in 0..iters {
                ping.set();
                pong.wait();
                pong.clear();
            }
            let elapsed = began.elapsed();
            partner.join().unwrap();
            elapsed
        });
    });
}

fn std_vs_parking_lot(c: &mut Criterion) {
    let mut group = c.benchmark_group("mutex_contended");
    let std_mutex = std::sync::Mutex::new(0_u64);
    let pl_mutex = parking_lot::Mutex::new(0_u64);
    group.bench_function("std::sync::Mutex", |b| {
        b.iter_custom(|iters| contended(iters, || *std_mutex.lock().unwrap() += 1));
    });
    group.bench_function("parking_lot::Mutex", |b| {
        b.iter_custom(|iters| contended(iters, || *pl_mutex.lock() += 1));
    });
    group.finish();
}

criterion_group!(
    benches,
    semaphore_vs_mutex,
    event_round_trip,
    std_vs_parking_lot
);

fn main() {
    let started = SystemTime::now();
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_goals(started);
}

/// The median criterion wrote for `group/function` since `started`, in ns:
/// `<target>/criterion/<group>/<function, '/' and ':' as '_'>/new/estimates.json`.
fn median_ns(group: &str, function: &str, started: SystemTime) -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    let target: PathBuf = exe.ancestors().nth(3)?.into(); // <target>/release/deps/<bench>
    let file = (target.join("criterion").join(group))
        .join(function.replace(['/', ':'], "_"))
        .join("new/estimates.json");
    if std::fs::metadata(&file).ok()?.modified().ok()? < started {
        return None; // left by an earlier run
    }
    let json = std::fs::read_to_string(file).ok()?;
    // {"mean":{..},"median":{"confidence_interval":{..},"point_estimate":12.3,..},..}
    let median = &json[json.find("\"median\"")?..];
    let estimate = &median[median.find("\"point_estimate\":")? + "\"point_estimate\":".len()..];
    let end = estimate.find([',', '}'])?;
    estimate[..end].trim().parse().ok()
}

/// Issue 25's goals for step 2, as ratios of this run's medians.
fn print_goals(started: SystemTime) {
    let ratio = |over: (&str, &str), under: (&str, &str)| {
        let (a, b) = (
            median_ns(
                "acquire_release",
                &format!("{}/{}", over.0, over.1),
                started,
            )?,
            median_ns(
                "acquire_release",
                &format!("{}/{}", under.0, under.1),
                started,
            )?,
        );
        Some((a, b, a / b))
    };
    let goals = [
        (
            "uncontended: FastSemaphore / parking_lot::Mutex",
            ratio(
                ("uncontended", "FastSemaphore"),
                ("uncontended", "parking_lot::Mutex"),
            ),
            1.3,
        ),
        (
            "uncontended: Semaphore (step 1) / parking_lot::Mutex",
            ratio(
                ("uncontended", "Semaphore"),
                ("uncontended", "parking_lot::Mutex"),
            ),
            f64::NAN,
        ),
        (
            "contended: FastSemaphore / Semaphore (step 1)",
            ratio(("contended", "FastSemaphore"), ("contended", "Semaphore")),
            1.0,
        ),
    ];
    println!("\nSemaphore, step 2 against its goals (medians of this run):");
    for (what, measured, goal) in goals {
        match measured {
            Some((a, b, r)) if goal.is_nan() => {
                println!(
                    "  {what}: {r:.2}x ({a:.1} ns / {b:.1} ns; the step-2 goal's starting point)"
                )
            }
            Some((a, b, r)) => {
                let verdict = if r <= goal { "meets" } else { "misses" };
                println!(
                    "  {what}: {r:.2}x ({a:.1} ns / {b:.1} ns), {verdict} the goal of at most {goal}x"
                )
            }
            None => println!("  {what}: not measured in this run"),
        }
    }
}
