//! Shows that `black_box` keeps the workloads honest: the time of
//! `sum_of_squares(n)` grows linearly with `n`. Were the loop folded into the
//! closed formula, every `n` would take the same few nanoseconds.
//!
//! Run: cargo bench -p common

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

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

criterion_group!(benches, sum_of_squares_scales_linearly, count_primes);
criterion_main!(benches);
