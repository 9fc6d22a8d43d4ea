//! A heartbeat beside a busy task on a one-thread tokio runtime: the 1.2
//! lesson's instrument for cooperative scheduling.
//!
//! Python: `asyncio.create_task(heartbeat())` beside a coroutine that computes;
//! one event loop, one thread, so a task that never awaits stops every other.
//! Rust: the same on `tokio`'s current-thread runtime (`asyncio.run`'s
//! counterpart): [`beside`] beats every [`BEAT`] and records each beat.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::timing::format_duration;

/// How often the heartbeat beats.
pub const BEAT: Duration = Duration::from_millis(10);

/// When the busy task ran (start, end), and when the heartbeat beat.
#[derive(Debug, Clone)]
pub struct Heartbeat {
    /// Each beat, in order.
    pub beats: Vec<Instant>,
    /// When the busy task started and ended.
    pub busy: (Instant, Instant),
}

impl Heartbeat {
    /// The gaps between consecutive beats.
    pub fn gaps(&self) -> Vec<Duration> {
        self.beats.windows(2).map(|w| w[1] - w[0]).collect()
    }

    /// How many beats fell inside the busy stretch.
    pub fn beats_while_busy(&self) -> usize {
        let (start, end) = self.busy;
        self.beats.iter().filter(|&&b| b > start && b < end).count()
    }

    /// Prints the gaps (in whole ms) and the beats inside the busy stretch.
    pub fn print(&self, beside: &str) {
        let gaps: Vec<u128> = self.gaps().iter().map(Duration::as_millis).collect();
        let longest = gaps.iter().max().copied().unwrap_or(0);
        println!("Heartbeat every {} beside {beside}:", format_duration(BEAT));
        println!("  gaps between beats (ms): {gaps:?}");
        let inside = self.beats_while_busy();
        println!("  longest gap {longest} ms, beats during the busy stretch: {inside}");
    }
}

// ANCHOR: beside
/// Runs a heartbeat task beside `busy` on a single-threaded tokio runtime:
/// three beats' worth of quiet, the busy task (which returns when it started
/// and ended), three beats' worth again.
///
/// # Panics
/// If tokio cannot build its runtime (the OS refused its timer).
pub fn beside(busy: impl Future<Output = (Instant, Instant)> + Send + 'static) -> Heartbeat {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build();
    runtime.expect("a tokio runtime").block_on(async {
        let beats = Arc::new(Mutex::new(Vec::new()));
        let heartbeat = tokio::spawn({
            let beats = Arc::clone(&beats);
            async move {
                loop {
                    tokio::time::sleep(BEAT).await;
                    beats.lock().unwrap().push(Instant::now());
                }
            }
        });
        tokio::time::sleep(3 * BEAT).await;
        let busy = tokio::spawn(busy).await.unwrap();
        tokio::time::sleep(3 * BEAT).await;
        heartbeat.abort();
        let beats = beats.lock().unwrap().clone();
        Heartbeat { beats, busy }
    })
}
// ANCHOR_END: beside
