//! The terminology check: `docs/po/TERMS.md` fixes one Russian word per
//! term, and a translation that uses a word of its "avoid" column is flagged.
//! A translation whose English has the term but whose Russian lacks the
//! chosen stem is listed as worth a look, not as an error: a sentence may
//! well say it another way.

use anyhow::{Result, bail};

use super::Finding;
use super::po::Entry;
use super::style::{prose, starts_a_word};

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Term {
    /// The English term (`race condition`).
    pub english: String,
    /// The stem every Russian form of the chosen word starts with.
    pub stem: String,
    /// Words that must not be used for it (each matches at a word's start).
    pub avoid: Vec<String>,
}

/// The rows of the table in `TERMS.md`: `| English | Russian | stem | avoid |`.
pub fn parse(text: &str) -> Result<Vec<Term>> {
    let mut terms = Vec::new();
    for line in text.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() != 4 {
            bail!("TERMS.md: a row needs 4 cells: {line}");
        }
        if cells[0] == "English" || cells[0].starts_with("---") {
            continue;
        }
        terms.push(Term {
            english: cells[0].to_lowercase(),
            stem: cells[2].to_lowercase(),
            avoid: cells[3]
                .split(',')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect(),
        });
    }
    if terms.len() < 20 {
        bail!(
            "TERMS.md has {} terms; the check wants at least 20",
            terms.len()
        );
    }
    Ok(terms)
}

/// Whether `term` is a whole word (or words) of `text`.
fn has_word(text: &str, term: &str) -> bool {
    text.match_indices(term).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric() || c == 's')
    })
}

/// (findings, notes): translations using a word the table avoids, and those
/// whose English has a term but whose Russian lacks its stem.
pub fn check(entries: &[Entry], terms: &[Term]) -> (Vec<Finding>, Vec<String>) {
    let (mut findings, mut notes) = (Vec::new(), Vec::new());
    for e in entries.iter().filter(|e| e.translated()) {
        let (english, russian) = (prose(&e.id).to_lowercase(), prose(&e.text).to_lowercase());
        if english == russian {
            continue; // code, a name or a number, copied as it is
        }
        for t in terms {
            if let Some(w) = t.avoid.iter().find(|w| starts_a_word(&russian, w)) {
                let message = format!("«{w}» for {}: {}", t.english, short(&e.text));
                findings.push(Finding::new(e, "term", message));
            }
            if has_word(&english, &t.english) && !russian.contains(&t.stem) {
                notes.push(format!(
                    "{}: {} without «{}…»: {}",
                    e.at(),
                    t.english,
                    t.stem,
                    short(&e.text)
                ));
            }
        }
    }
    (findings, notes)
}

/// The first line of `text`, cut at 70 characters.
pub fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    match line.char_indices().nth(70) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, text: &str) -> Entry {
        Entry {
            id: id.into(),
            text: text.into(),
            pages: vec!["src/a.md".into()],
            ..Entry::default()
        }
    }

    #[test]
    fn an_avoided_word_is_an_error_and_a_missing_stem_a_note() {
        let terms = vec![Term {
            english: "thread".into(),
            stem: "пото".into(),
            avoid: vec!["нит".into()],
        }];
        let good = entry("Two threads run.", "Два потока работают.");
        let avoided = entry("Two threads run.", "Две нити работают.");
        let inside_a_word = entry("Run it.", "Выполните это.");
        let in_code = entry("Call `thread::spawn`.", "Вызовите `thread::spawn`.");
        let (findings, notes) = check(&[good, avoided, inside_a_word, in_code], &terms);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].message.contains("«нит» for thread"));
        assert_eq!(
            notes.len(),
            1,
            "only the avoided one lacks the stem: {notes:?}"
        );
    }
}
