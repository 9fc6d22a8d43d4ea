//! The languages of the pictures and tables: English, whose texts are the
//! msgids, and the translations in the pictures' own gettext catalog,
//! `docs/po/pictures/<lang>.po`, read with polib, plural forms by the
//! catalog's `Plural-Forms`.
//!
//! Rendering in English records every msgid asked: that list, sorted, is
//! the catalog's template, `docs/po/pictures/messages.pot`, which `plots`
//! writes and `plots --check` compares like any rendered file. A text the
//! catalog does not translate (or marks fuzzy) fails the rendering, naming
//! it. A translator brings a catalog up to date with gettext's own tools:
//! `msgmerge --update docs/po/pictures/ru.po docs/po/pictures/messages.pot`,
//! then translates what is new or fuzzy.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use polib::catalog::Catalog;
use polib::message::{Message, MessageView};
use polib::metadata::CatalogMetadata;
use tour::measured::Language;

/// The template, relative to the workspace root.
pub const TEMPLATE: &str = "docs/po/pictures/messages.pot";

/// The languages rendered besides English: `docs/po/pictures/<code>.po`,
/// rendered to `<name>.<code>.svg` and `<name>.<code>.md`.
pub const TRANSLATIONS: [&str; 1] = ["ru"];

/// The languages that write `2,49` for 2.49.
const DECIMAL_COMMA: [&str; 1] = ["ru"];

/// One language of the pictures: English, or a catalog's translation.
pub struct Tongue {
    /// The rendered files' suffix before `.svg` and `.md`: `""` or `".ru"`.
    pub suffix: String,
    /// Whether its measured numbers take a decimal comma.
    comma: bool,
    /// The catalog, its file and its `Plural-Forms` expression; none for English.
    catalog: Option<(Catalog, PathBuf, String)>,
    /// Every (msgid, msgid_plural) asked: in msgid order, the template
    /// changes only when a text does.
    asked: RefCell<BTreeSet<(String, Option<String>)>>,
    /// The msgids the catalog does not translate.
    missing: RefCell<BTreeSet<String>>,
}

impl Tongue {
    /// English: the msgids as they are.
    pub fn english() -> Tongue {
        Tongue {
            suffix: String::new(),
            comma: false,
            catalog: None,
            asked: RefCell::default(),
            missing: RefCell::default(),
        }
    }

    /// The translation of `docs/po/pictures/<code>.po` under `root`.
    pub fn load(root: &Path, code: &str) -> Result<Tongue> {
        let file = PathBuf::from(format!("docs/po/pictures/{code}.po"));
        let shown = file.display();
        let catalog = polib::po_file::parse(&root.join(&file))
            .map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
        let expr = catalog.metadata.plural_rules.expr.clone();
        if plural_index(&expr, 1).is_none() {
            bail!("{shown}: its Plural-Forms expression {expr:?} does not parse");
        }
        Ok(Tongue {
            suffix: format!(".{code}"),
            comma: DECIMAL_COMMA.contains(&code),
            catalog: Some((catalog, file, expr)),
            asked: RefCell::default(),
            missing: RefCell::default(),
        })
    }

    /// The translation of `msgid` (`plural` for a plural one), or `None`.
    fn find(&self, msgid: &str, plural: Option<&str>) -> Option<&dyn MessageView> {
        let key = (msgid.to_string(), plural.map(String::from));
        self.asked.borrow_mut().insert(key);
        let (catalog, ..) = self.catalog.as_ref()?;
        let message = catalog.find_message(None, msgid, plural);
        let message = message.filter(|m| m.is_translated() && !m.is_fuzzy());
        if message.is_none() {
            self.missing.borrow_mut().insert(msgid.to_string());
        }
        message
    }

    /// A rendered picture or table with its measured numbers written as
    /// this language writes them: `2,49 / 0,75`, `1,15 s`, `83,3x`. Only a
    /// number a reading can be is changed: one point between digits, then a
    /// unit, a separator or the end, outside an SVG tag; never a version
    /// (`3.11.7`, `3.13t`) or a section label (`3.1 Lock`).
    pub fn numbers(&self, text: String) -> String {
        if !self.comma {
            return text;
        }
        const UNITS: [&str; 14] = [
            "s", "ms", "µs", "ns", "с", "мс", "мкс", "нс", "B", "KiB", "MiB", "GiB", "в", "CPU",
        ];
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut in_tag = false; // an SVG element's coordinates are not readings
        for (i, &c) in chars.iter().enumerate() {
            in_tag = (in_tag || c == '<') && c != '>';
            let reading = !in_tag && c == '.' && i > 0 && {
                let digit = |j: usize| chars.get(j).is_some_and(char::is_ascii_digit);
                let mut start = i;
                while start > 0 && digit(start - 1) {
                    start -= 1;
                }
                let mut end = i + 1;
                while digit(end) {
                    end += 1;
                }
                let before = start.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(end).copied();
                let word: String = chars[(end + 1).min(chars.len())..]
                    .iter()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                start < i
                    && end > i + 1
                    && !before.is_some_and(|b| b.is_alphanumeric() || b == '.')
                    && match after {
                        None => true,
                        Some(' ') if !word.is_empty() => UNITS.contains(&word.as_str()),
                        Some(' ') => chars.get(end + 1).is_none_or(|&n| "<)/–;,|*".contains(n)),
                        Some(a) => "x<)/–;,|*\n".contains(a),
                    }
            };
            out.push(if reading { ',' } else { c });
        }
        out
    }

