//! The editor's rules that a machine can check (`docs/TRANSLATING.md`,
//! "Style"), read in each translation's prose (code spans and link targets
//! left out): a link's text is its page's Russian title; a numeric range
//! takes an en dash; «в потоке», «в цикле событий», not «на потоке»; the
//! page is no sentence's subject («Эта страница показывает»); "fails with"
//! is «завершается ошибкой», not «завершается с `…`»; a page shows the
//! Russian picture where there is one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Finding;
use super::po::Entry;
use super::terms::short;
use crate::normalize;

/// Every finding of the rules in the translated messages of `catalog`, whose
/// pages are in `docs` (`docs/src/...`).
pub fn check(catalog: &[Entry], docs: &Path) -> Vec<Finding> {
    let titles = titles(&docs.join("src"));
    let russian: HashMap<&str, &str> = catalog
        .iter()
        .filter(|e| e.translated())
        .map(|e| (e.id.as_str(), e.text.as_str()))
        .collect();
    let mut findings = Vec::new();
    for e in catalog.iter().filter(|e| e.translated()) {
        let mut found = |rule, message: String| findings.push(Finding::new(e, rule, message));
        let prose = prose(&e.text);
        let words: Vec<String> = prose
            .split(|c: char| !c.is_alphanumeric() && c != '…')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let place = ["потоке", "потоках", "цикле", "циклах"];
        for (i, _) in words.iter().enumerate().filter(|(_, w)| *w == "на") {
            let rest = &words[i + 1..words.len().min(i + 3)];
            if let Some(n) = rest.iter().position(|w| place.contains(&w.as_str())) {
                let phrase = words[i..=i + 1 + n].join(" ");
                found(
                    "«на потоке»",
                    format!(
                        "«{phrase}»: in Russian, «в потоке», «в цикле событий»: {}",
                        short(&e.text)
                    ),
                );
            }
        }
        for _ in words
            .windows(2)
            .filter(|p| p[0] == "эта" && p[1] == "страница")
        {
            found(
                "«Эта страница»",
                format!(
                    "the page as a sentence's subject: say «На этой странице…», «Ниже…»: {}",
                    short(&e.text)
                ),
            );
        }
        let lower = e.text.to_lowercase();
        for (i, _) in lower.match_indices(" с `") {
            if lower[..i]
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .is_some_and(|w| w.starts_with("заверш"))
            {
                found(
                    "«завершается с `»",
                    format!(
                        "\"fails with\" is «завершается ошибкой `…`»: {}",
                        short(&e.text)
                    ),
                );
            }
        }
        for range in prose.split_whitespace().filter_map(numeric_range) {
            found(
                "en dash",
                format!(
                    "«{range}»: a range takes an en dash, «{}»",
                    range.replacen('-', "–", 1)
                ),
            );
        }
        let Some(page) = e.pages.first() else {
            continue;
        };
        let dir = docs
            .join(page)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for (text, target) in links(&e.text) {
            let file = target.split('#').next().unwrap_or_default();
            if !file.ends_with(".md") || file.contains("://") {
                continue;
            }
            let Some(title) = titles.get(&normalize(&dir.join(file))) else {
                continue;
            };
            let Some(&title_ru) = russian.get(title.as_str()) else {
                continue;
            };
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let same_name = !text.contains(' ') && links(&e.id).iter().any(|(t, _)| *t == text);
            if text != title_ru && !same_name {
                found(
                    "link title",
                    format!(
                        "[{text}]({target}): a link's text is its page's Russian title, «{title_ru}»"
                    ),
                );
            }
        }
        for (i, _) in e.text.match_indices(".svg") {
            let name = &e.text[e.text[..i].rfind(['(', '"', ' ']).map_or(0, |s| s + 1)..i];
            if !name.ends_with(".ru") && dir.join(format!("{name}.ru.svg")).is_file() {
                found(
                    "picture",
                    format!("shows {name}.svg where {name}.ru.svg exists"),
                );
            }
        }
    }
    findings
}

/// A message's prose: its code spans as `…` and its link targets left out.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_code, mut in_target, mut previous) = (false, false, ' ');
    for c in text.chars() {
        match c {
            // A code span stands as one word of its own, `…`.
            '`' if !in_code => {
                in_code = true;
                out.push('…');
            }
            '`' => in_code = false,
            '(' if previous == ']' && !in_code => in_target = true,
            ')' if in_target => in_target = false,
            _ if in_code || in_target => {}
            _ => out.push(c),
        }
        previous = c;
    }
    out
}

/// Whether `word` starts a word in `text` (lowercase both).
pub fn starts_a_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// `0-5` in a word of prose like `**0-5` or `1.7-2.3x,`: two numbers joined
/// by a hyphen, the second perhaps with a unit (not `x86-64`, not a date).
fn numeric_range(word: &str) -> Option<&str> {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    let (a, b) = word.split_once('-')?;
    let number = |s: &str| {
        let mut parts = s.splitn(2, ['.', ',']);
        parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let unit = b
        .find(|c: char| !c.is_ascii_digit() && c != '.' && c != ',')
        .unwrap_or(b.len());
    let suffix_ok = b[unit..].chars().all(char::is_alphabetic);
    (number(a) && number(&b[..unit]) && suffix_ok).then_some(word)
}

/// The Markdown links of `text`, outside code spans: (text, target).
pub(crate) fn links(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let (mut opened, mut in_code) = (Vec::new(), false);
    for (i, c) in text.char_indices() {
        match c {
            '`' => in_code = !in_code,
            '[' if !in_code => opened.push(i),
            ']' if !in_code => {
                let (Some(start), Some(rest)) = (opened.pop(), text[i + 1..].strip_prefix('('))
                else {
                    continue;
                };
                if let Some(end) = rest.find(')') {
                    found.push((text[start + 1..i].to_string(), rest[..end].to_string()));
                }
            }
            _ => {}
        }
    }
    found
}

/// Each page's title (its first `# ` heading), by its path.
pub(crate) fn titles(src: &Path) -> HashMap<PathBuf, String> {
    crate::files_with(src, "md")
        .into_iter()
        .filter_map(|page| {
            let text = std::fs::read_to_string(&page).ok()?;
            let title = text
                .lines()
                .find_map(|l| l.strip_prefix("# "))?
                .trim()
                .to_string();
            Some((normalize(&page), title))
        })
        .collect()
}
