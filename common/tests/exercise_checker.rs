//! The exercise checker, tested on exercises of its own
//! (`tests/fixtures/checker/exercises.toml`): one that passes, one whose
//! check fails, a `todo!()`, a deadlock, a panicking worker thread, a
//! solution that ends the process before its check returns, and one that
//! leaves a process running after it.
//!
//! This test is its own checker (`harness = false`). Run by `cargo test`, it
//! starts itself as a learner would run a checker, and checks what that
//! printed; with the checker's arguments it is that checker.

use std::process::{Command, ExitCode};
use std::sync::mpsc;
use std::time::Duration;

use common::exercises::checker::{self, Check};

const CHECKS: [(&str, Check); 7] = [
    ("passes", || Ok(())),
    ("fails", || {
        Err("3 workers were inside at once; a Semaphore(2) allows 2".into())
    }),
    ("unfinished", || todo!("unfinished: see EXERCISES.md")),
    ("hangs", hangs),
    ("thread_panic", thread_panic),
    ("exits_early", || std::process::exit(0)),
    ("leaves_a_sleeper", leaves_a_sleeper),
];

fn hangs() -> Result<(), String> {
    let (_keep, never) = mpsc::channel::<()>();
    never.recv().map_err(|e| e.to_string())
}

fn thread_panic() -> Result<(), String> {
    std::thread::spawn(|| panic!("boom"))
        .join()
        .map_err(|_| "the worker's join() gave Err".to_string())
}

/// Starts a sleeper that keeps the check's stdout and stderr open, and returns.
fn leaves_a_sleeper() -> Result<(), String> {
    let sleeper = Command::new("sleep").arg("1000").spawn();
    sleeper
        .map(drop)
        .map_err(|e| format!("cannot start sleep: {e}"))
}

const AS_CHECKER: &str = "EXERCISE_CHECKER_FIXTURE";

fn main() -> ExitCode {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/checker/demo");
    if std::env::var_os(AS_CHECKER).is_some() || std::env::args().any(|a| a == "--one") {
        return checker::main(dir, &CHECKS);
    }
    // Started by `cargo test`: every check below panics on failure.
    let status = run(&["--status"]);
    assert!(
        status.0.success(),
        "--status exits 0 whatever the exercises' state"
    );
    assert_eq!(
        status.1,
        "passes done\nfails not yet\nunfinished not yet\nhangs not yet\nthread_panic not yet\n\
         exits_early not yet\nleaves_a_sleeper done\n"
    );

    let (code, report, _) = run(&[]);
    assert_eq!(
        code.code(),
        Some(1),
        "not all done: the checker fails, as a test would"
    );
    for needle in [
        "done      1. passes",
        "not yet   2. fails",
        "not yet   5. thread_panic",
        "Next: fails (fix): A check that fails",
        "Edit demo/src/lib.rs (fails), the lines marked TODO.",
        "3 workers were inside at once; a Semaphore(2) allows 2",
        "Hint 1 of 2: The first hint of fails.",
        "The next hint: cargo test --test exercises -- fails --hint 2",
        "2 of 7 done.",
    ] {
        assert!(report.contains(needle), "no {needle:?} in:\n{report}");
    }

    let one = |id: &str, needle: &str| {
        let (code, report, _) = run(&[id, "--hint", "2"]);
        assert_eq!(code.code(), Some(1));
        assert!(report.contains(needle), "{id}: no {needle:?} in:\n{report}");
        assert!(
            report.contains("Hint 2 of 2"),
            "{id}: --hint 2 shows the second hint:\n{report}"
        );
        assert!(report.contains("That was the last hint"), "{report}");
    };
    one(
        "unfinished",
        "still a todo!(): unfinished: see EXERCISES.md at ",
    );
    one("hangs", "no answer within 1 s: it may have deadlocked");
    one("thread_panic", "(a thread panicked: boom at ");

    let (code, report, _) = run(&["exits_early"]);
    assert_eq!(code.code(), Some(1), "an early exit is no pass");
    assert!(
        report.contains("the check never returned: the process exited with code 0 before it did"),
        "{report}"
    );

    let (code, report, _) = run(&["passes"]);
    assert!(code.success(), "one exercise, done: exit 0");
    assert!(report.contains("All 1 done."), "{report}");

    let (code, report, _) = run(&["no_such"]);
    assert!(
        code.success(),
        "a filter that matches nothing is no failure (cargo test <name>)"
    );
    assert!(report.contains("No exercise of demo matches"), "{report}");

    let (code, _, stderr) = run(&["exits_eraly"]);
    assert_eq!(code.code(), Some(2), "a misspelled id is an error");
    assert!(
        stderr.contains("no exercise of demo is called \"exits_eraly\"; did you mean exits_early?"),
        "{stderr}"
    );

    let (code, _, stderr) = run(&["--frobnicate"]);
    assert_eq!(code.code(), Some(2));
    assert!(
        stderr.contains("unexpected argument '--frobnicate'"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["--hint", "0"]);
    assert_eq!(code.code(), Some(2));
    assert!(
        stderr.contains("invalid value '0' for '--hint <N>'"),
        "{stderr}"
    );
    // libtest's flags, which `cargo test -- <flags>` passes to every test binary.
    let (code, report, _) = run(&["--nocapture", "--test-threads", "1", "-q", "passes"]);
    assert!(code.success() && report.contains("All 1 done."), "{report}");
    let (_, report, _) = run(&["--list", "--skip", "a", "--color=never"]);
    assert_eq!(report, "unfinished: test\n", "--list, --skip");
    let (_, report, _) = run(&["--exact", "thread"]);
    assert!(
        report.contains("No exercise of demo matches"),
        "--exact: {report}"
    );
    let (code, report, _) = run(&["--ignored"]);
    assert!(
        code.success() && report.is_empty(),
        "no exercise is ignored: {report}"
    );
    println!("the exercise checker: all its cases behave");
    ExitCode::SUCCESS
}

fn run(args: &[&str]) -> (std::process::ExitStatus, String, String) {
    let exe = std::env::current_exe().expect("the test binary");
    let mut command = Command::new(exe);
    command.args(args).env(AS_CHECKER, "1");
    let run = common::testing::run_bounded(command, Duration::from_secs(60));
    (run.status, run.stdout, run.stderr)
}
