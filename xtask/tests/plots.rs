//! `cargo xtask plots`: rendering is deterministic, the committed pictures
//! and tables are what the committed JSON renders, `--check` notices a
//! changed, missing or stale file, and `measure` reads what the examples print.

use std::path::{Path, PathBuf};

use xtask::measure::{self, MEASURED};
use xtask::plots::{self, strings};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A scratch workspace root with a copy of the committed JSON and an empty book.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("plots-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(MEASURED)).unwrap();
    std::fs::create_dir_all(dir.join("docs/src")).unwrap();
    for file in ["compare.json", "growth.json", "lessons.json"] {
        std::fs::copy(
            root().join(MEASURED).join(file),
            dir.join(MEASURED).join(file),
        )
        .unwrap();
    }
    dir
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let first = plots::render(&root()).unwrap();
    let second = plots::render(&root()).unwrap();
    assert_eq!(first.len(), second.len());
    for ((path, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{} differs between two renders", path.display());
    }
}

#[test]
fn the_committed_pictures_and_tables_match_the_committed_json() {
    let problems = plots::check(&root()).unwrap();
    assert!(
        problems.is_empty(),
        "run `cargo xtask plots`:\n{}",
        problems.join("\n")
    );
}

#[test]
fn check_reports_a_changed_a_missing_and_a_stale_file() {
    let dir = scratch("check");
    let written = plots::write(&dir).unwrap();
    assert_eq!(plots::check(&dir).unwrap(), Vec::<String>::new());
    let (changed, missing) = (&written[0], &written[1]);
    let text = std::fs::read_to_string(dir.join(changed)).unwrap();
    std::fs::write(dir.join(changed), text.replacen("Measured", "Guessed", 1)).unwrap();
    std::fs::remove_file(dir.join(missing)).unwrap();
    let stale = dir.join("docs/src/1-concepts/img/old.svg");
    std::fs::write(&stale, "<svg/>").unwrap();
    let stale_table = dir.join("docs/src/6-summary/measured/old.md");
    std::fs::write(&stale_table, "| old |\n").unwrap();
    let problems = plots::check(&dir).unwrap();
    let has = |path: &Path, what: &str| {
        problems
            .iter()
            .any(|p| p.starts_with(&path.display().to_string()) && p.contains(what))
    };
    assert!(has(changed, "differs"), "{problems:?}");
    assert!(has(missing, "No such file"), "{problems:?}");
    assert!(
        has(Path::new("docs/src/1-concepts/img/old.svg"), "stale"),
        "{problems:?}"
    );
    assert!(
        has(Path::new("docs/src/6-summary/measured/old.md"), "stale"),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 4, "{problems:?}");
}

/// The Latin words a Russian table may keep besides the machine's own
/// (its CPU, kernel, compiler): names of languages, crates, APIs, limits and
/// row groups, and the units the programs print.
const KEPT: &str = "Python CPython Rust GIL Gil Lock ProcessPoolExecutor ProcessPool rayon std \
    tokio asyncio threading run await yield_now cpu_bound_task RSS CPU IO bound RLIMIT_NOFILE scale cpu \
    n x µs ms s KiB MiB GiB UTC";

/// The Latin words of `text` outside code spans, numbers (`1.54x`) left out.
fn latin_words(text: &str) -> Vec<String> {
    let prose: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    prose
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == 'µ'))
        .filter(|w| w.chars().next().is_some_and(|c| !c.is_ascii_digit()))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .map(String::from)
        .collect()
}

#[test]
fn every_table_has_a_russian_twin_with_no_english_left() {
    let files = plots::render(&root()).unwrap();
    let tables: Vec<&(PathBuf, String)> = files
        .iter()
        .filter(|(p, _)| p.to_string_lossy().ends_with(".md"))
        .collect();
    let machine: String = ["compare.json", "growth.json", "lessons.json"]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(root().join(MEASURED).join(f)).unwrap();
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            let m = &json["machine"];
            ["cpu", "kernel", "rustc", "python"]
                .map(|k| m[k].as_str().unwrap_or("").to_string())
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" ");
    let machine = latin_words(&machine);
    let mut english = Vec::new();
    for (path, text) in &tables {
        let name = path.display().to_string();
        if let Some(stem) = name.strip_suffix(".ru.md") {
            let words = latin_words(text);
            let left: Vec<&String> = words
                .iter()
                .filter(|w| {
                    !KEPT.split_whitespace().any(|k| k == w.as_str()) && !machine.contains(w)
                })
                .collect();
            if !left.is_empty() {
                english.push(format!("{name}: {left:?}"));
            }
            assert!(
                tables
                    .iter()
                    .any(|(p, _)| *p == Path::new(&format!("{stem}.md"))),
                "{name} has no English original"
            );
        } else {
            let twin = name.replace(".md", ".ru.md");
            assert!(
                tables.iter().any(|(p, _)| *p == Path::new(&twin)),
                "{name}: no {twin} is rendered"
            );
        }
    }
    assert!(tables.len() >= 22, "only {} tables", tables.len());
    assert!(
        english.is_empty(),
        "English left in Russian tables:\n{}",
        english.join("\n")
    );
    // `check` (the test above) finds every committed table among these, so
    // each committed table has its committed twin too.
}

