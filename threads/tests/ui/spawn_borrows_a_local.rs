// E0373: a thread that borrows a local of the function that spawned it.
// In Python a thread's target may read any variable it sees; here rustc
// refuses, because `thread::spawn` may outlive `main`'s `names`.
// The fix, `move`: examples/send_and_sync.rs, cell `move_gives_the_thread_its_data`.
use std::thread;

fn main() {
    let names = vec!["Ada", "Grace"];
    let handle = thread::spawn(|| {
        for name in &names {
            println!("hello, {name}");
        }
    });
    handle.join().unwrap();
}
