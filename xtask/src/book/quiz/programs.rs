//! The answers of the `Tracing` questions, checked by the compiler and by
//! running the programs: a program marked as not compiling fails, its first
//! error being the one its answer names, and one marked as printing
//! something prints exactly that, run after run.
//!
//! Every program is a binary of one scratch package, `<target>/quiz/programs`,
//! built in one `cargo build --keep-going` with the workspace's target
//! directory, edition, profiles and `Cargo.lock`, so a learner who pastes a
//! program into a project of this workspace gets what the answer says. It
//! depends only on the crates its programs use ([`CRATES`]), so a quiz of
//! std-only programs builds in seconds.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use super::{Kind, QuizFile};

/// The crates a program may use, beside std: (name in code, package,
/// features added to the workspace's entry).
pub const CRATES: [(&str, &str, &[&str]); 10] = [
    (
        "tokio",
        "tokio",
        &[
            "rt",
            "rt-multi-thread",
            "macros",
            "time",
            "sync",
            "io-util",
            "test-util",
            "net",
        ],
    ),
    ("crossbeam", "crossbeam", &[]),
    ("parking_lot", "parking_lot", &[]),
    ("rayon", "rayon", &[]),
    ("futures", "futures", &[]),
    ("common", "common", &[]),
    ("threads", "threads", &[]),
    ("sync_primitives", "sync-primitives", &[]),
    ("processes", "processes", &[]),
    ("async_basics", "async-basics", &[]),
];

/// The scratch package of the quizzes' programs, under the target directory.
pub const PACKAGE: &str = "quiz/programs";

/// How long one run of a program may take.
pub const TIME_LIMIT: Duration = Duration::from_secs(10);

/// One `Tracing` question's program, with its answer.
#[derive(Debug, Clone)]
pub struct Traced {
    /// The question's id: the binary's name.
    pub id: String,
    /// The quiz file it is in, under `docs`.
    pub file: String,
    /// The program.
    pub program: String,
    /// The answer.
    pub answer: super::Trace,
}

/// The `Tracing` questions of `quizzes`.
pub fn traced(quizzes: &[QuizFile]) -> Vec<Traced> {
    let mut found = Vec::new();
    for q in quizzes {
        for question in &q.quiz.questions {
            if let Kind::Tracing { prompt, answer } = &question.kind {
                found.push(Traced {
                    id: question.id.clone(),
                    file: q.file.clone(),
                    program: prompt.program.clone(),
                    answer: answer.clone(),
                });
            }
        }
    }
    found
}

/// What building the programs gave: each one's binary, or its errors.
#[derive(Debug, Default)]
pub struct Built {
    /// The binary of each program that compiled, by id.
    pub binaries: HashMap<String, PathBuf>,
    /// The errors of each program that did not: (code, rendered message).
    pub errors: HashMap<String, Vec<(Option<String>, String)>>,
    /// The libraries of the crates the programs use, `--extern` style:
    /// (name in code, `.rlib` file).
    pub externs: Vec<(String, PathBuf)>,
    /// Where those libraries' own dependencies are (`-L dependency=`).
    pub deps: PathBuf,
    /// What cargo printed on stderr.
    pub stderr: String,
}

/// The target directory cargo uses for the workspace at `root`.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or(root.join("target"), |dir| root.join(dir))
}

/// The workspace's edition (`[workspace.package]`), which every program is
/// written for.
pub fn edition(root: &Path) -> Result<String> {
    let manifest: toml_edit::DocumentMut =
        fs_err::read_to_string(root.join("Cargo.toml"))?.parse()?;
    manifest["workspace"]["package"]["edition"]
        .as_str()
        .map(String::from)
        .context("the workspace's Cargo.toml has no edition")
}

/// The crates of [`CRATES`] that `program` uses: those it names as a path,
/// `tokio::spawn`, `use parking_lot::Mutex`, `#[tokio::main]`.
pub fn uses(program: &str) -> Vec<(&'static str, &'static str, &'static [&'static str])> {
    let word = |name: &str| {
        program.match_indices(&format!("{name}::")).any(|(i, _)| {
            let before = program[..i].chars().next_back();
            before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'))
        })
    };
    CRATES.into_iter().filter(|(name, ..)| word(name)).collect()
}

