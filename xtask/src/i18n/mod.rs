//! `cargo xtask i18n`: how far the Russian catalog, `docs/po/ru.po`, is
//! behind the English book, and what in it breaks a written rule.
//!
//! The template (`messages.pot`) is extracted from the current English
//! sources by mdbook-xgettext into `target/i18n/`; it is never committed, so
//! it cannot go stale itself. Against it, every message of `ru.po` is
//! translated, fuzzy (its English changed since), or untranslated, and the
//! catalog is stale when it lacks a message of the template or keeps one the
//! template no longer has (`cargo xtask i18n update` merges it, with
//! gettext's `msgmerge`). The translations are then read against
//! `docs/po/TERMS.md` ([`terms`]) and the editor's rules ([`style`]).

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use fs_err as fs;

use crate::book::{RUSSIAN, install, mdbook, tools_dir};

pub mod po;
pub mod style;
pub mod terms;

/// How the catalog stands against the template.
#[derive(Debug, Default)]
pub struct Status {
    /// Messages translated.
    pub translated: usize,
    /// Translated once; the English changed since.
    pub fuzzy: usize,
    /// Not translated.
    pub untranslated: usize,
    /// New English: not merged into the catalog yet.
    pub missing: usize,
    /// English removed: not merged out of the catalog yet.
    pub obsolete: usize,
    /// For each page, the messages not translated yet.
    pub behind: BTreeMap<String, usize>,
}

impl Status {
    /// Everything translated, and merged against the current English.
    pub fn complete(&self) -> bool {
        self.fuzzy + self.untranslated + self.missing + self.obsolete == 0
    }

    /// The counts, then the pages still behind.
    pub fn report(&self) -> String {
        let total = self.translated + self.fuzzy + self.untranslated + self.missing;
        let mut s = format!(
            "docs/po/ru.po: {} of {total} messages translated, {} fuzzy, {} untranslated, \
             {} missing (new English), {} obsolete (English removed)",
            self.translated, self.fuzzy, self.untranslated, self.missing, self.obsolete
        );
        if self.missing + self.obsolete > 0 {
            s += "\n  stale: run `cargo xtask i18n update` to merge the catalog with the current book";
        }
        for (page, n) in &self.behind {
            s += &format!("\n  {page}: {n} behind");
        }
        s
    }
}

/// Compares the catalog's entries with the template's.
pub fn status(template: &[po::Entry], catalog: &[po::Entry]) -> Status {
    let mut st = Status::default();
    let current: HashSet<_> = template.iter().map(po::Entry::key).collect();
    let by_key: BTreeMap<_, _> = catalog.iter().map(|e| (e.key(), e)).collect();
    for t in template {
        let counter = match by_key.get(&t.key()) {
            None => &mut st.missing,
            Some(e) if e.fuzzy => &mut st.fuzzy,
            Some(e) if e.text.is_empty() => &mut st.untranslated,
            Some(_) => &mut st.translated,
        };
        *counter += 1;
        if by_key.get(&t.key()).is_none_or(|e| !e.translated()) {
            for page in &t.pages {
                *st.behind.entry(page.clone()).or_default() += 1;
            }
        }
    }
    st.obsolete = by_key.keys().filter(|k| !current.contains(*k)).count();
    st
}

/// A translation that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Where it is in `docs/po/ru.po`: `line 12 (src/a.md)`.
    pub at: String,
    /// The rule, as the counts name it («на потоке», term, link title...).
    pub rule: &'static str,
    /// What is wrong, with the words in question.
    pub message: String,
}

impl Finding {
    /// A finding about `entry`.
    pub fn new(entry: &po::Entry, rule: &'static str, message: String) -> Finding {
        let at = entry.at();
        Finding { at, rule, message }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "docs/po/ru.po {}: {}: {}",
            self.at, self.rule, self.message
        )
    }
}

