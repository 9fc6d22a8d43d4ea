// E0502: main reads a list while a thread appends to it. The thread holds
// `&mut results` until the scope ends, so main may not read it meanwhile.
// The fix, a `Mutex`: examples/send_and_sync.rs, cell `mutex_lets_threads_take_turns`.
use std::thread;

fn main() {
    let mut results = Vec::new();
    thread::scope(|s| {
        s.spawn(|| results.push("from a thread"));
        println!("main sees {} results so far", results.len());
    });
}
