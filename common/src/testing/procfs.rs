//! Reading thread and process states from `/proc` (Linux), so tests can
//! order threads by what they are doing instead of by sleeping.

/// The one-letter scheduler state (`R` running, `S` sleeping, `Z` zombie, ..)
/// of a task, from a `/proc/.../stat` line `"pid (comm) S ppid ..."`, and the
/// fields after it. The name may hold spaces and parentheses, so the state is
/// found after the *last* `)`.
///
/// ```
/// let (state, rest) = common::testing::parse_stat("42 (my (odd) name) S 1 42").unwrap();
/// assert_eq!(state, 'S');
/// assert_eq!(rest.split(' ').next(), Some("1")); // the parent's pid
/// ```
pub fn parse_stat(stat: &str) -> Option<(char, &str)> {
    let after_name = stat.get(stat.rfind(')')? + 1..)?.trim_start();
    let state = after_name.chars().next()?;
    Some((state, after_name[state.len_utf8()..].trim_start()))
}

/// How many threads named `name` in this process are asleep right now (state
/// `S` in `/proc/self/task/<tid>/stat`; Linux). Tests wait on this to know that
/// a thread is blocked before they act, instead of sleeping. 0 where /proc is missing.
pub fn sleeping_threads(name: &str) -> usize {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .flatten()
        .filter(|task| {
            let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
            let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
            comm.trim_end() == name && parse_stat(&stat).is_some_and(|(state, _)| state == 'S')
        })
        .count()
}

/// Whether the process `pid` is running: it exists and is no zombie (state
/// `Z`, ended but not yet reaped). Linux; `false` where `/proc` is missing.
pub fn is_running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| parse_stat(&stat).map(|(state, _)| state != 'Z'))
        .unwrap_or(false)
}
