//! The exercise checker: `cargo test --test exercises` in a crate (or its
//! starter) lists every exercise as done or not yet, and shows the first
//! one not yet done with what its check saw and a hint.
//!
//! Each check runs in a child process of its own (this test binary again,
//! with `--one <id>`), under a time limit: a `todo!()` or a panic cannot end
//! the whole run, and a deadlocked exercise is reported as one instead of
//! hanging it.

use std::io::Read;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::time::Duration;

use super::{Exercise, Manifest};
use crate::testing::wait_or_kill;

/// A check: `Ok` when the exercise is done, else what it saw, said in the
/// learner's terms ("3 workers were inside at once; a Semaphore(2) allows 2").
pub type Check = fn() -> Result<(), String>;

/// The command that checks one exercise, as `exercises.toml` writes it.
pub fn command(id: &str) -> String {
    format!("cargo test --test exercises -- {id}")
}

/// How long a check may take when its row names no `timeout`.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Separates what a check's code printed from its verdict, in the child's output.
const VERDICT: &str = "\n--- verdict ---\n";

/// How one exercise stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Its check passed.
    Done,
    /// Its check failed: what it saw.
    NotYet(String),
}

/// The `main` of a crate's `tests/exercises.rs` (a test with `harness =
/// false`): `crate_dir` is its `env!("CARGO_MANIFEST_DIR")`, `checks` one
/// entry per exercise of the crate in `exercises.toml`, by id.
///
/// Arguments (after `cargo test --test exercises --`): ids or parts of ids
/// to check only those; `--hint N` for the N-th hint; `--status` for one
/// `<id> done|not yet` line each (what `cargo xtask exercises verify`
/// reads). The flags libtest takes are accepted and ignored, so that
/// `cargo test -- --nocapture` at the root still works.
pub fn main(crate_dir: &str, checks: &[(&str, Check)]) -> ExitCode {
    match run(Path::new(crate_dir), checks) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    one: Option<String>,
    status: bool,
    hint: usize,
    filters: Vec<String>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        one: None,
        status: false,
        hint: 1,
        filters: Vec::new(),
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--one" => parsed.one = Some(args.next().ok_or("--one needs an exercise id")?),
            "--status" => parsed.status = true,
            "--hint" => {
                let n = args.next().unwrap_or_default();
                parsed.hint = n.parse().ok().filter(|&n| n >= 1).ok_or_else(|| {
                    format!(
                        "--hint needs a number from 1, got {n:?}: --hint 2 shows the second hint"
                    )
                })?;
            }
            "--nocapture" | "--quiet" | "-q" | "--show-output" | "--exact" | "--ignored"
            | "--include-ignored" => {}
            a if ["--test-threads=", "--color=", "--format="]
                .iter()
                .any(|p| a.starts_with(p)) => {}
            a if a.starts_with('-') => {
                return Err(format!(
                    "unknown option {a:?}: give exercise ids, --hint N, or --status"
                ));
            }
            _ => parsed.filters.push(arg),
        }
    }
    Ok(parsed)
}

fn run(crate_dir: &Path, checks: &[(&str, Check)]) -> Result<ExitCode, String> {
    let args = parse(std::env::args().skip(1))?;
    if let Some(id) = &args.one {
        let check = checks
            .iter()
            .find(|(name, _)| name == id)
            .ok_or_else(|| format!("no check named {id}"))?;
        return Ok(run_one(check.1));
    }
    let krate = crate_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (path, manifest) = Manifest::find(crate_dir)?;
    let exercises: Vec<&Exercise> = manifest.of(&krate).collect();
    for e in &exercises {
        if !checks.iter().any(|(id, _)| *id == e.id) {
            return Err(format!(
                "{} lists {} for {krate}, but tests/exercises.rs has no check for it",
                path.display(),
                e.id
            ));
        }
    }
    if let Some((id, _)) = checks
        .iter()
        .find(|(id, _)| exercises.iter().all(|e| e.id != *id))
    {
        return Err(format!(
            "tests/exercises.rs checks {id}, which {} does not list for {krate}",
            path.display()
        ));
    }
    let chosen: Vec<&Exercise> = exercises
        .iter()
        .copied()
        .filter(|e| {
            args.filters.is_empty() || args.filters.iter().any(|f| e.id.contains(f.as_str()))
        })
        .collect();
    if chosen.is_empty() {
        let ids: Vec<&str> = exercises.iter().map(|e| e.id.as_str()).collect();
        println!(
            "No exercise of {krate} matches {:?} (its exercises: {}).",
            args.filters,
            ids.join(", ")
        );
        return Ok(ExitCode::SUCCESS);
    }
    let statuses: Vec<Status> = chosen.iter().map(|e| in_child(e)).collect();
    if args.status {
        for (e, s) in chosen.iter().zip(&statuses) {
            println!(
                "{} {}",
                e.id,
                if *s == Status::Done {
                    "done"
                } else {
                    "not yet"
                }
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    super::report::print(&krate, &exercises, &chosen, &statuses, args.hint);
    let all_done = statuses.iter().all(|s| *s == Status::Done);
    Ok(if all_done {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Runs one exercise's check in a child process, bounded by its time limit.
fn in_child(e: &Exercise) -> Status {
    let limit = e.timeout.map_or(DEFAULT_TIMEOUT, Duration::from_secs);
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => return Status::NotYet(format!("cannot find the checker itself: {e}")),
    };
    let mut child = match Command::new(exe)
        .args(["--one", &e.id])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(err) => return Status::NotYet(format!("cannot start the check: {err}")),
    };
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let Some(status) = wait_or_kill(&mut child, limit) else {
        return Status::NotYet(format!(
            "no answer within {} s: it may have deadlocked (threads waiting for each \
             other, or a wait that nothing wakes up), or it is far too slow",
            limit.as_secs()
        ));
    };
    let (out, err) = (
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default(),
    );
    if status.success() {
        return Status::Done;
    }
    match out.rsplit_once(VERDICT) {
        Some((_, verdict)) => Status::NotYet(verdict.trim_end().to_string()),
        None => {
            let tail: Vec<&str> = err.lines().rev().take(5).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            Status::NotYet(format!(
                "the check ended with {status}\n{}",
                tail.join("\n")
            ))
        }
    }
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        text
    })
}

/// The child's side: runs `check`, prints the verdict, exits 0 if done.
fn run_one(check: Check) -> ExitCode {
    // The first panic's message and place, from whichever thread: a panic in
    // a worker thread is usually the real story behind a failed join.
    static FIRST_PANIC: Mutex<Option<String>> = Mutex::new(None);
    panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let mut first = FIRST_PANIC.lock().unwrap_or_else(|e| e.into_inner());
        first.get_or_insert(format!("{message}{place}"));
    }));
    let result = panic::catch_unwind(AssertUnwindSafe(check));
    let first_panic = FIRST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
    let verdict = match (result, first_panic) {
        (Ok(Ok(())), _) => return ExitCode::SUCCESS,
        (Ok(Err(saw)), None) => saw,
        (Ok(Err(saw)), Some(panic)) => format!("{saw}\n(a thread panicked: {panic})"),
        (Err(_), Some(panic)) if panic.starts_with("not yet implemented") => {
            // "not yet implemented: <id>: see EXERCISES.md at <file>:<line>"
            let rest = panic
                .trim_start_matches("not yet implemented")
                .trim_start_matches(": ");
            format!("still a todo!(): {rest}")
        }
        (Err(_), panic) => format!("the check panicked: {}", panic.unwrap_or_default()),
    };
    print!("{VERDICT}{verdict}");
    ExitCode::FAILURE
}
