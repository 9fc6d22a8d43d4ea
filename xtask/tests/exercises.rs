//! The exercises' machinery: the skeleton derived from the markers, the
//! manifest against the code, the generated pages, and the starter's two
//! modes. (That each check fails before its solution and passes after is
//! `cargo xtask exercises verify`, which CI runs: it builds every step.)

use std::path::{Path, PathBuf};

use common::exercises::{Exercise, Kind};
use xtask::exercises::{check_markers, derive::skeleton, load, pages, skeleton_files};
use xtask::starter::{self, Mode};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn exercise(id: &str, kind: Kind) -> Exercise {
    Exercise {
        krate: "demo".into(),
        id: id.into(),
        title: "t".into(),
        kind,
        file: "demo/src/lib.rs".into(),
        item: "f".into(),
        check: common::exercises::checker::command(id),
        statement: "s".into(),
        todo: "Split the range into one chunk per thread and sum each chunk inside thread::scope."
            .into(),
        hints: vec!["a".into(), "b".into()],
        timeout: None,
    }
}

const IMPLEMENT: &str = "\
pub fn f(n: u64) -> u64 {
    // ANCHOR: solution_sum
    let doubled = n * 2;
    doubled
    // ANCHOR_END: solution_sum
}
";

#[test]
fn an_implement_exercise_becomes_a_todo_with_its_comment_on_the_lines_to_change() {
    let e = exercise("sum", Kind::Implement);
    let got = skeleton(IMPLEMENT, "demo/src/lib.rs", &[&e]).unwrap();
    assert_eq!(
        got,
        "\
pub fn f(n: u64) -> u64 {
    // ANCHOR: solution_sum
    // TODO(sum): Split the range into one chunk per thread and sum each chunk inside
    // thread::scope.
    todo!(\"sum: see EXERCISES.md\")
    // ANCHOR_END: solution_sum
}
"
    );
    assert_eq!(
        skeleton(IMPLEMENT, "demo/src/lib.rs", &[]).unwrap(),
        IMPLEMENT,
        "solved: unchanged"
    );
    let other_file = skeleton(IMPLEMENT, "demo/src/other.rs", &[&e]).unwrap();
    assert_eq!(
        other_file, IMPLEMENT,
        "an exercise of another file leaves this one alone"
    );
}

const FIX: &str = "\
impl Account {
    pub fn withdraw(&self, amount: u64) -> bool {
        // ANCHOR: solution_race
        let mut balance = self.balance.lock();
        if *balance < amount {
            return false;
        }
        *balance -= amount;
        true
        // ANCHOR_END: solution_race
    }
}

// ANCHOR: omit_race
#[allow(dead_code)]
mod race_bug {
    fn withdraw(account: &super::Account, amount: u64) -> bool {
        // ANCHOR: bug_race
        if *self.balance.lock() < amount {
            return false;
        }
        *self.balance.lock() -= amount;
        true
        // ANCHOR_END: bug_race
    }
}
// ANCHOR_END: omit_race

pub fn after() {}
";

#[test]
fn a_fix_exercise_gets_its_bug_in_place_of_the_solution_and_loses_the_bug_module() {
    let mut e = exercise("race", Kind::Fix);
    e.todo = "Two withdrawals can both pass the check.".into();
    let got = skeleton(FIX, "demo/src/lib.rs", &[&e]).unwrap();
    assert_eq!(
        got,
        "\
impl Account {
    pub fn withdraw(&self, amount: u64) -> bool {
        // ANCHOR: solution_race
        // TODO(race): Two withdrawals can both pass the check.
        if *self.balance.lock() < amount {
            return false;
        }
        *self.balance.lock() -= amount;
        true
        // ANCHOR_END: solution_race
    }
}

pub fn after() {}
"
    );
}

