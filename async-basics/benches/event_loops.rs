//! The event loop from scratch against tokio's current-thread runtime, on the
//! same program: spawn 1,000 tasks that each yield 10 times, then await them.
//! Both run it on one thread; the difference is the machinery (a mutex and a
//! condvar per wake in `mini`, lock-free local queues in tokio).
//!
//! Run: cargo bench -p async-basics --bench event_loops

use std::hint::black_box;

use async_basics::mini;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

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

criterion_group!(benches, same_program);
criterion_main!(benches);
