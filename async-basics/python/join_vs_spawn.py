"""5.2 gather or threads: two CPU-bound halves, one after the other or at once.

Rust counterpart: async-basics/examples/join_vs_spawn.rs (tokio::join! in one
task, or two tokio::spawn'ed tasks on two workers).
Run: python3 async-basics/python/join_vs_spawn.py
The Rust version: cargo run --release --example join_vs_spawn

Under the GIL the two threads take turns for Python code, so the threads
are about as fast as gather (CPython 3.13t, without the GIL, runs them in
parallel).
"""
import asyncio
import threading
import time

N = 4_000_000


def half(name, numbers, log):
    log.append(f"{name} starts on {threading.current_thread().name}")
    total = sum(i * i for i in numbers)
    log.append(f"{name} ends")
    return total


# ANCHOR: join_polls_both_halves_in_one_task
async def gathered(log):
    async def run(name, numbers):
        return half(name, numbers, log)

    a, b = await asyncio.gather(run("a", range(N // 2)), run("b", range(N // 2, N)))
    return a + b


async def gather_takes_turns():
    print("1. gather of two CPU-bound halves: one thread, one after the other")
    log = []
    await gathered(log)
    print(f"   {', '.join(log)}")
    assert log[1].endswith("ends")
# ANCHOR_END: join_polls_both_halves_in_one_task


# ANCHOR: spawn_runs_the_halves_at_once
async def on_two_threads():
    meet, log = threading.Barrier(2, timeout=10), []

    def meeting_half(name, numbers):
        meet.wait()  # both threads are running, or this times out
        return half(name, numbers, log)

    a, b = await asyncio.gather(
        asyncio.to_thread(meeting_half, "a", range(N // 2)),
        asyncio.to_thread(meeting_half, "b", range(N // 2, N)),
    )
    return a + b


async def threads_meet():
    print("\n2. asyncio.to_thread: two threads, which run at the same time")
    total = await on_two_threads()
    print("   met")
    assert total == sum(i * i for i in range(N))
# ANCHOR_END: spawn_runs_the_halves_at_once


# ANCHOR: what_two_workers_buy
async def what_two_threads_buy():
    print("\n3. what two threads buy: each way timed three times, the fastest kept")
    one = two = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        await gathered([])
        one = min(one, time.perf_counter() - started)
        started = time.perf_counter()
        await on_two_threads()
        two = min(two, time.perf_counter() - started)
    print(f"   gather: {one * 1000:.0f} ms; threads: {two * 1000:.0f} ms; {one / two:.2f}x")
    print("   (under the GIL the two threads take turns: about 1x)")
# ANCHOR_END: what_two_workers_buy


async def main():
    await gather_takes_turns()
    await threads_meet()
    await what_two_threads_buy()


if __name__ == "__main__":
    asyncio.run(main())