#[test]
fn broken_markers_are_reported_not_guessed_at() {
    let e = exercise("sum", Kind::Implement);
    let unclosed = IMPLEMENT.replace("    // ANCHOR_END: solution_sum\n", "");
    let err = skeleton(&unclosed, "demo/src/lib.rs", &[&e])
        .unwrap_err()
        .to_string();
    assert!(err.contains("solution_sum never ends"), "{err}");
    let twice = format!("{IMPLEMENT}{IMPLEMENT}");
    let err = skeleton(&twice, "demo/src/lib.rs", &[&e])
        .unwrap_err()
        .to_string();
    assert!(err.contains("2 regions solution_sum"), "{err}");
    let fix = exercise("race", Kind::Fix);
    let no_omit = FIX
        .replace("// ANCHOR: omit_race\n", "")
        .replace("// ANCHOR_END: omit_race\n", "");
    let err = skeleton(&no_omit, "demo/src/lib.rs", &[&fix])
        .unwrap_err()
        .to_string();
    assert!(err.contains("no region omit_race"), "{err}");
}

#[test]
fn exercises_toml_agrees_with_the_markers_in_the_code() {
    let manifest = load(&root()).expect("exercises.toml parses");
    let problems = check_markers(&root(), &manifest);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for c in &manifest.crates {
        assert!(
            manifest.of(&c.name).count() >= 4,
            "{} needs at least four exercises",
            c.name
        );
    }
}

#[test]
fn the_books_exercise_pages_are_generated_from_exercises_toml() {
    let manifest = load(&root()).unwrap();
    for (path, text) in pages::book_pages(&manifest) {
        let committed =
            std::fs::read_to_string(root().join("docs/src").join(&path)).unwrap_or_default();
        assert!(
            committed == text,
            "docs/src/{path} is stale: run `cargo xtask exercises pages`"
        );
    }
}

#[test]
fn a_starter_holds_the_skeleton_and_with_solutions_the_workspaces_code() {
    let root = root();
    let manifest = load(&root).unwrap();
    let scratch = std::env::temp_dir().join(format!("xtask-exercises-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    for c in &manifest.crates {
        let skeleton_dir = scratch.join(format!("{}-skeleton", c.name));
        let solved_dir = scratch.join(format!("{}-solutions", c.name));
        let written = starter::write(&root, &c.name, &skeleton_dir, Mode::Skeleton).unwrap();
        assert!(written.has_exercises);
        starter::write(&root, &c.name, &solved_dir, Mode::Solutions).unwrap();
        let guide = std::fs::read_to_string(skeleton_dir.join("EXERCISES.md")).unwrap();
        for (file, text) in skeleton_files(&root, &manifest, &c.name, 0).unwrap() {
            assert_eq!(
                std::fs::read_to_string(skeleton_dir.join(&file)).unwrap(),
                text
            );
            let original = std::fs::read_to_string(root.join(&file)).unwrap();
            assert_eq!(
                std::fs::read_to_string(solved_dir.join(&file)).unwrap(),
                original
            );
        }
        for e in manifest.of(&c.name) {
            let text = std::fs::read_to_string(skeleton_dir.join(&e.file)).unwrap();
            assert!(
                text.contains(&format!("// TODO({}):", e.id)),
                "{}: no TODO in {}",
                e.id,
                e.file
            );
            assert!(
                !text.contains(&format!("ANCHOR: omit_{}", e.id)),
                "{}: the bug's module stayed",
                e.id
            );
            assert!(
                guide.contains(&e.check) && guide.contains(&e.hints[0]),
                "EXERCISES.md lacks {}",
                e.id
            );
            assert!(
                !guide.contains("solution_"),
                "EXERCISES.md shows no solution"
            );
        }
        let rows = std::fs::read_to_string(skeleton_dir.join("exercises.toml")).unwrap();
        let rows: toml::Table = toml::from_str(&rows).unwrap();
        for e in rows["exercise"].as_array().unwrap() {
            let krate = e["crate"].as_str().unwrap();
            assert!(
                written.crates.iter().any(|w| w == krate),
                "a row of {krate}, not in this starter"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
}
