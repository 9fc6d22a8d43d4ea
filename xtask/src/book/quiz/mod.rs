//! The quizzes at the end of the book's pages. A page shows its quiz with one
//! line, `{{#quiz ../../quizzes/1-concepts/gil.toml}}`, which mdbook-quiz
//! 0.5.0 renders; the file is `docs/quizzes/<page>.toml` (the page's path
//! under `docs/src`, `.md` replaced), and its Russian twin, `<page>.ru.toml`,
//! is what the Russian book shows instead (see `book::sources`).
//! `docs/QUIZZES.md` says how to write one.
//!
//! Checked here without building anything ([`check`], a part of
//! `cargo xtask book --check`): every quiz file parses, its questions have
//! what they need, the Russian twin has the same questions with the same
//! answers, in Russian, and each page shows its own quiz in the one place a
//! quiz goes. What the programs of `Tracing` questions do is [`programs`]'
//! check, which compiles and runs them.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

pub mod programs;
pub mod rustc;
mod translation;

/// The quizzes' folder, under `docs/`.
pub const FOLDER: &str = "quizzes";

/// A Tracing program a reader takes in at a glance: at most this many lines.
pub const PROGRAM_LINES: usize = 25;

/// Output a reader types in: at most this many lines.
pub const STDOUT_LINES: usize = 4;

/// The label of the instructor notes' bullet about the quiz.
pub const NOTE: &str = "**The quiz:**";

/// A quiz file, as mdbook-quiz reads it (the fields this course uses).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    /// The questions, in the order the reader meets them.
    pub questions: Vec<Question>,
}

/// One question. `id` is required: mdbook-quiz writes a random one into a
/// file whose question has none, and the two languages pair questions by it.
#[derive(Debug, Clone, Deserialize)]
pub struct Question {
    /// Unique in the book, `kebab-case`; the Russian twin has the same.
    pub id: String,
    /// The explanation shown after the answer (Markdown): why the answer is
    /// right and the other options wrong.
    pub context: String,
    /// What is asked, and its answer.
    #[serde(flatten)]
    pub kind: Kind,
}

/// mdbook-quiz's three kinds of question.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type")]
pub enum Kind {
    /// A program: does it compile, and if it does, what does it print?
    Tracing {
        /// The program.
        prompt: Program,
        /// Whether it compiles, and what it prints or fails with.
        answer: Trace,
    },
    /// One right option (or several) among wrong ones.
    MultipleChoice {
        /// The question and the wrong options.
        prompt: Choices,
        /// The right option(s).
        answer: Choice,
    },
    /// A word or a number to type.
    ShortAnswer {
        /// The question.
        prompt: Short,
        /// The accepted answers.
        answer: ShortAnswer,
    },
}

/// A `Tracing` question's program.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// A whole Rust program, with `fn main`.
    pub program: String,
}

/// A `Tracing` question's answer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Trace {
    /// Whether the program compiles.
    pub does_compile: bool,
    /// What it prints, when it compiles: exactly, every run.
    pub stdout: Option<String>,
    /// The error code it fails with, when it does not (`E0373`): the course's
    /// own field, which mdbook-quiz ignores; the explanation names it too.
    pub error: Option<String>,
}

/// A `MultipleChoice` question's prompt.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Choices {
    /// The question (Markdown).
    pub prompt: String,
    /// The wrong options, each answered in the explanation.
    pub distractors: Vec<String>,
    /// Where the right option goes, instead of a shuffled place.
    pub answer_index: Option<usize>,
    /// Options in sorted order, instead of shuffled.
    pub sort_answers: Option<bool>,
}

/// A `MultipleChoice` question's answer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The right option, or several (then the reader ticks each).
    pub answer: Options,
}

/// One right option, or several.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Options {
    /// One.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl Options {
    /// The right options.
    pub fn all(&self) -> Vec<&str> {
        match self {
            Options::One(one) => vec![one],
            Options::Many(many) => many.iter().map(String::as_str).collect(),
        }
    }
}

/// A `ShortAnswer` question's prompt.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Short {
    /// The question (Markdown).
    pub prompt: String,
}

/// A `ShortAnswer` question's answer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShortAnswer {
    /// The answer (compared without case and surrounding spaces).
    pub answer: String,
    /// Other answers accepted.
    #[serde(default)]
    pub alternatives: Vec<String>,
}

