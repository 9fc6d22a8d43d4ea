//! Selecting topics, checking the manifest, and the README table, on small
//! hand-written manifests.

use tour::Manifest;

const TWO: &str = r#"
[[topic]]
section = "3.1"
title = "Lock"
heading = "3.1. Lock"
package = "p"
example = "lock_counter"
python = "p/python/lock_counter.py"

[[topic]]
section = "3.3"
title = "Semaphore"
heading = "3.3. Semaphore"
package = "p"
example = "semaphore"
python = "p/python/semaphore.py"
features = ["f"]
"#;

#[test]
fn selection_by_section_name_and_prefix() {
    let m = Manifest::parse(TWO).unwrap();
    let names = |sel: &[&str]| -> Vec<String> {
        let sel: Vec<String> = sel.iter().map(|s| s.to_string()).collect();
        m.select(&sel)
            .unwrap()
            .iter()
            .map(|t| t.example.clone())
            .collect()
    };
    assert_eq!(names(&[]), ["lock_counter", "semaphore"]);
    assert_eq!(names(&["3"]), ["lock_counter", "semaphore"]);
    assert_eq!(names(&["3.3"]), ["semaphore"]);
    assert_eq!(names(&["semaphore", "3.1"]), ["lock_counter", "semaphore"]);
}

#[test]
fn a_section_prefix_must_end_at_a_dot() {
    let m = Manifest::parse(TWO).unwrap();
    // "3.3" must not be picked by "3.30" nor "3.3" by "3."
    assert!(m.select(&["3.30".into()]).is_err());
    assert!(m.select(&["3.".into()]).is_err());
}

#[test]
fn unknown_selector_lists_valid_ones() {
    let m = Manifest::parse(TWO).unwrap();
    let err = m.select(&["nope".into()]).unwrap_err();
    assert!(err.contains("unknown topic \"nope\"."), "{err}");
    assert!(err.contains("3, 3.1, 3.3"), "{err}");
    assert!(err.contains("lock_counter, semaphore"), "{err}");
}

#[test]
fn duplicate_examples_and_bad_sections_are_rejected() {
    let dup = format!(
        "{TWO}{}",
        &TWO[TWO.find("[[topic]]\nsection = \"3.3\"").unwrap()..]
    );
    assert!(
        Manifest::parse(&dup)
            .unwrap_err()
            .contains("named by two topics")
    );
    let bad = TWO.replace("\"3.1\"", "\"three\"");
    assert!(Manifest::parse(&bad).unwrap_err().contains("not like"));
    let unknown_field = TWO.replace("features", "feature");
    assert!(Manifest::parse(&unknown_field).is_err());
}

#[test]
fn markdown_has_a_row_per_topic() {
    let md = Manifest::parse(TWO).unwrap().markdown();
    assert_eq!(md.lines().count(), 4);
    let generic = TWO.replace("title = \"Lock\"", "title = \"Mutex<u64> | lock\"");
    let md2 = Manifest::parse(&generic).unwrap().markdown();
    assert!(md2.contains("| 3.1 | Mutex&lt;u64&gt; \\| lock |"), "{md2}");
    assert!(md.contains(
        "| 3.3 | Semaphore | 3.3. Semaphore | `cargo run --release --example semaphore --features f` | [semaphore.rs](p/examples/semaphore.rs) | [semaphore.py](p/python/semaphore.py) |"
    ));
}
