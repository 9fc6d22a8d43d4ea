//! Every string the pictures and tables show, in English and in Russian: one
//! place to read, to correct and to translate. Each picture and table is
//! rendered once per language: `<name>.svg` and `<name>.md` from [`EN`],
//! `<name>.ru.svg` and `<name>.ru.md` from [`RU`] (the terms follow
//! `docs/po/TERMS.md`). The tables keep numbers and units as the programs
//! print them (`1.54x`, `21.3 ms`, `2.9 MiB`), so they match the output the
//! book quotes.
//!
//! Some text comes from the measured JSON itself, in English: the rows'
//! labels, the flags, the claims. [`Strings::say`] gives it in the
//! language: as it is in English, in Russian by the patterns in
//! `ru_measured.rs`. Text that no pattern matches is an error naming it, so
//! a new row never shows up in English in the Russian book.

mod en;
mod phrases;
mod ru;
mod ru_measured;
mod table;

pub use en::EN;
pub use phrases::Phrases;
pub use ru::RU;
pub use table::Table;

/// The strings of one language.
pub struct Strings {
    /// The file name's suffix before `.svg` and `.md`: `""` or `".ru"`.
    pub suffix: &'static str,
    /// Begins the caption line: "Measured on".
    pub measured_on: &'static str,
    /// "load average", in the caption.
    pub load: &'static str,
    /// Marks a machine flag in the caption.
    pub flagged: &'static str,
    /// The flag of a machine that was busy during the run.
    pub flag_loaded: &'static str,
    /// The flag of a machine with one CPU.
    pub flag_one_cpu: &'static str,
    /// How to reproduce a figure, at the end of the caption.
    pub reproduce: &'static str,
    /// "capped by", before the limit that kept a point from being measured.
    pub capped_by: &'static str,
    /// Beside a point that was not measured.
    pub not_run: &'static str,
    /// Microseconds, milliseconds, seconds, on the pictures.
    pub units: [&'static str; 3],
    /// Which form of a counted word a number takes: 0 for the form of 1,
    /// 1 for that of 2, 2 for that of 5 (English uses 0 and 2).
    pub plural: fn(u64) -> usize,
    /// The machine's CPUs in the caption, `{n}` the count, by `plural`.
    pub cpus: [&'static str; 3],
    /// The measured JSON's own English text in this language (see
    /// [`Phrases`]); `None` for English, which shows it as it is.
    pub measured: Option<Phrases>,
    /// The tables' own strings.
    pub table: Table,

    /// 1.1: the title, the two panels and the rows.
    pub timeline_title: &'static str,
    /// 1.1: the time axis.
    pub timeline_x: &'static str,
    /// 1.1: the panel of the pinned run.
    pub timeline_pinned: &'static str,
    /// 1.1: the panel of the free run.
    pub timeline_free: &'static str,
    /// 1.1: the two tasks' rows.
    pub tasks: [&'static str; 2],
    /// 1.1: "CPU / wall" beside each panel's title.
    pub cpu_per_wall: &'static str,

    /// 1.2: the title.
    pub heartbeat_title: &'static str,
    /// 1.2: the x axis.
    pub heartbeat_x: &'static str,
    /// 1.2: the y axis.
    pub heartbeat_y: &'static str,
    /// 1.2: the series beside the task without await.
    pub without_await: &'static str,
    /// 1.2: the series beside the task with yield_now.
    pub with_yield_now: &'static str,
    /// 1.2: the line at the beat's own interval.
    pub beat_interval: &'static str,

    /// 1.3: the title.
    pub gil_title: &'static str,
    /// The threads axis.
    pub threads_x: &'static str,
    /// The speedup axis.
    pub speedup_y: &'static str,
    /// The ideal speedup line.
    pub ideal: &'static str,
    /// Rust threads, no GIL (at n = 10⁹).
    pub rust_threads_no_gil: &'static str,
    /// CPython's threads (at n = 10⁷).
    pub cpython_threads: &'static str,
    /// Rust threads under the Gil model (`gil_simulated`).
    pub gil_model: &'static str,

    /// 4.1: the title of the scaling picture.
    pub scaling_title: &'static str,
    /// 4.1: the workers axis.
    pub workers_x: &'static str,
    /// 4.1: the efficiency axis.
    pub efficiency_y: &'static str,
    /// 4.1: the series.
    pub std_threads: &'static str,
    /// 4.1: rayon.
    pub rayon: &'static str,
    /// 4.1: the process pool.
    pub pool: &'static str,
    /// 4.1: CPython's threads, at the notebook's n.
    pub python_threads: &'static str,
    /// 4.1: CPython's processes, at the notebook's n.
    pub python_processes: &'static str,

    /// 4.1: the title of the growth picture.
    pub cpu_growth_title: &'static str,
    /// 4.1: the n axis.
    pub n_x: &'static str,
    /// A wall-time axis on a log scale.
    pub wall_log_y: &'static str,
    /// 4.1: one CPU, Rust.
    pub rust_sequential: &'static str,
    /// 4.1: Rust threads on all CPUs.
    pub rust_threads_all: &'static str,
    /// 4.1: the pool on all CPUs.
    pub rust_pool_all: &'static str,
    /// 4.1: CPython threads on all CPUs.
    pub python_threads_all: &'static str,
    /// 4.1: CPython processes on all CPUs.
    pub python_processes_all: &'static str,
    /// The line at the machine's CPU count.
    pub cpu_count: &'static str,
    /// 4.1: one CPU, CPython.
    pub python_sequential: &'static str,

    /// 6: the title of the cells picture.
    pub cells_title: &'static str,
    /// 6: the time axis of the cells picture.
    pub cells_x: &'static str,
    /// 6: the four cells, in the order of `cell/gil`, `lock`, `pool`, `asyncio`.
    pub cells: [&'static str; 4],
    /// The two sides.
    pub python: &'static str,
    /// The Rust side.
    pub rust: &'static str,
    /// "Python ÷ Rust" beside a cell's Rust bar.
    pub ratio: &'static str,

    /// 6: the title of the IO picture.
    pub io_title: &'static str,
    /// 6: the clients axis.
    pub clients_x: &'static str,
    /// 6: the peak RSS axis.
    pub rss_y: &'static str,
    /// 6: the series.
    pub rust_tasks: &'static str,
    /// 6: Rust threads, one per client.
    pub rust_threads_io: &'static str,
    /// 6: asyncio.
    pub python_asyncio: &'static str,
    /// 6: CPython threads, one per client.
    pub python_threads_io: &'static str,
}

/// Both languages, in the order the files are written.
pub const ALL: [&Strings; 2] = [&EN, &RU];
