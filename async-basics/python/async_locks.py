"""5.3 Async locks: a read, an await and a write are three steps, not one.

Rust counterpart: async-basics/examples/async_locks.rs (tokio::sync::Mutex
held across an .await; std::sync::Mutex where no .await sits inside the lock).
Run: python3 async-basics/python/async_locks.py
The Rust version: cargo run --release --example async_locks
"""
import asyncio

TASKS = 10


async def run_tasks(add_one):
    await asyncio.gather(*(add_one() for _ in range(TASKS)))


# ANCHOR: lost_update_across_an_await
async def lost_update_across_an_await():
    print("1. read, await, write: with no lock across the await, updates are lost")
    hits = 0

    async def add_one():
        nonlocal hits
        seen = hits
        await asyncio.sleep(0)  # the other tasks run here
        hits = seen + 1

    await run_tasks(add_one)
    print(f"   {TASKS} tasks added 1 each: hits = {hits}")
    assert hits < TASKS
# ANCHOR_END: lost_update_across_an_await


# ANCHOR: tokio_mutex_held_across_an_await
async def lock_held_across_an_await():
    print("\n2. asyncio.Lock: held across the await, nothing is lost")
    hits, lock = 0, asyncio.Lock()

    async def add_one():
        nonlocal hits
        async with lock:
            seen = hits
            await asyncio.sleep(0)  # the others run, and wait for the lock
            hits = seen + 1

    await run_tasks(add_one)
    print(f"   {TASKS} tasks added 1 each: hits = {hits}")
    assert hits == TASKS
# ANCHOR_END: tokio_mutex_held_across_an_await


# ANCHOR: std_mutex_with_no_await_inside
async def no_await_inside():
    print("\n3. no await between read and write: one step, no lock needed")
    # Rust still needs a std::sync::Mutex here (tasks may run on several
    # threads); asyncio's tasks share one thread and switch only at await.
    hits = 0

    async def add_one():
        nonlocal hits
        hits += 1
        await asyncio.sleep(0)

    await run_tasks(add_one)
    print(f"   {TASKS} tasks added 1 each: hits = {hits}")
    assert hits == TASKS
# ANCHOR_END: std_mutex_with_no_await_inside


async def main():
    await lost_update_across_an_await()
    await lock_held_across_an_await()
    await no_await_inside()


if __name__ == "__main__":
    asyncio.run(main())
