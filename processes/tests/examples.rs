//! Every example runs to completion (in quick mode, bounded) and prints what
//! it promises: the notebook's exact line where the notebook shows output.

use common::testing::{ExampleRun, example};

/// The notebook's output of its `ProcessPoolExecutor` cell (section 4.1):
/// the squares of 0..100 as a Python list, `[0, 1, 4, ..., 9801]`.
fn notebook_squares() -> String {
    let squares: Vec<String> = (0..100u64).map(|x| (x * x).to_string()).collect();
    format!("[{}]", squares.join(", "))
}

/// The cells of each data row of the Markdown table whose first column is
/// headed `first` (column widths vary with the values, so only that is matched).
fn table_rows<'a>(run: &'a ExampleRun, first: &str) -> Vec<Vec<&'a str>> {
    let header = format!("| {first} ");
    let lines = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with(&header))
        .skip(2);
    let rows = lines.take_while(|l| l.starts_with('|'));
    let cells = |row: &'a str| row.split('|').map(str::trim).filter(|c| !c.is_empty());
    rows.map(|row| cells(row).collect()).collect()
}

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

#[test]
fn process_basics() {
    let run = example("process_basics");
    run.assert_stdout_contains(&[
        "Command status:  exit status: 3",
        "counter = 110 in the child, which exited with code 110",
        "counter = 10 after the child ended",
        "| panics         | exited with code 101  |",
        "killed by SIGKILL",
    ]);
    // The child's panic message stays out of the parent's output.
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn process_pool_prints_the_notebooks_list_first() {
    let run = example("process_pool");
    assert_eq!(run.stdout.lines().next(), Some(notebook_squares().as_str()));
    run.assert_stdout_contains(&["the minimal pool, 2 workers: the same 100 squares, 0 to 9801"]);
    // One row per worker, idle ones included, and 100 jobs in all.
    let rows = table_rows(&run, "worker pid");
    let workers = std::thread::available_parallelism().unwrap().get();
    assert_eq!(rows.len(), workers, "{}", run.stdout);
    let jobs: usize = rows
        .iter()
        .map(|row| row[1].parse::<usize>().unwrap())
        .sum();
    assert_eq!(jobs, 100, "{}", run.stdout);
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
}

#[test]
fn cpu_bound_speedup() {
    let run = example("cpu_bound_speedup");
    // Quick mode's smaller sum, one row per method, and a verdict on each table.
    run.assert_stdout_contains(&["sum of i*i for i in 0..300000, in 16 chunks"]);
    let methods: Vec<&str> = table_rows(&run, "method")
        .iter()
        .map(|row| row[0])
        .collect();
    for method in ["sequential", "std threads", "rayon", "process pool"] {
        assert!(
            methods.contains(&method),
            "no {method} row:\n{}",
            run.stdout
        );
    }
    let verdicts = ["The whole sum took", "Only one CPU", "Load: ", "No GIL: "];
    assert!(
        verdicts.iter().any(|v| run.stdout.contains(v)),
        "{}",
        run.stdout
    );
    let verdicts = ["The smaller the jobs", "(this run did not show"];
    assert!(
        verdicts.iter().any(|v| run.stdout.contains(v)),
        "{}",
        run.stdout
    );
}

#[test]
fn pipes() {
    let run = example("pipes");
    run.assert_stdout_contains(&[
        "Pipe: squares from the child: [9, 16, 25]",
        "Pipe: one message of 300 KiB arrived whole",
        "Pipe: child exited with code 0",
        "Queue: 15 messages",
    ]);
}

#[test]
fn shared_memory() {
    let run = example("shared_memory");
    run.assert_stdout_contains(&[
        "plain variable after a child's += 1: 0",
        "SharedValue after a child's fetch_add(1): 1",
        "4 processes x 20000: expected 80000",
    ]);
    assert_eq!(counts(&run, "fetch_add (atomic)"), (80_000, 80_000, 0));
    let (expected, got, lost) = counts(&run, "load + store (racy)");
    assert!(expected == 80_000 && got <= expected && lost == expected - got);
    // The example says so when the race did not show.
    assert_eq!(lost == 0, run.stdout.contains("(none lost this run"));
}
