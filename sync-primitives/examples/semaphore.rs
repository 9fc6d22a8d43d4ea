//! 3.3 Semaphore: at most three workers inside at once.
//!
//! Python: `sem = threading.Semaphore(3)` and `with sem:` around the work;
//! ten threads compete for three places.
//! Rust: `sync_primitives::Semaphore`, whose permit (the `with` block) is
//! released when dropped, even if the worker panics; then a timeline.
//!
//! Watch: the "inside" column never exceeds 3, and usually reaches it: the
//! semaphore limits concurrency; the timeline never has more than 3 `i` bars at once.
//! Varies: who gets in when (the OS scheduler), the time (about ceil(10 / 3)
//! rounds of work), and on a busy machine whether 3 are ever inside together.
//!
//! Run: cargo run --release --example semaphore

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use common::report::claim;
use common::timing::{format_duration, time};
use common::trace;
use sync_primitives::{Semaphore, spawn};

const WORKERS: usize = 10;
const LIMIT: usize = 3;
const WORK: Duration = Duration::from_millis(100);

fn main() {
    at_most_three_inside(WORK);
    trace::finish();
}

// ANCHOR: inside_column
/// How many workers are inside now, and the most there ever were at once.
#[derive(Default)]
struct Inside {
    now: AtomicUsize,
    most: AtomicUsize,
}

impl Inside {
    /// Counts worker `id` in or out and prints its line, under stdout's lock
    /// so that the lines come out in the order the count changed.
    fn report(&self, id: usize, event: &str) {
        let mut out = std::io::stdout().lock();
        // Relaxed is enough: stdout's lock already orders these updates, and
        // the scope's joins publish the maximum before we read it (memory
        // ordering: see the 3.7 memory_ordering topic).
        let now = match event {
            "enter" => self.now.fetch_add(1, Ordering::Relaxed) + 1,
            _ => self.now.fetch_sub(1, Ordering::Relaxed) - 1,
        };
        self.most.fetch_max(now, Ordering::Relaxed);
        writeln!(out, "{id:>6}  {event:<6}  {now}").expect("write to stdout");
    }
}
// ANCHOR_END: inside_column

// ANCHOR: at_most_three_inside
fn at_most_three_inside(work: Duration) {
    let sem = &Semaphore::new(LIMIT); // sem = threading.Semaphore(3)
    let inside = &Inside::default();
    println!("{:>6}  {:<6}  inside", "worker", "event");
    let ((), elapsed) = time(|| {
        thread::scope(|s| {
            for id in 0..WORKERS {
                spawn::named(s, format!("worker {id}"), move || {
                    let waiting = trace::span("wait for a permit");
                    let _permit = sem.permit(); // with sem:
                    drop(waiting);
                    let _inside = trace::span("inside"); // ends before the permit goes back
                    inside.report(id, "enter");
                    // Stands for the limited resource: a connection, a download.
                    common::workload::blocking_io(work);
                    inside.report(id, "leave");
                }); // the permit is released here
            }
        });
    });
    // Relaxed: the scope's joins already published every update (memory
    // ordering: see the 3.7 memory_ordering topic).
    let most = inside.most.load(Ordering::Relaxed);
    println!();
    println!("maximum concurrency observed: {most}");
    let alone = format_duration(work * WORKERS as u32);
    println!(
        "{WORKERS} workers x {} of work in {} (one at a time would take {alone})",
        format_duration(work),
        format_duration(elapsed)
    );
    let detail = match most {
        LIMIT => format!("{most} inside at once"),
        _ => format!("at most {most} at once: the machine was too busy for the work to overlap"),
    };
    claim(
        "the semaphore lets three in at once",
        most == LIMIT,
        &detail,
    );
    assert!(most <= LIMIT, "a Semaphore({LIMIT}) let {most} in at once");
    assert_eq!(sem.value(), LIMIT, "every permit was given back");
}
// ANCHOR_END: at_most_three_inside
