//! Timing: a stopwatch, one-shot and repeated measurements, speedup.
//!
//! The examples print measured numbers, never claimed ones. Wall-clock time on
//! a shared machine is noisy, so [`measure`] repeats a run and reports the
//! minimum, median and maximum: compare medians, and read the spread as the
//! noise of your machine.

use std::fmt;
use std::time::{Duration, Instant};

/// A stopwatch started at creation.
///
/// ```
/// use common::timing::Stopwatch;
/// let watch = Stopwatch::start();
/// std::thread::sleep(std::time::Duration::from_millis(1));
/// assert!(watch.elapsed() >= std::time::Duration::from_millis(1));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Stopwatch {
    started: Instant,
}

impl Stopwatch {
    /// Starts a stopwatch now.
    ///
    /// ```
    /// let watch = common::timing::Stopwatch::start();
    /// assert!(watch.elapsed() < std::time::Duration::from_secs(60));
    /// ```
    pub fn start() -> Self {
        Stopwatch {
            started: Instant::now(),
        }
    }

    /// Time since the stopwatch started; it keeps running.
    ///
    /// ```
    /// let watch = common::timing::Stopwatch::start();
    /// let first = watch.elapsed();
    /// assert!(watch.elapsed() >= first);
    /// ```
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The instant the stopwatch started, for timelines relative to it.
    ///
    /// ```
    /// let watch = common::timing::Stopwatch::start();
    /// let event = std::time::Instant::now();
    /// assert!(event.duration_since(watch.started_at()) <= watch.elapsed());
    /// ```
    pub fn started_at(&self) -> Instant {
        self.started
    }
}

/// Runs `f` once and returns its result with the time it took.
///
/// ```
/// let (value, took) = common::timing::time(|| 6 * 7);
/// assert_eq!(value, 42);
/// assert!(took < std::time::Duration::from_secs(1));
/// ```
pub fn time<R>(f: impl FnOnce() -> R) -> (R, Duration) {
    let watch = Stopwatch::start();
    let result = f();
    (result, watch.elapsed())
}

/// Summary of repeated measurements of the same run.
///
/// ```
/// use std::time::Duration;
/// let stats = common::timing::Stats::from_samples(vec![Duration::from_millis(4), Duration::from_millis(2)]);
/// assert_eq!(stats.samples, [Duration::from_millis(2), Duration::from_millis(4)]);
/// assert_eq!(stats.median(), Duration::from_millis(3));
/// assert_eq!(stats.to_string(), "median 3.00 ms (min 2.00 ms, max 4.00 ms, 2 runs)");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Every sample, sorted from fastest to slowest.
    pub samples: Vec<Duration>,
}

impl Stats {
    /// Builds statistics from samples (in any order).
    ///
    /// # Panics
    /// If `samples` is empty: there is nothing to summarise.
    ///
    /// ```
    /// use std::time::Duration;
    /// use common::timing::Stats;
    /// let ms = Duration::from_millis;
    /// let stats = Stats::from_samples(vec![ms(3), ms(1), ms(2)]);
    /// assert_eq!((stats.min(), stats.median(), stats.max()), (ms(1), ms(2), ms(3)));
    /// ```
    pub fn from_samples(mut samples: Vec<Duration>) -> Self {
        assert!(!samples.is_empty(), "Stats needs at least one sample");
        samples.sort();
        Stats { samples }
    }

    /// The fastest sample: the run least disturbed by the rest of the machine.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let ms = Duration::from_millis;
    /// assert_eq!(common::timing::Stats::from_samples(vec![ms(9), ms(1), ms(2)]).min(), ms(1));
    /// ```
    pub fn min(&self) -> Duration {
        self.samples[0]
    }

    /// The middle sample (the mean of the two middle ones for an even count).
    ///
    /// ```
    /// # use std::time::Duration;
    /// let ms = Duration::from_millis;
    /// assert_eq!(common::timing::Stats::from_samples(vec![ms(9), ms(1), ms(2)]).median(), ms(2));
    /// ```
    pub fn median(&self) -> Duration {
        let n = self.samples.len();
        if !n.is_multiple_of(2) {
            self.samples[n / 2]
        } else {
            (self.samples[n / 2 - 1] + self.samples[n / 2]) / 2
        }
    }

    /// The slowest sample.
    ///
    /// ```
    /// # use std::time::Duration;
    /// let ms = Duration::from_millis;
    /// assert_eq!(common::timing::Stats::from_samples(vec![ms(9), ms(1), ms(2)]).max(), ms(9));
    /// ```
    pub fn max(&self) -> Duration {
        self.samples[self.samples.len() - 1]
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "median {} (min {}, max {}, {} runs)",
            format_duration(self.median()),
            format_duration(self.min()),
            format_duration(self.max()),
            self.samples.len()
        )
    }
}

