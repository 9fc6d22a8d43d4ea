//! `cargo xtask i18n`: how far the Russian catalog, `docs/po/ru.po`, is
//! behind the English book.
//!
//! The template (`messages.pot`) is extracted from the current English
//! sources by mdbook-xgettext into `target/i18n/`; it is never committed, so
//! it cannot go stale itself. Against it, every message of `ru.po` is
//! translated, fuzzy (its English changed since), or untranslated, and the
//! catalog is stale when it lacks a message of the template or keeps one the
//! template no longer has: then it was not merged against the current book
//! (`cargo xtask i18n update` merges it, with gettext's `msgmerge`).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::book::{RUSSIAN, install, mdbook, tools_dir};

pub mod po;
pub mod terms;

/// How the catalog stands against the template.
#[derive(Debug, Default)]
pub struct Status {
    /// Messages of the template translated in the catalog.
    pub translated: usize,
    /// Marked fuzzy: translated once, the English changed since.
    pub fuzzy: usize,
    /// In the catalog with no translation.
    pub untranslated: usize,
    /// In the template but missing from the catalog: it was not merged.
    pub missing: usize,
    /// In the catalog but no longer in the template: it was not merged.
    pub obsolete: usize,
    /// For each page, the messages not translated yet (fuzzy, untranslated or missing).
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
            s.push_str("\n  stale: run `cargo xtask i18n update` to merge the catalog with the current book");
        }
        for (page, n) in &self.behind {
            s.push_str(&format!("\n  {page}: {n} behind"));
        }
        s
    }
}

/// Compares the catalog's entries with the template's.
pub fn status(template: &[po::Entry], catalog: &[po::Entry]) -> Status {
    let mut st = Status::default();
    let current: HashSet<_> = template.iter().map(po::Entry::key).collect();
    let by_key: BTreeMap<_, _> = catalog
        .iter()
        .filter(|e| !e.obsolete)
        .map(|e| (e.key(), e))
        .collect();
    for t in template {
        let behind = match by_key.get(&t.key()) {
            None => {
                st.missing += 1;
                true
            }
            Some(e) if e.fuzzy => {
                st.fuzzy += 1;
                true
            }
            Some(e) if e.text.is_empty() => {
                st.untranslated += 1;
                true
            }
            Some(_) => {
                st.translated += 1;
                false
            }
        };
        if behind {
            for page in &t.pages {
                *st.behind.entry(page.clone()).or_default() += 1;
            }
        }
    }
    st.obsolete = by_key.keys().filter(|k| !current.contains(*k)).count();
    st
}

/// Extracts the template from the English book into
/// `target/i18n/messages.pot`, without the measured tables (see
/// [`crate::book::sources`]); its references name the pages under `src/`.
pub fn extract(root: &Path, say: &dyn Fn(&str)) -> Result<PathBuf, String> {
    use crate::book::sources::{TEMPLATE_SRC, copy_sources, without_measured_tables};
    let tools = tools_dir(root);
    install(&tools, say)?;
    let out = root.join("target/i18n");
    let docs = root.join("docs");
    let config = r#"{"xgettext": {"pot-file": "messages.pot", "granularity": 0}}"#;
    copy_sources(&docs, TEMPLATE_SRC, &without_measured_tables)?;
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
    let text =
        std::fs::read_to_string(&pot).map_err(|e| format!("cannot read {}: {e}", pot.display()))?;
    let from = format!(" {TEMPLATE_SRC}/");
    let text: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with("#:") {
                l.replace(&from, " src/")
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&pot, text.join("\n") + "\n")
        .map_err(|e| format!("cannot write {}: {e}", pot.display()))?;
    Ok(pot)
}

fn read_entries(path: &Path) -> Result<Vec<po::Entry>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    po::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The status of `docs/po/ru.po`, and the terminology check's (errors, notes).
pub fn inspect(
    root: &Path,
    say: &dyn Fn(&str),
) -> Result<(Status, Vec<String>, Vec<String>), String> {
    let pot = extract(root, say)?;
    let template = read_entries(&pot)?;
    let catalog = read_entries(&root.join("docs").join(RUSSIAN))?;
    let st = status(&template, &catalog);
    let table = std::fs::read_to_string(root.join("docs/po/TERMS.md"))
        .map_err(|e| format!("cannot read docs/po/TERMS.md: {e}"))?;
    let (mut errors, notes) = terms::check(&catalog, &terms::parse(&table)?);
    errors.extend(russian_pictures(root, &catalog));
    Ok((st, errors, notes))
}

/// Translations that show an English picture where a `.ru.svg` exists.
fn russian_pictures(root: &Path, catalog: &[po::Entry]) -> Vec<String> {
    let mut errors = Vec::new();
    for e in catalog.iter().filter(|e| e.translated() && !e.obsolete) {
        for (i, _) in e.text.match_indices(".svg") {
            let before = &e.text[..i];
            let start = before.rfind(['(', '"', ' ']).map_or(0, |s| s + 1);
            let name = &before[start..];
            if name.ends_with(".ru") {
                continue;
            }
            let page_dir = e
                .pages
                .first()
                .and_then(|p| Path::new(p).parent())
                .map(Path::to_path_buf);
            let Some(dir) = page_dir else { continue };
            if root
                .join("docs")
                .join(&dir)
                .join(format!("{name}.ru.svg"))
                .is_file()
            {
                errors.push(format!(
                    "{}: shows {name}.svg where {name}.ru.svg exists",
                    dir.display()
                ));
            }
        }
    }
    errors
}

/// Merges `docs/po/ru.po` with the current template (gettext's `msgmerge`;
/// changed English becomes fuzzy, removed English is dropped).
pub fn update(root: &Path, say: &dyn Fn(&str)) -> Result<(), String> {
    let pot = extract(root, say)?;
    let catalog = root.join("docs").join(RUSSIAN);
    let run = |program: &str, args: &[&std::ffi::OsStr]| -> Result<(), String> {
        let status = Command::new(program).args(args).status().map_err(|e| {
            format!(
                "cannot run {program} ({e}): it is part of gettext (Debian: apt-get install gettext)"
            )
        })?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("{program} failed ({status})"))
        }
    };
    run(
        "msgmerge",
        &["--quiet", "--update", "--backup=none", "--width=80"]
            .map(std::ffi::OsStr::new)
            .into_iter()
            .chain([catalog.as_os_str(), pot.as_os_str()])
            .collect::<Vec<_>>(),
    )?;
    run(
        "msgattrib",
        &["--no-obsolete", "--width=80", "--output-file"]
            .map(std::ffi::OsStr::new)
            .into_iter()
            .chain([catalog.as_os_str(), catalog.as_os_str()])
            .collect::<Vec<_>>(),
    )?;
    say("Merged docs/po/ru.po with the current book: translate its fuzzy and empty entries.");
    Ok(())
}
