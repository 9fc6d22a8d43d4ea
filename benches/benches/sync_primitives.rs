//! What the primitives cost: `Semaphore` against a plain `parking_lot::Mutex`,
//! an `Event` round trip between two threads, and std's `Mutex` against
//! parking_lot's under contention.
//!
//! Run: cargo bench -p benches --bench sync_primitives (add `-- --quick` for a fast look).
//! Contended numbers depend heavily on the core count and the machine's load.

use std::hint::black_box;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use sync_primitives::{Event, Semaphore};

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

fn semaphore_vs_mutex(c: &mut Criterion) {
    let mut group = c.benchmark_group("acquire_release");
    let sem = Semaphore::new(1);
    let mutex = parking_lot::Mutex::new(0_u64);
    group.bench_function("uncontended/Semaphore", |b| {
        b.iter(|| drop(black_box(sem.permit())));
    });
    group.bench_function("uncontended/parking_lot::Mutex", |b| {
        b.iter(|| *black_box(&mutex).lock() += 1);
    });
    group.bench_function("contended/Semaphore", |b| {
        b.iter_custom(|iters| contended(iters, || drop(black_box(sem.permit()))));
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
criterion_main!(benches);
