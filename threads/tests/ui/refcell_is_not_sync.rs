// E0277: `RefCell` is not `Sync`. `Arc` shares a value, and `RefCell` allows
// mutation through a shared reference, but its borrow flag is a plain counter:
// two threads could both see it free and both write.
// The fix, `Arc<Mutex<_>>`: examples/send_and_sync.rs, cell `arc_mutex_for_spawned_threads`.
use std::cell::RefCell;
use std::sync::Arc;
use std::thread;

fn main() {
    let results = Arc::new(RefCell::new(Vec::new()));
    let for_thread = Arc::clone(&results);
    let handle = thread::spawn(move || for_thread.borrow_mut().push("from a thread"));
    handle.join().unwrap();
    println!("{:?}", results.borrow());
}
