//! The course tour: every topic in notebook order, like "Run All" on the notebook.
//!
//! Run: `cargo run --release` at the workspace root.
//!
//! - `cargo run --release -- --list` prints the table of topics.
//! - `cargo run --release -- 3.3` (a section), `-- 3` (a whole section) or
//!   `-- semaphore` (an example) runs just those.
//! - `cargo run --release -- --markdown` prints the README's topic table.
//!
//! The tour runs the real example binaries (it builds them first with cargo),
//! never copies of their code. A failing example is reported and the tour goes
//! on; the exit code is 1 if any failed, 2 for bad arguments.
//!
//! An argument that is not UTF-8 gets an error and exit code 2, never a
//! panic (a `--topics` file name may be any path). Errors show what was typed
//! quoted and shortened. When stdout is a pipe whose reader has gone
//! (`-- --list | head -1`, `| true`), the tour stops there quietly, as a Unix
//! tool does, with exit code 0: the reader chose to stop reading, which is no
//! failure of the tour (a tool killed by SIGPIPE shows 141 instead).

use std::collections::HashMap;
use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use common::timing::{Stopwatch, format_duration};
use tour::{Manifest, Topic, quote, workspace_root};

/// `println!` for the tour's output, through [`write_stdout`]: a closed
/// stdout ends the tour quietly instead of panicking as `println!` does.
macro_rules! outln {
    () => {
        write_stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// An example that runs longer than this is stopped and counted as failed:
/// every example is meant to finish in seconds.
const TOPIC_TIMEOUT: Duration = Duration::from_secs(300);

const USAGE: &str = "\
usage: cargo run --release [-- [--list | --markdown] [TOPIC...]]

  (no arguments)   run every topic in notebook order
  TOPIC            a section (3 or 3.3) or an example name (semaphore)
  --list           print the table of topics and exit
  --markdown       print the README's topic table and exit
  --topics FILE    read topics from FILE instead of the workspace's topics.toml
  --help           this text";

struct Args {
    list: bool,
    markdown: bool,
    topics_file: PathBuf,
    selectors: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        list: false,
        markdown: false,
        topics_file: workspace_root().join("topics.toml"),
        selectors: Vec::new(),
    };
    // `args_os`, not `args`: `args` panics on an argument that is not UTF-8.
    let mut it = std::env::args_os().skip(1);
    while let Some(arg) = it.next() {
        let Some(text) = arg.to_str() else {
            return Err(format!(
                "argument {} is not valid UTF-8: options and topics are plain text",
                quote(&arg)
            ));
        };
        match text {
            "--list" | "-l" => args.list = true,
            "--markdown" => args.markdown = true,
            "--topics" => {
                args.topics_file = it.next().ok_or("--topics needs a file name")?.into();
            }
            "--help" | "-h" => {
                outln!("{USAGE}");
                std::process::exit(0);
            }
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {}", quote(flag)));
            }
            selector => args.selectors.push(selector.to_string()),
        }
    }
    Ok(args)
}

