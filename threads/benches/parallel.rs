//! The notebook's `cpu_bound_task(10_000_000)` split over 1, 2 and all CPUs'
//! worth of threads with `threads::parallel::sum_of_squares_on`. Without a GIL
//! the time drops with each thread up to the number of free CPUs.
//!
//! Run: cargo bench -p threads --bench parallel

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn sum_of_squares_on_k_threads(c: &mut Criterion) {
    let n = 10_000_000;
    let cpus = std::thread::available_parallelism().map_or(1, |c| c.get());
    let mut counts = vec![1, 2];
    if cpus > 2 {
        counts.push(cpus);
    }
    let mut group = c.benchmark_group("sum_of_squares(10M)");
    for k in counts {
        group.bench_with_input(BenchmarkId::new("threads", k), &k, |b, &k| {
            b.iter(|| threads::parallel::sum_of_squares_on(black_box(n), k).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, sum_of_squares_on_k_threads);
criterion_main!(benches);
