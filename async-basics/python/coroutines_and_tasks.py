"""5.3 Coroutines and tasks: lazy coroutines, and create_task, which runs them.

Rust counterpart: async-basics/examples/coroutines_and_tasks.rs
Run: python3 async-basics/python/coroutines_and_tasks.py
The Rust version: cargo run --release --example coroutines_and_tasks
"""
import asyncio

bodies_started = 0


async def fetch(name):
    global bodies_started
    bodies_started += 1
    await asyncio.sleep(0)
    return f"data for {name}"


# ANCHOR: a_future_is_lazy
async def a_coroutine_is_lazy():
    print("1. calling an async def function builds a coroutine and runs nothing")
    before = bodies_started
    coroutine = fetch("lazy")
    created = bodies_started - before
    print(f"   coroutine created; bodies started: {created}")
    data = await coroutine
    awaited = bodies_started - before
    print(f"   after await: {data!r}; bodies started: {awaited}")
    assert (created, awaited) == (0, 1)
# ANCHOR_END: a_future_is_lazy


# ANCHOR: a_task_runs_unawaited
async def a_task_runs_unawaited():
    print("\n2. asyncio.create_task: it runs without being awaited")
    before = bodies_started
    task = asyncio.create_task(fetch("task"))
    await asyncio.sleep(0)  # one turn of the loop
    ran = bodies_started - before
    print(f"   one turn later, bodies started: {ran} (task not awaited yet)")
    print(f"   its result when awaited: {await task!r}")
    assert ran == 1
# ANCHOR_END: a_task_runs_unawaited


async def main():
    await a_coroutine_is_lazy()
    await a_task_runs_unawaited()


if __name__ == "__main__":
    asyncio.run(main())