/// What `cargo xtask i18n` reports.
#[derive(Debug)]
pub struct Report {
    /// The catalog against the template.
    pub status: Status,
    /// Translations that break a rule of TERMS.md or TRANSLATING.md: `--check` fails on any.
    pub findings: Vec<Finding>,
    /// Translations worth a look (a term's English without its Russian word).
    pub notes: Vec<String>,
}

impl Report {
    /// One line: how many findings each rule has.
    pub fn counts(&self) -> String {
        let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &self.findings {
            *by_rule.entry(f.rule).or_default() += 1;
        }
        let each: Vec<String> = by_rule.iter().map(|(r, n)| format!("{r}: {n}")).collect();
        format!("{} finding(s). {}", self.findings.len(), each.join("; "))
    }
}

/// Extracts the template from the English book into
/// `target/i18n/messages.pot`, without the measured tables and the quizzes (see
/// [`crate::book::sources`]); its references name the pages under `src/`.
pub fn extract(root: &Path, say: &dyn Fn(&str)) -> Result<PathBuf> {
    use crate::book::sources::{TEMPLATE_SRC, copy_sources, for_template};
    let tools = tools_dir(root);
    install(&tools, say)?;
    let out = root.join("target/i18n");
    let docs = root.join("docs");
    let config = r#"{"xgettext": {"pot-file": "messages.pot", "granularity": 0}}"#;
    copy_sources(&docs, TEMPLATE_SRC, &for_template)?;
    let built = mdbook(
        &tools,
        &docs,
        &["build", "--dest-dir", &out.to_string_lossy()],
        &[
            ("MDBOOK_OUTPUT", config),
            ("MDBOOK_BOOK__SRC", TEMPLATE_SRC),
        ],
    );
    let _ = std::fs::remove_dir_all(docs.join(TEMPLATE_SRC));
    built?;
    let pot = out.join("messages.pot");
    let from = format!(" {TEMPLATE_SRC}/");
    let text: Vec<String> = fs::read_to_string(&pot)?
        .lines()
        .map(|l| match l.starts_with("#:") {
            true => l.replace(&from, " src/"),
            false => l.to_string(),
        })
        .collect();
    fs::write(&pot, text.join("\n") + "\n")?;
    Ok(pot)
}

/// The status of `docs/po/ru.po`, and what it breaks.
pub fn inspect(root: &Path, say: &dyn Fn(&str)) -> Result<Report> {
    let template = po::read(&extract(root, say)?)?;
    let catalog = po::read(&root.join("docs").join(RUSSIAN))?;
    let table = fs::read_to_string(root.join("docs/po/TERMS.md"))?;
    let (mut findings, notes) = terms::check(&catalog, &terms::parse(&table)?);
    findings.extend(style::check(&catalog, &root.join("docs")));
    Ok(Report {
        status: status(&template, &catalog),
        findings,
        notes,
    })
}

/// Merges `docs/po/ru.po` with the current template (gettext's `msgmerge`;
/// changed English becomes fuzzy, removed English is dropped).
pub fn update(root: &Path, say: &dyn Fn(&str)) -> Result<()> {
    let pot = extract(root, say)?;
    let catalog = root.join("docs").join(RUSSIAN);
    let run = |program: &str, args: &[&str], files: [&Path; 2]| -> Result<()> {
        let status = Command::new(program).args(args).args(files).status();
        let gettext = "it is part of gettext (Debian: apt-get install gettext)";
        let status = status.with_context(|| format!("cannot run {program}: {gettext}"))?;
        if !status.success() {
            bail!("{program} failed ({status})");
        }
        Ok(())
    };
    let merge = ["--quiet", "--update", "--backup=none", "--width=80"];
    run("msgmerge", &merge, [&catalog, &pot])?;
    let drop_obsolete = ["--no-obsolete", "--width=80", "--output-file"];
    run("msgattrib", &drop_obsolete, [&catalog, &catalog])?;
    say("Merged docs/po/ru.po with the current book: translate its fuzzy and empty entries.");
    Ok(())
}