/// Runs `f` `runs` times and summarises the durations.
///
/// # Panics
/// If `runs` is 0.
///
/// ```
/// let stats = common::timing::measure(5, || common::workload::sum_of_squares(1_000));
/// assert_eq!(stats.samples.len(), 5);
/// assert!(stats.min() <= stats.median() && stats.median() <= stats.max());
/// ```
pub fn measure<R>(runs: usize, mut f: impl FnMut() -> R) -> Stats {
    assert!(runs > 0, "measure needs at least one run");
    let samples = (0..runs)
        .map(|_| {
            let (result, took) = time(&mut f);
            std::hint::black_box(result);
            took
        })
        .collect();
    Stats::from_samples(samples)
}

/// How many times faster `new` is than `baseline`: `baseline / new`.
///
/// ```
/// use std::time::Duration;
/// let s = common::timing::speedup(Duration::from_secs(4), Duration::from_secs(2));
/// assert_eq!(s, 2.0);
/// ```
pub fn speedup(baseline: Duration, new: Duration) -> f64 {
    baseline.as_secs_f64() / new.as_secs_f64()
}

/// Parallel efficiency: the speedup divided by the number of workers
/// (1.0 means every worker was fully used; 0.5 means half was wasted).
///
/// ```
/// use std::time::Duration;
/// let e = common::timing::efficiency(Duration::from_secs(4), Duration::from_secs(2), 4);
/// assert_eq!(e, 0.5);
/// ```
///
/// # Panics
/// If `workers` is 0.
pub fn efficiency(baseline: Duration, parallel: Duration, workers: usize) -> f64 {
    assert!(workers > 0, "efficiency needs at least one worker");
    speedup(baseline, parallel) / workers as f64
}

/// A duration for people: `850 ns`, `12.3 µs`, `4.56 ms`, `1.23 s`.
///
/// ```
/// use std::time::Duration;
/// use common::timing::format_duration;
/// assert_eq!(format_duration(Duration::from_nanos(850)), "850 ns");
/// assert_eq!(format_duration(Duration::from_micros(12_300)), "12.3 ms");
/// assert_eq!(format_duration(Duration::from_millis(1_234)), "1.23 s");
/// ```
pub fn format_duration(d: Duration) -> String {
    let nanos = d.as_nanos();
    let (value, unit) = if nanos < 1_000 {
        return format!("{nanos} ns");
    } else if nanos < 1_000_000 {
        (nanos as f64 / 1e3, "µs")
    } else if nanos < 1_000_000_000 {
        (nanos as f64 / 1e6, "ms")
    } else {
        (nanos as f64 / 1e9, "s")
    };
    // Three significant digits: enough to compare, few enough to read.
    let decimals = if value < 10.0 {
        2
    } else if value < 100.0 {
        1
    } else {
        0
    };
    format!("{value:.decimals$} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_even_and_odd() {
        let ms = Duration::from_millis;
        assert_eq!(Stats::from_samples(vec![ms(5)]).median(), ms(5));
        assert_eq!(Stats::from_samples(vec![ms(4), ms(2)]).median(), ms(3));
        let s = Stats::from_samples(vec![ms(9), ms(1), ms(5), ms(3), ms(7)]);
        assert_eq!((s.min(), s.median(), s.max()), (ms(1), ms(5), ms(9)));
        assert_eq!(s.samples, vec![ms(1), ms(3), ms(5), ms(7), ms(9)]);
    }

    #[test]
    #[should_panic(expected = "at least one sample")]
    fn empty_stats_panics() {
        Stats::from_samples(Vec::new());
    }

    #[test]
    #[should_panic(expected = "at least one run")]
    fn zero_runs_panics() {
        measure(0, || ());
    }

    #[test]
    fn measure_runs_exactly_n_times() {
        let mut calls = 0;
        let stats = measure(7, || calls += 1);
        assert_eq!(calls, 7);
        assert_eq!(stats.samples.len(), 7);
    }

    #[test]
    fn durations_format() {
        assert_eq!(format_duration(Duration::ZERO), "0 ns");
        assert_eq!(format_duration(Duration::from_nanos(999)), "999 ns");
        assert_eq!(format_duration(Duration::from_nanos(1_000)), "1.00 µs");
        assert_eq!(format_duration(Duration::from_micros(250)), "250 µs");
        assert_eq!(format_duration(Duration::from_millis(45)), "45.0 ms");
        assert_eq!(format_duration(Duration::from_secs(100)), "100 s");
    }

    #[test]
    fn speedup_and_efficiency() {
        let s = Duration::from_secs;
        assert_eq!(speedup(s(3), s(3)), 1.0);
        assert_eq!(speedup(s(1), s(2)), 0.5);
        assert_eq!(efficiency(s(6), s(3), 2), 1.0);
    }

    #[test]
    fn stats_display() {
        let s = Stats::from_samples(vec![Duration::from_millis(2)]);
        assert_eq!(
            s.to_string(),
            "median 2.00 ms (min 2.00 ms, max 2.00 ms, 1 runs)"
        );
    }
}
