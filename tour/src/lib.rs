//! The course's table of contents (`topics.toml`) and the tour that runs it.
//!
//! `topics.toml` at the workspace root lists every topic in the notebook's
//! order: one `[[topic]]` row each, naming its section, titles, the package
//! and example that show it, and the Python original it mirrors. The tour
//! (`cargo run --release` at the root), the README's tables, the book's
//! `SUMMARY.md` and the consistency tests all read that one file.

use std::collections::HashSet;
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
    let tour = Path::new(env!("CARGO_MANIFEST_DIR"));
    tour.parent()
        .expect("the tour sits in the workspace root")
        .to_path_buf()
}

/// The parsed `topics.toml`: the notebook's top-level sections, then its
/// topics, each in notebook order.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// `[[section]]` rows.
    #[serde(default, rename = "section")]
    pub sections: Vec<Section>,
    /// `[[topic]]` rows.
    #[serde(default, rename = "topic")]
    pub topics: Vec<Topic>,
}

/// A top-level section of the notebook, and the book's folder for its pages.
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

/// A topic of the notebook and where it lives.
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
    /// What the example needs from the OS beyond the standard library: the
    /// platform table and the tour follow it.
    #[serde(default)]
    pub needs: Vec<Need>,
}

/// Something an example needs that not every OS has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Need {
    /// `fork(2)`: Linux and macOS. Without it the topic cannot run (Windows).
    Fork,
    /// Pinning a thread to one CPU: Linux and Windows (not macOS).
    CpuPinning,
    /// Per-thread CPU time and context-switch counts (`RUSAGE_THREAD`): Linux.
    ThreadCounters,
    /// `/proc` (thread states, a process's own accounting): Linux.
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
        match () {
            () if cfg!(windows) => Os::Windows,
            () if cfg!(target_os = "macos") => Os::MacOs,
            () => Os::Linux,
        }
    }

    /// Its name in the platform table's header.
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
}

impl Topic {
    /// The command that runs this topic alone, from the workspace root.
    pub fn command(&self) -> String {
        let mut command = format!("cargo run --release --example {}", self.example);
        if !self.features.is_empty() {
            write!(command, " --features {}", self.features.join(",")).unwrap();
        }
        command
    }

    /// How this topic runs on `os`: a topic can run without anything it
    /// needs but `fork`, showing less.
    pub fn support(&self, os: Os) -> Support {
        let lacking: Vec<Need> = self.needs.iter().copied().filter(|n| !n.on(os)).collect();
        match lacking.iter().find(|&&n| n == Need::Fork) {
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
        let in_section = self.section.strip_prefix(selector);
        self.example == selector
            || in_section.is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
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

    /// Parses the text of a topics file and checks it: one row per section,
    /// a section row for every topic (when there are any), unique example
    /// names, well-formed section numbers.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut numbers = HashSet::new();
        if let Some(s) = manifest
            .sections
            .iter()
            .find(|s| !numbers.insert(&s.number))
        {
            return Err(format!("section {} has two [[section]] rows", s.number));
        }
        let mut examples = HashSet::new();
        for topic in &manifest.topics {
            let (example, section) = (&topic.example, &topic.section);
            if !manifest.sections.is_empty() && manifest.section(topic.top_section()).is_none() {
                let top = topic.top_section();
                return Err(format!(
                    "topic `{example}`: no [[section]] row for section {top}"
                ));
            }
            if !examples.insert(example) {
                return Err(format!("example `{example}` is named by two topics"));
            }
            let number = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            if !section.split('.').all(number) {
                return Err(format!(
                    "topic `{example}`: section `{section}` is not like \"3\" or \"3.3\""
                ));
            }
        }
        Ok(manifest)
    }

    /// The topics that `selectors` pick, in notebook order (all of them when
    /// there are no selectors). An unknown selector is an error naming the
    /// valid ones, each unknown selector [`quote`]d.
    pub fn select(&self, selectors: &[String]) -> Result<Vec<&Topic>, String> {
        let unknown: Vec<String> = (selectors.iter())
            .filter(|s| !self.topics.iter().any(|t| t.matches(s)))
            .map(quote)
            .collect();
        if !unknown.is_empty() {
            let valid = self.valid_selectors();
            return Err(format!("unknown topic {}.\n{valid}", unknown.join(", ")));
        }
        let picked = |t: &&Topic| selectors.is_empty() || selectors.iter().any(|s| t.matches(s));
        Ok(self.topics.iter().filter(picked).collect())
    }

    /// A sentence listing what may be selected.
    fn valid_selectors(&self) -> String {
        let mut sections: Vec<&str> = Vec::new();
        for t in &self.topics {
            for prefix in [t.top_section(), &t.section] {
                if !sections.contains(&prefix) {
                    sections.push(prefix);
                }
            }
        }
        let examples: Vec<&str> = self.topics.iter().map(|t| t.example.as_str()).collect();
        let (sections, examples) = (sections.join(", "), examples.join(", "));
        format!("Valid sections: {sections}.\nValid topics: {examples}.")
    }

    /// The table of `topics` for `--list`, titles in `lang`; a topic that
    /// cannot run on `os` shows why instead of its command.
    pub fn table(&self, topics: &[&Topic], lang: lang::Lang, os: Os) -> common::report::Table {
        let mut table = common::report::Table::new(["section", "topic", "command"]);
        for t in topics {
            let command = match t.support(os) {
                cannot @ Support::Cannot(_) => lang.support(&cannot),
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
