//! The course's table of contents (`topics.toml`) and the tour that runs it.
//!
//! `topics.toml` at the workspace root lists every topic in the notebook's
//! order: one `[[topic]]` row each, naming its section, titles, the package
//! and example that show it, and the Python original it mirrors. The tour
//! (`cargo run --release` at the root), the root README's topic table and the
//! consistency tests all read that one file.
//!
//! Errors show what the user typed [`quote`]d and shortened: an empty
//! selector is visible as `""`, and a 100,000-character one does not come
//! back whole.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use common::report::{quote, shorten};

pub mod lang;
pub mod markdown;
#[path = "compare/measured/mod.rs"]
pub mod measured;

/// The workspace root, where `topics.toml` and `Cargo.toml` live.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tour crate sits in the workspace root")
        .to_path_buf()
}

/// The parsed `topics.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The notebook's top-level sections, in order.
    #[serde(default, rename = "section")]
    pub sections: Vec<Section>,
    /// Topics in notebook order.
    #[serde(default, rename = "topic")]
    pub topics: Vec<Topic>,
}

/// One `[[section]]` row: a top-level section of the notebook, and the
/// book's folder for its pages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// `"1"` to `"6"` (6 is the notebook's closing "Итог").
    pub number: String,
    /// English title.
    pub title: String,
    /// Russian title.
    #[serde(default)]
    pub title_ru: String,
    /// The notebook's own heading, verbatim.
    pub heading: String,
    /// The book's folder for the section, under `docs/src/`.
    pub folder: String,
}

/// One row of `topics.toml`: a topic of the notebook and where it lives.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The notebook's section number, e.g. `"3.3"`.
    pub section: String,
    /// English title.
    pub title: String,
    /// Russian title (`--lang ru`).
    #[serde(default)]
    pub title_ru: String,
    /// The notebook's own (Russian) heading of that section, verbatim.
    pub heading: String,
    /// The package whose example shows the topic.
    pub package: String,
    /// The example's name: `cargo run --release --example <example>`.
    pub example: String,
    /// Path of the Python original, relative to the workspace root.
    pub python: String,
    /// Cargo features the example needs (most need none).
    #[serde(default)]
    pub features: Vec<String>,
    /// The book page that shows this topic, under its section's folder,
    /// without `.md`; the example's name when absent. Consecutive rows may
    /// share a page (one idea split into contrast files).
    #[serde(default)]
    pub page: Option<String>,
    /// What the example needs from the OS beyond the standard library (most
    /// need nothing): the platform table and the tour follow it.
    #[serde(default)]
    pub needs: Vec<Need>,
}

/// Something an example needs that not every OS has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Need {
    /// `fork(2)`: Linux and macOS. Without it the topic cannot run (Windows).
    Fork,
    /// Pinning a thread to one CPU: Linux and Windows; macOS has no such call,
    /// so the topic runs without it and says so.
    CpuPinning,
    /// Per-thread CPU time and context-switch counts (`RUSAGE_THREAD`): Linux;
    /// elsewhere the topic runs without them and says so.
    ThreadCounters,
    /// `/proc` (thread states, a process's own accounting): Linux; elsewhere
    /// the topic runs without it and says so.
    ProcFs,
}

/// The operating systems the course is taught on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    /// Linux (and WSL, and the dev container).
    Linux,
    /// macOS.
    MacOs,
    /// Windows, natively.
    Windows,
}

impl Os {
    /// All three, in the platform table's order.
    pub const ALL: [Os; 3] = [Os::Linux, Os::MacOs, Os::Windows];

    /// The OS this runs on (any other Unix counts as Linux).
    pub fn current() -> Os {
        if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::MacOs
        } else {
            Os::Linux
        }
    }

    /// Its name, as the platform table's header shows it.
    pub fn name(self) -> &'static str {
        match self {
            Os::Linux => "Linux",
            Os::MacOs => "macOS",
            Os::Windows => "Windows",
        }
    }
}

/// How a topic runs on one OS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Support {
    /// Runs, showing everything.
    Runs,
    /// Runs, and says in one line what this OS cannot show.
    RunsWithout(Vec<Need>),
    /// Cannot run there: the example says so and exits 0.
    Cannot(Need),
}

