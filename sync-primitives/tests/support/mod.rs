//! Linux: ordering tests by observing thread states, never by sleeping.

/// How many threads named `name` in this process are asleep right now
/// (state `S` in /proc/self/task/<tid>/stat). 0 where /proc is missing.
pub fn sleeping_threads(name: &str) -> usize {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .flatten()
        .filter(|task| {
            let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
            let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
            // stat is "tid (comm) S ...": the state follows the last ')'.
            let state = stat.rsplit(')').next().unwrap_or("").trim_start();
            comm.trim_end() == name && state.starts_with('S')
        })
        .count()
}
