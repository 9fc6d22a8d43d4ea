//! `topics.toml` agrees with the workspace: every row names an example and a
//! Python original that exist, every example is named by a row, sections are
//! in notebook order, and the README's table is the one the manifest makes.

use std::collections::BTreeSet;
use std::path::Path;

use tour::{Manifest, workspace_root};

/// Packages whose examples are not topics: the tour's own test fixtures.
const NOT_TOPICS: [&str; 2] = ["tour", "xtask"];

fn manifest() -> Manifest {
    Manifest::load(&workspace_root().join("topics.toml")).expect("topics.toml parses")
}

/// The example names of one package directory (`examples/*.rs` and `examples/*/main.rs`).
fn examples_in(package_dir: &Path) -> BTreeSet<String> {
    let Ok(entries) = std::fs::read_dir(package_dir.join("examples")) else {
        return BTreeSet::new();
    };
    entries
        .filter_map(|e| {
            let path = e.ok()?.path();
            if path.extension().is_some_and(|x| x == "rs") {
                Some(path.file_stem()?.to_str()?.to_string())
            } else if path.join("main.rs").is_file() {
                Some(path.file_name()?.to_str()?.to_string())
            } else {
                None
            }
        })
        .collect()
}

/// Workspace members (package name = directory name in this workspace).
fn members() -> Vec<String> {
    let text = std::fs::read_to_string(workspace_root().join("Cargo.toml")).unwrap();
    let root: toml::Table = text.parse().unwrap();
    root["workspace"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_row_names_files_that_exist() {
    let root = workspace_root();
    let members = members();
    for t in manifest().topics {
        assert!(
            members.contains(&t.package),
            "{}: no workspace member {}",
            t.example,
            t.package
        );
        let examples = examples_in(&root.join(&t.package));
        assert!(
            examples.contains(&t.example),
            "topics.toml names example {} that {}/examples/ does not have",
            t.example,
            t.package
        );
        assert!(
            root.join(&t.python).is_file(),
            "{}: Python original {} does not exist",
            t.example,
            t.python
        );
        assert!(
            t.python.starts_with(&format!("{}/python/", t.package)),
            "{}: Python original belongs in {}/python/",
            t.example,
            t.package
        );
    }
}

#[test]
fn every_example_is_named_by_a_row() {
    let named: BTreeSet<String> = manifest().topics.into_iter().map(|t| t.example).collect();
    let root = workspace_root();
    let mut all = BTreeSet::new();
    for member in members() {
        for example in examples_in(&root.join(&member)) {
            // Unique across the workspace, so `cargo run --example NAME` works from the root.
            assert!(
                all.insert(example.clone()),
                "example name {example} is used twice"
            );
            if !NOT_TOPICS.contains(&member.as_str()) {
                assert!(
                    named.contains(&example),
                    "{member}/examples/{example}.rs is not named by any row of topics.toml"
                );
            }
        }
    }
}

#[test]
fn sections_are_in_notebook_order() {
    let key = |s: &str| -> Vec<u32> { s.split('.').map(|p| p.parse().unwrap()).collect() };
    let topics = manifest().topics;
    for pair in topics.windows(2) {
        assert!(
            key(&pair[0].section) <= key(&pair[1].section),
            "{} ({}) comes before {} ({}) in topics.toml",
            pair[0].example,
            pair[0].section,
            pair[1].example,
            pair[1].section
        );
    }
}

/// The part of `text` between `<!-- <name>:start -->` and `<!-- <name>:end -->`.
fn between<'a>(text: &'a str, name: &str) -> &'a str {
    let start = format!("<!-- {name}:start -->\n");
    let from = text.find(&start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let to = text
        .find(&format!("<!-- {name}:end -->"))
        .expect("an end marker");
    &text[from..to]
}

/// Each file, or part of one, that the tour generates from `topics.toml`
/// is what it generates now.
#[test]
fn every_generated_file_is_current() {
    use tour::lang::Lang::{En, Ru};
    let root = workspace_root();
    let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap_or_default();
    let m = manifest();
    let exercises = common::exercises::Manifest::load(&root.join("exercises.toml")).unwrap();
    let (readme, readme_ru) = (read("README.md"), read("README.ru.md"));
    let mut stale = Vec::new();
    let mut check = |what: &str, text: &str, expected: String, flag: &str| {
        if text != expected {
            stale.push(format!(
                "{what} is not the output of `cargo run --release -- {flag}`"
            ));
        }
    };
    check(
        "README.md's topics",
        between(&readme, "topics"),
        m.markdown(),
        "--markdown",
    );
    check(
        "README.md's platforms",
        between(&readme, "platforms"),
        m.platforms(En),
        "--platforms",
    );
    let ru = "--lang ru --platforms";
    check(
        "README.ru.md's platforms",
        between(&readme_ru, "platforms"),
        m.platforms(Ru),
        ru,
    );
    let book = "docs/src/measured/platforms";
    check(
        book,
        &read(&format!("{book}.md")),
        m.platforms(En),
        "--platforms",
    );
    check(book, &read(&format!("{book}.ru.md")), m.platforms(Ru), ru);
    let summary = read("docs/src/SUMMARY.md");
    check(
        "docs/src/SUMMARY.md",
        &summary,
        m.summary(&exercises),
        "--summary",
    );
    for package in m.packages() {
        let page = format!("docs/src/python/{package}.md");
        let flag = format!("--python-page {package}");
        check(&page, &read(&page), m.python_page(package), &flag);
    }
    for entry in std::fs::read_dir(root.join("docs/src/python"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !m.packages().iter().any(|p| name == format!("{p}.md")) {
            stale.push(format!(
                "docs/src/python/{name}: no crate of topics.toml has it"
            ));
        }
    }
    assert!(stale.is_empty(), "stale:\n{}", stale.join("\n"));
}

#[test]
fn every_section_and_topic_has_its_page_in_the_book() {
    let manifest = manifest();
    let src = workspace_root().join("docs/src");
    let mut missing = Vec::new();
    for section in &manifest.sections {
        let index = format!("{}/index.md", section.folder);
        if !src.join(&index).is_file() {
            missing.push(index);
        }
    }
    for topic in &manifest.topics {
        let page = manifest
            .page(topic)
            .expect("every topic's section has a [[section]] row");
        if !src.join(&page).is_file() {
            missing.push(page);
        }
    }
    assert!(missing.is_empty(), "docs/src lacks: {missing:?}");
}

#[test]
fn every_top_level_section_has_a_row_and_its_topics() {
    let manifest = manifest();
    let numbers: Vec<&str> = manifest
        .sections
        .iter()
        .map(|s| s.number.as_str())
        .collect();
    assert_eq!(
        numbers,
        ["1", "2", "3", "4", "5", "6"],
        "the notebook's six parts, in order"
    );
    for section in &manifest.sections {
        assert!(
            manifest
                .topics
                .iter()
                .any(|t| t.top_section() == section.number),
            "section {} has no topic",
            section.number
        );
    }
}

#[test]
fn every_readme_link_resolves_and_every_topic_links_its_page() {
    let root = workspace_root();
    let manifest = manifest();
    let mut broken = Vec::new();
    let mut readmes = vec![root.join("README.md")];
    readmes.extend(members().iter().map(|m| root.join(m).join("README.md")));
    for readme in readmes.iter().filter(|r| r.is_file()) {
        let text = std::fs::read_to_string(readme).unwrap();
        let dir = readme.parent().unwrap();
        for piece in text.split("](").skip(1) {
            let target = &piece[..piece.find(')').unwrap_or(piece.len())];
            let file = target.split('#').next().unwrap_or(target);
            let external = target.contains("://");
            if !external && (file.is_empty() || !dir.join(file).exists()) {
                broken.push(format!("{}: ({target})", readme.display()));
            }
        }
    }
    for topic in &manifest.topics {
        let readme = std::fs::read_to_string(root.join(&topic.package).join("README.md")).unwrap();
        let page = format!("../docs/src/{}", manifest.page(topic).unwrap());
        if !readme.contains(&format!("]({page})")) {
            broken.push(format!("{}/README.md does not link {page}", topic.package));
        }
    }
    assert!(
        broken.is_empty(),
        "broken README links:\n  {}",
        broken.join("\n  ")
    );
}

#[test]
fn every_topic_and_section_has_a_russian_title() {
    let manifest = manifest();
    let cyrillic = |s: &str| {
        s.chars()
            .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap()))
    };
    for s in &manifest.sections {
        assert!(
            s.title == s.title_ru || cyrillic(&s.title_ru),
            "section {} has no Russian title_ru",
            s.number
        );
    }
    for t in &manifest.topics {
        assert!(
            cyrillic(&t.title_ru),
            "{} has no Russian title_ru",
            t.example
        );
    }
}

