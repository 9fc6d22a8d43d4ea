//! What the checker prints: every exercise done or not yet, then the first
//! one not yet done, with what its check saw and one hint.

use super::Exercise;
use super::checker::{Status, command};

/// Prints the list of `chosen` (a subset of `all`, in order) with their
/// `statuses`, then the first one not done, with its `hint`-th hint.
pub(super) fn print(
    krate: &str,
    all: &[&Exercise],
    chosen: &[&Exercise],
    statuses: &[Status],
    hint: usize,
) {
    println!();
    println!("Exercises of {krate} (exercises.toml; the statements are in EXERCISES.md):");
    println!();
    for (e, status) in chosen.iter().zip(statuses) {
        let number = all.iter().position(|x| x.id == e.id).map_or(0, |i| i + 1);
        let mark = if *status == Status::Done {
            "done   "
        } else {
            "not yet"
        };
        println!("  {mark}  {number:>2}. {:<22} {}", e.id, e.title);
    }
    let done = statuses.iter().filter(|s| **s == Status::Done).count();
    println!();
    let first = chosen.iter().zip(statuses).find_map(|(e, s)| match s {
        Status::NotYet(saw) => Some((e, saw)),
        Status::Done => None,
    });
    let Some((e, saw)) = first else {
        println!("All {done} done. Well done: compare yours with the book's solutions.");
        return;
    };
    println!("Next: {} ({}): {}", e.id, e.kind.name(), e.title);
    println!("  Edit {} ({}), the lines marked TODO.", e.file, e.item);
    println!("  What the check saw:");
    for line in saw.lines() {
        println!("    {line}");
    }
    let shown = hint.min(e.hints.len());
    if shown > 0 {
        println!(
            "  Hint {shown} of {}: {}",
            e.hints.len(),
            e.hints[shown - 1]
        );
        if shown < e.hints.len() {
            println!("  The next hint: {} --hint {}", command(&e.id), shown + 1);
        } else {
            println!("  That was the last hint; the book's exercise page has the solution.");
        }
    }
    println!();
    println!("{done} of {} done.", chosen.len());
}
