// No error code, as for a `MutexGuard`: an `Rc` held across an `.await` makes
// the future not `Send`. `Rc` counts its owners with a plain increment, so two
// worker threads touching clones of it at once could lose a count.
// The fix, a task that stays on one thread: examples/spawn_needs_send.rs,
// cell `spawn_local_runs_futures_that_are_not_send` (or `Arc` instead of `Rc`).
use std::rc::Rc;

#[tokio::main]
async fn main() {
    let task = tokio::spawn(async {
        let names = Rc::new(vec!["Ada", "Grace"]);
        tokio::task::yield_now().await;
        names.len()
    });
    println!("{} names", task.await.unwrap());
}