/// Writes to stdout. A reader that has gone (`| head -1`, `| true`) ends the
/// tour at once, quietly and with exit code 0, as a Unix tool stops; any
/// other write error is reported, with exit code 1.
fn write_stdout(text: std::fmt::Arguments) {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_fmt(text).and_then(|()| stdout.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            std::process::exit(1);
        }
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let manifest = match Manifest::load(&args.topics_file) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if manifest.topics.is_empty() {
        outln!(
            "No topics yet: {} lists none. Each section crate adds its rows there.",
            args.topics_file.display()
        );
        if !args.selectors.is_empty() {
            let selectors: Vec<String> = args.selectors.iter().map(quote).collect();
            eprintln!(
                "error: cannot select {}: there are no topics.",
                selectors.join(", ")
            );
            return ExitCode::from(2);
        }
        return ExitCode::SUCCESS;
    }
    let topics = match manifest.select(&args.selectors) {
        Ok(topics) => topics,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if args.markdown {
        write_stdout(format_args!("{}", manifest.markdown()));
        return ExitCode::SUCCESS;
    }
    if args.list {
        let selected = Manifest {
            topics: topics.into_iter().cloned().collect(),
        };
        outln!("{}", selected.table());
        return ExitCode::SUCCESS;
    }
    run_tour(&topics)
}

fn run_tour(topics: &[&Topic]) -> ExitCode {
    let watch = Stopwatch::start();
    outln!(
        "Course tour: {} topic(s) in notebook order. Each header shows the command that runs it alone.",
        topics.len()
    );
    outln!("Building the examples (cargo build --release) ...");
    let (binaries, build_failures) = build(topics);

    let mut failures: Vec<String> = Vec::new();
    for (i, topic) in topics.iter().enumerate() {
        outln!();
        outln!("{}", "=".repeat(78));
        outln!(
            "{}  {}   [{}/{}]",
            topic.section,
            topic.title,
            i + 1,
            topics.len()
        );
        outln!("    {}", topic.command());
        outln!("{}", "-".repeat(78));
        let outcome = match binaries.get(&topic.example) {
            Some(path) => run_topic(path),
            None => Err(build_failures
                .get(&topic.example)
                .cloned()
                .unwrap_or_else(|| "the build produced no binary".into())),
        };
        outln!("{}", "-".repeat(78));
        match outcome {
            Ok(took) => outln!("ok: {} ({})", topic.example, format_duration(took)),
            Err(why) => {
                outln!("FAILED: {}: {why}", topic.example);
                failures.push(format!("{} ({why})", topic.example));
            }
        }
    }

    outln!();
    outln!("{}", "=".repeat(78));
    outln!(
        "Summary: {} topic(s) run, {} failed, in {}.",
        topics.len(),
        failures.len(),
        format_duration(watch.elapsed())
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        for f in &failures {
            outln!("  failed: {f}");
        }
        ExitCode::FAILURE
    }
}

/// Builds the examples with cargo, one invocation per package and feature
/// set, so a feature one topic needs (say, a deadlock detector) is never
/// switched on for the others. Returns each example's binary, and why the
/// missing ones are missing.
fn build(topics: &[&Topic]) -> (HashMap<String, PathBuf>, HashMap<String, String>) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest_path = workspace_root().join("Cargo.toml");
    // One cargo invocation per package and feature set, in notebook order.
    struct Group<'a> {
        package: &'a str,
        features: &'a [String],
        examples: Vec<&'a str>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for t in topics {
        match groups
            .iter_mut()
            .find(|g| g.package == t.package && g.features == t.features.as_slice())
        {
            Some(group) => group.examples.push(&t.example),
            None => groups.push(Group {
                package: &t.package,
                features: &t.features,
                examples: vec![&t.example],
            }),
        }
    }

    let mut binaries = HashMap::new();
    let mut failures = HashMap::new();
    for Group {
        package,
        features,
        examples,
    } in groups
    {
        let mut command = Command::new(&cargo);
        command
            .args([
                "build",
                "--release",
                "--message-format=json-render-diagnostics",
            ])
            .arg("--manifest-path")
            .arg(&manifest_path)
            .args(["--package", package]);
        for example in &examples {
            command.args(["--example", example]);
        }
        if !features.is_empty() {
            command.args(["--features", &features.join(",")]);
        }
        // Diagnostics go to the terminal; stdout carries cargo's JSON messages.
        command.stdout(Stdio::piped()).stderr(Stdio::inherit());
        let output = match command.output() {
            Ok(output) => output,
            Err(e) => {
                for example in &examples {
                    failures.insert(example.to_string(), format!("cannot run cargo: {e}"));
                }
                continue;
            }
        };
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            if let Some((name, path)) = example_artifact(line) {
                binaries.insert(name, path);
            }
        }
        if !output.status.success() {
            for example in &examples {
                failures.insert(
                    example.to_string(),
                    format!("cargo build failed ({})", output.status),
                );
            }
        }
    }
    (binaries, failures)
}

/// The example name and executable from one line of cargo's JSON output.
fn example_artifact(line: &str) -> Option<(String, PathBuf)> {
    let message: serde_json::Value = serde_json::from_str(line).ok()?;
    if message["reason"] != "compiler-artifact" {
        return None;
    }
    let kinds = message["target"]["kind"].as_array()?;
    if !kinds.iter().any(|k| k == "example") {
        return None;
    }
    let name = message["target"]["name"].as_str()?.to_string();
    let path = message["executable"].as_str()?.into();
    Some((name, path))
}

/// Runs one example with the terminal as its stdout and stderr, no input,
/// and a time limit.
fn run_topic(path: &PathBuf) -> Result<Duration, String> {
    let watch = Stopwatch::start();
    let mut child = Command::new(path)
        .stdin(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", path.display()))?;
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(watch.elapsed()),
            Ok(Some(status)) => return Err(format!("exited with {status}")),
            Ok(None) if watch.elapsed() > TOPIC_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("stopped after {}", format_duration(TOPIC_TIMEOUT)));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("cannot wait for it: {e}")),
        }
    }
}