#[test]
fn russian_pictures_say_mib_as_the_book_does() {
    let files = plots::render(&root()).unwrap();
    let russian: Vec<&(PathBuf, String)> = files
        .iter()
        .filter(|(p, _)| p.to_string_lossy().ends_with(".ru.svg"))
        .collect();
    assert!(!russian.is_empty());
    for (path, svg) in &russian {
        assert!(!svg.contains("МиБ"), "{}: МиБ, not MiB", path.display());
    }
    assert!(russian.iter().any(|(_, svg)| svg.contains("MiB")));
}

#[test]
fn measured_text_with_no_russian_is_an_error_naming_it() {
    let dir = scratch("untranslated");
    let path = dir.join(MEASURED).join("compare.json");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "3.1 Lock: 1000 threads, one counter",
        "3.1 Lock: a row never seen",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let Err(err) = plots::render(&dir) else {
        panic!("rendered a Russian table from a label it has no Russian for");
    };
    assert!(err.contains("3.1 Lock: a row never seen"), "{err}");
    assert!(err.contains("strings/ru_measured.rs"), "{err}");
}

#[test]
fn json_measured_in_quick_mode_is_refused() {
    let dir = scratch("quick");
    let path = dir.join(MEASURED).join("compare.json");
    let text =
        std::fs::read_to_string(&path)
            .unwrap()
            .replacen("\"quick\": false", "\"quick\": true", 1);
    std::fs::write(&path, text).unwrap();
    let err = plots::render(&dir).unwrap_err();
    assert!(
        err.contains("compare.json was measured with --quick"),
        "{err}"
    );
}

#[test]
fn every_picture_has_a_white_background_units_and_the_machine() {
    for (path, svg) in plots::render(&root()).unwrap() {
        let name = path.display().to_string();
        if !name.ends_with(".svg") {
            continue;
        }
        let s = if name.ends_with(".ru.svg") {
            &strings::RU
        } else {
            &strings::EN
        };
        // The first thing drawn covers the whole canvas in white.
        let (width, height) = (attribute(&svg, "width"), attribute(&svg, "height"));
        let background = format!(
            "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" opacity=\"1\" fill=\"#FFFFFF\""
        );
        assert!(svg.contains(&background), "{name}: no white background");
        assert!(
            svg.contains(s.measured_on),
            "{name}: no caption with the machine"
        );
        assert!(
            svg.contains(s.reproduce),
            "{name}: does not say how to reproduce it"
        );
        // Every axis description names its unit, or is a count.
        let units = [
            ", ms",
            ", s ",
            ", MiB",
            ", мс",
            ", с ",
            s.threads_x,
            s.workers_x,
            s.heartbeat_x,
            "n:",
        ];
        assert!(
            units.iter().any(|u| svg.contains(u)),
            "{name}: no axis with its unit"
        );
        assert!(
            !svg.contains("NaN") && !svg.contains("=\"inf"),
            "{name}: a number that is none"
        );
    }
}

/// The value of the first `name="..."` in the SVG's root element.
fn attribute(svg: &str, name: &str) -> String {
    let start = svg.find(&format!(" {name}=\"")).expect("an attribute") + name.len() + 3;
    svg[start..].split('"').next().unwrap().to_string()
}

#[test]
fn measure_reads_what_the_examples_print() {
    // The captured runs in the book are the examples' real output.
    let output = |name: &str| {
        std::fs::read_to_string(root().join("docs/src/1-concepts/output").join(name)).unwrap()
    };
    let timeline = measure::timeline(&output("multitasking_vs_parallelism.txt")).unwrap();
    let runs = timeline["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    for run in runs {
        let rows = run["rows"].as_array().unwrap();
        assert!(
            rows.iter()
                .all(|r| r.as_str().unwrap().chars().all(|c| c == '#' || c == '.')),
            "{run}"
        );
        assert!(run["cpu_per_wall"].as_f64().unwrap() > 0.0);
    }
    let beat = measure::heartbeat(&output("preemptive_vs_cooperative.txt")).unwrap();
    assert!(
        !beat["without_await"]["gaps_ms"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(beat["without_await"]["beats_while_busy"], 0);
    let gil = measure::gil_simulated(&output("gil_simulated.txt")).unwrap();
    assert_eq!(gil["cpu_with_gil"][0]["threads"], 1);
    // Output that is not the example's is an error naming it, not a guess.
    let err = measure::timeline("no timeline here").unwrap_err();
    assert!(err.contains("multitasking_vs_parallelism"), "{err}");
    assert!(measure::gil_simulated("| threads |\n|--|\n").is_err());
}