    /// Fails if a text asked has no translation, naming each.
    pub fn finish(&self) -> Result<()> {
        let (Some((_, file, _)), missing) = (&self.catalog, self.missing.borrow()) else {
            return Ok(());
        };
        if missing.is_empty() {
            return Ok(());
        }
        let names: Vec<String> = missing.iter().map(|m| format!("«{m}»")).collect();
        let (file, names) = (file.display(), names.join(", "));
        bail!(
            "{file} has no translation of {names}: bring it up to date with `msgmerge --update \
             {file} {TEMPLATE}` (after `cargo xtask plots`), then translate"
        )
    }

    /// The template of every text asked, as `messages.pot` holds it.
    pub fn template(&self) -> String {
        let mut metadata = CatalogMetadata::new();
        metadata.project_id_version = "course pictures".into();
        metadata.mime_version = "1.0".into();
        metadata.content_type = "text/plain; charset=UTF-8".into();
        metadata.content_transfer_encoding = "8bit".into();
        let mut catalog = Catalog::new(metadata);
        for (msgid, plural) in self.asked.borrow().iter() {
            let message = match plural {
                None => Message::build_singular()
                    .with_msgid(msgid.clone())
                    .with_msgstr(String::new())
                    .done(),
                Some(plural) => Message::build_plural()
                    .with_msgid(msgid.clone())
                    .with_msgid_plural(plural.clone())
                    .with_msgstr_plural(vec![String::new(); 2])
                    .done(),
            };
            catalog.append_or_update(message);
        }
        let mut bytes = std::io::BufWriter::new(Vec::new());
        polib::po_file::write(&catalog, &mut bytes).expect("writing to memory cannot fail");
        let text = String::from_utf8(bytes.into_inner().expect("flushed")).expect("UTF-8 in");
        "# The pictures' and tables' texts: `cargo xtask plots` writes this file.\n".to_string()
            + &text
    }
}

impl Language for Tongue {
    fn text(&self, msgid: &str) -> String {
        let found = self.find(msgid, None);
        let text = found.and_then(|m| m.msgstr().ok().map(String::from));
        text.unwrap_or_else(|| msgid.to_string())
    }

    fn plural(&self, one: &str, many: &str, n: usize) -> String {
        let found = self.find(one, Some(many));
        let Some((_, _, expr)) = &self.catalog else {
            return if n == 1 { one } else { many }.to_string();
        };
        let index = plural_index(expr, n as u64).unwrap_or(0) as usize;
        let text = found.and_then(|m| m.msgstr_plural().ok()?.get(index).cloned());
        text.unwrap_or_else(|| one.to_string())
    }
}

/// The binary operators of a `plural=` expression, loosest first.
const LEVELS: [&[&str]; 6] = [
    &["||"],
    &["&&"],
    &["==", "!="],
    &["<=", ">=", "<", ">"],
    &["+", "-"],
    &["*", "/", "%"],
];

/// Evaluates a gettext `plural=` expression for `n`: C's syntax, on `n`,
/// numbers, `!`, the operators of [`LEVELS`], `?:` and parentheses.
pub fn plural_index(expr: &str, n: u64) -> Option<u64> {
    let mut tokens = Vec::new();
    let mut rest = expr.trim().trim_end_matches(';');
    while let Some(c) = rest.trim_start().chars().next() {
        rest = rest.trim_start();
        let len = if c.is_ascii_digit() {
            rest.find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len())
        } else if ["||", "&&", "==", "!=", "<=", ">="]
            .iter()
            .any(|op| rest.starts_with(op))
        {
            2
        } else {
            1
        };
        tokens.push(&rest[..len]);
        rest = &rest[len..];
    }
    let mut parser = Parser { tokens, at: 0, n };
    let value = parser.ternary()?;
    (parser.at == parser.tokens.len()).then_some(value)
}

struct Parser<'a> {
    tokens: Vec<&'a str>,
    at: usize,
    n: u64,
}

impl Parser<'_> {
    fn eat(&mut self, token: &str) -> bool {
        let found = self.tokens.get(self.at) == Some(&token);
        self.at += usize::from(found);
        found
    }

    fn ternary(&mut self) -> Option<u64> {
        let condition = self.binary(0)?;
        if !self.eat("?") {
            return Some(condition);
        }
        let yes = self.ternary()?;
        self.eat(":").then_some(())?;
        let no = self.ternary()?;
        Some(if condition != 0 { yes } else { no })
    }

    fn binary(&mut self, level: usize) -> Option<u64> {
        let Some(ops) = LEVELS.get(level) else {
            return self.unary();
        };
        let mut left = self.binary(level + 1)?;
        while let Some(&op) = self.tokens.get(self.at).filter(|t| ops.contains(t)) {
            self.at += 1;
            let right = self.binary(level + 1)?;
            left = match op {
                "||" => u64::from(left != 0 || right != 0),
                "&&" => u64::from(left != 0 && right != 0),
                "==" => u64::from(left == right),
                "!=" => u64::from(left != right),
                "<=" => u64::from(left <= right),
                ">=" => u64::from(left >= right),
                "<" => u64::from(left < right),
                ">" => u64::from(left > right),
                "+" => left.checked_add(right)?,
                "-" => left.checked_sub(right)?,
                "*" => left.checked_mul(right)?,
                "/" => left.checked_div(right)?,
                _ => left.checked_rem(right)?,
            };
        }
        Some(left)
    }

    fn unary(&mut self) -> Option<u64> {
        let token = *self.tokens.get(self.at)?;
        self.at += 1;
        match token {
            "!" => Some(u64::from(self.unary()? == 0)),
            "n" => Some(self.n),
            "(" => {
                let value = self.ternary()?;
                self.eat(")").then_some(value)
            }
            number => number.parse().ok(),
        }
    }
}
