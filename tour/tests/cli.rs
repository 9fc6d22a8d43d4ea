//! The tour as a learner meets it: errors and exit codes, closed pipes, a
//! real run over fixture topics, and a tour stopped while it runs one.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::testing::{ExampleRun, run_bounded, within};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The tour, in English, in a target dir of its own (so a fixture tour that
/// builds never waits on this test's build), with no input.
fn command(args: &[impl AsRef<OsStr>]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tour"));
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tour-fixture");
    command.args(args).env("CARGO_TARGET_DIR", target);
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    command
}

fn tour(args: &[impl AsRef<OsStr>]) -> ExampleRun {
    run_bounded(command(args), Duration::from_secs(900))
}

#[test]
fn what_cannot_be_done_is_exit_2_with_a_clear_message() {
    let ok_and_fail = fixture("ok_and_fail.toml");
    let huge = "a".repeat(100_000);
    let huge_option = format!("--{huge}");
    #[cfg(unix)]
    let not_utf8 = <std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(vec![0xff]);
    #[cfg(not(unix))]
    let not_utf8 = std::ffi::OsString::from("\u{FFFD}"); // (Windows arguments are UTF-16)
    let cases: [(&[&OsStr], &str); 8] = [
        (&["--bogus".as_ref()], "unexpected argument '--bogus'"),
        (
            &["--lang".as_ref(), "de".as_ref()],
            "invalid value 'de' for '--lang <LANG>'",
        ),
        (
            &["--topics".as_ref(), "/nonexistent/topics.toml".as_ref()],
            "cannot read /nonexistent/topics.toml",
        ),
        (
            &["--topics".as_ref(), ok_and_fail.as_ref(), "nope".as_ref()],
            "unknown topic \"nope\".\nValid sections: 9, 9.1, 9.2.\nValid topics: tour_fixture_fail, tour_fixture_ok.",
        ),
        (
            &["--topics".as_ref(), ok_and_fail.as_ref(), "".as_ref()],
            "unknown topic \"\".\n",
        ),
        (
            &["--topics".as_ref(), ok_and_fail.as_ref(), huge.as_ref()],
            " bytes)",
        ),
        (&[huge_option.as_ref()], " bytes)"),
        (
            &[&not_utf8],
            if cfg!(unix) {
                "invalid UTF-8"
            } else {
                "unknown topic"
            },
        ),
    ];
    for (args, needle) in cases {
        let run = tour(args);
        let shown = format!("{:.80?}", args);
        assert_eq!(run.status.code(), Some(2), "{shown}: {run:?}");
        assert!(
            run.stderr.contains(needle),
            "{shown}: no {needle:?} in {:.300}",
            run.stderr
        );
        assert!(
            run.stderr.len() < 2000 && !run.stderr.contains("panicked"),
            "{shown}"
        );
    }
}

#[test]
fn list_prints_the_selected_topics_in_the_asked_language() {
    let topics = fixture("ok_and_fail.toml");
    let run = tour(&["--topics", &topics, "--list"]);
    run.assert_success().assert_stdout_contains(&[
        "| 9.1     | A failing fixture | cargo run --release --example tour_fixture_fail |",
        "cargo run --release --example tour_fixture_ok",
    ]);
    let run = tour(&["--topics", &topics, "--list", "9.2"]);
    assert!(!run.stdout.contains("tour_fixture_fail"), "{}", run.stdout);
    let run = tour(&["--topics", &topics, "--lang", "ru", "--list"]);
    run.assert_stdout_contains(&["| 9.1     | Падающий пример", "| A passing fixture"]);
    let run = tour(&["--topics", &fixture("empty.toml")]);
    assert!(
        run.status.success() && run.stdout.starts_with("No topics yet"),
        "{run:?}"
    );
    assert!(
        tour(&["--help"])
            .stdout
            .contains("Usage: cargo run --release --")
    );
}

/// Runs the tour with stdout (and stderr, if asked) a pipe whose reader is
/// already gone, as with `| true`, or `2>&1 | head -1` once head has its line.
fn into_closed_pipe(args: &[&str], stderr_too: bool) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command = command(args);
    let stderr = if stderr_too {
        writer.try_clone().unwrap().into()
    } else {
        Stdio::piped()
    };
    command.stdin(Stdio::null()).stdout(writer).stderr(stderr);
    within(Duration::from_secs(600), move || {
        command.output().expect("run the tour")
    })
}

