//! Russian, in the words of `docs/po/TERMS.md` (the measured JSON's own
//! English text is in `ru_measured.rs`).

use super::ru_measured::MEASURED;
use super::{Strings, Table};

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
    plural,
    cpus: ["{n} CPU", "{n} CPU", "{n} CPU"],
    measured: Some(MEASURED),
    table: TABLE,

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
    rss_y: "пиковый RSS процесса клиентов, MiB (логарифмическая шкала)",
    rust_tasks: "Rust, задачи tokio",
    rust_threads_io: "Rust, поток на клиента",
    python_asyncio: "CPython, asyncio",
    python_threads_io: "CPython, поток на клиента",
};

/// Russian counted words: 1, 21 рабочий; 2, 3, 4, 22 рабочих (the genitive
/// singular for most words: клиента); 5, 11, 12 рабочих (клиентов).
fn plural(n: u64) -> usize {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => 0,
        (2..=4, r) if !(12..=14).contains(&r) => 1,
        _ => 2,
    }
}

/// Russian, the tables.
const TABLE: Table = Table {
    failed: "сбой",
    no_python: "нет Python",
    flag: "**Внимание:** {flag}.",
    row_flag: "**Внимание, {row}:** {flag}.",

    rows_header: [
        "замер",
        "Python",
        "Rust",
        "Python ÷ Rust",
        "пиковый RSS Python",
        "пиковый RSS Rust",
    ],
    rows_caption: "*{caption}. {runs}, {warmup}, в скобках — разброс{paired}. \
        Измерьте на своей машине: `{command}`.*",
    median_of: [
        "Медиана {n} запуска",
        "Медиана {n} запусков",
        "Медиана {n} запусков",
    ],
    range_of_runs: "{a}–{b}",
    no_runs: "Запусков нет",
    warmup: [
        "каждый после разогрева и каждый отдельным процессом",
        "после разогрева (кроме тех, где один запуск длится секунды), каждый отдельным процессом",
        "без разогрева, каждый отдельным процессом",
    ],
    paired: "; Python ÷ Rust — медиана отношений парных запусков (сначала Python, затем Rust)",

    methods: ["потоки std", "rayon", "ProcessPool"],
    scaling_header: [
        "Rust",
        "рабочие",
        "время",
        "ускорение относительно последовательного",
        "эффективность",
    ],
    impossible_one: "{method} на {workers}: {speedup}",
    impossible: "ускорения выше, чем могут дать CPU рабочих ({list}), — последовательный \
        базовый запуск шёл медленнее, чем на свободной машине, поэтому все ускорения здесь \
        завышены",

    claims_header: ["утверждение", "на этой машине", "замер"],
    verdicts: ["подтверждается", "**опровергнуто**", "нельзя судить"],
    claims_caption: "*{caption}. Опровергнутое утверждение показано, а не скрыто: \
        загруженная машина или один CPU опровергают утверждения о параллельности. \
        Измерьте на своей машине: `cargo xtask measure`.*",

    timeline_header: [
        "два занятых потока",
        "CPU / реальное время (сколько CPU в среднем занято одновременно)",
    ],
    timeline_not_parallel: "запуск без привязки занимал одновременно в среднем лишь {cpus} \
        CPU, а не около 2: CPU были заняты другими программами, поэтому этот запуск не \
        показывает параллельный случай",
    heartbeat_header: [
        "занятая задача",
        "самый длинный промежуток между ударами",
        "ударов за время занятости",
    ],
    heartbeat_rows: ["без await", "с yield_now"],
    heartbeat_stalled: "рядом с уступающей задачей самый длинный промежуток составил {ms} ms: \
        поток задержали другие программы, а не задача",
    lesson_caption: "*{caption}. Один запуск примера. Запустите его на своей машине: \
        `{command}`; `cargo xtask measure` запишет его заново.*",
    gil_header: [
        "потоки",
        "потоки CPython (n = 10⁷, с GIL)",
        "потоки Rust (n = 10⁹, без GIL)",
        "потоки Rust под моделью Gil",
    ],
    gil_caption: "*{caption}. Ускорение относительно 1 потока того же вида, процессы целиком \
        (модель — внутри одного процесса). Измерьте на своей машине: \
        `cargo run --release -- --compare cpu/threads` (CPython), \
        `-- --compare --growth scale/threads` (Rust), `--example gil_simulated` (модель).*",
};