/// A quiz of the book: the page it ends, its file, and what the file holds.
#[derive(Debug, Clone)]
pub struct QuizFile {
    /// The page, under `docs/src`: `1-concepts/gil.md`.
    pub page: String,
    /// The file, under `docs`: `quizzes/1-concepts/gil.toml`.
    pub file: String,
    /// The questions.
    pub quiz: Quiz,
}

/// The quiz file of `page` (under `docs/src`), under `docs`, in English or,
/// with `Some("ru")`, in that language.
pub fn file_of(page: &str, language: Option<&str>) -> String {
    let stem = page.strip_suffix(".md").unwrap_or(page);
    match language {
        Some(language) => format!("{FOLDER}/{stem}.{language}.toml"),
        None => format!("{FOLDER}/{stem}.toml"),
    }
}

/// The line that shows the quiz of `page`: the path of its file relative to
/// the page's folder.
pub fn directive(page: &str) -> String {
    let up = "../".repeat(Path::new(page).components().count());
    format!("{{{{#quiz {up}{}}}}}", file_of(page, None))
}

/// The file a line shows, when it is a quiz line: `../../quizzes/x.toml`.
pub fn shown(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix("{{#quiz ")
        .and_then(|l| l.strip_suffix("}}"))
        .map(str::trim)
}

/// Reads one quiz file.
pub fn read(path: &Path) -> Result<Quiz> {
    let text = fs_err::read_to_string(path)?;
    toml::from_str(&text).with_context(|| format!("{}: not a quiz", path.display()))
}

/// The English quiz files under `docs/quizzes`, as (page, file), sorted.
pub fn english_files(docs: &Path) -> Vec<(String, String)> {
    let folder = docs.join(FOLDER);
    let mut found = Vec::new();
    for path in crate::files_with(&folder, "toml") {
        let Ok(relative) = path.strip_prefix(&folder) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        let stem = relative.strip_suffix(".toml").expect("a .toml file");
        if !stem.contains('.') {
            found.push((format!("{stem}.md"), format!("{FOLDER}/{relative}")));
        }
    }
    found
}

/// Every English quiz of the book in `docs`, read; or the problems of the
/// files that do not parse.
pub fn load(docs: &Path) -> Result<Vec<QuizFile>, Vec<String>> {
    let (mut quizzes, mut problems) = (Vec::new(), Vec::new());
    for (page, file) in english_files(docs) {
        match read(&docs.join(&file)) {
            Ok(quiz) => quizzes.push(QuizFile { page, file, quiz }),
            Err(e) => problems.push(format!("{e:#}")),
        }
    }
    match problems.is_empty() {
        true => Ok(quizzes),
        false => Err(problems),
    }
}

/// Every problem of the quizzes of the book at `root`, one line each
/// (`docs/quizzes/...: question id: what is wrong`). Builds nothing.
pub fn check(root: &Path) -> Vec<String> {
    let docs = root.join("docs");
    let mut problems = Vec::new();
    let quizzes = match load(&docs) {
        Ok(quizzes) => quizzes,
        Err(unread) => return unread,
    };
    let mut ids: HashMap<&str, &str> = HashMap::new();
    for q in &quizzes {
        for question in &q.quiz.questions {
            if let Some(other) = ids.insert(&question.id, &q.file) {
                problems.push(format!(
                    "docs/{}: {}: the id is also in docs/{other}: ids are unique in the book",
                    q.file, question.id
                ));
            }
        }
        problems.extend(
            questions(&q.quiz)
                .into_iter()
                .map(|p| format!("docs/{}: {p}", q.file)),
        );
        problems.extend(shown_by_its_page(&docs, &q.page));
        let russian = file_of(&q.page, Some("ru"));
        match read(&docs.join(&russian)) {
            Ok(twin) => problems.extend(
                translation::compare(&docs, &q.quiz, &twin)
                    .into_iter()
                    .map(|p| format!("docs/{russian}: {p}")),
            ),
            Err(e) => problems.push(format!(
                "docs/{}: its Russian twin docs/{russian}: {e:#}",
                q.file
            )),
        }
    }
    problems.extend(strays(&docs));
    problems
}

