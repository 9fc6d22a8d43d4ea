//! The strings of the tables of measured numbers (`measured/<name>.md`).
//! A `{name}` in a template is filled in by the table's code.

/// The tables' strings of one language.
pub struct Table {
    /// A cell whose side failed.
    pub failed: &'static str,
    /// A cell whose Python is not installed.
    pub no_python: &'static str,
    /// A machine's flag under a table: `{flag}`.
    pub flag: &'static str,
    /// A row's flag under a table: `{row}`, `{flag}`.
    pub row_flag: &'static str,

    /// Python ÷ Rust: the columns (the last two when the rows report memory).
    pub rows_header: [&'static str; 6],
    /// Python ÷ Rust: the caption, `{caption}` (the machine), `{runs}`,
    /// `{warmup}`, `{paired}`, `{command}`.
    pub rows_caption: &'static str,
    /// `{runs}`: the median of `{n}` runs, by the count's form.
    pub median_of: [&'static str; 3],
    /// `{runs}` when the rows ran different numbers of times: `{n}` is "a to b".
    pub range_of_runs: &'static str,
    /// `{runs}` when no row ran.
    pub no_runs: &'static str,
    /// `{warmup}`: every row warmed up, some did, none did; and each run
    /// is a whole process.
    pub warmup: [&'static str; 3],
    /// `{paired}`, when a row has a Python ÷ Rust ratio.
    pub paired: &'static str,

    /// 4.1: the methods of Rust's scaling table.
    pub methods: [&'static str; 3],
    /// 4.1: its columns.
    pub scaling_header: [&'static str; 5],
    /// 4.1: a speedup the workers' CPUs cannot give: `{method}`, `{workers}`, `{speedup}`.
    pub impossible_one: &'static str,
    /// 4.1: the flag of such speedups, `{list}` of them.
    pub impossible: &'static str,

    /// 6: the claims' columns.
    pub claims_header: [&'static str; 3],
    /// 6: a claim this run bore out, contradicted, or could not judge.
    pub verdicts: [&'static str; 3],
    /// 6: the claims' caption, `{caption}`.
    pub claims_caption: &'static str,

    /// 1.1: the columns.
    pub timeline_header: [&'static str; 2],
    /// 1.1: the flag of a free run that did not run at once: `{cpus}` busy.
    pub timeline_not_parallel: &'static str,
    /// 1.2: the columns.
    pub heartbeat_header: [&'static str; 3],
    /// 1.2: the rows.
    pub heartbeat_rows: [&'static str; 2],
    /// 1.2: the flag of a yielding task's heartbeat that still stalled: `{ms}`.
    pub heartbeat_stalled: &'static str,
    /// 1.1 and 1.2: the caption, `{caption}`, `{command}`.
    pub lesson_caption: &'static str,
    /// 1.3: the columns.
    pub gil_header: [&'static str; 4],
    /// 1.3: the caption, `{caption}`.
    pub gil_caption: &'static str,
}
