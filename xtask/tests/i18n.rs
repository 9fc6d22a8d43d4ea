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
