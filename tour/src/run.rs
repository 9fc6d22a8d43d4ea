//! Running the tour: build every example first, quietly, then run each topic
//! under a header, with a time limit, and end with a summary.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::Duration;

use common::process::{self, Output};
use common::timing::{Stopwatch, format_duration};
use tour::lang::Lang;
use tour::{Os, Support, Topic, workspace_root};

/// An example that runs longer than this is stopped, with whatever it
/// started, and counted as failed: every example is meant to finish in seconds.
const TOPIC_TIMEOUT: Duration = Duration::from_secs(300);

/// Builds every topic's example, then runs them in notebook order, with
/// the headers and the summary in `lang`. A topic this OS cannot run is
/// listed with what it needs, and neither built nor run.
pub fn tour(topics: &[&Topic], lang: Lang) -> ExitCode {
    let watch = Stopwatch::start();
    outln!("{}", lang.intro(topics.len()));
    let runnable: Vec<&Topic> = topics
        .iter()
        .copied()
        .filter(|t| !matches!(t.support(Os::current()), Support::Cannot(_)))
        .collect();
    let (binaries, build_failures) = build(&runnable, lang);

    let mut failures: Vec<String> = Vec::new();
    for (i, topic) in topics.iter().enumerate() {
        outln!();
        outln!("{}", "=".repeat(78));
        outln!(
            "{}  {}   [{}/{}]",
            topic.section,
            lang.title(topic),
            i + 1,
            topics.len()
        );
        outln!("    {}", topic.command());
        outln!("{}", "-".repeat(78));
        if let support @ Support::Cannot(_) = topic.support(Os::current()) {
            outln!("{}", lang.support(&support));
            continue;
        }
        let outcome = match binaries.get(&topic.example) {
            Some(path) => run_topic(path),
            None => Err(build_failures
                .get(&topic.example)
                .cloned()
                .unwrap_or_else(|| "the build produced no binary".into())),
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

    outln!();
    outln!("{}", "=".repeat(78));
    outln!(
        "{}",
        lang.summary(
            runnable.len(),
            failures.len(),
            &format_duration(watch.elapsed())
        )
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        for f in &failures {
            outln!("{}", lang.failed_item(f));
        }
        ExitCode::FAILURE
    }
}

/// One cargo invocation: a package and a feature set, with its examples.
struct Group<'a> {
    package: &'a str,
    features: &'a [String],
    examples: Vec<&'a str>,
}

/// Groups the topics by package and feature set, in notebook order, so a
/// feature one topic needs (say, a deadlock detector) is never switched on
/// for the others.
fn groups<'a>(topics: &[&'a Topic]) -> Vec<Group<'a>> {
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
    groups
}

/// Builds every example before the first topic runs, so the tour's output
/// has no cargo lines in it (and needs no network once it starts). Cargo's
/// own output is shown only when a build fails; meanwhile one progress line
/// counts what is done. Returns each example's binary, and why the missing
/// ones are missing.
fn build(topics: &[&Topic], lang: Lang) -> (HashMap<String, PathBuf>, HashMap<String, String>) {
    let groups = groups(topics);
    let mut progress = Progress::new(lang);
    let mut binaries = HashMap::new();
    let mut failures = HashMap::new();
    for (i, group) in groups.iter().enumerate() {
        progress.group(i + 1, groups.len(), group.package);
        let result = build_group(group, &mut progress, &mut binaries);
        if let Err(why) = result {
            progress.done();
            for example in &group.examples {
                failures.insert(example.to_string(), why.clone());
            }
        }
    }
    progress.done();
    (binaries, failures)
}

fn build_group(
    group: &Group,
    progress: &mut Progress,
    binaries: &mut HashMap<String, PathBuf>,
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
        .args(["--package", group.package]);
    for example in &group.examples {
        command.args(["--example", example]);
    }
    if !group.features.is_empty() {
        command.args(["--features", &group.features.join(",")]);
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
            binaries.insert(built.target.name, path);
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
#[derive(serde::Deserialize)]
struct Artifact {
    reason: String,
    target: Target,
    executable: Option<PathBuf>,
}

#[derive(serde::Deserialize)]
struct Target {
    name: String,
    kind: Vec<String>,
}

/// The one line the build shows: redrawn in place on a terminal, printed
/// once per cargo invocation otherwise (a log, a pipe).
struct Progress {
    terminal: bool,
    lang: Lang,
    label: String,
    built: usize,
    drawn: bool,
}

impl Progress {
    fn new(lang: Lang) -> Self {
        Progress {
            terminal: std::io::stdout().is_terminal(),
            lang,
            label: String::new(),
            built: 0,
            drawn: false,
        }
    }

    fn group(&mut self, i: usize, of: usize, package: &str) {
        self.label = self.lang.building(i, of, package);
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
    if run.success() {
        Ok(run.elapsed)
    } else {
        Err(run.ending.to_string())
    }
}
