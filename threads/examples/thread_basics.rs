//! 3.6 Thread: `threading.Thread`'s Rust counterparts, one by one.
//!
//! Python: `Thread(target=f, args=..., name=..., daemon=...)`, `start()`,
//! `join()` (which returns `None`: results go through shared objects),
//! `threading.current_thread()`, `threading.local()`, and an exception in a
//! thread that `threading.excepthook` prints while `join()` returns normally.
//! Rust: `thread::spawn` starts at once and `join()` returns the closure's
//! value, or `Err` if the thread panicked; `thread::Builder` sets the name and
//! stack size; `thread::scope` lets threads borrow locals; `thread_local!`;
//! and a thread whose handle is dropped is detached, like a daemon thread.
//!
//! Watch: each section prints what it shows; the last line is printed while a
//! detached thread is still alive, and the program ends anyway.
//! Varies: only the thread ids.
//!
//! Run: cargo run --release --example thread_basics

use std::cell::Cell;
use std::panic;
use std::sync::mpsc;
use std::thread;

use common::workload::sum_of_squares;

thread_local! {
    /// Each thread has its own counter, as with `threading.local()`.
    static CALLS: Cell<u32> = const { Cell::new(0) };
}

fn count_call() -> u32 {
    CALLS.with(|calls| {
        calls.set(calls.get() + 1);
        calls.get()
    })
}

fn main() {
    // spawn + join: the result comes back through the JoinHandle.
    let handle = thread::spawn(|| sum_of_squares(1_000));
    let result = handle.join().expect("the thread did not panic");
    println!("1. spawn/join: the thread returned {result}");

    // Builder: a name (shown in panics and debuggers) and a stack size.
    let named = thread::Builder::new()
        .name("worker-1".into())
        .stack_size(256 * 1024)
        .spawn(|| thread::current().name().map(str::to_string))
        .expect("the OS could start a thread");
    let name = named.join().unwrap();
    println!("2. Builder: the thread calls itself {name:?}");

    // Scoped threads may borrow `data`: the scope joins them before it ends.
    let data: Vec<u64> = (1..=100).collect();
    let sums: Vec<u64> = thread::scope(|s| {
        let handles: Vec<_> = data
            .chunks(25)
            .map(|chunk| s.spawn(move || chunk.iter().sum::<u64>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    println!("3. scope: four threads summed borrowed chunks: {sums:?}");

    // current(): every thread has an id, and main is named "main".
    let main_thread = thread::current();
    let other_id = thread::spawn(|| thread::current().id()).join().unwrap();
    println!(
        "4. current: {:?} is {:?}; a spawned thread is {other_id:?}",
        main_thread.name(),
        main_thread.id()
    );

    // A panic ends only its thread; join() reports it as Err with the payload.
    // The default hook would print the panic to stderr; silence it here.
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let outcome = thread::spawn(|| -> u32 { panic!("worker failed") }).join();
    panic::set_hook(default_hook);
    let message = match &outcome {
        Err(payload) => payload.downcast_ref::<&str>().copied().unwrap_or("?"),
        Ok(_) => "no panic",
    };
    println!("5. panic: join() returned Err, payload {message:?}; main goes on");

    // thread_local!: the counter of each thread is its own.
    count_call();
    count_call();
    let in_thread = thread::spawn(count_call).join().unwrap();
    let in_main = CALLS.with(Cell::get);
    println!("6. thread_local: main counted {in_main} calls, a new thread {in_thread}");

    // Detached: dropping the handle lets the thread run on its own. Nothing
    // waits for it: when main returns, the process ends and the thread with it,
    // like a Python daemon thread. (A non-daemon Python thread would keep the
    // program alive; in Rust you join the threads you need.)
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
        "7. detached: a thread parked forever is still running ({still_running}); main returns now"
    );

    assert_eq!(result, 332_833_500);
    assert_eq!(name.as_deref(), Some("worker-1"));
    assert_eq!(sums.iter().sum::<u64>(), 5_050);
    assert_eq!(main_thread.name(), Some("main"));
    assert_ne!(other_id, main_thread.id());
    assert_eq!(message, "worker failed");
    assert_eq!((in_main, in_thread), (2, 1));
    assert!(still_running);
}
