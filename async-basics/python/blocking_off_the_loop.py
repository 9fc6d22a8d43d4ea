"""Blocking work off the loop: asyncio.to_thread, or give way with an await.

A heartbeat coroutine ticks every 10 ms beside 200 ms of work:
asyncio.to_thread(time.sleep), asyncio.to_thread(a CPU loop), a CPU loop that
awaits asyncio.sleep(0) every 5 ms, and await asyncio.sleep: it keeps ticking.

Rust counterpart: async-basics/examples/blocking_off_the_loop.rs
Run: python3 async-basics/python/blocking_off_the_loop.py
The Rust version: cargo run --release --example blocking_off_the_loop
"""
import asyncio
import time

from heartbeat import beside_heartbeat, show, spin_for, timed

WORK = 0.200


# ANCHOR: spawn_blocking_keeps_it_beating
async def to_thread_sleep():
    return await asyncio.to_thread(timed, lambda: time.sleep(WORK))


async def to_thread_cpu():
    # The GIL: the CPU loop on another thread still competes with the loop
    # for the interpreter, but it is released every few ms (switch interval).
    return await asyncio.to_thread(timed, lambda: spin_for(WORK))


async def to_thread_keeps_it_beating():
    rows = [
        await beside_heartbeat("to_thread(time.sleep)", to_thread_sleep),
        await beside_heartbeat("to_thread(CPU loop)", to_thread_cpu),
    ]
    show("1. the same calls on a thread (to_thread): it keeps beating", WORK, rows)
    beats = " and ".join(str(during) for _, _, during, _ in rows)
    print(f"   ({beats} beats during the work)\n")
# ANCHOR_END: spawn_blocking_keeps_it_beating


# ANCHOR: yielding_keeps_it_beating
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


async def yielding_keeps_it_beating():
    rows = [
        await beside_heartbeat("CPU loop, sleep(0) every 5 ms", cpu_with_yields),
        await beside_heartbeat("await asyncio.sleep", async_sleep),
    ]
    show("2. coroutines that give way at an await: it keeps beating", WORK, rows)
# ANCHOR_END: yielding_keeps_it_beating


async def main():
    await to_thread_keeps_it_beating()
    await yielding_keeps_it_beating()


if __name__ == "__main__":
    asyncio.run(main())
