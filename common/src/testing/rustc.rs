//! Whether the compile-error tests may compare rustc's whole messages with
//! the committed `.stderr` files.

use std::process::Command;

/// The compiler cargo uses: `$RUSTC` if set, else `rustc` on the PATH.
pub fn rustc() -> std::ffi::OsString {
    std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into())
}

/// Whether `release` ("1.95.0", from `rustc --version`) is a stable release
/// of `rust_version` ("1.95", as in Cargo.toml): same major and minor.
fn is_release_of(release: &str, rust_version: &str) -> bool {
    let pinned: Vec<&str> = rust_version.split('.').take(2).collect();
    let ours: Vec<&str> = release.split('.').take(2).collect();
    !release.contains('-') && pinned.len() == 2 && ours == pinned
}

/// Whether a compile-fail test may compare rustc's whole messages with the
/// `.stderr` files committed beside its cases (trybuild's exact comparison):
/// only in CI (`CI` set and not empty) on a stable release of `rust_version`,
/// the workspace's pinned compiler (pass `env!("CARGO_PKG_RUST_VERSION")`).
/// Another rustc may word its messages differently, and trybuild first builds
/// every dev-dependency (minutes, once), so a learner's `cargo test` skips it.
/// `Err` says why not, for the test to print before it skips.
///
/// # Panics
/// In CI, if rustc cannot be run or prints no version.
pub fn compares_exact_messages(rust_version: &str) -> Result<(), String> {
    if std::env::var_os("CI").is_none_or(|ci| ci.is_empty()) {
        return Err("not in CI (CI=1 compares whole messages)".into());
    }
    let output = Command::new(rustc()).arg("--version").output();
    let text = String::from_utf8_lossy(&output.expect("run rustc --version").stdout).into_owned();
    let release = text
        .split_whitespace()
        .nth(1)
        .expect("rustc --version names its release");
    if !is_release_of(release, rust_version) {
        return Err(format!(
            "rustc {release} is not the workspace's rust-version {rust_version}: \
             its messages may be worded differently"
        ));
    }
    Ok(())
}

#[test]
fn a_release_is_of_its_major_and_minor_and_stable() {
    assert!(is_release_of("1.95.0", "1.95") && is_release_of("1.95.2", "1.95"));
    assert!(!is_release_of("1.96.0", "1.95") && !is_release_of("1.9.5", "1.95"));
    assert!(!is_release_of("1.95.0-nightly", "1.95") && !is_release_of("1.95.0", "1"));
}
