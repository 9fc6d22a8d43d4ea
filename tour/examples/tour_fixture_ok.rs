//! Test fixture of the tour (not a topic): an example that succeeds.
//! `tour/tests/cli.rs` runs the tour on `tour/tests/fixtures/ok_and_fail.toml`.
fn main() {
    println!("fixture ok says hello");
}
