"""5.1 await, asyncio.run(): three tasks sleep one second each, together.

Rust counterpart: async-basics/examples/asyncio_run.rs and async-basics/src/asyncio_run.rs
Run: python3 async-basics/python/asyncio_run.py
The Rust version: cargo run --release --example asyncio_run
"""
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "common" / "python"))
import course_trace as trace  # noqa: E402


# ANCHOR: notebook_cell
async def task(n):
    print(f"Start task {n}")
    with trace.span("sleep", row=f"task {n}"):  # the timeline's row
        await asyncio.sleep(1)  # the task gives way here
    print(f"End task {n}")


async def main():
    await asyncio.gather(task(1), task(2), task(3))


def notebook_cell():
    started = time.perf_counter()
    asyncio.run(main())
    return time.perf_counter() - started
# ANCHOR_END: notebook_cell


# ANCHOR: one_second_not_three
def one_second_not_three(elapsed):
    print()
    print(f"elapsed: {elapsed:.2f} s (three 1 s sleeps, run concurrently)")
    # The six lines above prove the overlap; the clock can only be slow, never early.
    assert elapsed >= 1, elapsed
# ANCHOR_END: one_second_not_three


if __name__ == "__main__":
    one_second_not_three(notebook_cell())
    trace.finish()
