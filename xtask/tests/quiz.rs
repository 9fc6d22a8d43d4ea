//! The book's quizzes (`docs/quizzes/`): the real ones' answers against the
//! compiler and a run of each program, a changed answer caught, the Russian
//! twins against the English, and where a page shows its quiz.

mod support;

use std::path::{Path, PathBuf};

use xtask::book::quiz::{self, Kind, QuizFile, programs};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The workspace's target directory, the one this test was built in.
fn target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .to_path_buf()
}

#[test]
fn every_tracing_answer_is_what_the_compiler_and_five_runs_say() {
    let quizzes = quiz::load(&root().join("docs")).unwrap_or_else(|p| panic!("{}", p.join("\n")));
    let traced = programs::traced(&quizzes);
    let target = target();
    let problems = programs::check(
        &root(),
        &target.join(programs::PACKAGE),
        &target,
        &traced,
        5,
    )
    .unwrap();
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_real_quizzes_have_what_they_need_and_their_russian_twins_agree() {
    let problems = quiz::check(&root());
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

#[test]
fn every_topic_page_exercise_page_and_the_summary_end_in_a_quiz() {
    let missing = quiz::missing(&root()).unwrap();
    assert!(
        missing.is_empty(),
        "{} page(s) without a quiz (see docs/QUIZZES.md):\n  {}",
        missing.len(),
        missing.join("\n  ")
    );
}

#[test]
fn the_pages_that_end_in_a_quiz_are_the_topic_pages_the_summary_and_the_exercises() {
    let pages = quiz::pages_with_quizzes(&root()).unwrap();
    for page in [
        "1-concepts/gil.md",
        "1-concepts/gil_simulated.md",
        "2-threads-vs-processes/memory_and_context.md",
        "6-summary/index.md",
        "exercises/threads.md",
    ] {
        assert!(pages.iter().any(|p| p == page), "{page} in {pages:?}");
    }
    assert!(
        !pages
            .iter()
            .any(|p| p == "1-concepts/index.md" || p == "exercises/index.md")
    );
    // Sections 1 and 2 are done.
    let missing = quiz::missing(&root()).unwrap();
    let early: Vec<_> = missing
        .iter()
        .filter(|m| m.contains("/1-concepts/") || m.contains("/2-threads-vs-processes/"))
        .collect();
    assert!(early.is_empty(), "{early:?}");
}

/// The real quiz of 1.3a with one answer changed at a time, as a scratch
/// copy would have it: each change is caught, and nothing else is.
#[test]
fn a_changed_answer_fails_the_check() {
    let docs = root().join("docs");
    let real = quiz::read(&docs.join("quizzes/1-concepts/gil.toml")).unwrap();
    let tracing = |id: &str| {
        real.questions
            .iter()
            .find(|q| q.id == id)
            .cloned()
            .unwrap_or_else(|| panic!("no question {id} in gil.toml"))
    };
    let mut changed = Vec::new();
    let mut change = |id: &str, edit: &dyn Fn(&mut quiz::Trace)| {
        let mut q = tracing(id);
        q.id = format!("changed-{}-{id}", changed.len());
        if let Kind::Tracing { answer, .. } = &mut q.kind {
            edit(answer);
        }
        changed.push(q);
    };
    change("gil-two-threads-join", &|a| {
        a.stdout = Some("Result: 285\nDone: 570\n".into())
    });
    change("gil-two-threads-join", &|a| {
        (a.does_compile, a.stdout, a.error) = (false, None, Some("E0373".into()));
    });
    change("gil-no-start", &|a| a.error = Some("E0308".into()));
    change("gil-no-start", &|a| {
        (a.does_compile, a.stdout, a.error) = (true, Some("42".into()), None);
    });
    change("gil-two-threads-join", &|_| {}); // unchanged: no problem
    let copy = QuizFile {
        page: "1-concepts/gil.md".into(),
        file: "quizzes/1-concepts/gil.toml".into(),
        quiz: quiz::Quiz { questions: changed },
    };
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("quiz-changed");
    let problems = programs::check(
        &root(),
        &scratch.join("package"),
        &scratch.join("target"),
        &programs::traced(&[copy]),
        2,
    )
    .unwrap();
    let expected = [
        "changed-0-gil-two-threads-join: run 1 of 2 printed \"Result: 285\\nResult: 285\\nDone: 570\\n\", not the answer's",
        "changed-1-gil-two-threads-join: the answer says it fails with E0373, but it compiles",
        "changed-2-gil-no-start: the answer says it fails with E0308; the compiler's first error is E0599",
        "changed-3-gil-no-start: the answer says it compiles, but:",
    ];
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    for (problem, expected) in problems.iter().zip(expected) {
        assert!(
            problem.starts_with(&format!("docs/quizzes/1-concepts/gil.toml: {expected}")),
            "{problem}\nshould start with\n{expected}"
        );
    }
}

/// A small book of one page and its quiz, with `changes` made to it.
fn book(name: &str, changes: &[(&str, &str)]) -> PathBuf {
    let page = "# P\n\nText.\n\n{{#quiz ../../quizzes/a/p.toml}}\n\n<details>\n<summary>\n\n\
                Instructor notes\n\n</summary>\n\n- **The quiz:** question 1.\n\n</details>\n";
    let english = r#"
[[questions]]
id = "p-prints"
type = "Tracing"
prompt.program = 'fn main() { println!("{}", 6 * 7); }'
answer.doesCompile = true
answer.stdout = "42"
context = "It prints `42`."

[[questions]]
id = "p-fails"
type = "Tracing"
prompt.program = 'fn main() { let x: u8 = "no"; }'
answer.doesCompile = false
answer.error = "E0308"
context = "A `&str` is no `u8`: E0308."

[[questions]]
id = "p-choice"
type = "MultipleChoice"
prompt.prompt = "Which one starts a thread?"
prompt.distractors = ["`start()`", "`run()`"]
answer.answer = "`thread::spawn`"
context = "`thread::spawn` does; `start()` and `run()` are Python's."
"#;
    let russian = english
        .replace("It prints", "Печатает")
        .replace("A `&str` is no `u8`", "`&str` — не `u8`")
        .replace("Which one starts a thread?", "Что запускает поток?")
        .replace(
            "does; `start()` and `run()` are Python's.",
            "запускает; `start()` и `run()` — из Python.",
        );
    let mut files = vec![
        ("docs/src/a/p.md", page.to_string()),
        ("docs/quizzes/a/p.toml", english.to_string()),
        ("docs/quizzes/a/p.ru.toml", russian),
        ("docs/po/TERMS.md", file(&root(), "docs/po/TERMS.md")),
    ];
    for (path, text) in changes {
        match files.iter_mut().find(|(p, _)| p == path) {
            Some(file) => file.1 = text.to_string(),
            None => files.push((path, text.to_string())),
        }
    }
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("quiz-book-{name}"));
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        std::fs::write(root.join(path), text).unwrap();
    }
    root
}

