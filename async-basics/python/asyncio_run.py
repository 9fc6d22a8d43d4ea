"""5.1 await, asyncio.run(): three tasks sleep one second each, together.

Rust counterpart: async-basics/examples/asyncio_run.rs
Run: python3 async-basics/python/asyncio_run.py
The Rust version: cargo run --release --example asyncio_run
"""
import asyncio
import time


async def task(n):
    print(f"Start task {n}")
    await asyncio.sleep(1)  # the task gives way here
    print(f"End task {n}")


async def main():
    await asyncio.gather(task(1), task(2), task(3))


if __name__ == "__main__":
    started = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - started
    print()
    print(f"elapsed: {elapsed:.2f} s (three 1 s sleeps, run concurrently)")
    # The six lines above prove the overlap; the clock can only be slow, never early.
    assert elapsed >= 1, elapsed
