//! The exercise checker: `cargo test --test exercises` in a crate (or its
//! starter) lists every exercise as done or not yet, and shows the first
//! one not yet done with what its check saw and a hint.
//!
//! Each check runs in a child process of its own (this test binary again,
//! with `--one <id>`), under a time limit that holds for everything the
//! check starts ([`crate::process`]): a `todo!()`, a panic or a deadlock
//! cannot end or hang the whole run. A check is done only when it returned
//! `Ok`, as the child says in a line of its own after the check: a solution
//! that ends the process early (`std::process::exit(0)`) is not yet done.

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::process::{Command, ExitCode};
use std::sync::Mutex;
use std::time::Duration;

use clap::Parser;

use super::{Exercise, Manifest};
use crate::process::{self, Ending};

/// A check: `Ok` when the exercise is done, else what it saw, said in the
/// learner's terms ("3 workers were inside at once; a Semaphore(2) allows 2").
pub type Check = fn() -> Result<(), String>;

/// The command that checks one exercise, as `exercises.toml` writes it.
pub fn command(id: &str) -> String {
    format!("cargo test --test exercises -- {id}")
}

/// How long a check may take when its row names no `timeout`.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// What the child prints once the check has returned, before its verdict.
const RETURNED: &str = "\n--- the check returned ---\n";

/// The verdict of a check that returned `Ok`.
const DONE: &str = "done";

/// How one exercise stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Its check passed.
    Done,
    /// Its check failed: what it saw.
    NotYet(String),
}

/// Checks which exercises of this crate are done, and shows what the check of
/// the first one not yet done saw, with a hint.
#[derive(Parser)]
#[command(
    bin_name = "cargo test --test exercises --",
    disable_version_flag = true
)]
struct Args {
    /// Check only the exercises whose id contains one of these.
    filters: Vec<String>,
    /// Show the N-th hint of the first exercise not yet done.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(1..))]
    hint: u16,
    /// Print one `<id> done` or `<id> not yet` line per exercise.
    #[arg(long)]
    status: bool,
    /// Run the check of this exercise, in this process (the checker's child).
    #[arg(long, hide = true)]
    one: Option<String>,
    #[command(flatten)]
    libtest: Libtest,
}

/// The flags of Rust's test harness, which `cargo test -- <flags>` passes to
/// every test binary: each one means here what it means there.
#[derive(clap::Args)]
#[command(next_help_heading = "Test harness flags (as in libtest)")]
struct Libtest {
    /// Filters match whole ids only.
    #[arg(long)]
    exact: bool,
    /// Skip exercises whose id contains this.
    #[arg(long, value_name = "FILTER")]
    skip: Vec<String>,
    /// List the exercises, check none.
    #[arg(long)]
    list: bool,
    /// Run only ignored tests: no exercise is one.
    #[arg(long)]
    ignored: bool,
    /// The others, accepted: they change nothing here.
    #[arg(long = "nocapture", short_alias = 'q', hide = true, action = clap::ArgAction::Count,
          aliases = ["include-ignored", "show-output", "quiet"])]
    _flags: u8,
    #[arg(long = "test-threads", aliases = ["color", "format"], hide = true)]
    _values: Vec<String>,
}

/// The `main` of a crate's `tests/exercises.rs` (a test with `harness =
/// false`): `crate_dir` is its `env!("CARGO_MANIFEST_DIR")`, `checks` one
/// entry per exercise of the crate in `exercises.toml`, by id.
///
/// Exit codes: 0 when every chosen exercise is done (and for `--status`),
/// 1 when one is not yet, 2 for bad arguments or a manifest that does not
/// match the checks.
pub fn main(crate_dir: &str, checks: &[(&str, Check)]) -> ExitCode {
    let args = Args::parse();
    if let Some(id) = &args.one {
        return match checks.iter().find(|(name, _)| name == id) {
            Some(&(_, check)) => run_one(check),
            None => fail(&format!("no check named {id}")),
        };
    }
    match run(Path::new(crate_dir), checks, &args) {
        Ok(code) => code,
        Err(e) => fail(&e),
    }
}

fn fail(error: &str) -> ExitCode {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "error: {error}");
    ExitCode::from(2)
}

