//! The `rustc` mdbook-quiz calls. To check a `Tracing` answer while it
//! builds the book, mdbook-quiz runs `rustc main.rs -A warnings` on the
//! program and then the binary: rustc's default edition is 2015 (where
//! `async fn` does not exist) and no crate is linked, so a program of this
//! course, written for the workspace's edition and crates, could fail there.
//! The book build puts a small `rustc` first on mdbook's PATH instead: the
//! real one, given the workspace's edition and the crates the quizzes'
//! programs use (built by [`super::programs::build`]).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use super::programs::{PACKAGE, build, edition, target_dir, traced, uses};

/// The wrapper's source: it runs `$COURSE_QUIZ_RUSTC` with the arguments in
/// `$COURSE_QUIZ_RUSTC_ARGS` (one a line), then its own.
const WRAPPER: &str = r#"//! rustc for mdbook-quiz, written by `cargo xtask book`.
use std::env;
use std::process::{exit, Command};

fn main() {
    let rustc = env::var_os("COURSE_QUIZ_RUSTC").expect("COURSE_QUIZ_RUSTC names the real rustc");
    let extra = env::var("COURSE_QUIZ_RUSTC_ARGS").unwrap_or_default();
    let status = Command::new(rustc)
        .args(extra.lines().filter(|a| !a.is_empty()))
        .args(env::args_os().skip(1))
        .status();
    exit(status.map_or(127, |s| s.code().unwrap_or(1)));
}
"#;

/// The folder holding the wrapper (to put first on PATH) and the
/// environment it reads, for the book at `root`: the wrapper is compiled
/// once into `<target>/quiz/rustc/`, and, when a program uses a crate, the
/// quizzes' programs are built first for their libraries.
pub fn wrapper(root: &Path) -> Result<(PathBuf, Vec<(String, String)>)> {
    let real = real_rustc()?;
    let dir = target_dir(root).join("quiz/rustc");
    fs_err::create_dir_all(&dir)?;
    let source = dir.join("wrapper.rs");
    let binary = dir.join(format!("rustc{}", std::env::consts::EXE_SUFFIX));
    if std::fs::read_to_string(&source).ok().as_deref() != Some(WRAPPER) || !binary.is_file() {
        fs_err::write(&source, WRAPPER)?;
        let status = Command::new(&real)
            .args(["--edition", "2021", "-o"])
            .arg(&binary)
            .arg(&source)
            .status()
            .context("cannot run rustc")?;
        if !status.success() {
            bail!("cannot compile {} ({status})", source.display());
        }
    }
    let quizzes = super::load(&root.join("docs")).map_err(|p| anyhow::anyhow!(p.join("\n")))?;
    let programs = traced(&quizzes);
    let mut args = vec!["--edition".to_string(), edition(root)?];
    if programs.iter().any(|p| !uses(&p.program).is_empty()) {
        let target = target_dir(root);
        let built = build(root, &target.join(PACKAGE), &target, &programs)?;
        args.push(format!("-Ldependency={}", built.deps.display()));
        for (name, rlib) in built.externs {
            args.push(format!("--extern={name}={}", rlib.display()));
        }
    }
    let env = vec![
        (
            "COURSE_QUIZ_RUSTC".to_string(),
            real.to_string_lossy().into_owned(),
        ),
        ("COURSE_QUIZ_RUSTC_ARGS".to_string(), args.join("\n")),
    ];
    Ok((dir, env))
}

/// The toolchain's own rustc (not rustup's proxy, which the wrapper's
/// PATH would lead back to the wrapper): `<sysroot>/bin/rustc`.
fn real_rustc() -> Result<PathBuf> {
    let out = Command::new(common::testing::rustc())
        .args(["--print", "sysroot"])
        .output()
        .context("cannot run rustc")?;
    let sysroot = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let rustc = Path::new(&sysroot)
        .join("bin")
        .join(format!("rustc{}", std::env::consts::EXE_SUFFIX));
    if !out.status.success() || !rustc.is_file() {
        bail!("cannot find the toolchain's rustc (rustc --print sysroot: {sysroot:?})");
    }
    Ok(rustc)
}