#[test]
fn a_closed_stdout_or_stderr_ends_the_tour_quietly() {
    let ok_and_fail = fixture("ok_and_fail.toml");
    let empty = fixture("empty.toml");
    for args in [
        &["--list"][..],
        &["--markdown"],
        &["--help"],
        &["--topics", &empty],
        // The tour itself stops at its first line, before building anything.
        &["--topics", &ok_and_fail],
    ] {
        let out = into_closed_pipe(args, false);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
    for args in [&["--bogus"][..], &["--topics", "/nonexistent/topics.toml"]] {
        assert_eq!(
            into_closed_pipe(args, true).status.code(),
            Some(2),
            "{args:?}"
        );
    }
}

/// Runs the tour for real over two fixture examples, built by the tour.
#[test]
fn a_failing_topic_is_reported_and_the_tour_goes_on() {
    let run = tour(&["--topics", &fixture("ok_and_fail.toml")]);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let out = &run.stdout;
    let fail = out.find("fixture fail is about to fail").expect(out);
    let ok = out.find("fixture ok says hello").expect(out);
    assert!(fail < ok, "notebook order kept:\n{out}");
    run.assert_stdout_contains(&[
        "9.1  A failing fixture   [1/2]",
        "    cargo run --release --example tour_fixture_fail\n",
        "FAILED: tour_fixture_fail: exited with code 3",
        "ok: tour_fixture_ok (",
        "Summary: 2 topic(s) run, 1 failed",
        "Building the examples (1/1: tour) ...",
    ]);
    // None of cargo's lines show, though the build ran.
    for stream in [&run.stdout, &run.stderr] {
        assert!(
            !stream.contains("Compiling"),
            "cargo's build lines leaked:\n{stream}"
        );
    }
}

#[test]
fn a_failed_build_shows_cargos_error_and_fails_the_topic() {
    let run = tour(&["--topics", &fixture("missing_example.toml")]);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    run.assert_stdout_contains(&[
        "FAILED: tour_fixture_missing: cargo build exited with code 101",
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
        "ОШИБКА: tour_fixture_fail: exited with code 3",
        "готово: tour_fixture_ok (",
        "Итог: тем запущено — 2, с ошибкой — 1, за ",
        "  с ошибкой: tour_fixture_fail",
    ];
    let topics = fixture("ok_and_fail.toml");
    tour(&["--topics", &topics, "--lang", "ru"]).assert_stdout_contains(&russian);
    let mut by_locale = command(&["--topics", &topics]);
    by_locale.env("LANG", "ru_RU.UTF-8");
    let by_locale = run_bounded(by_locale, Duration::from_secs(900));
    by_locale.assert_stdout_contains(&russian);
    // A topic without title_ru keeps its English title.
    by_locale.assert_stdout_contains(&["9.2  A passing fixture   [2/2]"]);
    let mut overruled = command(&["--topics", &topics, "--lang", "en"]);
    overruled.env("LANG", "ru_RU.UTF-8");
    run_bounded(overruled, Duration::from_secs(900))
        .assert_stdout_contains(&["Summary: 2 topic(s) run, 1 failed"]);
}

/// `command` as `nohup` (or a CI runner) starts it: with SIGHUP ignored,
/// which the program inherits.
#[cfg(target_os = "linux")]
fn under_nohup(command: &Command) -> Command {
    let mut nohup = Command::new("nohup");
    nohup.arg(command.get_program()).args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => nohup.env(key, value),
            None => nohup.env_remove(key),
        };
    }
    nohup
}

/// Stopping the tour, by any signal, stops the example it runs and the
/// example's worker process too (issue 19 §1.1), also when it was started
/// with SIGHUP ignored.
#[cfg(target_os = "linux")]
#[test]
fn a_stopped_tour_leaves_nothing_running() {
    use common::testing::is_running;
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    let signals = [
        Signal::SIGTERM,
        Signal::SIGINT,
        Signal::SIGHUP,
        Signal::SIGKILL,
    ];
    for (signal, nohup) in signals.iter().flat_map(|&s| [(s, false), (s, true)]) {
        let tour = command(&["--topics", &fixture("forks.toml")]);
        let mut tour = if nohup { under_nohup(&tour) } else { tour }
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
                    let pids: Vec<u32> = pids
                        .split_whitespace()
                        .map(|p| p.parse().unwrap())
                        .collect();
                    return (pids, lines);
                }
                line.clear();
            }
            panic!("the fixture never printed its pids");
        });
        kill(Pid::from_raw(tour.id() as i32), signal).unwrap();
        let status = within(Duration::from_secs(60), move || tour.wait().unwrap());
        if signal != Signal::SIGKILL {
            assert_eq!(
                status.code(),
                Some(130),
                "{signal} (nohup: {nohup}): {status}"
            );
        }
        // A bound, not a timing: the kill is immediate, the wait generous.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        for pid in pids {
            while is_running(pid) && std::time::Instant::now() < deadline {
                std::thread::yield_now();
            }
            assert!(!is_running(pid), "{signal}: {pid} outlived the tour");
        }
    }
}

#[test]
fn the_locale_decides_in_posix_order() {
    use tour::lang::Lang;
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(Lang::from_locale(env(&[("LANG", "ru_RU.UTF-8")])), Lang::Ru);
    assert_eq!(Lang::from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
    assert_eq!(Lang::from_locale(env(&[])), Lang::En);
    let all_wins = env(&[("LC_ALL", "C.UTF-8"), ("LANG", "ru_RU.UTF-8")]);
    assert_eq!(
        Lang::from_locale(all_wins),
        Lang::En,
        "LC_ALL overrides LANG"
    );
    let empty_all = env(&[("LC_ALL", ""), ("LC_MESSAGES", "ru_RU")]);
    assert_eq!(
        Lang::from_locale(empty_all),
        Lang::Ru,
        "an empty LC_ALL is unset"
    );
}
