//! Running the tour: build every example first, quietly, then run each topic
//! under a header, with a time limit, and end with a summary.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::Duration;

use common::process::{self, Output};
use common::timing::{Stopwatch, format_duration};
use serde::Deserialize;
use tour::lang::Lang;
use tour::{Os, Support, Topic, workspace_root};

/// An example that runs longer than this is stopped, with whatever it
/// started, and counted as failed: every example is meant to finish in seconds.
const TOPIC_TIMEOUT: Duration = Duration::from_secs(300);

/// Builds every topic's example, then runs them in notebook order, with the
/// headers and the summary in `lang`. A topic this OS cannot run is listed
/// with what it needs, and neither built nor run.
pub fn tour(topics: &[&Topic], lang: Lang) -> ExitCode {
    let watch = Stopwatch::start();
    outln!("{}", lang.intro(topics.len()));
    let runnable = |t: &&&Topic| !matches!(t.support(Os::current()), Support::Cannot(_));
    let runnable: Vec<&Topic> = topics.iter().filter(runnable).copied().collect();
    let binaries = build(&runnable, lang);
    let mut failures: Vec<String> = Vec::new();
    for (i, topic) in topics.iter().enumerate() {
        let (title, of) = (lang.title(topic), topics.len());
        outln!(
            "\n{}\n{}  {title}   [{}/{of}]",
            "=".repeat(78),
            topic.section,
            i + 1
        );
        outln!("    {}\n{}", topic.command(), "-".repeat(78));
        if let support @ Support::Cannot(_) = topic.support(Os::current()) {
            outln!("{}", lang.support(&support));
            continue;
        }
        let outcome = match binaries.get(&topic.example) {
            Some(Ok(path)) => run_topic(path),
            Some(Err(why)) => Err(why.clone()),
            None => Err("the build produced no binary".into()),
        };
        outln!("{}", "-".repeat(78));
        match outcome {
            Ok(took) => outln!("{}", lang.ok(&topic.example, &format_duration(took))),
            Err(why) => {
                outln!("{}", lang.failed(&topic.example, &why));
                failures.push(format!("{} ({why})", topic.example));
            }
        }
    }
    let took = format_duration(watch.elapsed());
    outln!("\n{}", "=".repeat(78));
    outln!("{}", lang.summary(runnable.len(), failures.len(), &took));
    for f in &failures {
        outln!("{}", lang.failed_item(f));
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Builds every example before the first topic runs, so the tour's output
/// has no cargo lines in it (and needs no network once it starts): one
/// cargo invocation per package and feature set, in notebook order, so a
/// feature one topic needs (a deadlock detector) is never switched on for
/// the others. Cargo's output is shown only when a build fails; meanwhile
/// one progress line counts what is done. Returns each example's binary,
/// or why it has none.
fn build(topics: &[&Topic], lang: Lang) -> HashMap<String, Result<PathBuf, String>> {
    let mut groups: Vec<(&str, &[String], Vec<&str>)> = Vec::new();
    for t in topics {
        let same = |g: &&mut (&str, &[String], Vec<&str>)| g.0 == t.package && g.1 == t.features;
        match groups.iter_mut().find(same) {
            Some(group) => group.2.push(&t.example),
            None => groups.push((&t.package, &t.features, vec![&t.example])),
        }
    }
    let mut progress = Progress {
        terminal: std::io::stdout().is_terminal(),
        label: String::new(),
        built: 0,
        drawn: false,
    };
    let mut binaries = HashMap::new();
    for (i, (package, features, examples)) in groups.iter().enumerate() {
        progress.group(lang.building(i + 1, groups.len(), package));
        if let Err(why) = build_group(package, features, examples, &mut progress, &mut binaries) {
            progress.done();
            for example in examples {
                binaries.insert(example.to_string(), Err(why.clone()));
            }
        }
    }
    progress.done();
    binaries
}

fn build_group(
    package: &str,
    features: &[String],
    examples: &[&str],
    progress: &mut Progress,
    binaries: &mut HashMap<String, Result<PathBuf, String>>,
) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args([
            "build",
            "--release",
            "--message-format=json-render-diagnostics",
        ])
        .arg("--manifest-path")
        .arg(workspace_root().join("Cargo.toml"))
        .args(["--package", package]);
    for example in examples {
        command.args(["--example", example]);
    }
    if !features.is_empty() {
        command.args(["--features", &features.join(",")]);
    }
    // stdout carries cargo's JSON messages, read as they come for the
    // progress line; stderr (the "Compiling ..." lines and any errors) is
    // kept to show only if the build fails.
    let mut cargo = process::spawn(command, Duration::MAX, Output::Capture)
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    for line in cargo.stdout_lines() {
        let built = serde_json::from_str::<Artifact>(&line);
        let Some(built) = built.ok().filter(|b| b.reason == "compiler-artifact") else {
            continue; // a diagnostic, the build's end
        };
        if built.target.kind.iter().any(|k| k == "example")
            && let Some(path) = built.executable
        {
            binaries.insert(built.target.name, Ok(path));
        }
        progress.tick();
    }
    let built = cargo
        .wait()
        .map_err(|e| format!("cannot wait for cargo: {e}"))?;
    if built.success() {
        return Ok(());
    }
    progress.done();
    errln!("{}", built.stderr);
    Err(format!("cargo build {}; its output is above", built.ending))
}

/// A line of cargo's JSON output, as far as the tour reads it: what it built.
#[derive(Deserialize)]
struct Artifact {
    reason: String,
    target: Target,
    executable: Option<PathBuf>,
}

#[derive(Deserialize)]
struct Target {
    name: String,
    kind: Vec<String>,
}

/// The one line the build shows: redrawn in place on a terminal, printed
/// once per cargo invocation otherwise (a log, a pipe).
struct Progress {
    terminal: bool,
    label: String,
    built: usize,
    drawn: bool,
}

impl Progress {
    fn group(&mut self, label: String) {
        self.label = label;
        if self.terminal {
            self.draw();
        } else {
            outln!("{} ...", self.label);
        }
    }

    fn tick(&mut self) {
        self.built += 1;
        if self.terminal {
            self.draw();
        }
    }

    fn draw(&mut self) {
        crate::write_stdout(format_args!(
            "\r\x1b[2K{}: {} built",
            self.label, self.built
        ));
        self.drawn = true;
    }

    /// Ends the line, so what follows starts on a fresh one.
    fn done(&mut self) {
        if self.drawn {
            outln!();
            self.drawn = false;
        }
    }
}

/// Runs one example with the terminal as its stdout and stderr, no input,
/// and a time limit.
fn run_topic(path: &PathBuf) -> Result<Duration, String> {
    let example = process::spawn(Command::new(path), TOPIC_TIMEOUT, Output::Inherit)
        .map_err(|e| format!("cannot start {}: {e}", path.display()))?;
    let run = example.wait().map_err(|e| format!("cannot wait: {e}"))?;
    match run.success() {
        true => Ok(run.elapsed),
        false => Err(run.ending.to_string()),
    }
}
