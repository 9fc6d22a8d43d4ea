//! The tour as a learner meets it: arguments, errors, exit codes, and a real
//! run over fixture topics.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use common::testing::{ExampleRun, run_bounded, within};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn tour(args: &[impl AsRef<OsStr>]) -> ExampleRun {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tour"));
    command.args(args);
    english_locale(&mut command);
    run_bounded(command, Duration::from_secs(600))
}

#[test]
fn empty_manifest_says_so_and_succeeds() {
    let topics = fixture("empty.toml");
    let run = tour(&["--topics", topics.to_str().unwrap()]);
    assert!(run.status.success(), "{run:?}");
    assert!(run.stdout.starts_with("No topics yet"), "{}", run.stdout);
    let run = tour(&["--topics", topics.to_str().unwrap(), "--list"]);
    assert!(run.status.success());
    assert!(run.stdout.starts_with("No topics yet"));
}

#[test]
fn list_prints_every_topic_with_its_command() {
    let topics = fixture("ok_and_fail.toml");
    let run = tour(&["--topics", topics.to_str().unwrap(), "--list"]);
    assert!(run.status.success(), "{run:?}");
    run.assert_stdout_contains(&[
        "| 9.1     | A failing fixture | cargo run --release --example tour_fixture_fail |",
        "cargo run --release --example tour_fixture_ok",
    ]);
    // --list with a selector lists only the selection.
    let run = tour(&["--topics", topics.to_str().unwrap(), "--list", "9.2"]);
    assert!(!run.stdout.contains("tour_fixture_fail"), "{}", run.stdout);
}

