//! English: the language of the measured JSON, whose text is shown as it is.

use super::{Strings, Table};

/// English.
pub const EN: Strings = Strings {
    suffix: "",
    measured_on: "Measured on",
    load: "load average",
    flagged: "flagged",
    flag_loaded: "the machine was loaded",
    flag_one_cpu: "one CPU",
    reproduce: "reproduce: cargo xtask measure",
    capped_by: "capped by",
    not_run: "not run",
    units: ["µs", "ms", "s"],
    plural: |n| if n == 1 { 0 } else { 2 },
    cpus: ["{n} CPU", "{n} CPUs", "{n} CPUs"],
    measured: None,
    table: TABLE,

    timeline_title: "1.1 Two busy threads: on one CPU they take turns, on two they run at once",
    timeline_x: "time since the start, ms (a mark: the task finished a chunk in that ms)",
    timeline_pinned: "pinned to 1 CPU",
    timeline_free: "free, on all CPUs",
    tasks: ["task A", "task B"],
    cpu_per_wall: "CPU / wall",

    heartbeat_title: "1.2 A heartbeat every 10 ms beside a 200 ms busy task",
    heartbeat_x: "beat number",
    heartbeat_y: "gap since the previous beat, ms",
    without_await: "busy task without await",
    with_yield_now: "busy task with yield_now",
    beat_interval: "the beat's own 10 ms",

    gil_title: "1.3 CPU-bound speedup by thread count: the GIL against none",
    threads_x: "threads",
    speedup_y: "speedup over 1 thread, x",
    ideal: "ideal: n threads, n times as fast",
    rust_threads_no_gil: "Rust threads, no GIL (n = 10⁹)",
    cpython_threads: "CPython threads, the GIL (n = 10⁷)",
    gil_model: "Rust threads under the Gil model",

    scaling_title: "4.1 CPU-bound scaling: speedup and efficiency by workers",
    workers_x: "workers (threads or processes)",
    efficiency_y: "efficiency: speedup / workers",
    std_threads: "std threads (n = 10⁹)",
    rayon: "rayon (n = 10⁹)",
    pool: "ProcessPool (n = 10⁹)",
    python_threads: "CPython threads (n = 10⁷)",
    python_processes: "CPython processes (n = 10⁷)",

    cpu_growth_title: "4.1 CPU-bound work as n grows, on all CPUs (whole processes)",
    n_x: "n: the sum of i*i for i < n (log scale)",
    wall_log_y: "wall time, s (log scale)",
    rust_sequential: "Rust, 1 CPU",
    rust_threads_all: "Rust, std threads on all CPUs",
    rust_pool_all: "Rust, ProcessPool on all CPUs",
    python_threads_all: "CPython, threads on all CPUs",
    python_processes_all: "CPython, processes on all CPUs",
    cpu_count: "this machine's CPUs: no more speedup past them",
    python_sequential: "CPython, 1 CPU",

    cells_title: "The notebook's cells, Python and Rust, each a whole process",
    cells_x: "wall time, s (log scale): median, whiskers from the fastest to the slowest run",
    cells: [
        "1.3 GIL: 2 threads",
        "3.1 Lock: 1000 threads",
        "4.1 ProcessPoolExecutor",
        "5.1 asyncio: 3 sleeps of 1 s",
    ],
    python: "CPython",
    rust: "Rust",
    ratio: "Python / Rust",

    io_title: "IO-bound clients of one echo server (2 ms per request): time and memory",
    clients_x: "concurrent clients (log scale)",
    rss_y: "peak RSS of the clients' process, MiB (log scale)",
    rust_tasks: "Rust, tokio tasks",
    rust_threads_io: "Rust, a thread per client",
    python_asyncio: "CPython, asyncio",
    python_threads_io: "CPython, a thread per client",
};

/// English, the tables.
const TABLE: Table = Table {
    failed: "failed",
    no_python: "no Python",
    flag: "**Flagged:** {flag}.",
    row_flag: "**Flagged, {row}:** {flag}.",

    rows_header: [
        "measured",
        "Python",
        "Rust",
        "Python ÷ Rust",
        "Python peak RSS",
        "Rust peak RSS",
    ],
    rows_caption: "*{caption}. {runs}, {warmup}, with the range in brackets{paired}. \
        Measure it on your machine: `{command}`.*",
    median_of: [
        "The median of {n} run",
        "The median of {n} runs",
        "The median of {n} runs",
    ],
    range_of_runs: "{a} to {b}",
    no_runs: "No runs",
    warmup: [
        "each after a warm-up, each a whole process",
        "after a warm-up (none where one run takes seconds), each a whole process",
        "with no warm-up, each a whole process",
    ],
    paired: "; Python ÷ Rust is the median of the ratios of paired runs (Python, then Rust)",

    methods: ["std threads", "rayon", "ProcessPool"],
    scaling_header: [
        "Rust",
        "workers",
        "time",
        "speedup over sequential",
        "efficiency",
    ],
    impossible_one: "{method} on {workers}: {speedup}",
    impossible: "speedups above what the workers' CPUs can give ({list}): the sequential \
        baseline ran slower than it does on an idle machine, so every speedup here is \
        overstated",

    claims_header: ["claim", "on this machine", "measured"],
    verdicts: ["holds", "**contradicted**", "cannot tell"],
    claims_caption: "*{caption}. A contradicted claim is shown, not hidden: a loaded machine \
        or one CPU contradicts the parallel ones. Measure it on your machine: \
        `cargo xtask measure`.*",

    timeline_header: [
        "two busy threads",
        "CPU / wall (CPUs busy at once, on average)",
    ],
    timeline_not_parallel: "the free run kept only {cpus} CPUs busy at once, not about 2: \
        other programs had the CPUs, so this run does not show the parallel case",
    heartbeat_header: [
        "busy task",
        "longest gap between beats",
        "beats during the busy stretch",
    ],
    heartbeat_rows: ["without await", "with yield_now"],
    heartbeat_stalled: "beside the yielding task the longest gap was {ms} ms: the thread \
        was held up by other programs, not by the task",
    lesson_caption: "*{caption}. One run of the example. Run it on your machine: \
        `{command}`; `cargo xtask measure` records it again.*",
    gil_header: [
        "threads",
        "CPython threads (n = 10⁷, the GIL)",
        "Rust threads (n = 10⁹, no GIL)",
        "Rust threads under the Gil model",
    ],
    gil_caption: "*{caption}. Speedup over 1 thread of the same kind, whole processes \
        (the model: inside one). Measure it on your machine: \
        `cargo run --release -- --compare cpu/threads` (CPython), \
        `-- --compare --growth scale/threads` (Rust), `--example gil_simulated` (the model).*",
};
