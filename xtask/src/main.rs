//! Developer tasks for the course workspace, run as `cargo xtask ...`
//! (an alias in `.cargo/config.toml`).
//!
//! `cargo xtask starter <crate> <dest>` writes a standalone project from one
//! course crate, as a learner copying it to start an exercise: the crate, a
//! copy of every workspace crate it depends on (`common`), a workspace
//! manifest of its own with every `workspace = true` field written out, and
//! this workspace's `Cargo.lock`, so `cargo test --offline` in `<dest>` passes
//! with nothing else.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod starter;

const USAGE: &str = "\
usage: cargo xtask starter <crate> <dest>

  starter <crate> <dest>   write a standalone copy of a course crate to <dest>
                           (which must not exist or be empty)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["starter", krate, dest] => match starter::write(&workspace_root(), krate, Path::new(dest))
        {
            Ok(written) => {
                println!(
                    "Wrote a standalone starter of `{krate}` to {} (crates: {}).",
                    dest,
                    written.join(", ")
                );
                println!("Next: cd {dest} && cargo test --offline");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        ["--help" | "-h" | "help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("error: expected `starter <crate> <dest>`, got {args:?}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace root")
        .to_path_buf()
}
