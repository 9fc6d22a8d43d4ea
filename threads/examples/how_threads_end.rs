//! 3.6 Thread: how a thread ends, by a panic or with the process.
//!
//! Python: an exception in a thread goes to `threading.excepthook` and `join()`
//! returns normally; a `daemon=True` thread dies when the program ends.
//! Rust: `join()` returns `Err` with the panic's payload (`threads::joining::
//! join_all` turns each into its message); a thread whose handle is dropped is
//! detached, and ends with the process, like a daemon thread.
//!
//! Watch: two numbered lines; the last is printed while a detached thread is
//! still alive, and the program ends anyway.
//! Varies: nothing.
//!
//! Run: cargo run --release --example how_threads_end

use std::panic;
use std::sync::mpsc;
use std::thread;

use threads::joining::join_all;

// ANCHOR: panic
fn a_panic_ends_only_its_thread() {
    // join() reports the panic as Err with the payload; join_all (src/joining.rs)
    // joins every handle and turns each payload into its message. The default
    // hook would print the panic to stderr; silence it here.
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let fine = thread::spawn(|| 7);
    let failing = thread::spawn(|| -> u32 { panic!("worker failed") });
    let outcomes = join_all(vec![fine, failing]);
    panic::set_hook(default_hook);
    let message = match &outcomes[1] {
        Err(message) => message.as_str(),
        Ok(_) => "no panic",
    };
    println!("1. panic: join() returned Err, payload {message:?}; main goes on");
    assert_eq!(
        outcomes,
        [Ok(7), Err("worker failed".to_string())],
        "join() carries the panic's message, and the other thread's result is kept"
    );
}
// ANCHOR_END: panic

// ANCHOR: detached
fn a_detached_thread_ends_with_the_process() {
    // Dropping the handle lets the thread run on its own. Nothing waits for it:
    // when main returns, the process ends and the thread with it, like a Python
    // daemon thread. (A non-daemon Python thread would keep the program alive;
    // in Rust you join the threads you need.)
    let (started, is_started) = mpsc::channel();
    let detached = thread::spawn(move || {
        started.send(()).unwrap();
        loop {
            thread::park();
        }
    });
    is_started.recv().unwrap();
    let still_running = !detached.is_finished();
    drop(detached);
    println!(
        "2. detached: a thread parked forever is still running ({still_running}); main returns now"
    );
    assert!(
        still_running,
        "the thread parks forever, so it is still running"
    );
}
// ANCHOR_END: detached

fn main() {
    a_panic_ends_only_its_thread();
    a_detached_thread_ends_with_the_process(); // the last line: main returns after it
}
