//! The recorder's Chrome trace parses, names a row per thread, keeps nested
//! spans inside their parent, and the terminal timeline shows every row.

use std::thread;

use common::trace;
use serde_json::Value;

#[test]
fn a_run_of_two_threads_becomes_a_trace_and_a_timeline() {
    // Named threads: the test harness names its own thread after the test.
    thread::Builder::new()
        .name("first".into())
        .spawn(|| {
            let _outer = trace::span("outer");
            let _inner = trace::span("inner");
            trace::mark("halfway");
        })
        .unwrap()
        .join()
        .unwrap();
    thread::Builder::new()
        .name("worker".into())
        .spawn(|| drop(trace::span("work")))
        .unwrap()
        .join()
        .unwrap();
    thread::scope(|s| {
        s.spawn(|| drop(trace::span_on("task 1", "sleep")));
    });

    let trace: Value = serde_json::from_str(&trace::chrome_trace()).expect("valid JSON");
    let events = trace["traceEvents"].as_array().unwrap();
    let row = |name: &str| {
        events
            .iter()
            .find(|e| e["ph"] == "M" && e["args"]["name"] == name)
            .unwrap_or_else(|| panic!("no row named {name}: {events:?}"))["tid"]
            .as_u64()
            .unwrap()
    };
    let span = |name: &str| {
        events
            .iter()
            .find(|e| e["ph"] == "X" && e["name"] == name)
            .unwrap()
    };
    let (first, worker) = (row("first"), row("worker"));
    assert_ne!(first, worker);
    assert_eq!(span("work")["tid"].as_u64(), Some(worker));
    assert_eq!(span("sleep")["tid"].as_u64(), Some(row("task 1")));
    let (outer, inner) = (span("outer"), span("inner"));
    let (o, i) = (outer["ts"].as_f64().unwrap(), inner["ts"].as_f64().unwrap());
    let end = |e: &Value| e["ts"].as_f64().unwrap() + e["dur"].as_f64().unwrap();
    assert!(
        o <= i && end(inner) <= end(outer),
        "inner inside outer: {outer} {inner}"
    );
    let mark = events.iter().find(|e| e["ph"] == "i").unwrap();
    assert_eq!(
        (mark["name"].as_str(), mark["tid"].as_u64()),
        (Some("halfway"), Some(first))
    );
    assert_eq!(trace["otherData"]["language"], "rust");

    let text = trace::timeline(40);
    for needle in [
        "first ",
        "worker ",
        "task 1 ",
        "o = outer",
        "i = inner",
        "* = halfway",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from\n{text}");
    }
}
