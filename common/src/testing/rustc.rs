//! Which rustc runs the compile-error tests, and whether its whole messages
//! can be compared with the committed `.stderr` files.

use std::process::Command;

/// The compiler cargo uses: `$RUSTC` if set, else `rustc` on the PATH.
///
/// ```
/// let rustc = common::testing::rustc();
/// assert!(!rustc.is_empty());
/// ```
pub fn rustc() -> std::ffi::OsString {
    std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into())
}

/// The release of [`rustc`]: the "1.95.0" of `rustc --version`'s
/// "rustc 1.95.0 (59807616e 2026-04-14)".
///
/// ```
/// let release = common::testing::rustc_release();
/// assert!(release.starts_with("1."), "{release}");
/// ```
///
/// # Panics
/// If rustc cannot be run, or prints something else.
pub fn rustc_release() -> String {
    let output = Command::new(rustc())
        .arg("--version")
        .output()
        .expect("run rustc --version");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let release = text.split_whitespace().nth(1);
    release
        .unwrap_or_else(|| panic!("unexpected rustc --version: {text:?}"))
        .to_string()
}

/// Whether `release` ("1.95.0") is a stable release of `rust_version`
/// ("1.95", as in Cargo.toml): same major and minor, any patch, and no
/// "-beta" or "-nightly".
///
/// ```
/// use common::testing::is_release_of;
/// assert!(is_release_of("1.95.0", "1.95"));
/// assert!(is_release_of("1.95.2", "1.95"));
/// assert!(!is_release_of("1.96.0", "1.95"));
/// assert!(!is_release_of("1.9.5", "1.95"));
/// assert!(!is_release_of("1.95.0-nightly", "1.95"));
/// assert!(!is_release_of("1.95.0", "1"));
/// ```
pub fn is_release_of(release: &str, rust_version: &str) -> bool {
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
/// ```
/// // No rustc is a release of 0.1: never, in CI or not.
/// assert!(common::testing::compares_exact_messages("0.1").is_err());
/// ```
///
/// # Panics
/// In CI, if rustc cannot be run (see [`rustc_release`]).
pub fn compares_exact_messages(rust_version: &str) -> Result<(), String> {
    if std::env::var_os("CI").is_none_or(|ci| ci.is_empty()) {
        return Err("not in CI (CI=1 compares whole messages)".into());
    }
    let release = rustc_release();
    if !is_release_of(&release, rust_version) {
        return Err(format!(
            "rustc {release} is not the workspace's rust-version {rust_version}: \
             its messages may be worded differently"
        ));
    }
    Ok(())
}
