// E0597: threads given slices of a local vector. `move` moves the slices,
// but they still point into `data`, and a spawned thread may run after
// `data` is dropped at the end of `main`.
// The fix, `thread::scope`: examples/send_and_sync.rs, cell `scope_joins_before_data_dies`.
use std::thread;

fn main() {
    let data: Vec<u64> = (1..=100).collect();
    let mut handles = Vec::new();
    for chunk in data.chunks(25) {
        handles.push(thread::spawn(move || chunk.iter().sum::<u64>()));
    }
    let total: u64 = handles.into_iter().map(|h| h.join().unwrap()).sum();
    println!("total {total}");
}
