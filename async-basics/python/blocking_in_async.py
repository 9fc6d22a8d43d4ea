"""Cooperative multitasking: one blocking call stalls every task on the loop.

A heartbeat coroutine ticks every 10 ms; next to it runs 200 ms of work of
each kind. Blocking work (time.sleep, a CPU loop) stops the heartbeat for the
whole 200 ms; asyncio.to_thread, a CPU loop that awaits asyncio.sleep(0)
every 5 ms, and await asyncio.sleep keep it ticking.

Rust counterpart: async-basics/examples/blocking_in_async.rs
Run: python3 async-basics/python/blocking_in_async.py
The Rust version: cargo run --release --example blocking_in_async
"""
import asyncio
import time

TICK = 0.010
WORK = 0.200


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


async def beside_heartbeat(name, work):
    beats = []

    async def heartbeat():
        while True:
            beats.append(time.perf_counter())
            await asyncio.sleep(TICK)

    beat_task = asyncio.create_task(heartbeat())
    while len(beats) < 2:
        await asyncio.sleep(TICK / 2)
    start, end = await work()
    seen = len(beats)
    while len(beats) <= seen:
        await asyncio.sleep(TICK / 2)
    beat_task.cancel()
    during = sum(1 for t in beats if start < t < end)
    longest = max(b - a for a, b in zip(beats, beats[1:]))
    return name, end - start, during, longest


async def blocking_sleep():
    return timed(lambda: time.sleep(WORK))


async def blocking_cpu():
    return timed(lambda: spin_for(WORK))


async def to_thread_sleep():
    return await asyncio.to_thread(timed, lambda: time.sleep(WORK))


async def to_thread_cpu():
    # The GIL: the CPU loop on another thread still competes with the loop
    # for the interpreter, but it is released every few ms (switch interval).
    return await asyncio.to_thread(timed, lambda: spin_for(WORK))


async def cpu_with_yields():
    start = time.perf_counter()
    while time.perf_counter() - start < WORK:
        spin_for(0.005)
        await asyncio.sleep(0)  # let the loop run other tasks
    return start, time.perf_counter()


async def async_sleep():
    start = time.perf_counter()
    await asyncio.sleep(WORK)
    return start, time.perf_counter()


def show(title, rows):
    print(f"{title} (heartbeat every {TICK * 1000:.0f} ms, beside {WORK * 1000:.0f} ms of work)")
    print(f"| {'work':<30} | {'took':>8} | heartbeats during it | longest heartbeat gap |")
    print(f"|{'-' * 32}|{'-' * 10}|{'-' * 22}|{'-' * 23}|")
    for name, took, during, longest in rows:
        print(f"| {name:<30} | {took * 1000:5.0f} ms | {during:>20} | {longest * 1000:18.1f} ms |")
    print()


async def blocking_in_a_coroutine_stalls_the_loop():
    rows = [
        await beside_heartbeat("time.sleep in a coroutine", blocking_sleep),
        await beside_heartbeat("CPU loop in a coroutine", blocking_cpu),
    ]
    show("1. blocking calls in a coroutine: the heartbeat stops", rows)
    for name, took, during, longest in rows:
        assert during == 0 and longest >= WORK, name


async def to_thread_keeps_it_beating():
    rows = [
        await beside_heartbeat("to_thread(time.sleep)", to_thread_sleep),
        await beside_heartbeat("to_thread(CPU loop)", to_thread_cpu),
    ]
    show("2. the same calls on a thread (to_thread): it keeps beating", rows)
    for name, took, during, longest in rows:
        assert during > 0, name


async def yielding_keeps_it_beating():
    rows = [
        await beside_heartbeat("CPU loop, sleep(0) every 5 ms", cpu_with_yields),
        await beside_heartbeat("await asyncio.sleep", async_sleep),
    ]
    show("3. coroutines that give way at an await: it keeps beating", rows)
    for name, took, during, longest in rows:
        assert during > 0, name


async def main():
    await blocking_in_a_coroutine_stalls_the_loop()
    await to_thread_keeps_it_beating()
    await yielding_keeps_it_beating()


if __name__ == "__main__":
    asyncio.run(main())