/// The scratch package's manifest: a binary per program, the crates they use
/// taken from the workspace's `[workspace.dependencies]` (paths made
/// absolute), and the workspace's edition and profiles.
fn manifest(root: &Path, programs: &[Traced]) -> Result<String> {
    let workspace: toml_edit::DocumentMut =
        fs_err::read_to_string(root.join("Cargo.toml"))?.parse()?;
    let edition = edition(root)?;
    let mut out = toml_edit::DocumentMut::new();
    out["package"] = toml_edit::table();
    out["package"]["name"] = "quiz-programs".into();
    out["package"]["edition"] = edition.as_str().into();
    out["package"]["publish"] = false.into();
    out["package"]["autobins"] = false.into();
    out["workspace"] = toml_edit::table();
    let mut dependencies = toml_edit::Table::new();
    for (_, package, features) in programs.iter().flat_map(|p| uses(&p.program)) {
        let entry = workspace["workspace"]["dependencies"]
            .get(package)
            .with_context(|| format!("{package} is not in [workspace.dependencies]"))?;
        let mut entry = match entry.as_value() {
            Some(toml_edit::Value::String(version)) => {
                let mut table = toml_edit::InlineTable::new();
                table.insert("version", version.value().as_str().into());
                table
            }
            Some(toml_edit::Value::InlineTable(table)) => table.clone(),
            _ => bail!("[workspace.dependencies] {package}: not a version or an inline table"),
        };
        if let Some(path) = entry.get("path").and_then(|p| p.as_str()) {
            let absolute = root.join(path).to_string_lossy().into_owned();
            entry.insert("path", absolute.into());
        }
        if !features.is_empty() {
            entry.insert(
                "features",
                features
                    .iter()
                    .copied()
                    .collect::<toml_edit::Array>()
                    .into(),
            );
        }
        dependencies.insert(package, toml_edit::value(entry));
    }
    out["dependencies"] = toml_edit::Item::Table(dependencies);
    if let Some(profile) = workspace.get("profile") {
        out["profile"] = profile.clone();
    }
    let mut bins = toml_edit::ArrayOfTables::new();
    for p in programs {
        let mut bin = toml_edit::Table::new();
        bin["name"] = p.id.as_str().into();
        bin["path"] = format!("src/{}.rs", p.id).into();
        bins.push(bin);
    }
    out["bin"] = toml_edit::Item::ArrayOfTables(bins);
    Ok(out.to_string())
}

