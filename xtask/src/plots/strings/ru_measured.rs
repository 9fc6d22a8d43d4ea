//! The measured JSON's English text in Russian: the patterns of
//! [`Phrases`], for `cargo xtask plots` to translate the rows' labels, the
//! flags and the claims that `cargo run -- --compare` and `cargo xtask
//! measure` write. A new text in the JSON needs its pattern here.

use super::Phrases;

/// The patterns, and the file that holds them for the error that names it.
pub(super) const MEASURED: Phrases = Phrases {
    file: file!(),
    list: LIST,
};

/// (English pattern, Russian): row labels first, then the flags and the claims.
const LIST: &[(&str, &str)] = &[
    // The rows: the notebook's cells, the pool's job, CPU-bound and IO-bound rows.
    (
        "1.3 GIL: 2 threads, cpu_bound_task(10⁷) each",
        "1.3 GIL: 2 потока, в каждом cpu_bound_task(10⁷)",
    ),
    (
        "3.1 Lock: 1000 threads, one counter",
        "3.1 Lock: 1000 потоков, один счётчик",
    ),
    (
        "4.1 ProcessPoolExecutor: squares of 0..100",
        "4.1 ProcessPoolExecutor: квадраты чисел 0..100",
    ),
    (
        "5.1 asyncio.run: three 1 s sleeps",
        "5.1 asyncio.run: три паузы по 1 с",
    ),
    (
        "one job submitted and awaited, 1 worker (median of many)",
        "одна задача: отправить и дождаться, 1 рабочий (медиана по многим задачам)",
    ),
    ("{t}, 1 worker", "{}, 1 рабочий"),
    ("{t}, {} workers", "{}, {} {рабочий|рабочих|рабочих}"),
    ("{t}, n = {}", "{}, n = {}"),
    ("{} clients, {t}", "{} {клиент|клиента|клиентов}, {}"),
    ("sequential", "последовательно"),
    ("threads", "потоки"),
    ("rayon", "rayon"),
    ("pool", "пул"),
    ("tasks", "задачи"),
    // 1.1's two runs.
    ("pinned", "с привязкой"),
    ("free", "без привязки"),
    // A limit that kept a point from being measured.
    ("RLIMIT_NOFILE", "RLIMIT_NOFILE"),
    // The machine's flags, and a row's.
    (
        "loaded: the 1-minute load average was {} at the start and {} at the end, on {} CPUs",
        "машина была загружена — средняя загрузка за 1 минуту {} в начале и {} в конце, на {} CPU",
    ),
    (
        "one CPU: no parallel row can show a speedup here",
        "один CPU — ни одна параллельная строка не может показать здесь ускорения",
    ),
    ("noisy: {t} ranged over {}", "шумный замер — разброс {} {}"),
    ("the CPython runs", "запусков CPython"),
    ("the Rust runs", "запусков Rust"),
    ("the sequential runs", "запусков последовательной версии"),
    (
        "the one after another runs",
        "запусков варианта «один за другим»",
    ),
    ("the threading runs", "запусков threading"),
    ("the std threads runs", "запусков потоков std"),
    ("the rayon runs", "запусков rayon"),
    (
        "the ProcessPoolExecutor runs",
        "запусков ProcessPoolExecutor",
    ),
    ("the ProcessPool runs", "запусков ProcessPool"),
    ("the asyncio runs", "запусков asyncio"),
    ("the tokio tasks runs", "запусков задач tokio"),
    // The claims, and what this run measured of them.
    (
        "No GIL: Rust threads on 2 workers are about twice as fast as one",
        "Без GIL: потоки Rust на 2 рабочих примерно вдвое быстрее одного",
    ),
    (
        "The GIL: CPython's threads on 2 workers are no faster than one",
        "GIL: потоки CPython на 2 рабочих не быстрее одного",
    ),
    (
        "CPython's processes do run in parallel",
        "Процессы CPython действительно работают параллельно",
    ),
    (
        "CPU-bound work in Rust: threads or rayon, not processes (the pool is no faster)",
        "CPU-bound работа в Rust: потоки или rayon, а не процессы (пул не быстрее)",
    ),
    (
        "IO-bound, Rust: tasks and threads overlap the waits (under half the sequential time)",
        "IO-bound, Rust: задачи и потоки перекрывают ожидания (меньше половины времени \
         «один за другим»)",
    ),
    (
        "IO-bound, CPython: asyncio and threads overlap the waits (under half the sequential time)",
        "IO-bound, CPython: asyncio и потоки перекрывают ожидания (меньше половины времени \
         «один за другим»)",
    ),
    (
        "1000 Rust threads take more memory than 1000 tasks",
        "1000 потоков Rust занимают больше памяти, чем 1000 задач",
    ),
    (
        "10,000 Rust threads take more memory than 10,000 tasks",
        "10 000 потоков Rust занимают больше памяти, чем 10 000 задач",
    ),
    (
        "speedup {}x on 2 threads ({} rows)",
        "ускорение {}x на 2 потоках (строки {})",
    ),
    (
        "speedup {}x on 2 threads ({} rows): more than 2 CPUs can give, so the sequential \
         baseline was slowed (a loaded machine?)",
        "ускорение {}x на 2 потоках (строки {}): больше, чем могут дать 2 CPU, значит, \
         последовательный базовый запуск был замедлен (загруженная машина?)",
    ),
    ("speedup {}x on 2 threads", "ускорение {}x на 2 потоках"),
    ("speedup {}x on 2 processes", "ускорение {}x на 2 процессах"),
    (
        "on {} workers the pool took {}x the time of the faster of threads and rayon ({} rows)",
        "на {} {рабочем|рабочих|рабочих} пул затратил {}x времени более быстрого из вариантов \
         «потоки» и «rayon» (строки {})",
    ),
    (
        "{}: the slower of the two took {}% of one after another",
        "{}: более медленный из двух вариантов занял {}% времени варианта «один за другим»",
    ),
    (
        "peak RSS of the threads: {}x the tasks'",
        "пиковый RSS потоков: {}x от RSS задач",
    ),
];
