"""Timelines of a real run, as the Rust examples draw them (`common::trace`).

A Python original marks what matters with one line each, and ends with
`finish()`, which prints the timeline in the terminal: one row per thread or
task, time across, each span drawn with its name's letter. With
COURSE_TRACE=path set, `finish()` also writes the run as a Chrome trace, in
the same format as the Rust side, so both runs can be drawn on one axis.

    import course_trace as trace
    with trace.span("work"):               # on this thread's row
        ...
    with trace.span("sleep", row="task 1"):  # tasks sharing a thread: a row each
        ...
    trace.mark("notify")
    trace.finish()

Standard library only. The originals import it with
`sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "common" / "python"))`.
"""

import contextlib
import itertools
import json
import os
import platform
import sys
import threading
import time

_origin = None  # set by the first record, as on the Rust side
_lock = threading.Lock()
_records = []  # (row, name, start_ns, end_ns or None for a mark)
_unnamed = itertools.count(1)
_local = threading.local()


def _origin_ns():
    """When the run's recording started: at the first record, as in Rust."""
    global _origin
    if _origin is None:
        with _lock:
            if _origin is None:
                _origin = time.perf_counter_ns()
    return _origin


def _now():
    origin = _origin_ns()
    return time.perf_counter_ns() - origin


def _thread_row():
    """This thread's row: `main`, its own name, or `thread N` for a default name."""
    row = getattr(_local, "row", None)
    if row is None:
        thread = threading.current_thread()
        if thread is threading.main_thread():
            row = "main"
        elif thread.name.startswith("Thread-"):
            row = f"thread {next(_unnamed)}"
        else:
            row = thread.name
        _local.row = row
    return row


@contextlib.contextmanager
def span(name, row=None):
    """Records a span named `name` on `row` (this thread's row by default)."""
    row = row or _thread_row()
    start = _now()
    try:
        yield
    finally:
        end = _now()
        with _lock:
            _records.append((row, name, start, end))


def span_between(row, name, start_ns, end_ns):
    """Records a span timed elsewhere, from `time.perf_counter_ns()` readings:
    work that another process of this machine timed (a forked worker, whose
    clock is this one's) and sent back. A time before the run's origin counts
    as the origin."""
    origin = _origin_ns()
    with _lock:
        _records.append((row, name, max(start_ns - origin, 0), max(end_ns - origin, 0)))


def mark(name, row=None):
    """Records an instant (a notify, a set) on `row`."""
    at = _now()
    with _lock:
        _records.append((row or _thread_row(), name, at, None))


def _rows(records):
    rows = []
    for row, *_ in sorted(records, key=lambda r: r[2]):
        if row not in rows:
            rows.append(row)
    return rows


def _letters(records):
    legend = {}
    for _, name, _, end in records:
        if end is None or name in legend:
            continue
        taken = set(legend.values())
        own = [c for c in name if c.isascii() and c.isalnum()]
        candidates = [c.lower() for c in own] + [c.upper() for c in own]
        legend[name] = next((c for c in candidates if c not in taken), "#")
    return legend


def _duration(ns):
    """Like the Rust side's `format_duration`: 412 ms, 6.9 ms, 1.25 s."""
    for unit, size in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= size:
            value = ns / size
            digits = 2 if value < 10 else 1 if value < 100 else 0
            return f"{value:.{digits}f} {unit}"
    return f"{ns} ns"


def timeline(width=60):
    """The run as text: one row per thread or task, `width` columns across."""
    with _lock:
        records = list(_records)
    end = max([r[3] if r[3] is not None else r[2] for r in records] + [1])
    legend = _letters(records)
    rows = _rows(records)
    name_width = max([len(r) for r in rows] + [0])
    out = [f"timeline: 0 to {_duration(end)}, one column = {_duration(end // width)}"]

    def col(t):
        return t * width // end

    for row in rows:
        cells = [" "] * width
        # Longer spans first, so a nested span shows over its parent; marks last.
        own = [r for r in records if r[0] == row]
        own.sort(key=lambda r: -(r[3] - r[2]) if r[3] is not None else 1)
        for _, name, start, stop in own:
            first = min(col(start), width - 1)
            if stop is None:
                last, letter = first + 1, "*"
            else:
                last, letter = min(max(col(stop), first + 1), width), legend.get(name, "#")
            cells[first:last] = letter * (last - first)
        out.append(f"  {row:<{name_width}} |{''.join(cells)}|")
    keys = [f"{letter} = {name}" for name, letter in legend.items()]
    marks = list(dict.fromkeys(name for _, name, _, stop in records if stop is None))
    if marks:
        keys.append("* = " + " / ".join(marks))
    out.append("  " + ", ".join(keys))
    return "\n".join(out)


def chrome_trace():
    """The run in the Chrome trace event format, microseconds from the start."""
    with _lock:
        records = list(_records)
    rows = _rows(records)
    tid = {row: i + 1 for i, row in enumerate(rows)}
    events = [
        {"ph": "M", "name": "thread_name", "pid": 1, "tid": tid[row], "args": {"name": row}}
        for row in rows
    ]
    for row, name, start, end in records:
        event = {"name": name, "ts": round(start / 1000, 3), "pid": 1, "tid": tid[row]}
        if end is None:
            event.update(ph="i", s="t")
        else:
            event.update(ph="X", dur=round((end - start) / 1000, 3))
        events.append(event)
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    runtime = f"{platform.python_implementation()} {platform.python_version()}"
    other = {
        "language": "python",
        "program": os.path.splitext(os.path.basename(sys.argv[0]))[0],
        "runtime": runtime + ("" if gil else " (free-threaded)"),
        "gil": gil,
        "cpus": os.cpu_count() or 1,
    }
    return json.dumps({"traceEvents": events, "displayTimeUnit": "ms", "otherData": other}, indent=0)


def finish():
    """Prints the timeline and, with COURSE_TRACE set, writes the trace there."""
    with _lock:
        if not _records:
            return
    print(timeline())
    path = os.environ.get("COURSE_TRACE")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            out.write(chrome_trace() + "\n")
        print(f"trace written to {path}")


if __name__ == "__main__":
    # A demonstration, and what CI runs: two threads, one waiting for the other.
    done = threading.Event()

    def worker():
        with span("work"):
            time.sleep(0.02)
        mark("set")
        done.set()

    helper = threading.Thread(target=worker, name="worker")
    helper.start()
    with span("wait"):
        done.wait()
    helper.join()
    finish()
