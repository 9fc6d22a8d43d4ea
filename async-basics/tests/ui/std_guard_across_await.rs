// No error code: "future cannot be sent between threads safely" is E0277
// worded for futures. A task of `tokio::spawn` may move to another worker
// thread at any `.await`, so it must be `Send`; a `std::sync::MutexGuard`
// is not, since a mutex must be unlocked by the thread that locked it.
// The fixes: examples/async_locks.rs, cell `std_mutex_with_no_await_inside`
// (the guard's scope ends before the `.await`) and cell `tokio_mutex_held_across_an_await`.
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::main]
async fn main() {
    let hits = Arc::new(Mutex::new(0));
    let counter = Arc::clone(&hits);
    let task = tokio::spawn(async move {
        let mut n = counter.lock().unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await; // a slow lookup
        *n += 1;
    });
    task.await.unwrap();
    println!("hits = {}", hits.lock().unwrap());
}
