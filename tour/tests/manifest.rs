//! `topics.toml` agrees with the workspace: every row names an example, a
//! Python original and a book page that exist, every example is named by a
//! row, in notebook order, and every file generated from it is current.
//! Each test lists every problem it finds, one a line.

use std::collections::BTreeSet;
use std::path::Path;

use tour::{Manifest, workspace_root};

/// Packages whose examples are not topics: the tour's own test fixtures.
const NOT_TOPICS: [&str; 2] = ["tour", "xtask"];

fn manifest() -> Manifest {
    Manifest::load(&workspace_root().join("topics.toml")).expect("topics.toml parses")
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(workspace_root().join(path)).unwrap_or_default()
}

#[track_caller]
fn assert_none(problems: &[String]) {
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// The example names of one package directory (`examples/*.rs` and `examples/*/main.rs`).
fn examples_in(package_dir: &Path) -> BTreeSet<String> {
    let entries = std::fs::read_dir(package_dir.join("examples"))
        .into_iter()
        .flatten();
    let names = entries.flatten().filter_map(|e| {
        let path = e.path();
        let is_example =
            path.extension().is_some_and(|x| x == "rs") || path.join("main.rs").is_file();
        Some(path.file_stem()?.to_str()?.to_string()).filter(|_| is_example)
    });
    names.collect()
}

/// Workspace members (package name = directory name in this workspace).
fn members() -> Vec<String> {
    let root: toml::Table = read("Cargo.toml").parse().unwrap();
    let members = root["workspace"]["members"].as_array().unwrap().iter();
    members.map(|m| m.as_str().unwrap().to_string()).collect()
}

#[test]
fn rows_and_examples_name_each_other_in_notebook_order() {
    let (root, members, topics) = (workspace_root(), members(), manifest().topics);
    let mut problems = Vec::new();
    for t in &topics {
        let examples = examples_in(&root.join(&t.package));
        if !members.contains(&t.package) || !examples.contains(&t.example) {
            problems.push(format!(
                "{}: no example {}/examples/{0}.rs",
                t.example, t.package
            ));
        }
        if !root.join(&t.python).is_file()
            || !t.python.starts_with(&format!("{}/python/", t.package))
        {
            problems.push(format!(
                "{}: no Python original {} in {}/python/",
                t.example, t.python, t.package
            ));
        }
    }
    let key = |s: &str| -> Vec<u32> { s.split('.').map(|p| p.parse().unwrap()).collect() };
    for pair in topics
        .windows(2)
        .filter(|p| key(&p[0].section) > key(&p[1].section))
    {
        problems.push(format!(
            "{} comes before {} in topics.toml",
            pair[0].section, pair[1].section
        ));
    }
    let named: BTreeSet<&str> = topics.iter().map(|t| t.example.as_str()).collect();
    let mut all = BTreeSet::new();
    for member in &members {
        for example in examples_in(&root.join(member)) {
            // Unique across the workspace, so `cargo run --example NAME` works from the root.
            if !all.insert(example.clone()) {
                problems.push(format!("example name {example} is used twice"));
            }
            if !NOT_TOPICS.contains(&member.as_str()) && !named.contains(example.as_str()) {
                problems.push(format!(
                    "{member}/examples/{example}.rs: no row of topics.toml"
                ));
            }
        }
    }
    assert_none(&problems);
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
    let m = manifest();
    let exercises = common::exercises::Manifest::load(&workspace_root().join("exercises.toml"));
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
        &read(format!("{book}.md")),
        m.platforms(En),
        "--platforms",
    );
    check(book, &read(format!("{book}.ru.md")), m.platforms(Ru), ru);
    let summary = m.summary(&exercises.expect("exercises.toml"));
    check(
        "docs/src/SUMMARY.md",
        &read("docs/src/SUMMARY.md"),
        summary,
        "--summary",
    );
    for package in m.packages() {
        let page = format!("docs/src/python/{package}.md");
        let flag = format!("--python-page {package}");
        check(&page, &read(&page), m.python_page(package), &flag);
    }
    for entry in std::fs::read_dir(workspace_root().join("docs/src/python"))
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
    assert_none(&stale);
}

