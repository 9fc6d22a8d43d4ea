//! Every example runs to completion, bounded, at the lesson's own sizes (a
//! second or so each, even in the test profile), and prints what it
//! promises: the notebook's exact line where the notebook shows output, and
//! every claim line its page talks about (held or not: the run decides).
//! Each example needs `fork` but `rayon_squares`, which runs everywhere.

use common::testing::{ExampleRun, example};

/// The notebook's output of its `ProcessPoolExecutor` cell (section 4.1):
/// the squares of 0..100 as a Python list, `[0, 1, 4, ..., 9801]`.
fn notebook_squares() -> String {
    let squares: Vec<String> = (0..100u64).map(|x| (x * x).to_string()).collect();
    format!("[{}]", squares.join(", "))
}

#[cfg_attr(not(unix), allow(dead_code))] // the tables of forking examples
/// The cells of each data row of the Markdown table whose first column is
/// headed `first` (column widths vary with the values, so only that is matched).
fn table_rows<'a>(run: &'a ExampleRun, first: &str) -> Vec<Vec<&'a str>> {
    let cells = |row: &'a str| row.split('|').map(str::trim).filter(|c| !c.is_empty());
    let lines = run
        .stdout
        .lines()
        .skip_while(move |l| cells(l).next() != Some(first))
        .skip(2);
    let rows = lines.take_while(|l| l.starts_with('|'));
    rows.map(|row| cells(row).collect()).collect()
}