#[test]
fn unknown_topic_is_exit_2_with_the_valid_ones() {
    let topics = fixture("ok_and_fail.toml");
    let run = tour(&["--topics", topics.to_str().unwrap(), "no_such_topic"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        run.stderr.contains("unknown topic \"no_such_topic\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Valid sections: 9, 9.1, 9.2."),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("tour_fixture_fail, tour_fixture_ok"));
}

#[test]
fn bad_options_and_files_are_exit_2() {
    assert_eq!(tour(&["--bogus"]).status.code(), Some(2));
    assert_eq!(tour(&["--topics"]).status.code(), Some(2));
    let run = tour(&["--topics", "/nonexistent/topics.toml"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(run.stderr.contains("cannot read /nonexistent/topics.toml"));
    assert!(tour(&["--help"]).stdout.starts_with("usage:"));
}

#[test]
fn real_manifest_lists_and_rejects_unknown() {
    let run = tour(&["--list"]);
    assert!(run.status.success(), "{run:?}");
    assert_eq!(tour(&["surely_not_a_topic"]).status.code(), Some(2));
}

/// `\xff` alone is no UTF-8: an argument a shell can pass, and Rust's
/// `std::env::args()` panics on.
fn not_utf8(prefix: &str) -> OsString {
    let mut bytes = prefix.as_bytes().to_vec();
    bytes.push(0xff);
    OsString::from_vec(bytes)
}

#[test]
fn a_non_utf8_argument_is_exit_2_with_a_message() {
    let run = tour(&[not_utf8("")]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(r#"error: argument "\xFF" is not valid UTF-8"#),
        "{}",
        run.stderr
    );
    // As a file name it is fine: the file just is not there.
    let run = tour(&[OsStr::new("--topics"), &not_utf8("/nonexistent/")]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert!(
        run.stderr.contains("cannot read /nonexistent/\u{FFFD}"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_empty_selector_is_shown_quoted() {
    let topics = fixture("ok_and_fail.toml");
    let run = tour(&["--topics", topics.to_str().unwrap(), ""]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        run.stderr.contains("unknown topic \"\".\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_huge_argument_is_shortened_in_the_error() {
    let topics = fixture("ok_and_fail.toml");
    let huge = "a".repeat(100_000);
    let option = format!("--{huge}");
    for arg in [&huge, &option] {
        let run = tour(&["--topics", topics.to_str().unwrap(), arg]);
        assert_eq!(run.status.code(), Some(2));
        assert!(
            run.stderr.len() < 2000,
            "{} bytes: {:.300}",
            run.stderr.len(),
            run.stderr
        );
        assert!(run.stderr.contains("bytes)"), "{}", run.stderr);
    }
}

/// Runs the tour with its stdout a pipe whose reader is already gone, as
/// with `| true` or `| head -1` once head has read its line.
fn tour_into_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command = Command::new(env!("CARGO_BIN_EXE_tour"));
    command
        .args(args)
        // Should it ever get as far as building, not in this test's target dir.
        .env(
            "CARGO_TARGET_DIR",
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tour-fixture"),
        )
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped());
    within(Duration::from_secs(600), move || {
        command.output().expect("run the tour")
    })
}

#[test]
fn a_closed_stdout_ends_the_tour_quietly() {
    let ok_and_fail = fixture("ok_and_fail.toml");
    let empty = fixture("empty.toml");
    let (ok_and_fail, empty) = (ok_and_fail.to_str().unwrap(), empty.to_str().unwrap());
    for args in [
        &["--list"][..],
        &["--markdown"],
        &["--help"],
        &["--topics", empty],
        // The tour itself stops at its first line, before building anything.
        &["--topics", ok_and_fail],
    ] {
        let out = tour_into_closed_pipe(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
}

/// Runs the tour for real over two fixture examples (built by the tour with
/// cargo, in a target dir of its own so it never waits on this test's build).
#[test]
fn a_failing_topic_is_reported_and_the_tour_goes_on() {
    let run = fixture_tour("ok_and_fail.toml");
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let out = &run.stdout;
    let fail = out.find("fixture fail is about to fail").expect(out);
    let ok = out.find("fixture ok says hello").expect(out);
    assert!(fail < ok, "notebook order kept:\n{out}");
    run.assert_stdout_contains(&[
        "9.1  A failing fixture   [1/2]",
        "    cargo run --release --example tour_fixture_fail\n",
        "FAILED: tour_fixture_fail: exited with exit status: 3",
        "ok: tour_fixture_ok (",
        "Summary: 2 topic(s) run, 1 failed",
        "Building the examples (1/1: tour) ...",
    ]);
    // The build ran in a fresh target dir, yet none of cargo's lines show.
    for stream in [&run.stdout, &run.stderr] {
        assert!(
            !stream.contains("Compiling"),
            "cargo's build lines leaked:\n{stream}"
        );
    }
}

#[test]
fn a_failed_build_shows_cargos_error_and_fails_the_topic() {
    let run = fixture_tour("missing_example.toml");
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    run.assert_stdout_contains(&[
        "FAILED: tour_fixture_missing: cargo build failed",
        "Summary: 1 topic(s) run, 1 failed",
    ]);
    assert!(
        run.stderr.contains("tour_fixture_missing"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_headers_and_the_summary_speak_russian_when_asked_or_by_the_locale() {
    let russian = [
        "Обзор курса: тем — 2, в порядке ноутбука.",
        "Сборка примеров (1/1: tour) ...",
        "9.1  Падающий пример   [1/2]",
        "ОШИБКА: tour_fixture_fail: exited with exit status: 3",
        "готово: tour_fixture_ok (",
        "Итог: тем запущено — 2, с ошибкой — 1, за ",
        "  с ошибкой: tour_fixture_fail",
    ];
    let asked = fixture_tour_with("ok_and_fail.toml", &["--lang", "ru"], &[]);
    asked.assert_stdout_contains(&russian);
    let by_locale = fixture_tour_with("ok_and_fail.toml", &[], &[("LANG", "ru_RU.UTF-8")]);
    by_locale.assert_stdout_contains(&russian);
    assert!(
        by_locale.stdout.contains("9.2  A passing fixture   [2/2]"),
        "a topic without title_ru keeps its English title:\n{}",
        by_locale.stdout
    );
    let overruled = fixture_tour_with(
        "ok_and_fail.toml",
        &["--lang", "en"],
        &[("LANG", "ru_RU.UTF-8")],
    );
    overruled.assert_stdout_contains(&["Summary: 2 topic(s) run, 1 failed"]);
    let run = tour(&["--lang", "de"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        run.stderr
            .contains("--lang \"de\": the tour speaks en or ru"),
        "{}",
        run.stderr
    );
    assert_eq!(tour(&["--lang"]).status.code(), Some(2));
}

/// The tour over a fixture manifest, with the examples built by a real
/// cargo in a target dir of its own, so it never waits on this test's build.
fn fixture_tour(name: &str) -> ExampleRun {
    fixture_tour_with(name, &[], &[])
}

fn fixture_tour_with(name: &str, args: &[&str], envs: &[(&str, &str)]) -> ExampleRun {
    let topics = fixture(name);
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tour-fixture");
    let mut command = Command::new(env!("CARGO_BIN_EXE_tour"));
    command
        .args(["--topics", topics.to_str().unwrap()])
        .args(args)
        .env("CARGO_TARGET_DIR", &target);
    english_locale(&mut command);
    command.envs(envs.iter().copied());
    run_bounded(command, Duration::from_secs(900))
}

/// The tour speaks the locale's language: these tests expect English
/// unless they ask otherwise, on any learner's machine.
fn english_locale(command: &mut Command) {
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
}

#[test]
fn a_closed_stderr_is_no_panic() {
    for args in [&["--bogus"][..], &["--topics", "/nonexistent/topics.toml"]] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let status = Command::new(env!("CARGO_BIN_EXE_tour"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(writer.try_clone().unwrap())
            .stderr(writer)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn list_speaks_russian_when_asked() {
    let topics = fixture("ok_and_fail.toml");
    let run = tour(&["--topics", topics.to_str().unwrap(), "--lang", "ru", "--list"]);
    run.assert_success()
        .assert_stdout_contains(&["| 9.1     | Падающий пример", "| A passing fixture"]);
}

/// Stopping the tour, by any signal, stops the example it runs and the
/// example's worker process too.
#[cfg(target_os = "linux")]
#[test]
fn a_stopped_tour_leaves_nothing_running() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    for signal in [Signal::SIGTERM, Signal::SIGINT, Signal::SIGHUP, Signal::SIGKILL] {
        let topics = fixture("forks.toml");
        let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tour-fixture");
        let mut tour = Command::new(env!("CARGO_BIN_EXE_tour"))
            .args(["--topics", topics.to_str().unwrap()])
            .env("CARGO_TARGET_DIR", &target)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = tour.stdout.take().unwrap();
        // The pids, and the pipe kept open until the end of the test.
        let (pids, _pipe) = within(Duration::from_secs(900), move || {
            let mut lines = std::io::BufReader::new(stdout);
            let mut line = String::new();
            while std::io::BufRead::read_line(&mut lines, &mut line).unwrap() > 0 {
                if let Some(pids) = line.strip_prefix("pids ") {
                    let pids: Vec<u32> = pids.split_whitespace().map(|p| p.parse().unwrap()).collect();
                    return (pids, lines);
                }
                line.clear();
            }
            panic!("the fixture never printed its pids");
        });
        kill(Pid::from_raw(tour.id() as i32), signal).unwrap();
        within(Duration::from_secs(60), move || tour.wait()).unwrap();
        for pid in pids {
            within(Duration::from_secs(60), move || {
                while running(pid) {
                    std::thread::yield_now();
                }
            });
            assert!(!running(pid), "{signal}: {pid} outlived the tour");
        }
    }
}

/// Whether `pid` runs (a zombie does not).
#[cfg(target_os = "linux")]
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| common::testing::parse_stat(&stat).map(|(state, _)| state != 'Z'))
        .unwrap_or(false)
}
