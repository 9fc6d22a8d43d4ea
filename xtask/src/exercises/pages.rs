//! The exercise pages, generated from `exercises.toml`: one per crate in the
//! book (`docs/src/exercises/<crate>.md`, solutions included by anchor in a
//! collapsed `<details>`), and the starter's `EXERCISES.md` (no solutions).

use std::fmt::Write;

use common::exercises::{CrateExercises, Exercise, Kind, Manifest};

/// The first line of every generated page.
pub const GENERATED: &str = "<!-- Generated from exercises.toml by `cargo xtask exercises pages`; a test fails when this file disagrees. -->";

/// Where the book's pages go, under `docs/src/`.
pub const FOLDER: &str = "exercises";

/// Every book page: (path under `docs/src/`, text).
pub fn book_pages(manifest: &Manifest) -> Vec<(String, String)> {
    let mut pages = vec![(format!("{FOLDER}/index.md"), index(manifest))];
    for c in &manifest.crates {
        pages.push((format!("{FOLDER}/{}.md", c.name), page(manifest, c, true)));
    }
    pages
}

fn index(manifest: &Manifest) -> String {
    let mut s = format!("{GENERATED}\n\n# Exercises\n\n");
    s.push_str(
        "Each exercise is a piece of the code the lessons run: a body to write, or a \
         bug to find and repair. A starter gives you the crate with that code taken \
         out, and a checker that tells you which exercises are done:\n\n\
         ```sh\ncargo xtask starter threads ../my-threads   # from the course's folder\n\
         cd ../my-threads\ncargo test --test exercises              # done / not yet, and a hint\n\
         cargo test --test exercises -- parallel_sum  # one exercise\n```\n\n\
         The checker runs each check in a process of its own, under a time limit, so \
         an exercise that deadlocks is reported as one instead of hanging. \
         `cargo xtask starter <crate> <dir> --solutions` writes the finished code \
         instead. The starter's `EXERCISES.md` holds the statements and hints of \
         these pages, without the solutions.\n\n",
    );
    s.push_str("| Crate | Exercises | Sections |\n|---|---|---|\n");
    for c in &manifest.crates {
        let titles: Vec<String> = manifest.of(&c.name).map(|e| e.title.clone()).collect();
        let _ = writeln!(
            s,
            "| [{}]({}.md) | {} | {} |",
            c.name,
            c.name,
            titles.len(),
            titles.join("; ")
        );
    }
    let _ = writeln!(s, "\n{}", quiz("index"));
    s
}

/// The line that shows a page's quiz (`docs/quizzes/exercises/<page>.toml`).
fn quiz(page: &str) -> String {
    format!("{{{{#quiz ../../quizzes/{FOLDER}/{page}.toml}}}}")
}

/// One crate's page: for the book (`book`: solutions and the instructor
/// note) or for the starter's `EXERCISES.md`.
pub fn page(manifest: &Manifest, c: &CrateExercises, book: bool) -> String {
    let mut s = if book {
        format!("{GENERATED}\n\n")
    } else {
        String::new()
    };
    let _ = writeln!(s, "# {}\n\n{}\n", c.title, c.intro.trim());
    if !book {
        let _ = writeln!(
            s,
            "Check them all with `cargo test --test exercises` (it says which are done \
             and shows a hint for the first one that is not), one with \
             `cargo test --test exercises -- <id>`. Edit only the lines marked \
             `TODO(<id>)`. Each hint below opens on a click; try without it first.\n"
        );
    }
    s.push_str("| # | Exercise | Kind | Edit |\n|---|---|---|---|\n");
    let exercises: Vec<&Exercise> = manifest.of(&c.name).collect();
    for (i, e) in exercises.iter().enumerate() {
        let _ = writeln!(
            s,
            "| {} | {} (`{}`) | {} | `{}`, `{}` |",
            i + 1,
            e.title,
            e.id,
            e.kind.name(),
            e.file,
            e.item
        );
    }
    for (i, e) in exercises.iter().enumerate() {
        exercise(&mut s, i + 1, e, book);
    }
    if book {
        // The quiz ends the learner's part; the seminar plan below it is
        // the instructor's, and ends with the quiz's hardest question.
        let _ = writeln!(
            s,
            "\n## For the instructor\n\n{}\n\n<details>\n<summary>\n\nA 90-minute seminar\n\n</summary>\n\n{}\n\n</details>",
            quiz(&c.name),
            c.seminar.trim()
        );
    }
    s
}

fn exercise(s: &mut String, number: usize, e: &Exercise, book: bool) {
    let what = match e.kind {
        Kind::Implement => "Implement",
        Kind::Fix => "Fix",
    };
    let _ = writeln!(
        s,
        "\n## {number}. {}\n\n*{what}* · edit `{}`, `{}` · check: `{}`\n\n{}\n",
        e.title,
        e.file,
        e.item,
        e.check,
        e.statement.trim()
    );
    // From the book's page, docs/src/exercises/, the workspace root is three up.
    let include = |anchor: &str| {
        format!(
            "```rust,ignore\n{{{{#include ../../../{}:{anchor}}}}}\n```",
            e.file
        )
    };
    if book && e.kind == Kind::Fix {
        let _ = writeln!(
            s,
            "The code you start from:\n\n{}\n",
            include(&format!("bug_{}", e.id))
        );
    }
    for (i, hint) in e.hints.iter().enumerate() {
        let _ = writeln!(
            s,
            "<details>\n<summary>\n\nHint {} of {}\n\n</summary>\n\n{}\n\n</details>\n",
            i + 1,
            e.hints.len(),
            hint.trim()
        );
    }
    if book {
        let _ = writeln!(
            s,
            "<details>\n<summary>\n\nSolution\n\n</summary>\n\n{}\n\n</details>",
            include(&format!("solution_{}", e.id))
        );
    }
}
