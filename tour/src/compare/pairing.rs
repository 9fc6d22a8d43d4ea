//! Paired, alternating runs. A machine's speed drifts (its clock scales with
//! temperature, other programs come and go): timing all the Python runs,
//! then all the Rust runs, would put the drift between the two sides.
//! Alternating them, Python then Rust, pair after pair, puts each pair in
//! the same moment, so the ratio of each pair is fair even when the absolute
//! times are not. The warm-up rounds (the same alternation) fill the page
//! cache and wake the CPU up, and count for nothing.
//!
//! Plain `std` and the schema, so that `tests/compare.rs` can include it.

pub use tour::measured::{Side, Stats, Step};

/// What [`run_paired`] gathered: each side's kept samples (warm-ups left
/// out), why a side stopped early, and every step in the order it ran.
#[derive(Debug)]
pub struct Paired<T, E> {
    pub python: Vec<T>,
    pub rust: Vec<T>,
    pub python_stopped: Option<E>,
    pub rust_stopped: Option<E>,
    pub order: Vec<Step>,
}

/// A side's runner: one run, one sample, or why the side cannot go on.
pub type Runner<'a, T, E> = &'a mut dyn FnMut() -> Result<T, E>;

/// `warmup` rounds, then `runs` rounds, each Python (when there is a Python
/// side) then Rust. A side whose run fails stops there; the other goes on.
pub fn run_paired<'a, T, E>(
    warmup: usize,
    runs: usize,
    python: Option<Runner<'a, T, E>>,
    rust: Runner<'a, T, E>,
) -> Paired<T, E> {
    let mut paired = Paired {
        python: Vec::new(),
        rust: Vec::new(),
        python_stopped: None,
        rust_stopped: None,
        order: Vec::new(),
    };
    let mut sides = [(Side::Python, python), (Side::Rust, Some(rust))];
    for round in 0..warmup + runs {
        for (side, runner) in &mut sides {
            let (kept, stopped) = match side {
                Side::Python => (&mut paired.python, &mut paired.python_stopped),
                Side::Rust => (&mut paired.rust, &mut paired.rust_stopped),
            };
            let Some(runner) = runner.as_mut().filter(|_| stopped.is_none()) else {
                continue;
            };
            let warmup = round < warmup;
            paired.order.push(Step {
                side: *side,
                warmup,
            });
            match runner() {
                Ok(sample) if !warmup => kept.push(sample),
                Ok(_) => {}
                Err(why) => *stopped = Some(why),
            }
        }
    }
    paired
}

/// The ratio of each pair, `python[i] / rust[i]`, free of the drift between
/// pairs. Pairs that one side did not complete are left out.
pub fn ratios(python: &[f64], rust: &[f64]) -> Vec<f64> {
    python.iter().zip(rust).map(|(p, r)| p / r).collect()
}

/// The median and the range of `values`, or `None` when there are none.
pub fn spread(values: &[f64]) -> Option<Stats> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let (n, middle) = (sorted.len(), sorted.len() / 2);
    let median = match n {
        0 => return None,
        _ if n % 2 == 1 => sorted[middle],
        _ => (sorted[middle - 1] + sorted[middle]) / 2.0,
    };
    Some(Stats {
        median,
        min: sorted[0],
        max: sorted[n - 1],
    })
}
