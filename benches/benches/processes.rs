//! What one job costs: a round trip through the process pool (four
//! wake-ups: the manager thread, the worker, the manager again, the waiting
//! thread; postcard both ways) against a rayon task and a fresh OS thread;
//! and what a process costs to fork and reap. `processes::round_trip` times
//! the same round trip hop by hop (`cargo run --release --example
//! pool_round_trip`), and the tour's `--compare` beside CPython's
//! `ProcessPoolExecutor`.
//!
//! Run: cargo bench -p benches --bench processes

use std::hint::black_box;
use std::sync::mpsc;

use criterion::{Criterion, criterion_group, criterion_main};
use processes::ProcessPool;
use processes::fork::fork_child;
use processes::notebook::square;

fn round_trip(c: &mut Criterion) {
    let mut group = c.benchmark_group("one job, submitted and awaited");
    let pool = ProcessPool::new(1).expect("fork a worker");
    group.bench_function("process pool", |b| {
        b.iter(|| {
            pool.submit(square, black_box(41))
                .unwrap()
                .result()
                .unwrap()
        })
    });
    let rayon_pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    group.bench_function("rayon task", |b| {
        b.iter(|| {
            let (tx, rx) = mpsc::channel();
            let x = black_box(41);
            rayon_pool.spawn(move || tx.send(square(x)).unwrap());
            rx.recv().unwrap()
        })
    });
    group.bench_function("os thread", |b| {
        b.iter(|| {
            let x = black_box(41);
            std::thread::spawn(move || square(x)).join().unwrap()
        })
    });
    group.finish();
    pool.shutdown().unwrap();
}

fn fork_and_reap(c: &mut Criterion) {
    let mut group = c.benchmark_group("process start-up");
    group.bench_function("fork + _exit + waitpid", |b| {
        // SAFETY: the child returns at once: no lock, no output.
        b.iter(|| unsafe { fork_child(|| 0) }.unwrap().wait().unwrap())
    });
    group.bench_function("ProcessPool::new(1) + shutdown", |b| {
        b.iter(|| ProcessPool::new(1).unwrap().shutdown().unwrap())
    });
    group.finish();
}

criterion_group!(benches, round_trip, fork_and_reap);
criterion_main!(benches);
