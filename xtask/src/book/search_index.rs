//! Search for the Russian book. mdBook 0.5.4 builds its search index with
//! elasticlunr's English pipeline, whose trimmer keeps ASCII letters and
//! digits only: every Cyrillic word is dropped, and a Russian search finds
//! nothing. The index's document store still holds each section's full text,
//! so this rebuilds the inverted index from it, trimming with Unicode's
//! letters and digits and without the English stemmer. `theme/search-unicode.js`
//! makes the browser treat the query the same way on a Russian page.

use std::path::Path;

use anyhow::{Context, Result};
use fs_err as fs;
use serde_json::{Map, Value, json};

const PREFIX: &str = "window.search = Object.assign(window.search, JSON.parse('";
const SUFFIX: &str = "'));";

/// Rewrites the search index of the book built in `book` (its
/// `searchindex-*.js`) for a language whose words are not ASCII.
/// `translate` gives the translation of a chapter's title: mdBook takes the
/// breadcrumbs of a result from the untranslated table of contents.
pub fn reindex(book: &Path, translate: &dyn Fn(&str) -> Option<String>) -> Result<()> {
    let is_index = |n: &str| n.starts_with("searchindex") && n.ends_with(".js");
    let file = fs::read_dir(book)?
        .flatten()
        .map(|entry| entry.path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(is_index))
        .with_context(|| format!("no searchindex-*.js in {}", book.display()))?;
    let text = fs::read_to_string(&file)?;
    let body = text
        .strip_prefix(PREFIX)
        .and_then(|t| t.strip_suffix(SUFFIX))
        .with_context(|| {
            format!(
                "{}: not the searchindex.js mdBook 0.5 writes",
                file.display()
            )
        })?;
    let mut search: Value =
        serde_json::from_str(&unescape(body)).context(file.display().to_string())?;
    let index = search
        .get_mut("index")
        .context("the search index has no index")?;
    translate_breadcrumbs(index, translate);
    rebuild(index)?;
    let escaped = serde_json::to_string(&search)?
        .replace('\\', "\\\\")
        .replace('\'', "\\'");
    Ok(fs::write(&file, format!("{PREFIX}{escaped}{SUFFIX}"))?)
}

/// "3. The threading module » 3.3 Semaphore » Запустите": each part that has
/// a translation is replaced by it.
fn translate_breadcrumbs(index: &mut Value, translate: &dyn Fn(&str) -> Option<String>) {
    let Some(docs) = index["documentStore"]["docs"].as_object_mut() else {
        return;
    };
    for doc in docs.values_mut() {
        if let Some(crumbs) = doc.get("breadcrumbs").and_then(Value::as_str) {
            let parts: Vec<String> = crumbs
                .split(" » ")
                .map(|part| translate(part).unwrap_or_else(|| part.to_string()))
                .collect();
            doc["breadcrumbs"] = json!(parts.join(" » "));
        }
    }
}

/// Undoes mdBook's escaping of the JSON into a `'...'` literal.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// The words of a field as the Russian pages' search takes them: split on
/// whitespace and `-` (as mdBook does), lowercased, letters and digits of
/// any script kept at both ends.
fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '_')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && w.chars().count() <= 80)
        .collect()
}

/// Replaces the inverted index and the field lengths of an elasticlunr
/// index by ones built from its document store.
fn rebuild(index: &mut Value) -> Result<()> {
    let fields: Vec<String> = index["fields"]
        .as_array()
        .context("the index has no fields")?
        .iter()
        .filter_map(|f| f.as_str().map(String::from))
        .collect();
    let docs = index["documentStore"]["docs"]
        .as_object()
        .context("the index stores no documents")?
        .clone();
    let mut roots: Map<String, Value> = Map::new();
    let mut info: Map<String, Value> = Map::new();
    for field in &fields {
        let mut root = json!({"docs": {}, "df": 0});
        for (id, doc) in &docs {
            let words = tokens(doc.get(field).and_then(Value::as_str).unwrap_or_default());
            info.entry(id.clone())
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .expect("made as an object")
                .insert(field.clone(), json!(words.len()));
            let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
            for w in &words {
                *counts.entry(w).or_default() += 1;
            }
            for (word, n) in counts {
                let mut node = &mut root;
                for c in word.chars() {
                    node = node
                        .as_object_mut()
                        .expect("a trie node is an object")
                        .entry(c.to_string())
                        .or_insert_with(|| json!({"docs": {}, "df": 0}));
                }
                node["docs"][id] = json!({"tf": (n as f64).sqrt()});
                node["df"] = json!(node["df"].as_u64().unwrap_or(0) + 1);
            }
        }
        roots.insert(field.clone(), json!({"root": root}));
    }
    index["index"] = Value::Object(roots);
    index["documentStore"]["docInfo"] = Value::Object(info);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_words_are_indexed_and_found_by_their_prefix() {
        let mut index = json!({
            "fields": ["title", "body"],
            "documentStore": {"docs": {
                "0": {"id": "0", "title": "Семафор", "body": "Семафор, семафор: «семафора» нет."},
                "1": {"id": "1", "title": "Lock", "body": "A lock-free queue."}
            }, "docInfo": {}, "length": 2, "save": true},
            "index": {}
        });
        rebuild(&mut index).unwrap();
        let body = &index["index"]["body"]["root"];
        let node = "семафор".chars().fold(body, |n, c| &n[c.to_string()]);
        assert_eq!(
            node["docs"]["0"]["tf"],
            json!(2f64.sqrt()),
            "the word twice, trimmed of «» and :"
        );
        assert_eq!(
            node["а"]["docs"]["0"]["tf"],
            json!(1.0),
            "семафора, a longer word below it"
        );
        assert!(
            body["l"]["o"]["c"]["k"]["docs"]["1"].is_object(),
            "split at '-' as mdBook does"
        );
        assert_eq!(index["documentStore"]["docInfo"]["0"]["body"], json!(4));
    }

    #[test]
    fn escaping_round_trips() {
        let json = r#"{"a":"it's \"q\" \\ done"}"#;
        let escaped = json.replace('\\', "\\\\").replace('\'', "\\'");
        assert_eq!(unescape(&escaped), json);
    }
}
