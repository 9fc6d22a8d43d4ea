// E0373: a spawned task that borrows a local of the function that spawned it.
// An asyncio task may read any variable it sees; a tokio task may outlive
// `main`'s `names` (`tokio::spawn` requires `'static`), so rustc refuses.
// The fixes, `async move` or `join!`, which may borrow: examples/spawn_needs_send.rs,
// cell `spawn_needs_static_join_can_borrow`.
#[tokio::main]
async fn main() {
    let names = vec!["Ada", "Grace"];
    let task = tokio::spawn(async {
        for name in &names {
            println!("hello, {name}");
        }
    });
    task.await.unwrap();
}
