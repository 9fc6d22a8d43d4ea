//! `cargo run --release -- --compare`: the order of the paired runs, the
//! table's shape, the JSON it writes, the path without Python, and bad
//! arguments. Nothing here asserts a speed: only what ran, in what order,
//! and what was written. Unix only, as `--compare` is (it forks a process pool).

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::testing::{ExampleRun, is_running, run_bounded};
use tour::measured::{Document, Kind, Stop};

// The pairing is plain `std` code: tested here directly, with runners that record.
#[allow(dead_code)]
#[path = "../src/compare/pairing.rs"]
mod pairing;

use pairing::{Side, ratios, run_paired, spread};

fn tour(args: &[&str], env: &[(&str, &str)]) -> ExampleRun {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tour"));
    command.args(args).env_remove("COURSE_PYTHON");
    for (key, value) in env {
        command.env(key, value);
    }
    run_bounded(command, Duration::from_secs(120))
}

/// `--compare --quick cell/lock --json <out>` with `env`.
fn compare_lock(out: &Path, env: &[(&str, &str)]) -> ExampleRun {
    let args = [
        "--compare",
        "--quick",
        "cell/lock",
        "--json",
        out.to_str().unwrap(),
    ];
    tour(&args, env)
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("compare-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A stand-in interpreter: describes itself as CPython 3.12.0 (its path,
/// version and GIL, one a line), logs every other call's arguments to
/// `calls.log` beside it, and prints `counter_line`, so the lock cell's check
/// sees (or misses) what it wants.
fn fake_python(dir: &Path, counter_line: &str) -> PathBuf {
    let path = dir.join("python3");
    let log = dir.join("calls.log");
    let script = format!(
        "#!/bin/sh\ncase \"$1\" in\n  -c) printf '%s\\n3.12.0\\nFalse\\nTrue\\n' \"$0\" ;;\n  \
         *) echo \"$*\" >> '{}'; echo '{counter_line}' ;;\nesac\n",
        log.display()
    );
    executable(&path, &script);
    path
}

fn executable(path: &Path, script: &str) {
    std::fs::write(path, script).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// The `--json` file, read back through the schema and checked.
fn json(path: &Path) -> Document {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: Document = serde_json::from_str(&text).unwrap();
    doc.check(Kind::Compare).unwrap();
    doc
}

#[test]
fn runs_happen_in_schedule_order_and_warm_ups_are_dropped() {
    let log = std::cell::RefCell::new(Vec::new());
    let (mut p, mut r) = (0, 0);
    let mut python = || -> Result<u32, String> {
        p += 1;
        log.borrow_mut().push(format!("P{p}"));
        Ok(p)
    };
    let mut rust = || -> Result<u32, String> {
        r += 1;
        log.borrow_mut().push(format!("R{r}"));
        Ok(r)
    };
    let paired = run_paired(1, 3, Some(&mut python), &mut rust);
    assert_eq!(
        log.into_inner(),
        ["P1", "R1", "P2", "R2", "P3", "R3", "P4", "R4"]
    );
    assert_eq!((paired.python, paired.rust), (vec![2, 3, 4], vec![2, 3, 4]));
    let shown: Vec<String> = (paired.order.iter())
        .map(|s| format!("{:?}{}", s.side, if s.warmup { "*" } else { "" }))
        .collect();
    assert_eq!(shown[..4], ["Python*", "Rust*", "Python", "Rust"]); // `*`: a warm-up
    let mut rust_alone = || -> Result<u32, String> { Ok(1) };
    let alone = run_paired(0, 2, None, &mut rust_alone);
    assert!(
        alone
            .order
            .iter()
            .all(|s| s.side == Side::Rust && !s.warmup)
    );
}

#[test]
fn a_side_that_fails_stops_and_the_other_goes_on() {
    let mut calls = 0;
    let mut python = || -> Result<f64, String> {
        calls += 1;
        if calls == 3 {
            Err("broke".into())
        } else {
            Ok(2.0)
        }
    };
    let mut rust = || -> Result<f64, String> { Ok(1.0) };
    let paired = run_paired(1, 4, Some(&mut python), &mut rust);
    assert_eq!(paired.python, [2.0]); // warm-up, one kept run, then the failure
    assert_eq!(paired.rust.len(), 4);
    assert_eq!(paired.python_stopped.as_deref(), Some("broke"));
    assert_eq!(ratios(&paired.python, &paired.rust), [2.0]); // complete pairs only
    let s = spread(&[3.0, 1.0, 2.0, 10.0]).unwrap();
    assert_eq!((s.median, s.min, s.max), (2.5, 1.0, 10.0));
    assert!(spread(&[]).is_none());
}

#[test]
fn the_table_and_the_json_show_paired_runs_of_both_sides() {
    let dir = scratch("fake");
    let python = fake_python(&dir, "shared_counter = 1000");
    let out = dir.join("out.json");
    let run = compare_lock(&out, &[("COURSE_PYTHON", python.to_str().unwrap())]);
    run.assert_success()
        .assert_stdout_contains(&["Python 3.12.0"]);
    // One table: a title, a header, a rule, and one row of four cells.
    let lines: Vec<&str> = run.stdout.lines().collect();
    let title = lines
        .iter()
        .position(|l| *l == "The notebook's cells, each a whole process");
    let title = title.unwrap_or_else(|| panic!("no table title in\n{}", run.stdout));
    let cells = |line: &str| -> Vec<String> {
        let inner = line.trim().trim_matches('|');
        inner.split('|').map(|c| c.trim().to_string()).collect()
    };
    assert_eq!(
        cells(lines[title + 1]),
        ["measured", "Python", "Rust", "Python ÷ Rust"]
    );
    assert!(lines[title + 2].starts_with("|---"), "{}", lines[title + 2]);
    let row = cells(lines[title + 3]);
    assert_eq!(row[0], "3.1 Lock: 1000 threads, one counter");
    for (cell, what) in row[1..].iter().zip(["Python", "Rust", "ratio"]) {
        // `1.74 ms (1.61 ms–1.87 ms)`, `0.03x (0.02–0.03)`: a median and a range.
        assert!(
            cell.contains(" (") && cell.contains('–'),
            "{what} cell {cell:?}"
        );
    }
    // The fake ran once per Python run: a warm-up and two measured rounds.
    let calls = std::fs::read_to_string(dir.join("calls.log")).unwrap();
    assert_eq!(
        calls.lines().collect::<Vec<_>>(),
        ["sync-primitives/python/lock_counter.py"; 3]
    );
    let doc = json(&out);
    let python = doc.machine.python.as_ref().expect("the interpreter");
    assert_eq!((python.version.as_str(), python.gil), ("3.12.0", true));
    assert!(doc.machine.others_busy.is_some());
    let row = &doc.rows[0];
    assert_eq!(row.id(), "cell/lock");
    let order: Vec<String> = row
        .order
        .iter()
        .map(|s| format!("{:?}{}", s.side, if s.warmup { "*" } else { "" }))
        .collect();
    assert_eq!(
        order,
        ["Python*", "Rust*", "Python", "Rust", "Python", "Rust"]
    );
    for side in [&row.python, &row.rust] {
        assert_eq!(side.samples.len(), 2, "{side:?}");
        assert!(side.time.is_some());
    }
    assert!(row.ratio.is_some());
}

#[test]
fn a_wrong_python_result_fails_the_row() {
    let dir = scratch("wrong");
    let python = fake_python(&dir, "shared_counter = 999");
    let out = dir.join("out.json");
    let run = compare_lock(&out, &[("COURSE_PYTHON", python.to_str().unwrap())]);
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    run.assert_stdout_contains(&["FAILED", "lacks \"shared_counter = 1000\""]);
    let row = &json(&out).rows[0];
    let failed = matches!(&row.python.stop, Some(Stop::Failed { why }) if why.contains("lacks"));
    assert!(failed, "{row:?}");
    assert!(row.ratio.is_none());
}

#[test]
fn without_python_the_rust_side_runs_alone_and_says_why() {
    let dir = scratch("no-python");
    let out = dir.join("out.json");
    // Named by COURSE_PYTHON but absent, then simply not on PATH.
    let missing = dir.join("no/python3");
    let empty_path = dir.to_str().unwrap();
    for env in [
        ("COURSE_PYTHON", missing.to_str().unwrap()),
        ("PATH", empty_path),
    ] {
        let run = compare_lock(&out, &[env]);
        run.assert_success().assert_stdout_contains(&[
            "not found (set COURSE_PYTHON to an interpreter): showing the Rust side alone.",
            "| 3.1 Lock: 1000 threads, one counter |",
        ]);
        let doc = json(&out);
        assert!(doc.machine.python.is_none());
        let row = &doc.rows[0];
        let absent =
            matches!(&row.python.stop, Some(Stop::NoPython { why }) if why.contains("not found"));
        assert!(absent, "{row:?}");
        assert_eq!(row.rust.samples.len(), 2);
        assert_eq!(row.order.len(), 3); // Rust: warm-up and two runs
    }
}

#[test]
fn an_empty_a_hanging_or_a_wrong_interpreter_is_named_and_left_out() {
    let dir = scratch("odd-python");
    let out = dir.join("out.json");
    let hanging = dir.join("hanging");
    executable(&hanging, "#!/bin/sh\nexec sleep 600\n");
    let wrong = dir.join("wrong");
    executable(&wrong, "#!/bin/sh\necho 'Python 2.7.18'\n");
    let cases = [
        (
            "",
            "COURSE_PYTHON is set but empty (set COURSE_PYTHON".to_string(),
        ),
        (
            hanging.to_str().unwrap(),
            format!(
                "{} cannot describe itself: no answer within 10s",
                hanging.display()
            ),
        ),
        (
            wrong.to_str().unwrap(),
            format!("{} is not a Python 3 interpreter", wrong.display()),
        ),
    ];
    for (value, says) in cases {
        let run = compare_lock(&out, &[("COURSE_PYTHON", value)]);
        run.assert_success()
            .assert_stdout_contains(&[&says, "showing the Rust side alone."]);
        assert!(json(&out).machine.python.is_none());
    }
}

#[test]
fn bad_arguments_are_exit_2_before_anything_runs() {
    let dir = scratch("bad");
    let cases: [(&[&str], &str); 7] = [
        (
            &["--compare", "--json"],
            "a value is required for '--json <FILE>'",
        ),
        (
            &["--compare", "--json", "--quick"],
            "a value is required for '--json <FILE>'",
        ),
        (
            &["--compare", "--json", "/no/such/dir/out.json"],
            "cannot write the --json file",
        ),
        (
            &["--compare", "--json", dir.to_str().unwrap()],
            "cannot write the --json file",
        ),
        (
            &["--quick"],
            "the following required arguments were not provided:\n  --compare",
        ),
        (&["--compare", "--runs", "0"], "0 is not in 1..=100"),
        (
            &["--compare", "no-such-row"],
            "no comparison \"no-such-row\". Rows: cell/gil",
        ),
    ];
    for (args, message) in cases {
        let run = tour(args, &[]);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {run:?}");
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert!(
            !run.stdout.contains("measured"),
            "{args:?} measured something: {}",
            run.stdout
        );
    }
    assert!(!Path::new("/no/such/dir/out.json").exists());
}

#[test]
fn stopping_compare_stops_the_python_it_measures() {
    use nix::sys::signal::{Signal, kill, killpg};
    use nix::unistd::Pid;
    use std::os::unix::process::CommandExt;
    for (name, group) in [("ctrl-c", true), ("sigterm", false)] {
        let dir = scratch(&format!("stop-{name}"));
        let pid_file = dir.join("python.pid");
        let python = dir.join("python3");
        let script = format!(
            "#!/bin/sh\ncase \"$1\" in\n  -c) printf '%s\\n3.12.0\\nFalse\\nTrue\\n' \"$0\" ;;\n  \
             *) echo $$ > '{}'; exec sleep 300 ;;\nesac\n",
            pid_file.display()
        );
        executable(&python, &script);
        // As a terminal runs it: in a process group of its own, which Ctrl-C signals whole.
        let mut tour = Command::new(env!("CARGO_BIN_EXE_tour"))
            .args(["--compare", "--quick", "cell/lock"])
            .env("COURSE_PYTHON", &python)
            .stdout(std::process::Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        let measured = loop {
            let text = std::fs::read_to_string(&pid_file).unwrap_or_default();
            if let Ok(pid) = text.trim().parse::<i32>() {
                break pid;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{name}: Python never ran"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        let me = Pid::from_raw(tour.id() as i32);
        if group {
            killpg(me, Signal::SIGINT).unwrap();
        } else {
            kill(me, Signal::SIGTERM).unwrap();
        }
        let status = common::testing::wait_or_kill(&mut tour, Duration::from_secs(30));
        assert!(
            status.is_some_and(|s| !s.success()),
            "{name}: the tour went on"
        );
        let gone = std::time::Instant::now();
        while is_running(measured as u32) && gone.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let orphan = is_running(measured as u32);
        if orphan {
            let _ = kill(Pid::from_raw(measured), Signal::SIGKILL);
        }
        assert!(
            !orphan,
            "{name}: the measured Python (pid {measured}) outlived the tour"
        );
    }
}
