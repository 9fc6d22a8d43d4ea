//! A gettext catalog, read with `polib`, entry by entry so that each message
//! keeps the line it starts on and a message defined twice is an error.
//! (Merging catalogs is gettext's `msgmerge`: `cargo xtask i18n update`.)

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// One message of a catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// `msgctxt`, empty when there is none.
    pub context: String,
    /// The English text.
    pub id: String,
    /// The translation ("" when untranslated).
    pub text: String,
    /// Marked `#, fuzzy`: the English changed since it was translated.
    pub fuzzy: bool,
    /// The pages it comes from (`src/3-threading/semaphore.md`).
    pub pages: Vec<String>,
    /// The line of the file where it starts (1-based).
    pub line: usize,
}

impl Entry {
    /// Translated, and not waiting for review.
    pub fn translated(&self) -> bool {
        !self.text.is_empty() && !self.fuzzy
    }

    /// What matches a message of the template to its translation.
    pub fn key(&self) -> (&str, &str) {
        (&self.context, &self.id)
    }

    /// `line 12 (src/a.md)`: where a report points a reader.
    pub fn at(&self) -> String {
        let page = self.pages.first().map_or("no page", String::as_str);
        format!("line {} ({page})", self.line)
    }
}

/// The messages of the PO file at `path`.
pub fn read(path: &Path) -> Result<Vec<Entry>> {
    parse(&fs_err::read_to_string(path)?).with_context(|| path.display().to_string())
}

/// The messages of a PO file's text, its header (the first entry) left out.
/// Obsolete entries (`#~`) are not messages. A message is one block of lines,
/// as polib reads it; polib is given each block behind the header.
pub fn parse(text: &str) -> Result<Vec<Entry>> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate().chain([(lines.len(), &"")]) {
        if line.is_empty() {
            if i > start {
                blocks.push((start + 1, lines[start..i].join("\n")));
            }
            start = i + 1;
        }
    }
    let Some(((_, header), blocks)) = blocks.split_first() else {
        bail!("no header entry (msgid \"\")");
    };
    let mut entries: Vec<Entry> = Vec::new();
    let mut first_at: HashMap<(String, String), usize> = HashMap::new();
    for (line, block) in blocks {
        for (n, l) in block.lines().enumerate() {
            let quoted = |s: &str| s.len() >= 2 && s.starts_with('"') && s.ends_with('"');
            let keyword = l
                .split_once(' ')
                .is_some_and(|(k, v)| k.starts_with("msg") && quoted(v));
            if !(l.starts_with('#') || quoted(l) || keyword) {
                bail!("line {}: not a line of a PO file: {l:.80}", line + n);
            }
        }
        let catalog =
            polib::po_file::parse_from_reader(format!("{header}\n\n{block}\n").as_bytes())
                .with_context(|| format!("line {line}"))?;
        for message in catalog.messages() {
            let context = message.msgctxt().unwrap_or_default().to_string();
            let key = (context.clone(), message.msgid().to_string());
            if let Some(first) = first_at.insert(key, *line) {
                bail!(
                    "line {line}: the message {:?} is defined again (first at line {first})",
                    message.msgid()
                );
            }
            entries.push(Entry {
                context,
                id: message.msgid().to_string(),
                text: message.msgstr().unwrap_or_default().to_string(),
                fuzzy: message.is_fuzzy(),
                pages: message.source().split_whitespace().map(page_of).collect(),
                line: *line,
            });
        }
    }
    Ok(entries)
}

/// `src/x.md:12` → `src/x.md` (mdbook-xgettext may add line numbers).
fn page_of(reference: &str) -> String {
    match reference.rsplit_once(':') {
        Some((page, line)) if line.chars().all(|c| c.is_ascii_digit()) => page.into(),
        _ => reference.into(),
    }
}