fn run(crate_dir: &Path, checks: &[(&str, Check)], args: &Args) -> Result<ExitCode, String> {
    let krate = crate_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (path, manifest) = Manifest::find(crate_dir)?;
    let exercises: Vec<&Exercise> = manifest.of(&krate).collect();
    if let Some(e) = exercises
        .iter()
        .find(|e| checks.iter().all(|(id, _)| *id != e.id))
    {
        return Err(format!(
            "{} lists {} for {krate}, but tests/exercises.rs has no check for it",
            path.display(),
            e.id
        ));
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
        .filter(|e| args.chooses(&e.id))
        .collect();
    if args.libtest.list {
        chosen.iter().for_each(|e| println!("{}: test", e.id));
        return Ok(ExitCode::SUCCESS);
    }
    if chosen.is_empty() {
        return nothing_chosen(&krate, &exercises, args);
    }
    let statuses: Vec<Status> = chosen.iter().map(|e| in_child(e)).collect();
    if args.status {
        for (e, s) in chosen.iter().zip(&statuses) {
            let done = if *s == Status::Done {
                "done"
            } else {
                "not yet"
            };
            println!("{} {done}", e.id);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let hint = usize::from(args.hint);
    super::report::print(&krate, &exercises, &chosen, &statuses, hint);
    let all_done = statuses.iter().all(|s| *s == Status::Done);
    Ok(if all_done {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

impl Args {
    fn chooses(&self, id: &str) -> bool {
        let matches = |f: &String| {
            if self.libtest.exact {
                id == f
            } else {
                id.contains(f.as_str())
            }
        };
        let skipped = self.libtest.skip.iter().any(|s| id.contains(s.as_str()));
        !self.libtest.ignored
            && !skipped
            && (self.filters.is_empty() || self.filters.iter().any(matches))
    }
}

/// No exercise chosen: fine for a filter meant for other tests (`cargo test
/// -- <name>` at the root passes it to every test binary), an error for one a
/// letter or two from an exercise's id.
fn nothing_chosen(krate: &str, exercises: &[&Exercise], args: &Args) -> Result<ExitCode, String> {
    for filter in args.filters.iter().filter(|f| f.len() > 3) {
        let near = exercises
            .iter()
            .find(|e| strsim::damerau_levenshtein(filter, &e.id) <= 2);
        if let Some(e) = near {
            return Err(format!(
                "no exercise of {krate} is called {filter:?}; did you mean {}?",
                e.id
            ));
        }
    }
    if !args.libtest.ignored {
        let ids: Vec<&str> = exercises.iter().map(|e| e.id.as_str()).collect();
        println!(
            "No exercise of {krate} matches {:?} (its exercises: {}).",
            args.filters,
            ids.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs one exercise's check in a child process, bounded by its time limit.
fn in_child(e: &Exercise) -> Status {
    let limit = e.timeout.map_or(DEFAULT_TIMEOUT, Duration::from_secs);
    let mut command = match std::env::current_exe() {
        Ok(exe) => Command::new(exe),
        Err(err) => return Status::NotYet(format!("cannot find the checker itself: {err}")),
    };
    command.args(["--one", &e.id]);
    let run = match process::run(command, limit) {
        Ok(run) => run,
        Err(err) => return Status::NotYet(format!("cannot start the check: {err}")),
    };
    match (run.ending, run.stdout.rsplit_once(RETURNED)) {
        (Ending::TimedOut(_), _) => Status::NotYet(format!(
            "no answer within {} s: it may have deadlocked (threads waiting for each \
             other, or a wait that nothing wakes up), or it is far too slow",
            limit.as_secs()
        )),
        (Ending::Exited(0), Some((_, DONE))) => Status::Done,
        (_, Some((_, verdict))) => Status::NotYet(verdict.trim_end().to_string()),
        (ending, None) => {
            let mut saw = format!(
                "the check never returned: the process {ending} before it did \
                 (a std::process::exit, or a crash)"
            );
            let lines: Vec<&str> = run.stderr.lines().collect();
            for line in &lines[lines.len().saturating_sub(5)..] {
                saw = saw + "\n" + line;
            }
            Status::NotYet(saw)
        }
    }
}

/// The child's side: runs `check`, then says that it returned, and how.
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
        (Ok(Ok(())), _) => DONE.to_string(),
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
    print!("{RETURNED}{verdict}");
    if verdict == DONE {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