/// Writes the scratch package for `programs` into `dir` (only the files
/// that changed, so that cargo rebuilds only those) and builds every
/// program in one cargo run, whichever compile, into the target directory
/// `target` (the workspace's: [`target_dir`]).
pub fn build(root: &Path, dir: &Path, target: &Path, programs: &[Traced]) -> Result<Built> {
    fs_err::create_dir_all(dir.join("src"))?;
    write_if_changed(&dir.join("Cargo.toml"), &manifest(root, programs)?)?;
    fs_err::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))?;
    let keep: Vec<PathBuf> = programs
        .iter()
        .map(|p| dir.join(format!("src/{}.rs", p.id)))
        .collect();
    for stale in crate::files(&dir.join("src"))? {
        if !keep.contains(&stale) {
            fs_err::remove_file(stale)?;
        }
    }
    for (p, path) in programs.iter().zip(&keep) {
        write_if_changed(path, &p.program)?;
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "build",
            "--offline",
            "--keep-going",
            "--message-format=json",
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .context("cannot run cargo")?;
    let mut built = Built {
        deps: target.join("debug/deps"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        ..Built::default()
    };
    let used: Vec<&str> = programs
        .iter()
        .flat_map(|p| uses(&p.program))
        .map(|(_, package, _)| package)
        .collect();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let name = message["target"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let kinds = message["target"]["kind"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let is = |kind: &str| kinds.iter().any(|k| k == kind);
        match message["reason"].as_str() {
            Some("compiler-message") if is("bin") && message["message"]["level"] == "error" => {
                let code = message["message"]["code"]["code"]
                    .as_str()
                    .map(String::from);
                let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
                built
                    .errors
                    .entry(name)
                    .or_default()
                    .push((code, rendered.to_string()));
            }
            Some("compiler-artifact") if is("bin") => {
                if let Some(exe) = message["executable"].as_str() {
                    built.binaries.insert(name, PathBuf::from(exe));
                }
            }
            Some("compiler-artifact") if is("lib") => {
                let package = message["package_id"].as_str().unwrap_or_default();
                let direct = used.iter().any(|u| {
                    package.contains(&format!("/{u}#")) || package.contains(&format!("#{u}@"))
                });
                let rlib = message["filenames"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .find(|f| f.ends_with(".rlib"));
                if let (true, Some(rlib)) = (direct, rlib) {
                    built
                        .externs
                        .push((name.replace('-', "_"), PathBuf::from(rlib)));
                }
            }
            _ => {}
        }
    }
    Ok(built)
}

/// Every answer of `programs` that the compiler or a run contradicts, as
/// `docs/quizzes/...: id: what happened`: each program is built (see
/// [`build`]) in the package `dir` and the target directory `target`, and
/// each one that compiles is run `runs` times.
pub fn check(
    root: &Path,
    dir: &Path,
    target: &Path,
    programs: &[Traced],
    runs: usize,
) -> Result<Vec<String>> {
    let built = build(root, dir, target, programs)?;
    let mut problems = Vec::new();
    for p in programs {
        let mut wrong = |what: String| problems.push(format!("docs/{}: {}: {what}", p.file, p.id));
        let errors = built
            .errors
            .get(&p.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let binary = built.binaries.get(&p.id);
        match (&p.answer.error, binary) {
            (Some(code), None) if !errors.is_empty() => {
                // The first error is the one the reader is asked about; the
                // ones after it may follow from it.
                let codes: Vec<&str> = errors.iter().filter_map(|(c, _)| c.as_deref()).collect();
                if codes.first() != Some(&code.as_str()) {
                    wrong(format!(
                        "the answer says it fails with {code}; the compiler's first error is {}:\n{}",
                        codes.first().unwrap_or(&"one without a code"),
                        rendered(errors)
                    ));
                }
            }
            (Some(code), Some(_)) => {
                wrong(format!(
                    "the answer says it fails with {code}, but it compiles"
                ));
            }
            (None, None) if !errors.is_empty() => {
                wrong(format!(
                    "the answer says it compiles, but:\n{}",
                    rendered(errors)
                ));
            }
            (_, None) => wrong(format!(
                "cargo built nothing for it, and no error names it:\n{}",
                built.stderr
            )),
            (None, Some(binary)) => {
                let expected = p.answer.stdout.as_deref().unwrap_or_default();
                for run in 1..=runs {
                    match run_once(binary) {
                        Ok(stdout) if stdout.trim_end() == expected.trim_end() => {}
                        Ok(stdout) => {
                            wrong(format!(
                                "run {run} of {runs} printed {stdout:?}, not the answer's {expected:?}"
                            ));
                            break;
                        }
                        Err(e) => {
                            wrong(format!("run {run} of {runs}: {e:#}"));
                            break;
                        }
                    }
                }
            }
        }
    }
    Ok(problems)
}

/// The compiler's messages, as it renders them.
fn rendered(errors: &[(Option<String>, String)]) -> String {
    errors
        .iter()
        .map(|(_, r)| r.as_str())
        .collect::<Vec<_>>()
        .join("")
}

/// What one run of `binary` printed; an error if it failed or took longer
/// than [`TIME_LIMIT`].
fn run_once(binary: &Path) -> Result<String> {
    let mut child = Command::new(binary)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped")));
    let status = common::testing::wait_or_kill(&mut child, TIME_LIMIT);
    let (stdout, stderr) = (
        stdout.join().unwrap_or_default(),
        stderr.join().unwrap_or_default(),
    );
    match status {
        None => bail!("it did not finish within {TIME_LIMIT:?}"),
        Some(status) if !status.success() => bail!("it failed ({status}):\n{stderr}"),
        Some(_) => Ok(stdout),
    }
}

/// Writes only when the text differs, so cargo does not rebuild for nothing.
fn write_if_changed(path: &Path, text: &str) -> Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|t| t == text) {
        return Ok(());
    }
    Ok(fs_err::write(path, text)?)
}
