//! A quiz and its Russian twin: the same questions, in the same order, with
//! the same answers; the words translated, the code not, and the Russian
//! held to the book's terms and the editor's rules (`docs/po/TERMS.md`,
//! `docs/TRANSLATING.md`), as the catalog is.

use std::path::Path;

use super::{Kind, Question, Quiz};
use crate::i18n::{po, style, terms};

/// Every way `russian` is not the twin of `english`, as `id: what`.
pub fn compare(docs: &Path, english: &Quiz, russian: &Quiz) -> Vec<String> {
    let mut problems = Vec::new();
    let (en, ru) = (&english.questions, &russian.questions);
    let ids = |qs: &[Question]| qs.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
    if ids(en) != ids(ru) {
        problems.push(format!(
            "its questions are not the English ones in the same order: {:?}, not {:?}",
            ids(ru),
            ids(en)
        ));
        return problems;
    }
    let mut texts = Vec::new();
    for (e, r) in en.iter().zip(ru) {
        let mut differ =
            |what: &str| problems.push(format!("{}: {what} differs from the English", e.id));
        let mut pair = |what: &'static str, english: &str, russian: &str| {
            texts.push((e.id.clone(), what, english.to_string(), russian.to_string()));
        };
        pair("context", &e.context, &r.context);
        match (&e.kind, &r.kind) {
            (
                Kind::Tracing {
                    prompt: ep,
                    answer: ea,
                },
                Kind::Tracing {
                    prompt: rp,
                    answer: ra,
                },
            ) => {
                if ep.program != rp.program {
                    differ("the program");
                }
                if ea != ra {
                    differ("the answer");
                }
            }
            (
                Kind::MultipleChoice {
                    prompt: ep,
                    answer: ea,
                },
                Kind::MultipleChoice {
                    prompt: rp,
                    answer: ra,
                },
            ) => {
                let (right_en, right_ru) = (ea.answer.all(), ra.answer.all());
                if ep.distractors.len() != rp.distractors.len() || right_en.len() != right_ru.len()
                {
                    differ("the number of options");
                }
                if (ep.answer_index, ep.sort_answers) != (rp.answer_index, rp.sort_answers) {
                    differ("the order of the options");
                }
                pair("prompt", &ep.prompt, &rp.prompt);
                for (e, r) in right_en.iter().zip(&right_ru) {
                    pair("answer", e, r);
                }
                for (e, r) in ep.distractors.iter().zip(&rp.distractors) {
                    pair("a wrong option", e, r);
                }
            }
            (
                Kind::ShortAnswer {
                    prompt: ep,
                    answer: ea,
                },
                Kind::ShortAnswer { prompt: rp, .. },
            ) => {
                pair("prompt", &ep.prompt, &rp.prompt);
                if !ea.answer.chars().any(char::is_alphabetic) {
                    // A number or a symbol is the same answer in both languages.
                    if let Kind::ShortAnswer { answer: ra, .. } = &r.kind
                        && ra.answer != ea.answer
                    {
                        differ("the answer");
                    }
                }
            }
            _ => differ("the kind of question"),
        }
    }
    for (id, what, english, russian) in &texts {
        if code(english) != code(russian) {
            problems.push(format!(
                "{id}: {what}: its code differs from the English (code is never translated): \
                 {:?}, not {:?}",
                code(russian),
                code(english)
            ));
        }
        let words = |text: &str| {
            style::prose(text)
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w.chars().count() > 1)
        };
        let cyrillic = style::prose(russian)
            .chars()
            .any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
        if words(english) && !cyrillic {
            problems.push(format!("{id}: {what}: not translated: {russian:.70}"));
        }
    }
    problems.extend(rules(docs, &texts));
    problems
}

/// The findings of the catalog's checks (`cargo xtask i18n`) in the quiz's
/// Russian: a word the terms avoid, and the editor's mechanical rules.
fn rules(docs: &Path, texts: &[(String, &str, String, String)]) -> Vec<String> {
    let entries: Vec<po::Entry> = texts
        .iter()
        .map(|(id, what, english, russian)| po::Entry {
            id: english.clone(),
            text: russian.clone(),
            pages: vec![format!("{id}: {what}")],
            ..po::Entry::default()
        })
        .collect();
    let table = std::fs::read_to_string(docs.join("po/TERMS.md")).unwrap_or_default();
    let mut findings = match terms::parse(&table) {
        Ok(table) => terms::check(&entries, &table).0,
        Err(e) => return vec![format!("docs/po/TERMS.md: {e:#}")],
    };
    findings.extend(style::check(&entries, docs));
    findings
        .into_iter()
        .map(|f| {
            let place = f.at.split_once('(').map_or(f.at.as_str(), |(_, p)| p);
            format!("{}: {}: {}", place.trim_end_matches(')'), f.rule, f.message)
        })
        .collect()
}

/// The code of a Markdown text, sorted: its fenced blocks and code spans
/// (with their spaces and line breaks as one space).
pub fn code(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let (mut fence, mut block, mut prose) = (false, String::new(), String::new());
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            if fence {
                found.push(std::mem::take(&mut block));
            }
            fence = !fence;
        } else if fence {
            block.push_str(line);
            block.push('\n');
        } else {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    // A span broken across lines is one span, as Markdown renders it.
    let spans = prose.split('`').skip(1).step_by(2);
    found.extend(spans.map(|span| span.split_whitespace().collect::<Vec<_>>().join(" ")));
    found.sort();
    found
}