impl Need {
    /// Whether `os` has it.
    pub fn on(self, os: Os) -> bool {
        match self {
            Need::Fork => os != Os::Windows,
            Need::CpuPinning => os != Os::MacOs,
            Need::ThreadCounters | Need::ProcFs => os == Os::Linux,
        }
    }

    /// Whether a topic can still run without it (showing less).
    pub fn optional(self) -> bool {
        self != Need::Fork
    }
}

impl Topic {
    /// The command that runs this topic alone, from the workspace root.
    ///
    /// ```
    /// # let mut t = tour::Manifest::parse(r#"[[topic]]
    /// # section = "3.3"
    /// # title = "t"
    /// # heading = "h"
    /// # package = "p"
    /// # example = "semaphore"
    /// # python = "p/python/semaphore.py""#).unwrap().topics.remove(0);
    /// assert_eq!(t.command(), "cargo run --release --example semaphore");
    /// t.features = vec!["x".into()];
    /// assert_eq!(t.command(), "cargo run --release --example semaphore --features x");
    /// ```
    pub fn command(&self) -> String {
        let mut command = format!("cargo run --release --example {}", self.example);
        if !self.features.is_empty() {
            write!(command, " --features {}", self.features.join(",")).unwrap();
        }
        command
    }

    /// How this topic runs on `os`, from its [`Topic::needs`].
    pub fn support(&self, os: Os) -> Support {
        let lacking: Vec<Need> = self.needs.iter().copied().filter(|n| !n.on(os)).collect();
        match lacking.iter().find(|n| !n.optional()) {
            Some(&fatal) => Support::Cannot(fatal),
            None if lacking.is_empty() => Support::Runs,
            None => Support::RunsWithout(lacking),
        }
    }

    /// The name of its book page, without `.md` (see [`Topic::page`]).
    pub fn page_name(&self) -> &str {
        self.page.as_deref().unwrap_or(&self.example)
    }

    /// The example's source, relative to the workspace root.
    pub fn example_path(&self) -> String {
        format!("{}/examples/{}.rs", self.package, self.example)
    }

    /// The top-level section number: `"3"` for `"3.3"`.
    pub fn top_section(&self) -> &str {
        self.section.split('.').next().unwrap_or(&self.section)
    }

    /// Whether a selector from the command line picks this topic: the
    /// example's name, its exact section (`3.3`), or a whole section (`3`).
    pub fn matches(&self, selector: &str) -> bool {
        self.example == selector
            || self.section == selector
            || self
                .section
                .strip_prefix(selector)
                .is_some_and(|rest| rest.starts_with('.'))
    }
}

impl Manifest {
    /// Reads and parses a topics file.
    pub fn load(path: &Path) -> Result<Manifest, String> {
        let shown = shorten(&path.display().to_string());
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
        Manifest::parse(&text).map_err(|e| format!("{shown}: {e}"))
    }