/// The problems of one quiz's questions, each as `id: what is wrong`.
pub fn questions(quiz: &Quiz) -> Vec<String> {
    let mut problems = Vec::new();
    if quiz.questions.len() < 3 {
        problems.push(format!(
            "{} question(s): a quiz has at least 3",
            quiz.questions.len()
        ));
    }
    if !quiz
        .questions
        .iter()
        .any(|q| matches!(q.kind, Kind::Tracing { .. }))
    {
        problems.push("no Tracing question: a quiz has at least one, on its page's idea".into());
    }
    for q in &quiz.questions {
        let mut wrong = |what: String| problems.push(format!("{}: {what}", q.id));
        let kebab = |s: &str| {
            !s.is_empty()
                && s.split('-').all(|w| {
                    !w.is_empty()
                        && w.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                })
        };
        if !kebab(&q.id) {
            wrong("the id is not kebab-case (`gil-join-returns`)".into());
        }
        if q.context.trim().is_empty() {
            wrong("no explanation (`context`)".into());
        }
        match &q.kind {
            Kind::Tracing { prompt, answer } => {
                for what in tracing(&prompt.program, answer, &q.context) {
                    wrong(what);
                }
            }
            Kind::MultipleChoice { prompt, answer } => {
                let right = answer.answer.all();
                if prompt.distractors.len() < 2 {
                    wrong("fewer than 2 wrong options (`prompt.distractors`)".into());
                }
                let options: BTreeSet<&str> = right
                    .iter()
                    .copied()
                    .chain(prompt.distractors.iter().map(String::as_str))
                    .collect();
                if options.len() != right.len() + prompt.distractors.len() {
                    wrong("two options are the same".into());
                }
                if right.is_empty() || options.iter().any(|o| o.trim().is_empty()) {
                    wrong("an empty option".into());
                }
                if prompt
                    .answer_index
                    .is_some_and(|i| i > prompt.distractors.len())
                {
                    wrong("`answerIndex` is past the last option".into());
                }
            }
            Kind::ShortAnswer { answer, .. } => {
                if answer.answer.trim().is_empty() {
                    wrong("an empty answer".into());
                }
            }
        }
    }
    problems
}

/// What is wrong with a `Tracing` question, short of running it.
fn tracing(program: &str, answer: &Trace, context: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    let lines = program.trim().lines().count();
    if lines > PROGRAM_LINES {
        wrong.push(format!(
            "the program has {lines} lines: at most {PROGRAM_LINES}, to be read in 20 seconds"
        ));
    }
    if !program.contains("fn main") {
        wrong.push("the program has no `fn main`".into());
    }
    if program.contains("`[") || program.contains("]`") {
        wrong.push("the program has `[ or ]`, which mdbook-quiz shows as a highlight".into());
    }
    match (answer.does_compile, &answer.stdout, &answer.error) {
        (true, Some(stdout), None) => {
            let shown = stdout.trim_end().lines().count();
            if stdout.trim().is_empty() {
                wrong.push(
                    "`answer.stdout` is empty: a reader cannot submit an empty output, \
                     so the program prints something"
                        .into(),
                );
            } else if shown > STDOUT_LINES {
                wrong.push(format!(
                    "`answer.stdout` has {shown} lines: at most {STDOUT_LINES}, for a reader to type"
                ));
            }
        }
        (false, None, Some(code)) => {
            let valid = code.len() == 5
                && code.starts_with('E')
                && code[1..].chars().all(|c| c.is_ascii_digit());
            if !valid {
                wrong.push(format!(
                    "`answer.error` {code:?} is not an error code like E0373"
                ));
            } else if !context.contains(code.as_str()) {
                wrong.push(format!("the explanation does not name the error, {code}"));
            }
        }
        (true, ..) => wrong.push(
            "a program that compiles has `answer.stdout` (what it prints) and no `answer.error`"
                .into(),
        ),
        (false, ..) => wrong.push(
            "a program that does not compile has `answer.error` (its code, E0373) and no \
             `answer.stdout`"
                .into(),
        ),
    }
    wrong
}

/// The page of a quiz exists and shows it, with its own line, in the one
/// place a quiz goes (see [`placement`]).
fn shown_by_its_page(docs: &Path, page: &str) -> Vec<String> {
    let path = docs.join("src").join(page);
    match std::fs::read_to_string(&path) {
        Ok(text) => placement(&text, page)
            .err()
            .map(|why| format!("docs/src/{page}: {why}"))
            .into_iter()
            .collect(),
        Err(_) => vec![format!(
            "docs/{}: no page docs/src/{page} for it",
            file_of(page, None)
        )],
    }
}

