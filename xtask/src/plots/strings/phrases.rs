//! The measured JSON's English text in another language, by patterns; and
//! counted words in the form their number takes.

use super::Strings;

/// Patterns that give the measured JSON's English text in another language.
///
/// Each pair is an English pattern and its translation. In the English,
/// `{}` stands for a part carried over as it is (a number, a row group's
/// id) and `{t}` for a part that this list translates in turn. In the
/// translation, `{}` takes the parts in the same order, and `{one|few|many}`
/// is the form of a word for the number just taken ([`Strings::plural`]).
/// A pattern must match the whole text; the first that matches is used.
pub struct Phrases {
    /// The file that holds the list, named by the error when none matches.
    pub file: &'static str,
    /// (English pattern, translation).
    pub list: &'static [(&'static str, &'static str)],
}

impl Strings {
    /// `text` from the measured JSON, in this language; an error names
    /// text that no pattern matches.
    pub fn say(&self, text: &str) -> Result<String, String> {
        let Some(phrases) = &self.measured else {
            return Ok(text.to_string());
        };
        for (english, translated) in phrases.list {
            if let Some(parts) = captures(english, text) {
                return self.fill(english, translated, &parts);
            }
        }
        Err(format!(
            "the measured text «{text}» has no translation for the `{}` files: add a \
             pattern for it to the `measured` list in {}",
            self.suffix, phrases.file
        ))
    }

    /// The one of `forms` (for 1, 2, 5) that the count `n` takes.
    pub fn form<'a>(&self, n: u64, forms: [&'a str; 3]) -> &'a str {
        forms[(self.plural)(n).min(2)]
    }

    /// `n` counted in `forms` (`{n}` in each): `2 CPUs`.
    pub fn count(&self, n: u64, forms: [&str; 3]) -> String {
        self.form(n, forms).replace("{n}", &n.to_string())
    }

    /// The translation of a matched pattern, with its parts put in.
    fn fill(&self, english: &str, translated: &str, parts: &[&str]) -> Result<String, String> {
        let translate: Vec<bool> = pieces(english)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Hole(kind) => Some(kind == "t"),
                Piece::Text(_) => None,
            })
            .collect();
        let broken = |why: &str| format!("the pattern «{translated}» (for «{english}») {why}");
        let (mut out, mut taken, mut last) = (String::new(), 0, None);
        for piece in pieces(translated) {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Hole(forms) if forms.contains('|') => {
                    let forms: Vec<&str> = forms.split('|').collect();
                    let n = last.and_then(|part: &str| part.parse::<u64>().ok());
                    let (Some(n), [one, few, many]) = (n, forms.as_slice()) else {
                        return Err(broken("wants three forms just after a number"));
                    };
                    out.push_str(self.form(n, [one, few, many]));
                }
                Piece::Hole(_) => {
                    let part = *parts.get(taken).ok_or_else(|| broken("has too many {}"))?;
                    if translate[taken] {
                        out.push_str(&self.say(part)?);
                    } else {
                        out.push_str(part);
                    }
                    (taken, last) = (taken + 1, Some(part));
                }
            }
        }
        if taken != parts.len() {
            return Err(broken("leaves out a part"));
        }
        Ok(out)
    }
}

/// A piece of a pattern: text, or what is inside the braces of a hole
/// (`{}`, `{t}`, `{one|few|many}`).
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Text(&'a str),
    Hole(&'a str),
}

fn pieces(pattern: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        out.push(Piece::Hole(&rest[open + 1..close]));
        rest = rest.get(close + 1..).unwrap_or("");
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The parts of `text` that `pattern`'s holes stand for, if it matches all
/// of it. A hole takes the text up to where the next text piece first
/// appears (or, for the last piece, up to where it ends `text`), and is
/// never empty.
fn captures<'a>(pattern: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let pieces = pieces(pattern);
    let (mut rest, mut parts) = (text, Vec::new());
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Text(t) => rest = rest.strip_prefix(t)?,
            Piece::Hole(_) => {
                let end = match pieces.get(i + 1) {
                    None => rest.len(),
                    Some(Piece::Text(t)) if i + 2 == pieces.len() => rest.strip_suffix(t)?.len(),
                    Some(Piece::Text(t)) => rest.find(t)?,
                    Some(Piece::Hole(_)) => return None, // two holes side by side
                };
                if end == 0 {
                    return None;
                }
                parts.push(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    rest.is_empty().then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::super::{EN, RU};
    use super::*;

    #[test]
    fn russian_counts_agree_with_their_number() {
        let say = |text: &str| RU.say(text).unwrap();
        assert_eq!(say("threads, 1 worker"), "потоки, 1 рабочий");
        assert_eq!(say("threads, 2 workers"), "потоки, 2 рабочих");
        assert_eq!(say("pool, 21 workers"), "пул, 21 рабочий");
        assert_eq!(say("pool, 11 workers"), "пул, 11 рабочих");
        assert_eq!(say("1 clients, tasks"), "1 клиент, задачи");
        assert_eq!(say("3 clients, threads"), "3 клиента, потоки");
        assert_eq!(
            say("10000 clients, sequential"),
            "10000 клиентов, последовательно"
        );
        assert_eq!(RU.count(1, RU.cpus), "1 CPU");
        assert_eq!(EN.count(1, EN.cpus), "1 CPU");
        assert_eq!(EN.count(2, EN.cpus), "2 CPUs");
    }

    #[test]
    fn english_is_shown_as_it_is_and_unknown_russian_is_an_error() {
        assert_eq!(EN.say("anything at all").unwrap(), "anything at all");
        let err = RU.say("anything at all").unwrap_err();
        assert!(
            err.contains("«anything at all»") && err.contains("ru_measured.rs"),
            "{err}"
        );
        // A part that must be translated is checked too.
        let err = RU
            .say("noisy: the COBOL runs ranged over 2.0x")
            .unwrap_err();
        assert!(err.contains("«the COBOL runs»"), "{err}");
    }

    #[test]
    fn a_hole_takes_up_to_the_next_text_and_never_nothing() {
        assert_eq!(
            captures("{}, {} workers", "a, b, 2 workers"),
            Some(vec!["a", "b, 2"])
        );
        assert_eq!(
            captures("speedup {}x ({} rows)", "speedup 1.2x (cpu rows)"),
            Some(vec!["1.2", "cpu"])
        );
        assert_eq!(
            captures("speedup {}x ({} rows)", "speedup 1.2x (cpu rows): more"),
            None
        );
        assert_eq!(captures("{} clients", " clients"), None);
        assert_eq!(captures("exact", "exact"), Some(vec![]));
    }

    #[test]
    fn every_russian_pattern_fits_its_english() {
        let list = RU.measured.as_ref().unwrap().list;
        for (english, translated) in list {
            let holes = |p: &str| {
                pieces(p)
                    .into_iter()
                    .filter(|p| matches!(p, Piece::Hole(h) if !h.contains('|')))
                    .count()
            };
            assert_eq!(
                holes(english),
                holes(translated),
                "«{english}» → «{translated}»"
            );
            for piece in pieces(english) {
                if let Piece::Hole(kind) = piece {
                    assert!(kind.is_empty() || kind == "t", "«{english}»: {{{kind}}}");
                }
            }
            for piece in pieces(translated) {
                if let Piece::Hole(forms) = piece {
                    let n = forms.split('|').count();
                    assert!(forms.is_empty() || n == 3, "«{translated}»");
                }
            }
        }
    }
}
