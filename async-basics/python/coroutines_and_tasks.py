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


# ANCHOR: abort_cancels_at_an_await
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


async def cancel_raises_at_an_await():
    print("\n3. Task.cancel(): CancelledError at the current await")
    log, progress = [], asyncio.Queue()
    handle = asyncio.create_task(worker(progress, log))
    while await progress.get() < 3:  # wait until the worker has reached step 3
        pass
    handle.cancel()
    try:
        await handle
    except asyncio.CancelledError:
        pass
    print(f"   awaiting it: CancelledError; task.cancelled() = {handle.cancelled()}")
    print("   the worker's own log:")
    for line in log:
        if line.startswith("step"):
            print(f"     {line}")
    assert handle.cancelled()
    assert log[-2:] == ["step 3: before await", "worker: cleanup ran (finally:)"]
    assert "step 3: after await" not in log
# ANCHOR_END: abort_cancels_at_an_await


# ANCHOR: dropping_a_future_cancels_it
async def slow(log):
    try:
        print("   slow coroutine: started, now waits 60 s")
        await asyncio.sleep(60)
    finally:
        print("   slow coroutine: cleanup ran (finally:)")
        log.append("cleanup")


async def wait_for_cancels_what_it_gives_up_on():
    print("\n4. a coroutine that is never resumed: asyncio.wait_for cancels it")
    log = []
    try:
        await asyncio.wait_for(slow(log), timeout=0.02)
        timed_out = False
    except asyncio.TimeoutError:
        timed_out = True
    print(f"   timed out: {timed_out}")
    assert timed_out and log == ["cleanup"]
# ANCHOR_END: dropping_a_future_cancels_it


async def main():
    await a_coroutine_is_lazy()
    await a_task_runs_unawaited()
    await cancel_raises_at_an_await()
    await wait_for_cancels_what_it_gives_up_on()


if __name__ == "__main__":
    asyncio.run(main())
