"""A heartbeat beside some work: did the event loop run while the work ran?

The harness of 5.1's blocking_in_async.py and blocking_off_the_loop.py (the
Rust side: async-basics/src/heartbeat.rs). A heartbeat task wants to run every
TICK and records when it did; beside it runs one piece of work, which returns
when it began and ended. The beats and the work also go on the timeline.
"""
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "common" / "python"))
import course_trace as trace  # noqa: E402

TICK = 0.010


def spin_for(seconds):
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        n += 1
    return n


def timed(f):
    start = time.perf_counter()
    f()
    return start, time.perf_counter()


# ANCHOR: beside_heartbeat
async def beside_heartbeat(name, work):
    beats = []

    async def heartbeat():
        while True:
            beats.append(time.perf_counter())
            trace.mark("beat", row="heartbeat")
            await asyncio.sleep(TICK)

    beat_task = asyncio.create_task(heartbeat())
    while len(beats) < 2:
        await asyncio.sleep(TICK / 2)
    with trace.span(name, row="work"):
        start, end = await work()
    seen = len(beats)
    while len(beats) <= seen:
        await asyncio.sleep(TICK / 2)
    beat_task.cancel()
    during = sum(1 for t in beats if start < t < end)
    longest = max(b - a for a, b in zip(beats, beats[1:]))
    return name, end - start, during, longest
# ANCHOR_END: beside_heartbeat


def show(title, work, rows):
    print(f"{title} (heartbeat every {TICK * 1000:.0f} ms, beside {work * 1000:.0f} ms of work)")
    print(f"| {'work':<30} | {'took':>8} | heartbeats during it | longest heartbeat gap |")
    print(f"|{'-' * 32}|{'-' * 10}|{'-' * 22}|{'-' * 23}|")
    for name, took, during, longest in rows:
        print(f"| {name:<30} | {took * 1000:5.0f} ms | {during:>20} | {longest * 1000:18.1f} ms |")
    print()
