//! The Markdown the manifest makes: the root README's topic table and the
//! book's `docs/src/SUMMARY.md`. Tests compare both with the committed files.

use std::fmt::Write as _;

use crate::{Manifest, Topic};

/// The book's pages before and after the lecture's sections: (title, file).
pub const FRONT_MATTER: [(&str, &str); 3] = [
    ("How to use this course", "how-to-use.md"),
    ("Rust you need first", "rust-first.md"),
    ("Glossary", "glossary.md"),
];
/// See [`FRONT_MATTER`].
pub const BACK_MATTER: [(&str, &str); 1] = [("Where to go next", "next.md")];

impl Topic {
    /// The topic's short title: its title up to the first colon.
    ///
    /// ```
    /// # let t = tour::Manifest::parse(r#"[[topic]]
    /// # section = "3.3"
    /// # title = "Semaphore: at most three inside"
    /// # heading = "h"
    /// # package = "p"
    /// # example = "semaphore"
    /// # python = "p/python/semaphore.py""#).unwrap().topics.remove(0);
    /// assert_eq!(t.short_title(), "Semaphore");
    /// ```
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
                writeln!(out, "    - [{} {}]({page})", self.label(t), t.short_title()).unwrap();
                listed.push(page);
            }
        }
        if !exercises.crates.is_empty() {
            out.push_str("\n# Exercises\n\n- [Exercises](exercises/index.md)\n");
            for c in &exercises.crates {
                writeln!(out, "    - [{}](exercises/{}.md)", c.title, c.name).unwrap();
            }
        }
        out.push_str("\n# After the lecture\n\n");
        for (title, file) in BACK_MATTER {
            writeln!(out, "- [{title}]({file})").unwrap();
        }
        out
    }
}
