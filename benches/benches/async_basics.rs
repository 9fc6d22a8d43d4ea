//! Section 5: what a task costs, and the mini event loop against tokio.
//!
//! What a task costs next to a thread: spawn + join of one, and `join_all`
//! of 10,000 tokio tasks (≈ `asyncio.gather` of 10,000 tasks).
//!
//! The event loop from scratch against tokio's current-thread runtime, on the
//! same program: spawn 1,000 tasks that each yield 10 times, then await them.
//! Both run it on one thread; the difference is the machinery (a mutex and a
//! condvar per wake in `mini`, lock-free local queues in tokio).
//!
//! Run: cargo bench -p benches --bench async_basics

use async_basics::mini;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use futures::future::join_all;
use std::hint::black_box;
use tokio::runtime::{Builder, Runtime};

fn current_thread() -> Runtime {
    Builder::new_current_thread().build().expect("runtime")
}

fn multi_thread() -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .expect("runtime")
}

fn spawn_and_join(c: &mut Criterion) {
    let mut group = c.benchmark_group("spawn + join one");
    let single = current_thread();
    group.bench_function("tokio task, current-thread runtime", |b| {
        b.iter(|| single.block_on(async { tokio::spawn(async { black_box(1) }).await.unwrap() }))
    });
    let pool = multi_thread();
    group.bench_function("tokio task, multi-thread runtime", |b| {
        b.iter(|| pool.block_on(async { tokio::spawn(async { black_box(1) }).await.unwrap() }))
    });
    group.bench_function("OS thread (std::thread::spawn)", |b| {
        b.iter(|| std::thread::spawn(|| black_box(1)).join().unwrap())
    });
    group.finish();
}

fn join_all_10k(c: &mut Criterion) {
    const TASKS: u64 = 10_000;
    let mut group = c.benchmark_group("join_all of 10,000");
    group.throughput(Throughput::Elements(TASKS));
    group.sample_size(20);
    let single = current_thread();
    group.bench_function("spawned tasks, current-thread runtime", |b| {
        b.iter(|| {
            single.block_on(async {
                let tasks = (0..TASKS).map(|i| tokio::spawn(async move { black_box(i) }));
                join_all(tasks)
                    .await
                    .into_iter()
                    .map(Result::unwrap)
                    .sum::<u64>()
            })
        })
    });
    let pool = multi_thread();
    group.bench_function("spawned tasks, multi-thread runtime", |b| {
        b.iter(|| {
            pool.block_on(async {
                let tasks = (0..TASKS).map(|i| tokio::spawn(async move { black_box(i) }));
                join_all(tasks)
                    .await
                    .into_iter()
                    .map(Result::unwrap)
                    .sum::<u64>()
            })
        })
    });
    group.bench_function("plain futures, no spawn", |b| {
        b.iter(|| {
            single.block_on(async {
                let futures = (0..TASKS).map(|i| async move { black_box(i) });
                join_all(futures).await.into_iter().sum::<u64>()
            })
        })
    });
    group.finish();
}

const TASKS: u64 = 1_000;
const YIELDS: u64 = 10;

fn same_program(c: &mut Criterion) {
    let mut group = c.benchmark_group("1,000 tasks x 10 yields");
    group.throughput(Throughput::Elements(TASKS * YIELDS));
    group.bench_function("mini event loop", |b| {
        b.iter(|| {
            mini::block_on(async {
                let handles: Vec<_> = (0..TASKS)
                    .map(|i| {
                        mini::spawn(async move {
                            for _ in 0..YIELDS {
                                mini::yield_now().await;
                            }
                            black_box(i)
                        })
                    })
                    .collect();
                let mut sum = 0;
                for handle in handles {
                    sum += handle.await.expect("the task finished inside block_on");
                }
                sum
            })
        })
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    group.bench_function("tokio current-thread runtime", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let handles: Vec<_> = (0..TASKS)
                    .map(|i| {
                        tokio::spawn(async move {
                            for _ in 0..YIELDS {
                                tokio::task::yield_now().await;
                            }
                            black_box(i)
                        })
                    })
                    .collect();
                let mut sum = 0;
                for handle in handles {
                    sum += handle.await.unwrap();
                }
                sum
            })
        })
    });
    group.finish();
}

criterion_group!(benches, spawn_and_join, join_all_10k, same_program);
criterion_main!(benches);