/// Each of the notebook's six parts has a row, topics, and an index page;
/// each page opens with a label of its own (SUMMARY.md's, which follows
/// `Manifest::label`) and the lecture's heading.
#[test]
fn every_section_and_page_is_in_the_book_under_a_label_of_its_own() {
    let m = manifest();
    let numbers: Vec<&str> = m.sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(
        numbers,
        ["1", "2", "3", "4", "5", "6"],
        "the notebook's six parts, in order"
    );
    let mut problems = Vec::new();
    for section in &m.sections {
        if !m.topics.iter().any(|t| t.top_section() == section.number) {
            problems.push(format!("section {} has no topic", section.number));
        }
        let index = format!("docs/src/{}/index.md", section.folder);
        if !workspace_root().join(&index).is_file() {
            problems.push(format!("{index} is missing"));
        }
    }
    let mut labels = std::collections::BTreeMap::new();
    for topic in &m.topics {
        let (page, label) = (m.page(topic).expect("its section's row"), m.label(topic));
        match labels.insert(label.clone(), page.clone()) {
            Some(other) if other != page => problems.push(format!("{page} and {other}: {label}")),
            Some(_) => continue, // a page of several topics, already read
            None => {}
        }
        let text = read(format!("docs/src/{page}"));
        let title = format!("# {label} {}", topic.short_title());
        let heading = format!("*Notebook: «{}»*", topic.heading);
        let mut lines = text.lines();
        if lines.next() != Some(title.as_str()) || lines.nth(1) != Some(heading.as_str()) {
            let wanted = format!("{title:?}, a blank line, {heading:?}");
            problems.push(format!("{page}: should open with {wanted}"));
        }
    }
    assert_none(&problems);
}

#[test]
fn every_readme_link_resolves_and_every_topic_links_its_page() {
    let (root, m) = (workspace_root(), manifest());
    let mut broken = Vec::new();
    let mut readmes = vec![root.join("README.md"), root.join("README.ru.md")];
    readmes.extend(members().iter().map(|m| root.join(m).join("README.md")));
    for readme in readmes.iter().filter(|r| r.is_file()) {
        let text = std::fs::read_to_string(readme).unwrap();
        for piece in text.split("](").skip(1) {
            let target = &piece[..piece.find(')').unwrap_or(piece.len())];
            let file = target.split('#').next().unwrap_or(target);
            if !target.contains("://") && (file.is_empty() || !readme.with_file_name(file).exists())
            {
                broken.push(format!("{}: ({target})", readme.display()));
            }
        }
    }
    for topic in &m.topics {
        let page = format!("../docs/src/{}", m.page(topic).unwrap());
        if !read(format!("{}/README.md", topic.package)).contains(&format!("]({page})")) {
            broken.push(format!("{}/README.md does not link {page}", topic.package));
        }
    }
    assert_none(&broken);
}

#[test]
fn every_topic_and_section_has_a_russian_title() {
    let m = manifest();
    let cyrillic = |s: &str| {
        s.chars()
            .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap()))
    };
    let mut problems = Vec::new();
    for s in m
        .sections
        .iter()
        .filter(|s| s.title != s.title_ru && !cyrillic(&s.title_ru))
    {
        problems.push(format!("section {} has no Russian title_ru", s.number));
    }
    for t in m.topics.iter().filter(|t| !cyrillic(&t.title_ru)) {
        problems.push(format!("{} has no Russian title_ru", t.example));
    }
    assert_none(&problems);
}

#[test]
fn rows_parse_and_selectors_pick_in_notebook_order() {
    let row = |section: &str, example: &str| {
        format!(
            "[[topic]]\nsection = \"{section}\"\ntitle = \"Semaphore: at most three\"\n\
             heading = \"h\"\npackage = \"p\"\nexample = \"{example}\"\npython = \"p.py\"\n"
        )
    };
    assert!(Manifest::parse("").unwrap().topics.is_empty());
    assert!(Manifest::parse("[[topic]]\nsection = \"1\"").is_err()); // fields missing
    assert!(Manifest::parse(&(row("3.1", "lock") + &row("3.3", "lock"))).is_err()); // twice
    assert!(Manifest::parse(&row("three", "lock")).is_err());
    let m = Manifest::parse(&(row("3.1", "lock") + &row("3.3", "semaphore"))).unwrap();
    let mut t = m.topics[1].clone();
    assert_eq!(t.short_title(), "Semaphore");
    assert_eq!(t.command(), "cargo run --release --example semaphore");
    t.features = vec!["x".into()];
    assert_eq!(
        t.command(),
        "cargo run --release --example semaphore --features x"
    );
    let picks = |selectors: &[&str]| {
        let selectors: Vec<String> = selectors.iter().map(|s| s.to_string()).collect();
        let picked = m.select(&selectors)?;
        Ok::<_, String>(picked.iter().map(|t| t.example.clone()).collect::<Vec<_>>())
    };
    assert_eq!(picks(&["3"]).unwrap(), ["lock", "semaphore"]);
    assert_eq!(picks(&["semaphore", "3.1"]).unwrap(), ["lock", "semaphore"]); // notebook order
    assert!(picks(&["3.30"]).is_err() && picks(&["3."]).is_err()); // a prefix ends at a dot
    let valid = "unknown topic \"\".\nValid sections: 3, 3.1, 3.3.";
    assert!(picks(&[""]).unwrap_err().starts_with(valid));
}
