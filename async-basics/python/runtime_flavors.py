"""5.2 Runtime flavours: asyncio has one, a loop on one thread.

Rust counterpart: async-basics/examples/runtime_flavors.rs (plain
#[tokio::main] is a multi-thread runtime, whose workers run tasks by
themselves, and where a blocking call stalls only one worker).
Run: python3 async-basics/python/runtime_flavors.py
The Rust version: cargo run --release --example runtime_flavors

What Python has of each idea: every task of a loop runs on the loop's thread,
nothing runs while no loop runs, and a blocking call stalls every task.
"""
import asyncio
import os
import threading


# ANCHOR: plain_tokio_main_is_multi_thread
async def one_loop_one_thread():
    print("1. asyncio.run: one loop, on the thread that called it (no other flavour)")

    async def where():
        await asyncio.sleep(0)
        return threading.current_thread().name

    threads = set(await asyncio.gather(*(where() for _ in range(8))))
    print(f"   8 tasks ran on {sorted(threads)}; this machine has {os.cpu_count()} CPUs")
    assert threads == {threading.current_thread().name}
# ANCHOR_END: plain_tokio_main_is_multi_thread


# ANCHOR: a_blocking_call_stalls_one_worker
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
# ANCHOR_END: a_blocking_call_stalls_one_worker


async def main():
    await one_loop_one_thread()
    await a_blocking_call_stalls_the_loop()


if __name__ == "__main__":
    asyncio.run(main())
