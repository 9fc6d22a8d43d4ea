//! The Russian catalog's status against the English template: what CI's
//! `cargo xtask i18n --check` fails on (untranslated, fuzzy, stale), and the
//! terminology table the check reads.

use std::path::Path;

use xtask::i18n::{po, status, terms};

const TEMPLATE: &str = r#"msgid ""
msgstr ""

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

#[test]
fn a_complete_catalog_merged_against_the_template_passes() {
    let catalog = po::parse(
        "#: src/a.md\nmsgid \"Threads\"\nmsgstr \"Потоки\"\n\n\
         msgid \"A lock\"\nmsgstr \"Блокировка\"\n\n\
         msgid \"New English\"\nmsgstr \"Новый текст\"\n",
    )
    .unwrap();
    let st = status(&template(), &catalog);
    assert!(st.complete(), "{}", st.report());
    assert_eq!(st.translated, 3);
}

#[test]
fn untranslated_fuzzy_missing_and_obsolete_are_each_counted_by_page() {
    let catalog = po::parse(
        "msgid \"Threads\"\nmsgstr \"\"\n\n\
         #, fuzzy\nmsgid \"A lock\"\nmsgstr \"Замок\"\n\n\
         msgid \"Old English\"\nmsgstr \"Старый текст\"\n",
    )
    .unwrap();
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
    assert!(terms::parse(broken).unwrap_err().contains("4 cells"));
}
