"""5.2 Runtime flavours: asyncio has one, a loop on one thread.

Rust counterpart: async-basics/examples/runtime_flavors.rs (plain
#[tokio::main] is a multi-thread runtime; spawn vs join!; Send + 'static;
LocalSet::spawn_local).
Run: python3 async-basics/python/runtime_flavors.py
The Rust version: cargo run --release --example runtime_flavors

What Python has of each idea: every task of a loop runs on the loop's thread,
so a blocking call stalls them all, gather and create_task both take turns on
that thread, and no coroutine ever needs to be "Send". Threads
(asyncio.to_thread) run at the same time, but under the GIL they take turns
for Python code (CPython 3.13t, without the GIL, runs them in parallel).
"""
import asyncio
import os
import threading
import time

N = 4_000_000


def half(name, numbers, log):
    log.append(f"{name} starts on {threading.current_thread().name}")
    total = sum(i * i for i in numbers)
    log.append(f"{name} ends")
    return total


async def one_loop_one_thread():
    print("1. asyncio.run: one loop, on the thread that called it (no other flavour)")

    async def where():
        await asyncio.sleep(0)
        return threading.current_thread().name

    threads = set(await asyncio.gather(*(where() for _ in range(8))))
    print(f"   8 tasks ran on {sorted(threads)}; this machine has {os.cpu_count()} CPUs")
    assert threads == {threading.current_thread().name}


async def a_blocking_call_stalls_the_loop():
    print("\n2. a blocking call stalls the whole loop: there is no other worker")
    answered = threading.Event()

    async def other():
        answered.set()

    task = asyncio.create_task(other())
    # threading.Event.wait blocks the loop's only thread: `other` cannot run.
    got = answered.wait(timeout=0.2)
    await task
    print(f"   the other task answered during the blocking wait: {got}")
    assert not got


async def gather_takes_turns():
    print("\n3. gather of two CPU-bound halves: one thread, one after the other")
    log, start = [], time.perf_counter()

    async def run(name, numbers):
        return half(name, numbers, log)

    a, b = await asyncio.gather(run("a", range(N // 2)), run("b", range(N // 2, N)))
    took = time.perf_counter() - start
    print(f"   {', '.join(log)}; took {took * 1000:.0f} ms")
    assert log[1].endswith("ends")
    return took


async def threads_meet(one_thread):
    print("\n4. asyncio.to_thread: two threads, which run at the same time")
    meet, log, start = threading.Barrier(2, timeout=10), [], time.perf_counter()

    def meeting_half(name, numbers):
        meet.wait()  # both threads are running, or this times out
        return half(name, numbers, log)

    a, b = await asyncio.gather(
        asyncio.to_thread(meeting_half, "a", range(N // 2)),
        asyncio.to_thread(meeting_half, "b", range(N // 2, N)),
    )
    took = time.perf_counter() - start
    print(f"   met; took {took * 1000:.0f} ms ({one_thread / took:.2f}x gather)")
    print("   (under the GIL the two threads take turns: about 1x)")
    assert a + b == sum(i * i for i in range(N))


async def main():
    await one_loop_one_thread()
    await a_blocking_call_stalls_the_loop()
    one_thread = await gather_takes_turns()
    await threads_meet(one_thread)
    print("\n5. no Send, no 'static: any coroutine may be a task, since the loop")
    print("   never moves it to another thread (tokio's LocalSet gives Rust the same)")


if __name__ == "__main__":
    asyncio.run(main())
