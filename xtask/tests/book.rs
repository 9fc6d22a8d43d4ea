//! The book's include, anchor and link check (`cargo xtask book --check`),
//! on a small hand-made book and on the real one in `docs/src`.

mod support;

use std::path::{Path, PathBuf};

use xtask::book::check::{anchored, check};
use xtask::book::claims;

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
fn a_link_by_section_number_names_the_page_as_its_heading_does() {
    let src = book(
        "numbered",
        &[
            ("src/a.md", "# 5.1a await and asyncio.run()\n"),
            (
                "src/b.md",
                "# B\n\n[5.1a](a.md) [5.1a await and asyncio.run()](a.md#top) [the page](a.md) \
                 `[5.1](a.md)` [5.1](a.md) [5.1a Await](a.md)\n",
            ),
        ],
    );
    let problems = xtask::book::check::numbered_link_titles(&src);
    assert_eq!(
        problems,
        [
            "b.md: link [5.1](a.md): the page is «5.1a await and asyncio.run()»",
            "b.md: link [5.1a Await](a.md): the page is «5.1a await and asyncio.run()»",
        ]
    );
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

/// The plain string literals inside `assert_stdout_contains(&[ .. ])` calls,
/// with `\n` and `\"` unescaped (`format!` needles are left out).
/// The test body as it runs on Linux, where the pages are captured: of each
/// `if cfg!(…) { … } else { … }`, only the branch Linux takes is kept.
fn on_linux(test_body: &str) -> String {
    let mut body = test_body.to_string();
    while let Some(start) = body.find("if cfg!(") {
        let cond_end = start + body[start..].find(") {").expect("a cfg! condition");
        let cond = &body[start + "if cfg!(".len()..cond_end];
        let linux = matches!(cond, "unix" | "target_os = \"linux\"");
        let then_open = cond_end + ") ".len();
        let then_close = matching_brace(&body, then_open);
        let (taken, end) = match body[then_close + 1..].strip_prefix(" else {") {
            Some(_) => {
                let else_open = then_close + " else ".len() + 1;
                let else_close = matching_brace(&body, else_open);
                let taken = if linux {
                    then_open..then_close
                } else {
                    else_open..else_close
                };
                (taken, else_close + 1)
            }
            None => (
                if linux {
                    then_open..then_close
                } else {
                    then_open..then_open
                },
                then_close + 1,
            ),
        };
        let kept = body[taken.start + 1..taken.end.max(taken.start + 1)].to_string();
        body.replace_range(start..end, &kept);
    }
    body
}

/// The index of the `}` that closes the `{` at `open`.
fn matching_brace(text: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + i;
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced braces in a test body")
}

fn needles(test_body: &str) -> Vec<String> {
    let test_body = on_linux(test_body);
    let mut found = Vec::new();
    for call in test_body.split("assert_stdout_contains(&[").skip(1) {
        let list = &call[..call.find("])").unwrap_or(call.len())];
        let mut chars = list.chars().peekable();
        let mut before = String::new();
        while let Some(c) = chars.next() {
            if c != '"' {
                before.push(c);
                continue;
            }
            let formatted = before.trim_end().ends_with("format!(");
            before.clear();
            let mut literal = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some('n') => literal.push('\n'),
                        Some(other) => literal.push(other),
                        None => break,
                    },
                    '"' => break,
                    c => literal.push(c),
                }
            }
            if !formatted {
                found.push(literal);
            }
        }
    }
    found
}

