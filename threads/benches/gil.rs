//! The same CPU-bound work on 1 and 2 threads, freely and under
//! `threads::gil::Gil`: under the Gil two threads are no faster than one
//! (a little slower, for the hand-overs), without it they are about twice as fast
//! on two free CPUs.
//!
//! Run: cargo bench -p threads --bench gil

use std::hint::black_box;
use std::thread;

use common::workload::sum_of_squares_range;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use threads::gil::Gil;
use threads::parallel::chunks;

const N: u64 = 10_000_000;

/// Σ i² over 0..N on `k` threads, each under `gil` if there is one.
fn run(k: usize, gil: Option<&Gil>) -> u128 {
    thread::scope(|s| {
        let handles: Vec<_> = chunks(black_box(N), k)
            .unwrap()
            .into_iter()
            .map(|range| {
                s.spawn(move || match gil {
                    Some(gil) => threads::gil::sum_of_squares_holding(&mut gil.acquire(), range),
                    None => sum_of_squares_range(range),
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
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

criterion_group!(benches, with_and_without_the_gil);
criterion_main!(benches);