/// Where a page shows its quiz: on a line of its own, `directive(page)`, at
/// the end of the page, where only the instructor notes (a `<details>`
/// block, with a [`NOTE`] bullet that names the hardest question) may
/// follow it.
pub fn placement(text: &str, page: &str) -> Result<(), String> {
    let expected = directive(page);
    let lines: Vec<&str> = text.lines().collect();
    let at: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains("{{#quiz"))
        .collect();
    let &[i] = at.as_slice() else {
        return Err(format!(
            "{} quiz line(s): a page has one, `{expected}`",
            at.len()
        ));
    };
    if lines[i].trim() != expected {
        return Err(format!(
            "line {}: `{}` is not its quiz line, `{expected}`",
            i + 1,
            lines[i].trim()
        ));
    }
    if lines[..i].iter().any(|l| l.trim() == "Instructor notes") {
        return Err(format!(
            "line {}: the quiz goes before the instructor notes, not after them",
            i + 1
        ));
    }
    let after = lines[i + 1..].join("\n");
    let after = after.trim();
    if after.is_empty() {
        return Ok(());
    }
    if !(after.starts_with("<details>") && after.ends_with("</details>")) {
        return Err(format!(
            "line {}: the quiz ends the page; only the instructor notes (`<details>`) follow it",
            i + 1
        ));
    }
    if !after.contains(NOTE) {
        return Err(format!(
            "the instructor notes have no `{NOTE}` bullet naming the hardest question \
             and how to use it in class"
        ));
    }
    Ok(())
}

/// Quiz files no English quiz explains: a Russian twin without its English
/// file, or a file that is not a page's quiz.
fn strays(docs: &Path) -> Vec<String> {
    let folder = docs.join(FOLDER);
    crate::files(&folder)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(&folder).ok()?;
            let name = relative.to_string_lossy().replace('\\', "/");
            let english = match name.strip_suffix(".ru.toml") {
                Some(stem) => format!("{stem}.toml"),
                None if name.ends_with(".toml") && !name.trim_end_matches(".toml").contains('.') => {
                    return None;
                }
                None => {
                    return Some(format!(
                        "docs/{FOLDER}/{name}: not a quiz file (<page>.toml, or its twin <page>.ru.toml)"
                    ));
                }
            };
            (!folder.join(&english).is_file()).then(|| {
                format!("docs/{FOLDER}/{name}: a Russian quiz without its English one, {english}")
            })
        })
        .collect()
}

/// The pages that end in a quiz: each topic page of `topics.toml`, the
/// summary (the index page of its last section) and every exercise page.
pub fn pages_with_quizzes(root: &Path) -> Result<Vec<String>> {
    let manifest = tour::Manifest::load(&root.join("topics.toml")).map_err(anyhow::Error::msg)?;
    let mut pages: Vec<String> = Vec::new();
    for topic in &manifest.topics {
        let page = manifest
            .page(topic)
            .context("a topic's section is missing")?;
        if !pages.contains(&page) {
            pages.push(page);
        }
    }
    if let Some(last) = manifest.sections.last() {
        pages.push(format!("{}/index.md", last.folder));
    }
    for krate in crate::exercises::load(root)?.crates {
        pages.push(format!("exercises/{}.md", krate.name));
    }
    Ok(pages)
}

/// The pages of [`pages_with_quizzes`] that have no quiz yet, with what
/// each lacks.
pub fn missing(root: &Path) -> Result<Vec<String>> {
    let docs = root.join("docs");
    Ok(pages_with_quizzes(root)?
        .into_iter()
        .filter_map(|page| {
            let file = file_of(&page, None);
            let text = std::fs::read_to_string(docs.join("src").join(&page)).unwrap_or_default();
            match (docs.join(&file).is_file(), text.contains(&directive(&page))) {
                (true, true) => None,
                (false, _) => Some(format!("docs/src/{page}: no quiz, docs/{file}")),
                (true, false) => Some(format!("docs/src/{page}: does not show docs/{file}")),
            }
        })
        .collect())
}