#[test]
fn captured_output_holds_what_each_examples_test_asserts() {
    // A page's "Run it" shows a full run; the test runs in quick mode, so
    // needles with numbers in them (workload sizes, counts) may differ and
    // are not compared. Everything else the test asserts must be there.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let manifest = tour::Manifest::load(&root.join("topics.toml")).unwrap();
    let mut missing = Vec::new();
    for topic in &manifest.topics {
        let tests = std::fs::read_to_string(root.join(&topic.package).join("tests/examples.rs"))
            .unwrap_or_default();
        let call = format!("example(\"{}\"", topic.example);
        let Some(body) = tests.split("#[test]").find(|t| t.contains(&call)) else {
            continue;
        };
        let output = xtask::book::capture::output_path(&manifest, &topic.example).unwrap();
        let Ok(captured) = std::fs::read_to_string(root.join("docs/src").join(&output)) else {
            missing.push(format!("{}: no captured output", output.display()));
            continue;
        };
        for needle in needles(body) {
            if !needle.contains(|c: char| c.is_ascii_digit()) && !captured.contains(&needle) {
                missing.push(format!("{}: lacks {needle:?}", output.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "stale captured output (run `cargo xtask book --capture <example>`):\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn an_empty_code_block_in_the_built_book_is_found() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("built-book");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(
        dir.join("ok.html"),
        "<pre><code class=\"language-rust\">fn main() {}</code></pre>",
    )
    .unwrap();
    std::fs::write(
        dir.join("a/empty.html"),
        "<pre><code class=\"language-text\"></code></pre>",
    )
    .unwrap();
    assert_eq!(xtask::book::empty_code_blocks(&dir), ["a/empty.html"]);
}

#[test]
fn generated_output_is_kept_out_of_the_translation_catalog() {
    let files = |page: &'static str| {
        [
            ("src/a/output/run.txt", "elapsed: 1.2 ms\n"),
            ("src/a/measured/t.md", "| a |\n|---|\n| 1 |\n"),
            ("src/a/page.md", page),
        ]
    };
    let skipped = "# P\n\n<!-- mdbook-xgettext: skip -->\n```text\n{{#include output/run.txt}}\n```\n\n\
                   {{#include measured/t.md}}\n";
    assert_eq!(
        check(&book("skipped", &files(skipped))),
        Vec::<String>::new()
    );
    let bare = "# P\n\n```text\n{{#include output/run.txt}}\n```\n\n\
                ```text\n{{#include ../x.stderr}}\n```\n\n{{#include measured/t.md}}\n";
    let mut files = files(bare).to_vec();
    files.push(("src/x.stderr", "error[E0373]: closure may outlive\n"));
    let problems = check(&book("bare", &files));
    assert_eq!(
        problems.len(),
        2,
        "the output and the compiler message, not the table: {problems:?}"
    );
    assert!(
        problems[0].starts_with("a/page.md:4: a generated include"),
        "{}",
        problems[0]
    );
    assert!(problems[1].starts_with("a/page.md:8: "), "{}", problems[1]);
}

#[test]
fn the_russian_book_includes_a_russian_table_where_one_exists() {
    let src = book(
        "russian-tables",
        &[
            ("src/measured/t.md", "| a |\n"),
            ("src/measured/t.ru.md", "| а |\n"),
            ("src/measured/u.md", "| b |\n"),
        ],
    );
    let page = "x\n{{#include measured/t.md}}\n{{#include measured/u.md}}\n";
    let got = xtask::book::with_russian_includes(page, &src);
    assert_eq!(
        got,
        "x\n{{#include measured/t.ru.md}}\n{{#include measured/u.md}}\n"
    );
}

#[test]
fn a_page_that_includes_itself_and_a_range_past_the_end_are_reported() {
    let src = book(
        "self-and-range",
        &[
            ("code/five.rs", "1\n2\n3\n4\n5\n"),
            ("src/a.md", "# A\n\n{{#include a.md}}\n"),
            ("src/b.md", "# B\n\n{{#include c.md}}\n"),
            ("src/c.md", "# C\n\n{{#include b.md}}\n"),
            (
                "src/d.md",
                "{{#include ../code/five.rs:2:5}}\n{{#include ../code/five.rs:5}}\n\
                 {{#include ../code/five.rs::3}}\n{{#include ../code/five.rs:4:9}}\n\
                 {{#include ../code/five.rs:7}}\n{{#include ../code/five.rs:4:2}}\n",
            ),
        ],
    );
    let problems = check(&src);
    let expect = [
        "a.md: {{#include a.md}}: includes itself",
        "b.md: {{#include c.md}}: includes itself",
        "c.md: {{#include b.md}}: includes itself",
        "d.md: {{#include ../code/five.rs:4:9}}: line 9 is past the end",
        "d.md: {{#include ../code/five.rs:7}}: line 7 is past the end",
        "d.md: {{#include ../code/five.rs:4:2}}: ",
    ];
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
    for (problem, expected) in problems.iter().zip(expect) {
        assert!(
            problem.starts_with(expected),
            "{problem:?} should start with {expected:?}"
        );
    }
}

/// A small workspace of one course crate, `demo`, whose example `fast` and
/// library state claims, with its page and captured run: sound as it is;
/// each test breaks one rule.
fn claims_workspace(name: &str, changes: &[(&str, &str)]) -> PathBuf {
    let mut files = vec![
        (
            "topics.toml",
            "[[section]]\nnumber = \"1\"\ntitle = \"S\"\nheading = \"1. S\"\nfolder = \"1-s\"\n\n\
             [[topic]]\nsection = \"1.1\"\ntitle = \"Fast\"\nheading = \"1.1\"\npackage = \"demo\"\n\
             example = \"fast\"\npython = \"demo/python/fast.py\"\n",
        ),
        (
            "demo/examples/fast.rs",
            "fn main() {\n    // claim(\"a comment is no claim\", true, \"x\");\n    \
             common::report::claim(\"two are faster\", speedup > 1.5, &format!(\"{speedup:.2}x\"));\n    \
             claim(\n        \"a long one \\\n         goes on\",\n        true,\n        \"d\",\n    );\n}\n",
        ),
        (
            "demo/src/lib.rs",
            "pub fn f() {\n    common::report::claim(\"the library's claim\", true, \"d\");\n}\n",
        ),
        (
            "docs/src/1-s/output/fast.txt",
            "$ cargo run --release --example fast\n(captured)\n\nResult: 1\n\
             Claim: two are faster -- holds (1.96x)\nClaim: a long one goes on -- holds (d)\n\
             Claim: the library's claim -- holds (d)\n",
        ),
        (
            "docs/src/1-s/fast.md",
            "# 1.1 Fast\n\n<!-- typical run: every claim holds -->\n<!-- mdbook-xgettext: skip -->\n\
             ```text\n{{#include output/fast.txt}}\n```\n",
        ),
    ];
    for (path, text) in changes {
        files.retain(|(p, _)| p != path);
        files.push((path, text));
    }
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("claims-{name}"));
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        std::fs::write(root.join(path), text).unwrap();
    }
    root
}

#[track_caller]
fn assert_claims(root: &Path, expected: &[&str]) {
    support::assert_reported(&claims::check(root), expected);
}

#[test]
fn claims_that_agree_with_their_captures_pass() {
    assert_claims(&claims_workspace("sound", &[]), &[]);
}

#[test]
fn a_malformed_claim_line_is_reported_with_its_line() {
    let capture = "$ x\n\nClaim: two are faster holds (1.96x)\nClaim: a long one goes on -- holds ()\n\
                   Claim: the library's claim -- holds (d)\nClaim: two are faster -- holds (1.96x)\n\
                   Claim: a long one goes on -- holds (d)\n";
    let root = claims_workspace("malformed", &[("docs/src/1-s/output/fast.txt", capture)]);
    assert_claims(
        &root,
        &[
            "docs/src/1-s/output/fast.txt:3: not a claim",
            "fast.txt:4: not a claim",
        ],
    );
}

#[test]
fn a_typical_run_has_only_claims_that_hold() {
    let capture = "$ x\n\nClaim: two are faster -- does not hold on this run (1.10x; 1 CPU)\n\
                   Claim: a long one goes on -- holds (d)\nClaim: the library's claim -- holds (d)\n";
    let root = claims_workspace("typical", &[("docs/src/1-s/output/fast.txt", capture)]);
    assert_claims(
        &root,
        &[
            "docs/src/1-s/fast.md:3: marked typical, but in output/fast.txt «two are faster» does not hold",
        ],
    );
    // The same run, on a page that does not call it typical, is fine.
    let page = "# 1.1 Fast\n\n<!-- mdbook-xgettext: skip -->\n```text\n{{#include output/fast.txt}}\n```\n";
    let root = claims_workspace(
        "not-typical",
        &[
            ("docs/src/1-s/output/fast.txt", capture),
            ("docs/src/1-s/fast.md", page),
        ],
    );
    assert_claims(&root, &[]);
    // A marker that stands before no captured run is a mistake too.
    let page = "# 1.1 Fast\n\n<!-- typical run: every claim holds -->\n\nSome prose.\n";
    let root = claims_workspace("stray-marker", &[("docs/src/1-s/fast.md", page)]);
    assert_claims(
        &root,
        &["fast.md:3: `<!-- typical run: every claim holds -->` is not just before"],
    );
}

#[test]
fn every_claim_in_the_code_is_in_a_capture_and_an_example_in_its_own() {
    let capture = "$ x\n\nClaim: a long one goes on -- holds (d)\n";
    let root = claims_workspace("missing", &[("docs/src/1-s/output/fast.txt", capture)]);
    assert_claims(
        &root,
        &[
            "docs/src/1-s/output/fast.txt: lacks the claim «two are faster» of demo/examples/fast.rs",
            "demo/src/lib.rs: the claim «the library's claim» is in no captured run",
        ],
    );
}

#[test]
fn the_real_books_claims_agree_with_the_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let problems = claims::check(&root);
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}
