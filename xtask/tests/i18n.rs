//! The Russian catalog's status against the English template: what CI's
//! `cargo xtask i18n --check` fails on (untranslated, fuzzy, stale), and the
//! terminology table the check reads.

use std::path::Path;

use xtask::i18n::{po, status, terms};

const TEMPLATE: &str = r#"msgid ""
msgstr "Language: ru\n"

#: src/a.md
msgid "Threads"
msgstr ""

#: src/a.md src/b.md
msgid "A lock"
msgstr ""

#: src/b.md
msgid "New English"
msgstr ""
"#;

fn template() -> Vec<po::Entry> {
    po::parse(TEMPLATE).unwrap()
}

/// A catalog's entries, behind a header.
fn catalog(entries: &str) -> Vec<po::Entry> {
    po::parse(&format!(
        "msgid \"\"\nmsgstr \"Language: ru\\n\"\n\n{entries}"
    ))
    .unwrap()
}

#[test]
fn a_complete_catalog_merged_against_the_template_passes() {
    let catalog = catalog(
        "#: src/a.md\nmsgid \"Threads\"\nmsgstr \"Потоки\"\n\n\
         msgid \"A lock\"\nmsgstr \"Блокировка\"\n\n\
         msgid \"New English\"\nmsgstr \"Новый текст\"\n",
    );
    let st = status(&template(), &catalog);
    assert!(st.complete(), "{}", st.report());
    assert_eq!(st.translated, 3);
}

#[test]
fn untranslated_fuzzy_missing_and_obsolete_are_each_counted_by_page() {
    let catalog = catalog(
        "msgid \"Threads\"\nmsgstr \"\"\n\n\
         #, fuzzy\nmsgid \"A lock\"\nmsgstr \"Замок\"\n\n\
         msgid \"Old English\"\nmsgstr \"Старый текст\"\n",
    );
    let st = status(&template(), &catalog);
    assert!(!st.complete());
    assert_eq!(
        (st.untranslated, st.fuzzy, st.missing, st.obsolete),
        (1, 1, 1, 1)
    );
    assert_eq!(st.behind.get("src/a.md"), Some(&2), "Threads and A lock");
    assert_eq!(
        st.behind.get("src/b.md"),
        Some(&2),
        "A lock and New English"
    );
    let report = st.report();
    assert!(
        report.contains("stale: run `cargo xtask i18n update`"),
        "{report}"
    );
    assert!(report.contains("src/b.md: 2 behind"), "{report}");
}

#[test]
fn the_terminology_table_has_the_twenty_terms_the_check_needs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let table = std::fs::read_to_string(root.join("docs/po/TERMS.md")).unwrap();
    let terms = terms::parse(&table).expect("TERMS.md parses");
    assert!(terms.len() >= 20);
    assert!(
        terms
            .iter()
            .any(|t| t.english == "thread" && t.avoid.iter().any(|a| a == "нить"))
    );
    let broken = "| English | Russian | stem | avoid |\n|---|---|---|---|\n| thread | поток |\n";
    assert!(
        terms::parse(broken)
            .unwrap_err()
            .to_string()
            .contains("4 cells")
    );
}

#[test]
fn a_duplicated_message_is_an_error_naming_its_line() {
    let twice = "msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\n\
                 msgid \"Lock\"\nmsgstr \"Блокировка\"\n\n\
                 msgid \"Thread\"\nmsgstr \"Поток\"\n\n\
                 msgid \"Lock\"\nmsgstr \"Замок\"\n";
    let err = po::parse(twice).unwrap_err().to_string();
    assert!(err.contains("line 11") && err.contains("Lock"), "{err}");
    assert!(err.contains("line 5"), "names the first one too: {err}");
    // The same English in another context is another message.
    let contexts = "msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\n\
                    msgid \"Lock\"\nmsgstr \"Блокировка\"\n\n\
                    msgctxt \"menu\"\nmsgid \"Lock\"\nmsgstr \"Заблокировать\"\n";
    assert_eq!(po::parse(contexts).unwrap().len(), 2);
}

