"""1.2 Preemptive vs cooperative multitasking.

Two busy threads pinned to one CPU are preempted by the OS (involuntary
context switches). On an asyncio event loop a task that never awaits starves
a heartbeat; one that awaits asyncio.sleep(0) lets it keep its rhythm.

Run: python3 threads/python/preemptive_vs_cooperative.py
The Rust version: cargo run --release --example preemptive_vs_cooperative
"""
import asyncio
import os
import resource
import threading
import time

BEAT = 0.010
BUSY = 0.200


# ANCHOR: preempted_threads
def busy_thread(results, index):
    before = resource.getrusage(resource.RUSAGE_THREAD)
    total = 0
    for i in range(3_000_000):
        total += i * i
    after = resource.getrusage(resource.RUSAGE_THREAD)
    results[index] = (after.ru_nvcsw - before.ru_nvcsw, after.ru_nivcsw - before.ru_nivcsw)


def preempted():
    cpu = sorted(os.sched_getaffinity(0))[0]
    os.sched_setaffinity(0, {cpu})  # this thread; the threads below inherit it
    results = [None, None]
    threads = [threading.Thread(target=busy_thread, args=(results, i)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"Two busy threads pinned to CPU {cpu}: (voluntary, involuntary) switches")
    for name, r in zip("AB", results):
        print(f"  {name}: {r}")
    print("  (In CPython the voluntary ones are mostly waits for the GIL.)\n")
# ANCHOR_END: preempted_threads


# ANCHOR: beside
async def heartbeat(beats):
    while True:
        await asyncio.sleep(BEAT)
        beats.append(time.perf_counter())


async def beside(busy, label):
    beats = []
    beat = asyncio.create_task(heartbeat(beats))
    await asyncio.sleep(3 * BEAT)
    start, end = await busy()
    await asyncio.sleep(3 * BEAT)
    beat.cancel()
    gaps = [round((b - a) * 1000) for a, b in zip(beats, beats[1:])]
    inside = sum(start < b < end for b in beats)
    print(f"Heartbeat every 10 ms beside a 200 ms busy task {label}:")
    print(f"  gaps between beats (ms): {gaps}")
    print(f"  longest gap {max(gaps)} ms, beats during the busy stretch: {inside}")
# ANCHOR_END: beside


def spin(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


# ANCHOR: without_await
async def busy_without_await():
    start = time.perf_counter()
    spin(BUSY)  # no await: nothing else on the loop runs meanwhile
    return start, time.perf_counter()
# ANCHOR_END: without_await


# ANCHOR: with_yield_now
async def busy_with_sleep_0():
    start = time.perf_counter()
    for _ in range(round(BUSY * 1000)):
        spin(0.001)
        await asyncio.sleep(0)  # the await point: the loop may run someone else
    return start, time.perf_counter()
# ANCHOR_END: with_yield_now


preempted()
asyncio.run(beside(busy_without_await, "without await"))
asyncio.run(beside(busy_with_sleep_0, "with await asyncio.sleep(0)"))
