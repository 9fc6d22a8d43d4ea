//! The Markdown the manifest makes: the root README's topic table, the
//! platform table (README, README.ru and the book's first page), the book's
//! `docs/src/SUMMARY.md` and its pages of Python originals. Tests compare each
//! with the committed files.

use std::fmt::Write as _;

use crate::lang::Lang;
use crate::{Manifest, Os, Topic};

/// The book's pages before and after the lecture's sections: (title, file).
pub const FRONT_MATTER: [(&str, &str); 3] = [
    ("How to use this course", "how-to-use.md"),
    ("Rust you need first", "rust-first.md"),
    ("Glossary", "glossary.md"),
];
/// See [`FRONT_MATTER`].
pub const BACK_MATTER: [(&str, &str); 1] = [("Where to go next", "next.md")];

/// Keeps the next block (a whole Python file) out of the translation template.
const SKIP: &str = "<!-- mdbook-xgettext: skip -->";

impl Topic {
    /// The topic's short title: its title up to the first colon.
    pub fn short_title(&self) -> &str {
        self.title.split(':').next().unwrap_or(&self.title).trim()
    }
}

impl Manifest {
    /// The topic table in Markdown, as the root README shows it between its
    /// `<!-- topics:start -->` and `<!-- topics:end -->` markers.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| § | Topic | Notebook heading | Run it | Rust | Python original |\n|---|---|---|---|---|---|\n",
        );
        // Table cells: a `|` would end the cell and `<u64>` would vanish as an HTML tag.
        let cell = |text: &str| {
            text.replace('|', "\\|")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        for t in &self.topics {
            let rust = t.example_path();
            writeln!(
                out,
                "| {} | {} | {} | `{}` | [{}.rs]({rust}) | [{}]({}) |",
                t.section,
                cell(&t.title),
                cell(&t.heading),
                t.command(),
                t.example,
                t.python.rsplit('/').next().unwrap_or(&t.python),
                t.python
            )
            .unwrap();
        }
        out
    }

    /// What runs where, a row per topic and a column per OS, in `lang`: the
    /// table the READMEs show between `<!-- platforms:start -->` and
    /// `<!-- platforms:end -->`, and the book's `measured/platforms[.ru].md`.
    pub fn platforms(&self, lang: Lang) -> String {
        let topic = if lang == Lang::Ru {
            "Тема"
        } else {
            "Topic"
        };
        let mut out = format!("| § | {topic} |");
        for os in Os::ALL {
            write!(out, " {} |", os.name()).unwrap();
        }
        out.push_str("\n|---|---|---|---|---|\n");
        for t in &self.topics {
            let title = lang.title(t);
            let title = title.split(':').next().unwrap_or(title).trim();
            write!(out, "| {} | {title} |", self.label(t)).unwrap();
            for os in Os::ALL {
                write!(out, " {} |", lang.support(&t.support(os))).unwrap();
            }
            out.push('\n');
        }
        out
    }

    /// The course crates, in the order their topics first appear.
    pub fn packages(&self) -> Vec<&str> {
        let mut packages: Vec<&str> = Vec::new();
        for t in &self.topics {
            if !packages.contains(&t.package.as_str()) {
                packages.push(&t.package);
            }
        }
        packages
    }

    /// The book's page of `package`'s Python originals,
    /// `docs/src/python/<package>.md`: each file whole, once, under a heading
    /// whose anchor is its stem, with the pages that walk it and its command.
    pub fn python_page(&self, package: &str) -> String {
        let mut out = format!(
            "# Python originals: {package}\n\n<!-- Generated from topics.toml by \
             `cargo run --release -- --python-page {package}`; a test fails when this \
             page disagrees. -->\n\nEach program whole, as the topics' pages walk \
             it cell by cell. Run it from the workspace root with the command under \
             its name: it needs only Python's standard library.\n"
        );
        let topics: Vec<&Topic> = self
            .topics
            .iter()
            .filter(|t| t.package == package)
            .collect();
        let mut files: Vec<&str> = Vec::new();
        for t in &topics {
            if !files.contains(&t.python.as_str()) {
                files.push(&t.python);
            }
        }
        for file in files {
            let name = file.rsplit('/').next().unwrap_or(file);
            let stem = name.strip_suffix(".py").unwrap_or(name);
            write!(
                out,
                "\n## {name} {{#{stem}}}\n\nRun: `python3 {file}`. Shown in"
            )
            .unwrap();
            let mut pages: Vec<String> = Vec::new();
            for t in topics.iter().filter(|t| t.python == file) {
                let page = self.page(t).unwrap_or_default();
                let link = format!(" [{}](../{page})", self.page_title(t));
                if !pages.contains(&link) {
                    pages.push(link);
                }
            }
            write!(out, "{}.\n\n{}\n```python\n", pages.join(","), SKIP).unwrap();
            writeln!(out, "{{{{#include ../../../{file}}}}}\n```").unwrap();
        }
        out
    }

    /// The title of `topic`'s page, as the contents list it: its label and
    /// the short title of the page's first topic.
    pub fn page_title(&self, topic: &Topic) -> String {
        let first = self
            .topics
            .iter()
            .find(|t| t.section == topic.section && t.page_name() == topic.page_name())
            .unwrap_or(topic);
        format!("{} {}", self.label(topic), first.short_title())
    }

    /// The book's page of `topic`, relative to `docs/src/`:
    /// `<section folder>/<page>.md`.
    pub fn page(&self, topic: &Topic) -> Option<String> {
        let section = self.section(topic.top_section())?;
        Some(format!("{}/{}.md", section.folder, topic.page_name()))
    }

    /// The book's `SUMMARY.md`: the front matter, then each section of the
    /// notebook with a page per topic, in notebook order, then the back matter.
    ///
    /// The "Exercises" part lists the pages of `exercises.toml`'s crates
    /// (`exercises` is that manifest; `cargo xtask exercises pages` writes them).
    pub fn summary(&self, exercises: &common::exercises::Manifest) -> String {
        let mut out = String::from(
            "<!-- Generated from topics.toml by `cargo run --release -- --summary`; \
             a test fails when this file disagrees. -->\n\n# Summary\n\n\
             [Concurrency in Rust, from a Python lecture](index.md)\n\n# Before the lecture\n\n",
        );
        for (title, file) in FRONT_MATTER {
            writeln!(out, "- [{title}]({file})").unwrap();
        }
        out.push_str("\n# The lecture\n\n");
        for section in &self.sections {
            let title = match section.number.as_str() {
                "6" => section.title.clone(), // the notebook leaves its summary unnumbered
                n => format!("{n}. {}", section.title),
            };
            writeln!(out, "- [{title}]({}/index.md)", section.folder).unwrap();
            let mut listed: Vec<String> = Vec::new();
            for t in self
                .topics
                .iter()
                .filter(|t| t.top_section() == section.number)
            {
                // One entry per page: the first topic of a shared page names it.
                let page = self.page(t).expect("the topic's section exists");
                if listed.contains(&page) {
                    continue;
                }
                writeln!(out, "    - [{}]({page})", self.page_title(t)).unwrap();
                listed.push(page);
            }
        }
        if !exercises.crates.is_empty() {
            out.push_str("\n# Exercises\n\n- [Exercises](exercises/index.md)\n");
            for c in &exercises.crates {
                writeln!(out, "    - [{}](exercises/{}.md)", c.title, c.name).unwrap();
            }
        }
        out.push_str("\n# The Python originals\n\n");
        for package in self.packages() {
            writeln!(out, "- [{package}](python/{package}.md)").unwrap();
        }
        out.push_str("\n# After the lecture\n\n");
        for (title, file) in BACK_MATTER {
            writeln!(out, "- [{title}]({file})").unwrap();
        }
        out
    }
}
