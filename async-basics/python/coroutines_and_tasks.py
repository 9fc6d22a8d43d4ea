"""5.3 Coroutines and tasks: lazy coroutines, create_task, cancel at await.

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


async def worker(progress, log):
    try:
        for step in range(1, 101):
            log.append(f"step {step}: before await")
            progress.put_nowait(step)
            await asyncio.sleep(0.01)
            log.append(f"step {step}: after await")
        return 100
    finally:
        print("   worker: cleanup ran (finally:)")
        log.append("worker: cleanup ran (finally:)")


async def slow(log):
    try:
        print("   slow coroutine: started, now waits 60 s")
        await asyncio.sleep(60)
    finally:
        print("   slow coroutine: cleanup ran (finally:)")
        log.append("cleanup")


async def main():
    print("1. calling an async def function builds a coroutine and runs nothing")
    coroutine = fetch("lazy")
    before = bodies_started
    print(f"   coroutine created; bodies started: {before}")
    data = await coroutine
    after = bodies_started
    print(f"   after await: {data!r}; bodies started: {after}")

    print()
    print("2. asyncio.create_task: it runs without being awaited")
    task = asyncio.create_task(fetch("task"))
    await asyncio.sleep(0)  # one turn of the loop
    after_spawn = bodies_started
    print(f"   one turn later, bodies started: {after_spawn} (task not awaited yet)")
    print(f"   its result when awaited: {await task!r}")

    print()
    print("3. Task.cancel(): CancelledError at the current await")
    log = []
    progress = asyncio.Queue()
    handle = asyncio.create_task(worker(progress, log))
    while await progress.get() < 3:
        pass
    handle.cancel()
    try:
        await handle
        cancelled = False
    except asyncio.CancelledError:
        cancelled = True
    print(f"   awaiting it: CancelledError; task.cancelled() = {handle.cancelled()}")
    print("   the worker's own log:")
    for line in log:
        if line.startswith("step"):
            print(f"     {line}")

    print()
    print("4. a coroutine that is never resumed: asyncio.wait_for cancels it")
    slow_log = []
    try:
        await asyncio.wait_for(slow(slow_log), timeout=0.02)
        timed_out = False
    except asyncio.TimeoutError:
        timed_out = True
    print(f"   timed out: {timed_out}")

    assert (before, after, after_spawn) == (0, 1, 2)
    assert cancelled and handle.cancelled()
    assert log[-2:] == ["step 3: before await", "worker: cleanup ran (finally:)"]
    assert "step 3: after await" not in log
    assert timed_out and slow_log == ["cleanup"]


if __name__ == "__main__":
    asyncio.run(main())
