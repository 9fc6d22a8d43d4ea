// E0277: `Rc` is not `Send`. `Rc` counts references as CPython does, with a
// plain increment: two threads cloning or dropping at once could lose a count.
// The fix, `Arc`: examples/send_and_sync.rs, cell `arc_counts_across_threads`.
use std::rc::Rc;
use std::thread;

fn main() {
    let config = Rc::new(vec!["debug", "verbose"]);
    let for_thread = Rc::clone(&config);
    let handle = thread::spawn(move || for_thread.len());
    println!("{} options", handle.join().unwrap());
}