fn file(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap()
}

#[track_caller]
fn assert_problems(root: &Path, expected: &[&str]) {
    support::assert_reported(&quiz::check(root), expected);
}

#[test]
fn a_sound_quiz_and_its_twin_have_no_problems() {
    assert_problems(&book("sound", &[]), &[]);
}

#[test]
fn the_twin_has_the_same_questions_and_answers_in_russian() {
    let root = book("twin", &[]);
    let russian = file(&root, "docs/quizzes/a/p.ru.toml");
    let cases = [
        (
            "stdout",
            russian.replace("stdout = \"42\"", "stdout = \"43\""),
            "p-prints: the answer differs",
        ),
        (
            "program",
            russian.replace("6 * 7", "7 * 6"),
            "p-prints: the program differs",
        ),
        (
            "untranslated",
            russian.replace("Что запускает поток?", "Which one starts a thread?"),
            "p-choice: prompt: not translated",
        ),
        (
            "code",
            russian.replace("`start()` и", "`run()` и"),
            "p-choice: context: its code differs",
        ),
        (
            "order",
            russian.replace("id = \"p-prints\"", "id = \"p-printed\""),
            "its questions are not the English ones",
        ),
        (
            "term",
            russian.replace("запускает поток", "запускает нить"),
            "term: «нить» for thread",
        ),
    ];
    for (name, text, expected) in cases {
        let root = book(
            &format!("twin-{name}"),
            &[("docs/quizzes/a/p.ru.toml", &text)],
        );
        assert_problems(&root, &[expected]);
    }
    let root = book("twin-missing", &[]);
    std::fs::remove_file(root.join("docs/quizzes/a/p.ru.toml")).unwrap();
    assert_problems(&root, &["its Russian twin docs/quizzes/a/p.ru.toml"]);
}

