//! The book's include, anchor and link check (`cargo xtask book --check`),
//! on a small hand-made book and on the real one in `docs/src`.

use std::path::{Path, PathBuf};

use xtask::book::check::{anchored, check};

/// A fresh book under cargo's per-test temp dir, with the given files.
fn book(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("book-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir.join("src")
}

const CODE: &str = "fn main() {\n    // ANCHOR: cell\n    let x = 1;\n    // ANCHOR_END: cell\n    // ANCHOR: empty\n    // ANCHOR_END: empty\n}\n";

#[test]
fn a_sound_book_has_no_problems() {
    let src = book(
        "sound",
        &[
            ("code/demo.rs", CODE),
            ("src/img/plot.svg", "<svg/>"),
            (
                "src/a/page.md",
                "# Page\n\n```rust\n{{#include ../../code/demo.rs:cell}}\n```\n\n\
                 {{#include ../../code/demo.rs}}\n\n[next](../b.md#part) [web](https://example.com) \
                 [here](#top)\n\n![plot](../img/plot.svg)\n\n`[not](a-link.md)`\n\n\
                 ```text\n[not](a-link-either.md)\n```\n",
            ),
            ("src/b.md", "# B\n"),
        ],
    );
    assert_eq!(check(&src), Vec::<String>::new());
}

#[test]
fn every_kind_of_break_is_reported_with_its_page() {
    let src = book(
        "broken",
        &[
            ("code/demo.rs", CODE),
            (
                "src/page.md",
                "{{#include ../code/gone.rs:cell}}\n{{#include ../code/demo.rs:nope}}\n\
                 {{#include ../code/demo.rs:empty}}\n[gone](gone.md)\n![missing](img/missing.svg)\n\
                 <img src=\"img/also-missing.png\">\n[source](../code/demo.rs)\n",
            ),
        ],
    );
    let problems = check(&src);
    let expect = [
        "page.md: {{#include ../code/gone.rs:cell}}: cannot read",
        "page.md: {{#include ../code/demo.rs:nope}}: no anchor `nope` in ../code/demo.rs",
        "page.md: {{#include ../code/demo.rs:empty}}: anchor `empty` in ../code/demo.rs brackets nothing",
        "page.md: link (gone.md):",
        "page.md: link (img/missing.svg):",
        "page.md: link (img/also-missing.png):",
        "page.md: link (../code/demo.rs): outside docs/src",
    ];
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
    for (problem, expected) in problems.iter().zip(expect) {
        assert!(
            problem.starts_with(expected),
            "{problem:?} should start with {expected:?}"
        );
    }
}

#[test]
fn an_anchor_keeps_its_lines_and_drops_nested_markers() {
    let text =
        "// ANCHOR: outer\na\n// ANCHOR: inner\nb\n// ANCHOR_END: inner\n// ANCHOR_END: outer\n";
    assert_eq!(anchored(text, "outer").as_deref(), Some("a\nb\n"));
    assert_eq!(anchored(text, "inner").as_deref(), Some("b\n"));
    assert_eq!(anchored(text, "missing"), None);
    // An anchor that is opened and never closed is missing too.
    assert_eq!(anchored("// ANCHOR: open\nx\n", "open"), None);
}

#[test]
fn the_real_book_has_no_broken_include_or_link() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/src");
    let problems = check(&src);
    assert!(
        problems.is_empty(),
        "docs/src:\n  {}",
        problems.join("\n  ")
    );
}
