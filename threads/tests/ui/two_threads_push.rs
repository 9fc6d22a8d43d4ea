// E0499: two threads appending to one list, as `results.append(...)` from two
// Python threads. Each closure needs `&mut results`, and only one may exist.
// The fix, a `Mutex`: examples/send_and_sync.rs, cell `mutex_lets_threads_take_turns`.
use std::thread;

fn main() {
    let mut results = Vec::new();
    thread::scope(|s| {
        s.spawn(|| results.push("from thread 1"));
        s.spawn(|| results.push("from thread 2"));
    });
    println!("{results:?}");
}
