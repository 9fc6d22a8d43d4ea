//! 3.3 Semaphore: at most three workers inside at once.
//!
//! Python: `sem = threading.Semaphore(3)` and `with sem:` around the
//! critical section; ten threads compete for three places.
//! Rust: `sync_primitives::Semaphore`, whose permit (the `with` block) is
//! released when dropped, even if the worker panics.
//!
//! Watch: the "inside" column never exceeds 3, whatever the machine, and
//! reaches 3: the semaphore limits concurrency without serialising it. (The
//! first three in wait for each other before working, so 3 is reached on
//! every run, not only when the sleeps happen to overlap.)
//!
//! Varies: the order in which workers enter is up to the OS scheduler; the
//! total time is about ceil(10 / 3) rounds of work.
//!
//! Run: cargo run --release --example semaphore

use std::sync::Barrier;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use common::timing::{format_duration, time};
use sync_primitives::Semaphore;

const WORKERS: usize = 10;
const LIMIT: usize = 3;

fn main() {
    let work = if common::testing::quick_mode() {
        println!("(quick mode: 20 ms of work per worker)");
        Duration::from_millis(20)
    } else {
        Duration::from_millis(100)
    };
    let sem = Semaphore::new(LIMIT); // sem = threading.Semaphore(3)
    let inside = AtomicUsize::new(0);
    let most_inside = AtomicUsize::new(0);
    // The first LIMIT workers in meet here before working: none of them can
    // leave before the last has entered, so the count provably reaches 3,
    // however late a loaded machine runs each thread.
    let entered = AtomicUsize::new(0);
    let first_in = Barrier::new(LIMIT);

    println!("{:>6}  {:<6}  inside", "worker", "event");
    let ((), elapsed) = time(|| {
        thread::scope(|s| {
            for id in 0..WORKERS {
                let (sem, inside, most_inside) = (&sem, &inside, &most_inside);
                let (entered, first_in) = (&entered, &first_in);
                s.spawn(move || {
                    let _permit = sem.permit(); // with sem:
                    // Count and print under stdout's lock, so the lines come
                    // out in the order the count changed.
                    let out = std::io::stdout().lock();
                    let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                    most_inside.fetch_max(now, Ordering::SeqCst);
                    report(out, id, "enter", now);
                    if entered.fetch_add(1, Ordering::SeqCst) < LIMIT {
                        first_in.wait();
                    }
                    // Stands for the limited resource: a connection, a download.
                    common::workload::blocking_io(work);
                    let out = std::io::stdout().lock();
                    let left = inside.fetch_sub(1, Ordering::SeqCst) - 1;
                    report(out, id, "leave", left);
                }); // the permit is released here
            }
        });
    });

    let most = most_inside.load(Ordering::SeqCst);
    println!();
    println!("maximum concurrency observed: {most}");
    println!(
        "{WORKERS} workers x {} of work in {} (one at a time would take {})",
        format_duration(work),
        format_duration(elapsed),
        format_duration(work * WORKERS as u32)
    );
    assert_eq!(most, LIMIT);
    assert_eq!(sem.value(), LIMIT);
}

fn report(mut out: std::io::StdoutLock<'_>, id: usize, event: &str, inside: usize) {
    use std::io::Write;
    writeln!(out, "{id:>6}  {event:<6}  {inside}").expect("write to stdout");
}
