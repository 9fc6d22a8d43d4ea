//! Section 1: the workload, CPU-bound work on 1, 2 and all CPUs, and the Gil.
//!
//! Shows that `black_box` keeps the workloads honest: the time of
//! `sum_of_squares(n)` grows linearly with `n`. Were the loop folded into the
//! closed formula, every `n` would take the same few nanoseconds.
//!
//! The notebook's `cpu_bound_task(10_000_000)` split over 1, 2 and all CPUs'
//! worth of threads with `threads::parallel::sum_of_squares_on`. Without a GIL
//! the time drops with each thread up to the number of free CPUs.
//!
//! The same CPU-bound work on 1 and 2 threads, freely and under
//! `threads::gil::Gil`: under the Gil two threads are no faster than one
//! (a little slower, for the hand-overs), without it they are about twice as fast
//! on two free CPUs.
//!
//! Run: cargo bench -p benches --bench threads

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use threads::gil::{Gil, cpu_bound_on};
use threads::probe::Probe;

fn sum_of_squares_scales_linearly(c: &mut Criterion) {
    let mut group = c.benchmark_group("sum_of_squares");
    for n in [10_000u64, 100_000, 1_000_000] {
        // Throughput per element: a flat elements/s line across n means linear time.
        group.throughput(Throughput::Elements(n));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, &n| {
            b.iter(|| common::workload::sum_of_squares(black_box(n)))
        });
    }
    group.finish();
}

fn count_primes(c: &mut Criterion) {
    c.bench_function("count_primes 0..20_000", |b| {
        b.iter(|| common::workload::count_primes(black_box(0..20_000)))
    });
}

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

const N: u64 = 10_000_000;

/// Σ i² over 0..N on `k` threads, each under `gil` if there is one: the
/// `gil_simulated` lesson's own work.
fn run(k: usize, gil: Option<&Gil>) -> u128 {
    cpu_bound_on(black_box(N), k, gil, &Probe::default())
}

fn with_and_without_the_gil(c: &mut Criterion) {
    let gil = Gil::new();
    let mut group = c.benchmark_group("gil sum_of_squares(10M)");
    for k in [1, 2] {
        group.bench_with_input(BenchmarkId::new("without Gil", k), &k, |b, &k| {
            b.iter(|| run(k, None))
        });
        group.bench_with_input(BenchmarkId::new("with Gil", k), &k, |b, &k| {
            b.iter(|| run(k, Some(&gil)))
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    sum_of_squares_scales_linearly,
    count_primes,
    sum_of_squares_on_k_threads,
    with_and_without_the_gil
);
criterion_main!(benches);