#[test]
fn a_question_lacks_nothing_a_reader_needs() {
    let root = book("fields", &[]);
    let english = file(&root, "docs/quizzes/a/p.toml");
    let cases = [
        (
            "no-id",
            english.replace("id = \"p-prints\"\n", ""),
            "not a quiz",
        ),
        (
            "no-error-named",
            english.replace(
                "context = \"A `&str` is no `u8`: E0308.\"",
                "context = \"Types.\"",
            ),
            "p-fails: the explanation does not name the error, E0308",
        ),
        (
            "empty-output",
            english.replace("answer.stdout = \"42\"", "answer.stdout = \"\""),
            "p-prints: `answer.stdout` is empty",
        ),
        (
            "both",
            english.replace(
                "answer.stdout = \"42\"",
                "answer.stdout = \"42\"\nanswer.error = \"E0308\"",
            ),
            "p-prints: a program that compiles has `answer.stdout`",
        ),
        (
            "one-option",
            english.replace(", \"`run()`\"", ""),
            "p-choice: fewer than 2 wrong options",
        ),
    ];
    for (name, text, expected) in cases {
        // The twin is made the same, so only the English is at fault.
        let root = book(
            &format!("fields-{name}"),
            &[
                ("docs/quizzes/a/p.toml", &text),
                ("docs/quizzes/a/p.ru.toml", &text),
            ],
        );
        let problems = quiz::check(&root);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("docs/quizzes/a/p.toml") && p.contains(expected)),
            "{name}: {problems:#?}"
        );
    }
}

#[test]
fn a_page_shows_its_own_quiz_last_before_the_instructor_notes() {
    let root = book("page", &[]);
    let page = file(&root, "docs/src/a/p.md");
    let line = "{{#quiz ../../quizzes/a/p.toml}}";
    let cases = [
        ("none", page.replace(line, ""), "0 quiz line(s)"),
        (
            "twice",
            page.replace(line, &format!("{line}\n\n{line}")),
            "2 quiz line(s)",
        ),
        (
            "another",
            page.replace("a/p.toml", "a/q.toml"),
            "is not its quiz line",
        ),
        (
            "mid-page",
            page.replace("Text.\n\n", "")
                .replace(&format!("{line}\n"), &format!("{line}\n\nMore text.\n")),
            "only the instructor notes",
        ),
        (
            "after-notes",
            format!("{}\n{line}\n", page.replace(line, "")),
            "before the instructor notes",
        ),
        (
            "no-note",
            page.replace("- **The quiz:** question 1.\n", ""),
            "no `**The quiz:**` bullet",
        ),
    ];
    for (name, text, expected) in cases {
        let root = book(&format!("page-{name}"), &[("docs/src/a/p.md", &text)]);
        assert_problems(&root, &[expected]);
    }
    // A quiz with no page, and a Russian file with no English one.
    let root = book("strays", &[("docs/quizzes/b.ru.toml", "")]);
    std::fs::remove_file(root.join("docs/src/a/p.md")).unwrap();
    assert_problems(
        &root,
        &[
            "no page docs/src/a/p.md",
            "a Russian quiz without its English one",
        ],
    );
}

#[test]
fn the_russian_book_shows_the_russian_quiz_and_the_template_none() {
    let root = book("swap", &[]);
    let dir = root.join("docs/src/a");
    let page = file(&root, "docs/src/a/p.md");
    let russian = xtask::book::with_russian_includes(&page, &dir);
    assert!(
        russian.contains("{{#quiz ../../quizzes/a/p.ru.toml}}"),
        "{russian}"
    );
    assert_eq!(russian.matches("{{#quiz").count(), 1);
    // Without a twin, the English quiz stays.
    std::fs::remove_file(root.join("docs/quizzes/a/p.ru.toml")).unwrap();
    assert_eq!(xtask::book::with_russian_includes(&page, &dir), page);
    let template = xtask::book::sources::for_template(&page, &dir);
    assert!(!template.contains("{{#quiz"), "{template}");
    assert!(template.contains("Instructor notes"));
}

#[test]
fn a_program_links_the_crates_it_names() {
    let names = |program: &str| -> Vec<&str> {
        programs::uses(program)
            .into_iter()
            .map(|(name, ..)| name)
            .collect()
    };
    assert_eq!(names("use std::thread;\nfn main() {}"), Vec::<&str>::new());
    assert_eq!(
        names("use parking_lot::Mutex;\n#[tokio::main]\nasync fn main() {}"),
        ["tokio", "parking_lot"]
    );
    assert_eq!(
        names("fn main() { sync_primitives::Semaphore::new(1); }"),
        ["sync_primitives"]
    );
    // A path that only ends in a crate's name is not that crate.
    assert_eq!(
        names("mod my { pub mod threads {} }\nuse my::threads::x;"),
        Vec::<&str>::new()
    );
}

#[test]
fn the_line_of_a_page_names_its_file_from_the_pages_folder() {
    assert_eq!(
        quiz::directive("1-concepts/gil.md"),
        "{{#quiz ../../quizzes/1-concepts/gil.toml}}"
    );
    assert_eq!(
        quiz::directive("index.md"),
        "{{#quiz ../quizzes/index.toml}}"
    );
    assert_eq!(
        quiz::file_of("exercises/threads.md", Some("ru")),
        "quizzes/exercises/threads.ru.toml"
    );
}