    /// Parses the text of a topics file and checks it: unique example names,
    /// well-formed section numbers.
    ///
    /// ```
    /// let empty = tour::Manifest::parse("").unwrap();
    /// assert!(empty.topics.is_empty());
    /// assert!(tour::Manifest::parse("[[topic]]\nsection = \"1\"").is_err()); // fields missing
    /// ```
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut seen = std::collections::HashSet::new();
        for section in &manifest.sections {
            if !seen.insert(section.number.as_str()) {
                return Err(format!(
                    "section {} has two [[section]] rows",
                    section.number
                ));
            }
        }
        for topic in manifest
            .topics
            .iter()
            .filter(|_| !manifest.sections.is_empty())
        {
            if manifest.section(topic.top_section()).is_none() {
                return Err(format!(
                    "topic `{}`: no [[section]] row for section {}",
                    topic.example,
                    topic.top_section()
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for topic in &manifest.topics {
            if !seen.insert(topic.example.as_str()) {
                return Err(format!(
                    "example `{}` is named by two topics",
                    topic.example
                ));
            }
            let well_formed = !topic.section.is_empty()
                && topic
                    .section
                    .split('.')
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
            if !well_formed {
                return Err(format!(
                    "topic `{}`: section `{}` is not like \"3\" or \"3.3\"",
                    topic.example, topic.section
                ));
            }
        }
        Ok(manifest)
    }

    /// The topics that `selectors` pick, in notebook order (all of them when
    /// there are no selectors). An unknown selector is an error naming the
    /// valid ones, each unknown selector [`quote`]d.
    ///
    /// ```
    /// let row = |section, example| format!("[[topic]]\nsection = \"{section}\"\ntitle = \"t\"\n\
    ///     heading = \"h\"\npackage = \"p\"\nexample = \"{example}\"\npython = \"p.py\"\n");
    /// let m = tour::Manifest::parse(&(row("3.1", "lock") + &row("3.3", "semaphore"))).unwrap();
    /// let picks = |selectors: &[&str]| {
    ///     let selectors: Vec<String> = selectors.iter().map(|s| s.to_string()).collect();
    ///     let picked = m.select(&selectors)?;
    ///     Ok::<_, String>(picked.iter().map(|t| t.example.clone()).collect::<Vec<_>>())
    /// };
    /// assert_eq!(picks(&["3"]).unwrap(), ["lock", "semaphore"]);
    /// assert_eq!(picks(&["semaphore", "3.1"]).unwrap(), ["lock", "semaphore"]); // notebook order
    /// assert!(picks(&["3.30"]).is_err() && picks(&["3."]).is_err()); // a prefix ends at a dot
    /// assert!(picks(&[""]).unwrap_err().starts_with("unknown topic \"\".\nValid sections: 3, 3.1, 3.3."));
    /// assert!(tour::Manifest::parse(&(row("3.1", "lock") + &row("3.3", "lock"))).is_err()); // twice
    /// assert!(tour::Manifest::parse(&row("three", "lock")).is_err());
    /// ```
    pub fn select(&self, selectors: &[String]) -> Result<Vec<&Topic>, String> {
        if selectors.is_empty() {
            return Ok(self.topics.iter().collect());
        }
        let unknown: Vec<&String> = selectors
            .iter()
            .filter(|s| !self.topics.iter().any(|t| t.matches(s)))
            .collect();
        if !unknown.is_empty() {
            let names: Vec<String> = unknown.iter().map(quote).collect();
            return Err(format!(
                "unknown topic {}.\n{}",
                names.join(", "),
                self.valid_selectors()
            ));
        }
        Ok(self
            .topics
            .iter()
            .filter(|t| selectors.iter().any(|s| t.matches(s)))
            .collect())
    }

    /// A sentence listing what may be selected.
    pub fn valid_selectors(&self) -> String {
        if self.topics.is_empty() {
            return "There are no topics yet, so none can be selected.".into();
        }
        let mut sections: Vec<&str> = Vec::new();
        for t in &self.topics {
            for prefix in [t.section.split('.').next().unwrap_or(""), &t.section] {
                if !sections.contains(&prefix) {
                    sections.push(prefix);
                }
            }
        }
        let examples: Vec<&str> = self.topics.iter().map(|t| t.example.as_str()).collect();
        format!(
            "Valid sections: {}.\nValid topics: {}.",
            sections.join(", "),
            examples.join(", ")
        )
    }

    /// The table of `topics` for `--list`, titles in `lang`; a topic that
    /// cannot run on `os` shows why instead of its command.
    pub fn table(&self, topics: &[&Topic], lang: lang::Lang, os: Os) -> common::report::Table {
        let mut table = common::report::Table::new(["section", "topic", "command"]);
        for t in topics {
            let command = match t.support(os) {
                Support::Cannot(_) => lang.support(&t.support(os)),
                _ => t.command(),
            };
            table.row([t.section.clone(), lang.title(t).to_string(), command]);
        }
        table
    }

    /// The label of `topic`'s page in the book's contents and headings: the
    /// notebook's section number, with a letter when that section has more
    /// than one page (`3.7a`, `3.7b`, ...), so no two pages share a label.
    pub fn label(&self, topic: &Topic) -> String {
        let mut pages: Vec<&str> = Vec::new();
        for t in self.topics.iter().filter(|t| t.section == topic.section) {
            if !pages.contains(&t.page_name()) {
                pages.push(t.page_name());
            }
        }
        match pages.iter().position(|&p| p == topic.page_name()) {
            Some(i) if pages.len() > 1 => format!("{}{}", topic.section, (b'a' + i as u8) as char),
            _ => topic.section.clone(),
        }
    }

    /// The `[[section]]` row of a top-level section number.
    pub fn section(&self, number: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }
}
