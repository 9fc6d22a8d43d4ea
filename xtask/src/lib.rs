//! Developer tasks for the course workspace, run as `cargo xtask ...`
//! (an alias in `.cargo/config.toml`).
//!
//! `cargo xtask starter <crate> <dest>` writes a standalone project from one
//! course crate, as a learner copying it to start an exercise: the crate, a
//! copy of every workspace crate it depends on (`common`), a workspace
//! manifest of its own with every `workspace = true` field written out, and
//! this workspace's `Cargo.lock`, so `cargo test --offline` in `<dest>` passes
//! with nothing else.
//!
//! `<dest>` is checked before anything is created (see [`starter::write`]):
//! it must be a new or empty directory, outside every crate of the workspace
//! (a copy of `threads` inside `threads/` would copy itself without end). A
//! refused destination, and any failure later on, leaves nothing behind.
//! `<dest>` may be any path the OS accepts, UTF-8 or not; `..` in it is
//! resolved first, so `exercises/new/..` means `exercises`.
//!
//! `cargo xtask book` checks the book's includes and links, installs its
//! pinned tools into `target/tools/` when missing, and builds `docs/book/`
//! (see [`book`]); `cargo xtask book --check` only checks.
//!
//! `cargo xtask measure` measures this machine (`cargo run --release --
//! --compare`, its `--growth` curves, three examples' output) into the
//! committed JSON in `docs/measured/`; `cargo xtask plots` renders the
//! book's pictures and tables from that JSON, and `plots --check` (CI) fails
//! on any byte they differ by (see [`measure`], [`plots`]).
//!
//! Errors go to stderr with exit code 2, and show an argument shortened when
//! it is long ([`quote`], [`shorten`]). A closed stdout (`| head`, `| true`)
//! is no error: the starter is written and xtask exits 0 quietly.

pub use common::report::{quote, shorten};

pub mod book;
mod dest;
pub mod exercises;
pub mod i18n;
mod manifest;
pub mod measure;
pub mod plots;
pub mod starter;