#[cfg_attr(not(unix), allow(dead_code))]
/// `(expected, got, lost)` from the line of `count_in_children` named `name`.
fn counts(run: &ExampleRun, name: &str) -> (u64, u64, u64) {
    let line = run.stdout.lines().find(|l| l.starts_with(name));
    let line = line.unwrap_or_else(|| panic!("no {name:?} line:\n{}", run.stdout));
    let number = |label: &str| -> u64 {
        let after = line.split(label).nth(1).unwrap_or_else(|| panic!("{line}"));
        after
            .trim_start()
            .split([',', ' '])
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    (number("expected"), number("got"), number("lost"))
}

/// The claim lines of a run, by their text (before the verdict).
fn claims(run: &ExampleRun) -> Vec<&str> {
    let lines = run.stdout.lines().filter_map(|l| l.strip_prefix("Claim: "));
    lines.map(|l| l.split(" -- ").next().unwrap()).collect()
}

#[cfg(unix)]
#[test]
fn process_basics() {
    let run = example("process_basics");
    run.assert_stdout_contains(&[
        "Command status:  exit status: 3",
        "counter = 110 in the child, which exited with code 110",
        "counter = 10 after the child ended",
        "| panics     | exited with code 101  |",
        "| aborts     | killed by SIGABRT     |",
    ]);
    // The child's panic message stays out of the parent's output.
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn process_pool_prints_the_notebooks_list_first() {
    let run = example("process_pool");
    assert_eq!(run.stdout.lines().next(), Some(notebook_squares().as_str()));
    run.assert_stdout_contains(&["the minimal pool, 2 workers: the same 100 squares, 0 to 9801"]);
    assert_eq!(claims(&run), ["every worker takes some of the jobs"]);
    // The timeline: the pool's start, the map, and a row per worker.
    run.assert_stdout_contains(&["s = start the pool, m = map, q = square"]);
    // One row per worker, idle ones included, and 100 jobs in all.
    let rows = table_rows(&run, "worker pid");
    let workers = std::thread::available_parallelism().unwrap().get();
    assert_eq!(rows.len(), workers, "{}", run.stdout);
    let jobs: usize = rows
        .iter()
        .map(|row| row[1].parse::<usize>().unwrap())
        .sum();
    assert_eq!(jobs, 100, "{}", run.stdout);
    for row in rows {
        run.assert_stdout_contains(&[&format!("  worker {} |", row[0])]);
    }
}

#[test]
fn rayon_squares_prints_the_notebooks_list_first() {
    let run = example("rayon_squares");
    assert_eq!(run.stdout.lines().next(), Some(notebook_squares().as_str()));
    run.assert_stdout_contains(&["this pool: 2 threads"]);
    let rows = table_rows(&run, "rayon thread");
    let items: usize = rows
        .iter()
        .map(|row| row[1].parse::<usize>().unwrap())
        .sum();
    assert_eq!((rows.len(), items), (2, 100), "{}", run.stdout);
    assert_eq!(claims(&run), ["both threads take some of the items"]);
}

#[cfg(unix)]
#[test]
fn pool_round_trip() {
    let run = example("pool_round_trip");
    let hops: Vec<&str> = table_rows(&run, "hop").iter().map(|row| row[0]).collect();
    assert_eq!(hops, ["submit", "there", "back", "whole"], "{}", run.stdout);
    assert_eq!(
        claims(&run),
        ["the four wake-ups, measured alone, add up to most of a round trip"]
    );
}

#[cfg(unix)]
#[test]
fn cpu_bound_speedup() {
    let run = example("cpu_bound_speedup");
    run.assert_stdout_contains(&["sum of i*i for i in 0..50000000, in 16 jobs"]);
    let ways: Vec<&str> = table_rows(&run, "way").iter().map(|row| row[0]).collect();
    for way in ["sequential", "std threads", "rayon", "process pool"] {
        assert!(ways.contains(&way), "no {way} row:\n{}", run.stdout);
    }
    assert_eq!(claims(&run).len(), 4, "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn pool_cost_per_job() {
    let run = example("pool_cost_per_job");
    let jobs: Vec<&str> = table_rows(&run, "jobs").iter().map(|row| row[0]).collect();
    assert_eq!(jobs, ["8", "1000", "10000"], "{}", run.stdout);
    assert_eq!(
        claims(&run),
        ["the smaller the jobs, the more the pool's round trips cost"]
    );
}

#[cfg(unix)]
#[test]
fn pipes() {
    let run = example("pipes");
    run.assert_stdout_contains(&[
        "Pipe: squares from the child: [9, 16, 25]",
        "Pipe: one message of 300 KiB arrived whole",
        "Pipe: child exited with code 0",
    ]);
}

#[cfg(unix)]
#[test]
fn three_producers() {
    example("three_producers").assert_stdout_contains(&["Queue: 15 messages"]);
}

#[cfg(unix)]
#[test]
fn shared_memory() {
    example("shared_memory").assert_stdout_contains(&[
        "plain variable after a child's += 1: 0",
        "SharedValue after a child's fetch_add(1): 1",
    ]);
}

#[cfg(unix)]
#[test]
fn value_lost_updates() {
    let run = example("value_lost_updates");
    run.assert_stdout_contains(&["4 processes x 10000000: expected 40000000"]);
    assert_eq!(
        counts(&run, "fetch_add (atomic)"),
        (40_000_000, 40_000_000, 0)
    );
    let (expected, got, lost) = counts(&run, "load + store (racy)");
    assert!(expected == 40_000_000 && got <= expected && lost == expected - got);
    // The claim says whether this run lost any.
    let verdict = format!(
        "loses updates -- {}",
        if lost > 0 { "holds" } else { "does not hold" }
    );
    run.assert_stdout_contains(&[&verdict]);
}

/// On Windows, every example that forks says so in one line and exits 0.
#[cfg(not(unix))]
#[test]
fn forking_examples_say_they_need_fork() {
    for name in [
        "process_basics",
        "pipes",
        "three_producers",
        "shared_memory",
        "value_lost_updates",
        "process_pool",
        "pool_round_trip",
        "cpu_bound_speedup",
        "pool_cost_per_job",
    ] {
        let run = example(name);
        assert!(
            run.stdout
                .starts_with("Not on Windows: this topic needs fork(2)"),
            "{name}: {}",
            run.stdout
        );
    }
}
