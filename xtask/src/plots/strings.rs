//! Every string the pictures show, in English and in Russian: one place to
//! read, to correct and to translate. Each picture is rendered once per
//! language: `<name>.svg` from [`EN`], `<name>.ru.svg` from [`RU`] (the terms
//! follow `docs/po/TERMS.md`).

/// The strings of one language.
pub struct Strings {
    /// The file name's suffix before `.svg`: `""` or `".ru"`.
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
    /// Microseconds, milliseconds, seconds.
    pub units: [&'static str; 3],

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

/// Russian.
pub const RU: Strings = Strings {
    suffix: ".ru",
    measured_on: "Измерено на машине",
    load: "средняя загрузка",
    flagged: "внимание",
    flag_loaded: "машина была загружена",
    flag_one_cpu: "один CPU",
    reproduce: "повторить: cargo xtask measure",
    capped_by: "упёрлось в",
    not_run: "не запускалось",
    units: ["мкс", "мс", "с"],

    timeline_title: "1.1 Два занятых потока: на одном CPU по очереди, на двух одновременно",
    timeline_x: "время от старта, мс (отметка: задача завершила порцию работы в эту мс)",
    timeline_pinned: "привязаны к одному CPU",
    timeline_free: "без привязки, на всех CPU",
    tasks: ["задача A", "задача B"],
    cpu_per_wall: "CPU / реальное время",

    heartbeat_title: "1.2 Пульс каждые 10 мс рядом с задачей, занятой 200 мс",
    heartbeat_x: "номер удара пульса",
    heartbeat_y: "интервал после предыдущего удара, мс",
    without_await: "занятая задача без await",
    with_yield_now: "занятая задача с yield_now",
    beat_interval: "собственный интервал пульса, 10 мс",

    gil_title: "1.3 Ускорение CPU-bound работы по числу потоков: с GIL и без",
    threads_x: "потоки",
    speedup_y: "ускорение относительно 1 потока, раз",
    ideal: "идеал: n потоков, в n раз быстрее",
    rust_threads_no_gil: "потоки Rust, без GIL (n = 10⁹)",
    cpython_threads: "потоки CPython, с GIL (n = 10⁷)",
    gil_model: "потоки Rust под моделью Gil",

    scaling_title: "4.1 Масштабирование CPU-bound работы: ускорение и эффективность",
    workers_x: "рабочие потоки или процессы",
    efficiency_y: "эффективность: ускорение / число рабочих",
    std_threads: "потоки std (n = 10⁹)",
    rayon: "rayon (n = 10⁹)",
    pool: "ProcessPool (n = 10⁹)",
    python_threads: "потоки CPython (n = 10⁷)",
    python_processes: "процессы CPython (n = 10⁷)",

    cpu_growth_title: "4.1 CPU-bound работа с ростом n, на всех CPU (процессы целиком)",
    n_x: "n: сумма i*i для i < n (логарифмическая шкала)",
    wall_log_y: "реальное время, с (логарифмическая шкала)",
    rust_sequential: "Rust, 1 CPU",
    rust_threads_all: "Rust, потоки std на всех CPU",
    rust_pool_all: "Rust, ProcessPool на всех CPU",
    python_threads_all: "CPython, потоки на всех CPU",
    python_processes_all: "CPython, процессы на всех CPU",
    cpu_count: "число CPU этой машины: дальше ускорения нет",
    python_sequential: "CPython, 1 CPU",

    cells_title: "Ячейки ноутбука на Python и на Rust, каждая отдельным процессом",
    cells_x: "реальное время, с (логарифмическая шкала): медиана, усы от самого быстрого запуска до самого медленного",
    cells: [
        "1.3 GIL: 2 потока",
        "3.1 Lock: 1000 потоков",
        "4.1 ProcessPoolExecutor",
        "5.1 asyncio: 3 паузы по 1 с",
    ],
    python: "CPython",
    rust: "Rust",
    ratio: "Python / Rust",

    io_title: "IO-bound клиенты одного эхо-сервера (2 мс на запрос): время и память",
    clients_x: "одновременные клиенты (логарифмическая шкала)",
    rss_y: "пиковый RSS процесса клиентов, МиБ (логарифмическая шкала)",
    rust_tasks: "Rust, задачи tokio",
    rust_threads_io: "Rust, поток на клиента",
    python_asyncio: "CPython, asyncio",
    python_threads_io: "CPython, поток на клиента",
};

/// Both languages, in the order the files are written.
pub const ALL: [&Strings; 2] = [&EN, &RU];
