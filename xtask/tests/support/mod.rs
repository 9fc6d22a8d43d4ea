//! What the checks' tests share.

/// `problems` are exactly as many as `expected`, each containing its
/// counterpart, in order.
#[track_caller]
pub fn assert_reported(problems: &[String], expected: &[&str]) {
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    for (problem, expected) in problems.iter().zip(expected) {
        assert!(
            problem.contains(expected),
            "{problem:?} should contain {expected:?}"
        );
    }
}
