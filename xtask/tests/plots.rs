//! `cargo xtask plots`: rendering is deterministic, the committed pictures
//! and tables are what the committed JSON renders, `--check` notices a
//! changed, missing or stale file, and `measure` reads what the examples print.

use std::path::{Path, PathBuf};

use tour::measured::Language;
use xtask::measure::{self, MEASURED};
use xtask::plots::{self, catalog};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A scratch workspace root with a copy of the committed JSON, the
/// pictures' Russian catalog and `topics.toml`, and an empty book.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("plots-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    for folder in [MEASURED, "docs/src", "docs/po/pictures"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
    }
    let files = ["compare.json", "growth.json", "lessons.json"].map(|f| format!("{MEASURED}/{f}"));
    for file in files
        .iter()
        .map(String::as_str)
        .chain(["docs/po/pictures/ru.po", "topics.toml"])
    {
        std::fs::copy(root().join(file), dir.join(file)).unwrap();
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
    criterion \
    n x ns µs ms s KiB MiB GiB UTC";

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
    // The machines' own words, in every measured file.
    let mut machine = String::new();
    for file in std::fs::read_dir(root().join(MEASURED)).unwrap().flatten() {
        let text = std::fs::read_to_string(file.path()).unwrap_or_default();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let runs = json["runs"].as_array().cloned().unwrap_or_default();
        for m in runs.iter().map(|r| &r["machine"]).chain([&json["machine"]]) {
            for key in ["cpu", "kernel", "rustc"] {
                machine += &format!(" {}", m[key].as_str().unwrap_or(""));
            }
        }
    }
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
fn text_the_catalog_does_not_translate_is_an_error_naming_it() {
    let dir = scratch("untranslated");
    let path = dir.join("docs/po/pictures/ru.po");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "msgid \"3.1 Lock: 1000 threads, one counter\"",
        "msgid \"3.1 Lock: a row of old\"",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let Err(err) = plots::render(&dir) else {
        panic!("rendered a Russian table from a label it has no Russian for");
    };
    let err = format!("{err:#}");
    assert!(
        err.contains("«3.1 Lock: 1000 threads, one counter»"),
        "{err}"
    );
    assert!(
        err.contains("docs/po/pictures/ru.po") && err.contains("msgmerge"),
        "{err}"
    );
    // `plots` still writes the template, from which msgmerge brings the catalog up to date.
    assert!(plots::write(&dir).is_err());
    let template = std::fs::read_to_string(dir.join(catalog::TEMPLATE)).unwrap();
    assert!(template.contains("msgid \"3.1 Lock: 1000 threads, one counter\""));
}

#[test]
fn russian_counts_take_the_form_of_their_number_by_the_catalogs_plural_forms() {
    let expr = "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)";
    let forms: Vec<u64> = [1, 2, 4, 5, 11, 12, 21, 22, 25, 111, 1001]
        .iter()
        .map(|&n| catalog::plural_index(expr, n).unwrap())
        .collect();
    assert_eq!(forms, [0, 1, 1, 2, 2, 2, 0, 1, 2, 2, 0]);
    assert_eq!(catalog::plural_index("n != 1", 1), Some(0));
    assert_eq!(catalog::plural_index("n % 0", 1), None); // no division by zero
    assert_eq!(catalog::plural_index("(n", 1), None);
    let ru = catalog::Tongue::load(&root(), "ru").unwrap();
    use tour::measured::{Group, Method, Way, Work};
    let label = |work: Work| work.label(&ru);
    let sum = |workers| Work::Sum {
        group: Group::Cpu,
        method: Method::Threads,
        workers,
        n: 1,
    };
    assert_eq!(label(sum(1)), "потоки, 1 рабочий");
    assert_eq!(label(sum(2)), "потоки, 2 рабочих");
    assert_eq!(label(sum(21)), "потоки, 21 рабочий");
    let clients = |clients| Work::Clients {
        group: Group::Io,
        way: Way::Tasks,
        clients,
    };
    assert_eq!(label(clients(1)), "1 клиент, задачи");
    assert_eq!(label(clients(3)), "3 клиента, задачи");
    assert_eq!(label(clients(10000)), "10000 клиентов, задачи");
    ru.finish().unwrap();
    let en = catalog::Tongue::english();
    assert_eq!(en.plural("{n} CPU", "{n} CPUs", 1), "{n} CPU");
    assert_eq!(
        Work::Clients {
            group: Group::Io,
            way: Way::Threads,
            clients: 1
        }
        .label(&en),
        "1 client, threads"
    );
}

#[test]
fn russian_readings_take_a_decimal_comma_and_nothing_else_changes() {
    let ru = catalog::Tongue::load(&root(), "ru").unwrap();
    let numbers = |text: &str| ru.numbers(text.to_string());
    assert_eq!(
        numbers("| 1.15 s (1.13 s–1.16 s) | 83.3x (73.6x–116x) | 0.95 |"),
        "| 1,15 s (1,13 s–1,16 s) | 83,3x (73,6x–116x) | 0,95 |"
    );
    assert_eq!(
        numbers("нагрузка 0.75 в начале; 2.49 / 2.51"),
        "нагрузка 0,75 в начале; 2,49 / 2,51"
    );
    let untouched = "3.1 Lock, 5.3c, Linux 6.18.44-fc, Python 3.11.7, python3.13t, v1.2 x";
    assert_eq!(numbers(untouched), untouched);
    assert_eq!(
        numbers(r#"<text x="12.5" transform="rotate(0.5)">0.5</text>"#),
        r#"<text x="12.5" transform="rotate(0.5)">0,5</text>"#
    );
    let en = catalog::Tongue::english();
    assert_eq!(en.numbers("1.15 s".into()), "1.15 s");
}

#[test]
fn check_notices_a_stale_template() {
    let dir = scratch("template");
    plots::write(&dir).unwrap();
    let path = dir.join(catalog::TEMPLATE);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("msgid \"threads\"", "msgid \"fibres\"", 1),
    )
    .unwrap();
    let problems = plots::check(&dir).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with(catalog::TEMPLATE), "{problems:?}");
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
    let err = format!("{:#}", plots::render(&dir).unwrap_err());
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
        let russian = name.ends_with(".ru.svg");
        // A traced run's timeline names its runtimes and how to trace again.
        let traced = name.contains(".timeline.");
        let (measured_on, reproduce) = match (russian, traced) {
            (true, false) => ("Измерено на машине", "повторить: cargo xtask measure"),
            (false, false) => ("Measured on", "reproduce: cargo xtask measure"),
            (true, true) => ("Трассы запусков", "COURSE_TRACE="),
            (false, true) => ("Traced runs", "COURSE_TRACE="),
        };
        // The first thing drawn covers the whole canvas in white.
        let (width, height) = (attribute(&svg, "width"), attribute(&svg, "height"));
        let background = format!(
            "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" opacity=\"1\" fill=\"#FFFFFF\""
        );
        assert!(svg.contains(&background), "{name}: no white background");
        assert!(
            svg.contains(measured_on),
            "{name}: no caption with the machine"
        );
        assert!(
            svg.contains(reproduce),
            "{name}: does not say how to reproduce it"
        );
        // Every axis description names its unit, or is a count.
        let units = [
            ", ms",
            ", s ",
            ", MiB",
            ", мс",
            ", с ",
            "\nthreads\n",
            "workers (threads or processes)",
            "beat number",
            "\nпотоки\n",
            "число рабочих (потоков или процессов)",
            "номер удара пульса",
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
    let [without, _] = measure::heartbeat(&output("preemptive_vs_cooperative.txt")).unwrap();
    assert!(!without.gaps_ms.is_empty());
    assert_eq!(without.beats_while_busy, 0);
    let gil = measure::gil_simulated(&output("gil_simulated.txt")).unwrap();
    assert_eq!(gil.cpu_with_gil[0].threads, 1);
    // Output that is not the example's is an error naming it, not a guess.
    let err = measure::heartbeat("no heartbeat here")
        .unwrap_err()
        .to_string();
    assert!(err.contains("preemptive_vs_cooperative"), "{err}");
    assert!(measure::gil_simulated("| threads |\n|--|\n").is_err());
}

/// A small trace of `language` (`rust`, `python`): two rows, a span on each,
/// a mark, as the recorders write them.
fn trace(language: &str, program: &str, gil: &str) -> serde_json::Value {
    serde_json::json!({
        "traceEvents": [
            {"ph": "M", "name": "thread_name", "pid": 1, "tid": 1, "args": {"name": "main"}},
            {"ph": "M", "name": "thread_name", "pid": 1, "tid": 2, "args": {"name": "worker-1"}},
            {"ph": "X", "name": "acquire", "ts": 0.0, "dur": 1500.0, "pid": 1, "tid": 1},
            {"ph": "X", "name": "inside the semaphore", "ts": 1000.0, "dur": 9000.0, "pid": 1, "tid": 2},
            {"ph": "i", "s": "t", "name": "released", "ts": 10000.0, "pid": 1, "tid": 2},
        ],
        "displayTimeUnit": "ms",
        "otherData": {
            "language": language, "program": program,
            "runtime": if language == "rust" { "rustc 1.95.0" } else { "CPython 3.11.7" },
            "gil": serde_json::from_str::<serde_json::Value>(gil).unwrap(), "cpus": 2
        }
    })
}

/// A scratch root with these traces under `docs/measured/traces/`.
fn with_traces(name: &str, traces: &[(&str, serde_json::Value)]) -> PathBuf {
    let dir = scratch(name);
    let folder = dir.join(MEASURED).join("traces");
    std::fs::create_dir_all(&folder).unwrap();
    for (file, trace) in traces {
        std::fs::write(folder.join(file), trace.to_string()).unwrap();
    }
    dir
}

#[test]
fn a_traced_run_is_drawn_python_above_rust_on_one_time_axis() {
    let dir = with_traces(
        "traces",
        &[
            ("semaphore.rust.json", trace("rust", "semaphore", "null")),
            (
                "semaphore.python.json",
                trace("python", "semaphore", "true"),
            ),
        ],
    );
    let files = plots::render(&dir).unwrap();
    for suffix in ["", ".ru"] {
        let path = PathBuf::from(format!(
            "docs/src/3-threading/img/semaphore.timeline{suffix}.svg"
        ));
        let svg = &files
            .iter()
            .find(|(p, _)| *p == path)
            .unwrap_or_else(|| panic!("no {path:?}"))
            .1;
        for text in [
            "CPython: main",
            "CPython: worker-1",
            "Rust: main",
            "inside the semaphore",
            "rustc 1.95.0",
            "CPython 3.11.7",
        ] {
            assert!(svg.contains(text), "{path:?} lacks {text:?}");
        }
        // Python's rows above Rust's: drawn higher, at a smaller y.
        let y = |label: &str| {
            let at = svg
                .find(&format!(">\n{label}\n<"))
                .unwrap_or_else(|| panic!("no {label}"));
            let tag = &svg[svg[..at].rfind("<text").unwrap()..at];
            let y = tag.split("y=\"").nth(1).unwrap().split('"').next().unwrap();
            y.parse::<f64>().unwrap()
        };
        assert!(y("CPython: main") < y("Rust: main"));
    }
    // Rendering is deterministic, and what `plots` writes, `--check` accepts.
    assert_eq!(files, plots::render(&dir).unwrap());
    plots::write(&dir).unwrap();
    assert_eq!(plots::check(&dir).unwrap(), Vec::<String>::new());
}

#[test]
fn a_trace_that_cannot_be_a_run_is_refused_naming_the_event() {
    type Edit = fn(&mut serde_json::Value);
    let cases: [(&str, Edit, &str); 5] = [
        (
            "negative",
            |t| t["traceEvents"][2]["dur"] = (-5.0).into(),
            "traceEvents[2]",
        ),
        (
            "phase",
            |t| t["traceEvents"][3]["ph"] = "B".into(),
            "traceEvents[3]",
        ),
        (
            "outside",
            |t| t["traceEvents"][4]["ts"] = (-1.0).into(),
            "traceEvents[4]",
        ),
        (
            "unnamed",
            |t| t["traceEvents"][3]["tid"] = 7.into(),
            "row 7",
        ),
        (
            "program",
            |t| t["otherData"]["program"] = "barrier".into(),
            "otherData",
        ),
    ];
    for (name, edit, says) in cases {
        let mut bad = trace("rust", "semaphore", "null");
        edit(&mut bad);
        let dir = with_traces(
            &format!("bad-trace-{name}"),
            &[("semaphore.rust.json", bad)],
        );
        let err = plots::render(&dir)
            .err()
            .unwrap_or_else(|| panic!("{name}: rendered"));
        let err = format!("{err:#}");
        assert!(
            err.contains("semaphore.rust.json") && err.contains(says),
            "{name}: {err}"
        );
    }
    let dir = with_traces(
        "bad-trace-topic",
        &[("nosuch.rust.json", trace("rust", "nosuch", "null"))],
    );
    let err = format!("{:#}", plots::render(&dir).unwrap_err());
    assert!(err.contains("no topic runs `nosuch`"), "{err}");
}

#[test]
fn the_interpreters_and_the_benches_get_tables_of_their_own() {
    let dir = scratch("interpreters");
    let measured = dir.join(MEASURED);
    let compare: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(measured.join("compare.json")).unwrap())
            .unwrap();
    let mut free = compare.clone();
    free["machine"]["python"] =
        serde_json::json!({"version": "3.14.0", "free_threaded": true, "gil": false});
    let interpreters =
        serde_json::json!({"schema": 2, "kind": "interpreters", "runs": [compare.clone(), free]});
    std::fs::write(measured.join("interpreters.json"), interpreters.to_string()).unwrap();
    let bench = |id: &str, s: f64| serde_json::json!({"id": id, "time": {"median": s, "min": s * 0.9, "max": s * 1.1}});
    let benches = serde_json::json!({
        "schema": 2, "kind": "benches", "command": "cargo bench -p benches", "machine": compare["machine"],
        "results": [
            bench("acquire_release/uncontended/Semaphore", 11.3e-9),
            bench("acquire_release/uncontended/parking_lot::Mutex", 6.4e-9),
            bench("one job, submitted and awaited/process pool", 40e-6),
        ]
    });
    std::fs::write(measured.join("benches.json"), benches.to_string()).unwrap();
    let files = plots::render(&dir).unwrap();
    let table = |path: &str| {
        &files
            .iter()
            .find(|(p, _)| *p == Path::new(path))
            .expect(path)
            .1
    };
    let gil = table("docs/src/1-concepts/measured/interpreters.md");
    assert!(
        gil.starts_with(
            "| measured | Python 3.11.7 | Python 3.14.0 free-threaded, no GIL | Rust |"
        ),
        "{gil}"
    );
    assert!(
        gil.contains("| 1.3 GIL: 2 threads, cpu_bound_task(10⁷) each |"),
        "{gil}"
    );
    let ru = table("docs/src/1-concepts/measured/interpreters.ru.md");
    assert!(ru.contains("Python 3.14.0, сборка без GIL"), "{ru}");
    let benches = table("docs/src/6-summary/measured/benches.md");
    assert!(
        benches.contains("| 1.77x (course ÷ reference) |"),
        "{benches}"
    );
    assert!(
        !benches.contains("`acquire_release/contended/Semaphore`"),
        "not run: {benches}"
    );
}

#[test]
fn measure_reads_criterions_estimates() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("criterion");
    let new = dir.join("acquire_release/uncontended_Semaphore/new");
    std::fs::create_dir_all(&new).unwrap();
    let id = r#"{"group_id":"acquire_release","function_id":"uncontended/Semaphore","value_str":null,
        "throughput":null,"full_id":"acquire_release/uncontended/Semaphore",
        "directory_name":"acquire_release/uncontended_Semaphore","title":"t"}"#;
    std::fs::write(new.join("benchmark.json"), id).unwrap();
    let estimate = r#"{"confidence_interval":{"confidence_level":0.95,"lower_bound":29.1,
        "upper_bound":29.2},"point_estimate":29.15,"standard_error":0.02}"#;
    let estimates = format!(r#"{{"mean":{estimate},"median":{estimate}}}"#);
    std::fs::write(new.join("estimates.json"), estimates).unwrap();
    std::fs::create_dir_all(dir.join("acquire_release/uncontended_Semaphore/base")).unwrap();
    let found = measure::criterion_results(&dir);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].id, "acquire_release/uncontended/Semaphore");
    let t = found[0].time;
    assert!((t.median - 29.15e-9).abs() < 1e-15 && t.min < t.median && t.median < t.max);
}
