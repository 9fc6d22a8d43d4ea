//! A heartbeat beside some work: did the event loop run while the work ran?
//!
//! The harness of 5.1's `blocking_in_async` and `blocking_off_the_loop`. A
//! heartbeat task wants to run every [`TICK`] and records when it did; beside
//! it runs one piece of work, which reports when it began and ended. A loop
//! that was free meanwhile shows beats inside the work; a loop that the work
//! held shows none, and one gap as long as the work. The beats and the work
//! are also recorded on the run's timeline (`common::trace`).
//!
//! ```
//! use std::time::Duration;
//! use async_basics::heartbeat::{beside_heartbeat, timed};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
//! let work = async { timed(|| std::thread::sleep(Duration::from_millis(30))) };
//! let blocked = beside_heartbeat("a blocking sleep", work).await;
//! assert_eq!(blocked.beats_during, 0); // the loop's one thread was asleep
//! # });
//! ```

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::report::Table;
use common::timing::format_duration;
use common::trace;
use tokio::sync::watch;
use tokio::time::MissedTickBehavior;

/// How often the heartbeat wants to beat.
pub const TICK: Duration = Duration::from_millis(10);

/// How the heartbeat fared beside one piece of work.
#[derive(Debug, Clone)]
pub struct Beats {
    /// What the work was.
    pub name: &'static str,
    /// How long the work took.
    pub took: Duration,
    /// Beats that fell inside the work.
    pub beats_during: usize,
    /// The longest time between two beats, the work included.
    pub longest_gap: Duration,
}

/// Runs `f`, and returns when it began and ended: the window in which the
/// heartbeat may or may not beat.
pub fn timed(f: impl FnOnce()) -> (Instant, Instant) {
    let start = Instant::now();
    f();
    (start, Instant::now())
}

// ANCHOR: beside_heartbeat
/// Runs `work` (which reports when it began and ended) next to a heartbeat
/// task, and counts the beats that fell inside the work.
///
/// # Panics
/// Outside a tokio runtime with its timer enabled.
pub async fn beside_heartbeat(
    name: &'static str,
    work: impl Future<Output = (Instant, Instant)>,
) -> Beats {
    let beats = Arc::new(Mutex::new(Vec::<Instant>::new()));
    let (count_tx, mut count) = watch::channel(0usize);
    let recorded = Arc::clone(&beats);
    let heartbeat = tokio::spawn(async move {
        let mut interval = tokio::time::interval(TICK);
        interval.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            trace::mark_on("heartbeat", "beat");
            let mut beats = recorded.lock().unwrap();
            beats.push(Instant::now());
            count_tx.send_replace(beats.len());
        }
    });
    // Start the work only once the heartbeat is beating...
    count.wait_for(|&n| n >= 2).await.expect("heartbeat alive");
    let (start, end) = {
        let _work = trace::span_on("work", name);
        work.await
    };
    // ...and stop it only after it has beaten again since the work ended.
    let after = *count.borrow();
    let again = count.wait_for(|&n| n > after).await;
    again.expect("heartbeat alive");
    heartbeat.abort();

    let beats = beats.lock().unwrap();
    let beats_during = beats.iter().filter(|&&t| t > start && t < end).count();
    let gaps = beats.windows(2).map(|w| w[1] - w[0]);
    let longest_gap = gaps.max().unwrap_or_default();
    let took = end - start;
    Beats {
        name,
        took,
        beats_during,
        longest_gap,
    }
}
// ANCHOR_END: beside_heartbeat

/// Prints one table of rows, under `title`.
pub fn show(title: &str, work: Duration, rows: &[Beats]) {
    let (tick, work) = (format_duration(TICK), format_duration(work));
    println!("{title} (heartbeat every {tick}, beside {work} of work)");
    let header = [
        "work",
        "took",
        "heartbeats during it",
        "longest heartbeat gap",
    ];
    let mut table = Table::new(header);
    for row in rows {
        let (took, gap) = (format_duration(row.took), format_duration(row.longest_gap));
        table.row([
            row.name.to_string(),
            took,
            row.beats_during.to_string(),
            gap,
        ]);
    }
    table.align_right([1, 2, 3]);
    println!("{table}");
    println!();
}
