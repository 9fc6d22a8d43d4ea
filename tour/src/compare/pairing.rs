//! Paired, alternating runs: the order in which the two sides of a comparison
//! run, and what their samples add up to.
//!
//! A machine's speed drifts (its clock scales with temperature, other
//! programs come and go). Timing all the Python runs and then all the Rust
//! runs would put the drift between the two sides; alternating them, Python
//! then Rust, pair after pair, puts each pair in the same moment, so the ratio
//! of each pair is fair even when the absolute times are not. The warm-up
//! runs (the same alternation) fill the page cache and wake the CPU up, and
//! count for nothing.
//!
//! This file uses nothing but `std` and the schema (`tour::measured`), so
//! that `tests/compare.rs` can include it and check the order with a
//! recording runner.

pub use tour::measured::{Side, Stats, Step};

/// The order of the runs: `warmup` rounds, then `runs` rounds, each round
/// every side of `sides` once, in that order (Python first).
pub fn schedule(warmup: usize, runs: usize, sides: &[Side]) -> Vec<Step> {
    let round = |warmup| sides.iter().map(move |&side| Step { side, warmup });
    let warm = (0..warmup).flat_map(|_| round(true));
    warm.chain((0..runs).flat_map(|_| round(false))).collect()
}

/// What [`run_paired`] gathered: the kept samples of each side, in run order,
/// why a side stopped early (if it did), and every step that ran.
#[derive(Debug)]
pub struct Paired<T, E> {
    /// The Python side's samples, warm-ups left out.
    pub python: Vec<T>,
    /// The Rust side's samples, warm-ups left out.
    pub rust: Vec<T>,
    /// Why the Python side stopped, if it did; it then skips its later runs.
    pub python_stopped: Option<E>,
    /// Why the Rust side stopped, if it did.
    pub rust_stopped: Option<E>,
    /// The steps in the order they ran.
    pub order: Vec<Step>,
}

/// A side's runner: one run, one sample, or why the side cannot go on.
pub type Runner<'a, T, E> = &'a mut dyn FnMut() -> Result<T, E>;

/// Runs the schedule of `warmup` and `runs` rounds (see [`schedule`]), Python
/// (when there is a Python side) then Rust in every round. A side whose run
/// fails stops there, and the other side goes on alone.
pub fn run_paired<T, E>(
    warmup: usize,
    runs: usize,
    mut python: Option<Runner<'_, T, E>>,
    rust: Runner<'_, T, E>,
) -> Paired<T, E> {
    let sides: &[Side] = if python.is_some() {
        &[Side::Python, Side::Rust]
    } else {
        &[Side::Rust]
    };
    let mut paired = Paired {
        python: Vec::new(),
        rust: Vec::new(),
        python_stopped: None,
        rust_stopped: None,
        order: Vec::new(),
    };
    for step in schedule(warmup, runs, sides) {
        let result = match (step.side, python.as_mut()) {
            (Side::Python, Some(_)) if paired.python_stopped.is_some() => continue,
            (Side::Python, Some(runner)) => {
                paired.order.push(step);
                runner()
            }
            (Side::Python, None) => continue,
            (Side::Rust, _) if paired.rust_stopped.is_some() => continue,
            (Side::Rust, _) => {
                paired.order.push(step);
                rust()
            }
        };
        let (kept, stopped) = match step.side {
            Side::Python => (&mut paired.python, &mut paired.python_stopped),
            Side::Rust => (&mut paired.rust, &mut paired.rust_stopped),
        };
        match result {
            Ok(sample) if !step.warmup => kept.push(sample),
            Ok(_) => {}
            Err(why) => *stopped = Some(why),
        }
    }
    paired
}

/// The ratio of each pair, `python[i] / rust[i]`: pairs ran next to each
/// other, so each ratio is free of the drift between pairs. Pairs that one
/// side did not complete are left out.
pub fn ratios(python: &[f64], rust: &[f64]) -> Vec<f64> {
    python.iter().zip(rust).map(|(p, r)| p / r).collect()
}

/// The median and the range of `values`, or `None` when there are none.
pub fn spread(values: &[f64]) -> Option<Stats> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = match n {
        0 => return None,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    };
    Some(Stats {
        median,
        min: sorted[0],
        max: sorted[n - 1],
    })
}
