//! Test fixture of the tour (not a topic): an example that fails, so the
//! tests can check that the tour reports it, goes on, and exits non-zero.
fn main() {
    println!("fixture fail is about to fail");
    std::process::exit(3);
}
