//! Just enough of the gettext PO format to count a catalog: its entries'
//! message ids, translations, flags and source references. (Writing and
//! merging catalogs is gettext's `msgmerge`, which `cargo xtask i18n update`
//! runs.)

/// One message of a catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// `msgctxt`, when there is one.
    pub context: Option<String>,
    /// The English text.
    pub id: String,
    /// The translation ("" when untranslated).
    pub text: String,
    /// Marked `#, fuzzy`: the English changed since it was translated.
    pub fuzzy: bool,
    /// The `#:` references: the pages it comes from (`src/3-threading/semaphore.md`).
    pub pages: Vec<String>,
    /// Kept with `#~` after its English was removed.
    pub obsolete: bool,
}

impl Entry {
    /// Translated, and not waiting for review.
    pub fn translated(&self) -> bool {
        !self.text.is_empty() && !self.fuzzy
    }

    /// The key that matches an entry of the template to its translation.
    pub fn key(&self) -> (Option<&str>, &str) {
        (self.context.as_deref(), &self.id)
    }
}

/// The entries of a PO file, the header (the entry with an empty id) left out.
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    let mut entry = Entry::default();
    let mut field: Option<&'static str> = None;
    let mut started = false;
    for (n, raw) in text.lines().enumerate() {
        let at = |m: &str| format!("line {}: {m}", n + 1);
        let mut line = raw.trim();
        if line.is_empty() {
            finish(&mut entries, &mut entry, &mut started);
            field = None;
            continue;
        }
        if let Some(rest) = line.strip_prefix("#~") {
            entry.obsolete = true;
            line = rest.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
        } else if let Some(refs) = line.strip_prefix("#:") {
            entry
                .pages
                .extend(refs.split_whitespace().map(|r| page_of(r).to_string()));
            continue;
        } else if let Some(flags) = line.strip_prefix("#,") {
            entry.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            continue;
        } else if line.starts_with('#') {
            continue;
        }
        let (name, value) = match line.split_once(' ') {
            Some((name, value)) if !line.starts_with('"') => (Some(name), value),
            _ => (None, line),
        };
        if let Some(name) = name {
            field = Some(match name {
                "msgctxt" => {
                    finish(&mut entries, &mut entry, &mut started);
                    "msgctxt"
                }
                "msgid" => {
                    if started && !entry.id.is_empty() && field != Some("msgctxt") {
                        finish(&mut entries, &mut entry, &mut started);
                    }
                    "msgid"
                }
                "msgstr" | "msgstr[0]" => "msgstr",
                "msgid_plural" | "msgstr[1]" | "msgstr[2]" | "msgstr[3]" => "ignored",
                other => return Err(at(&format!("unknown keyword {other}"))),
            });
            started = true;
        }
        let value = unquote(value).ok_or_else(|| at("expected a quoted string"))?;
        match field {
            Some("msgctxt") => entry
                .context
                .get_or_insert_with(String::new)
                .push_str(&value),
            Some("msgid") => entry.id.push_str(&value),
            Some("msgstr") => entry.text.push_str(&value),
            Some(_) => {}
            None => return Err(at("a string outside any msgid or msgstr")),
        }
    }
    finish(&mut entries, &mut entry, &mut started);
    Ok(entries)
}

fn finish(entries: &mut Vec<Entry>, entry: &mut Entry, started: &mut bool) {
    let done = std::mem::take(entry);
    if *started && !done.id.is_empty() {
        entries.push(done);
    }
    *started = false;
}

/// `src/x.md:12` → `src/x.md` (mdbook-xgettext may add line numbers).
fn page_of(reference: &str) -> &str {
    match reference.rsplit_once(':') {
        Some((page, line)) if line.chars().all(|c| c.is_ascii_digit()) => page,
        _ => reference,
    }
}

/// The text of a PO string literal: `"a\"b\n"` → `a"b` and a newline.
fn unquote(s: &str) -> Option<String> {
    let inner = s.trim().strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            other => out.push(other), // \" and \\ (and anything else, as itself)
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalog_with_every_kind_of_entry() {
        let text = r#"msgid ""
msgstr ""
"Language: ru\n"

#: src/a.md:3 src/b.md
msgid "Lock"
msgstr "Блокировка"

#, fuzzy
#: src/a.md
msgid ""
"two \"lines\"\n"
"here"
msgstr "старый"

msgctxt "menu"
msgid "Run"
msgstr ""

#~ msgid "Gone"
#~ msgstr "Ушло"
"#;
        let entries = parse(text).unwrap();
        assert_eq!(entries.len(), 4, "{entries:#?}");
        assert_eq!(entries[0].pages, ["src/a.md", "src/b.md"]);
        assert!(entries[0].translated());
        assert_eq!(entries[1].id, "two \"lines\"\nhere");
        assert!(entries[1].fuzzy && !entries[1].translated());
        assert_eq!(entries[2].key(), (Some("menu"), "Run"));
        assert!(!entries[2].translated());
        assert!(entries[3].obsolete && entries[3].id == "Gone");
    }

    #[test]
    fn a_broken_catalog_says_where() {
        let err = parse("msgid \"a\"\nmsgstr \"b\nfoo\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
    }
}