#[test]
fn every_page_has_a_label_of_its_own_and_the_lectures_heading() {
    let manifest = manifest();
    let src = workspace_root().join("docs/src");
    let mut labels = BTreeSet::new();
    let mut wrong = Vec::new();
    for topic in &manifest.topics {
        let page = manifest.page(topic).unwrap();
        let label = manifest.label(topic);
        if labels.insert(label.clone()) {
            let text = std::fs::read_to_string(src.join(&page)).unwrap_or_default();
            let mut lines = text.lines();
            let title = format!("# {label} {}", topic.short_title());
            let heading = format!("*Notebook: «{}»*", topic.heading);
            if lines.next() != Some(title.as_str()) || lines.nth(1) != Some(heading.as_str()) {
                wrong.push(format!(
                    "{page}: should open with {title:?}, a blank line, {heading:?}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let summary = std::fs::read_to_string(src.join("SUMMARY.md")).unwrap();
    let mut seen = BTreeSet::new();
    let numbered = |l: &&str| l.starts_with("    - [") && l.as_bytes()[7].is_ascii_digit();
    for line in summary.lines().filter(numbered) {
        let label = line["    - [".len()..].split(' ').next().unwrap();
        assert!(
            seen.insert(label.to_string()),
            "two SUMMARY.md entries are labelled {label}"
        );
    }
}