/// The rules of docs/TRANSLATING.md that `i18n --check` applies: the findings
/// (rule, words) of a bad and a good translation of each.
fn findings(english: &str, russian: &str) -> Vec<(String, String)> {
    static BOOK: std::sync::Once = std::sync::Once::new();
    let docs = Path::new(env!("CARGO_TARGET_TMPDIR")).join("i18n-style");
    BOOK.call_once(|| {
        std::fs::create_dir_all(docs.join("src/a")).unwrap();
        std::fs::write(
            docs.join("src/a/semaphore.md"),
            "# 3.3a Semaphore\n\nText.\n",
        )
        .unwrap();
    });
    let entries = catalog(&format!(
        "#: src/a/semaphore.md\nmsgid \"3.3a Semaphore\"\nmsgstr \"3.3a Семафор\"\n\n\
         #: src/a/other.md\nmsgid \"{english}\"\nmsgstr \"{russian}\"\n"
    ));
    xtask::i18n::style::check(&entries, &docs)
        .into_iter()
        .map(|f| (f.rule.to_string(), f.message))
        .collect()
}

#[track_caller]
fn assert_rule(english: &str, bad: &str, good: &str, rule: &str, words: &str) {
    let found = findings(english, bad);
    assert_eq!(found.len(), 1, "{bad}: {found:?}");
    assert_eq!(found[0].0, rule, "{found:?}");
    assert!(found[0].1.contains(words), "{found:?}");
    assert_eq!(findings(english, good), [], "{good}");
}

#[test]
fn a_link_text_is_the_target_pages_russian_title() {
    let english = "See [the semaphore page](semaphore.md#top).";
    assert_rule(
        english,
        "См. [страницу о семафоре](semaphore.md#top).",
        "См. [3.3a Семафор](semaphore.md#top).",
        "link title",
        "«3.3a Семафор»",
    );
    // A label or a name the English uses as it is stays as it is.
    assert_eq!(
        findings("See [3.3a](semaphore.md).", "См. [3.3a](semaphore.md)."),
        []
    );
}

#[test]
fn a_numeric_range_takes_an_en_dash_in_prose() {
    assert_rule(
        "Wait 10-15 ms.",
        "Подождите **10-15 мс**, потом 1.7–2.3x.",
        "Подождите **10–15 мс**, потом 1.7–2.3x; `10-15` в коде, x86-64, 2026-12-01.",
        "en dash",
        "«10-15»",
    );
}

#[test]
fn on_a_thread_is_in_a_thread_in_russian() {
    assert_rule(
        "It runs on one thread and on the loop.",
        "Код работает на одном потоке.",
        "Код работает в одном потоке, в цикле событий; по задаче на поток.",
        "«на потоке»",
        "«на одном потоке»",
    );
    assert_rule(
        "On the loop.",
        "На цикле.",
        "В цикле событий.",
        "«на потоке»",
        "«на цикле»",
    );
}

#[test]
fn the_page_is_not_a_sentences_subject() {
    assert_rule(
        "This page shows a lock.",
        "Эта страница показывает блокировку.",
        "На этой странице показана блокировка.",
        "«Эта страница»",
        "На этой странице",
    );
}

#[test]
fn fails_with_is_not_завершается_с() {
    assert_rule(
        "It fails with `Err(Closed)`.",
        "Вызов завершается с `Err(Closed)`.",
        "Вызов завершается ошибкой `Err(Closed)`.",
        "«завершается с `»",
        "завершается ошибкой",
    );
}

#[test]
fn code_between_the_words_breaks_a_phrase() {
    // «на `RwLock` в потоках» is «на» of «замените на», then «в потоках».
    let russian = "Замените `Mutex` на `RwLock` в потоках.";
    assert_eq!(
        findings("Replace `Mutex` with `RwLock` in threads.", russian),
        []
    );
}
