"""5.3 Cancellation: what task.cancel() stops, what it cannot, and cleaning up.

Rust counterpart: async-basics/examples/cancellation.rs (dropping a
JoinHandle, abort(), loops with and without .await, spawn_blocking, Drop as
finally:, select! and cancel safety, JoinSet).
Run: python3 async-basics/python/cancellation.py
The Rust version: cargo run --release --example cancellation
"""
import asyncio
import threading
import time


async def a_task_without_a_reference():
    print("1. a task nobody holds still runs (keep a reference: the loop holds only a weak one)")
    go, finished = asyncio.Event(), asyncio.get_running_loop().create_future()

    async def detached():
        await go.wait()
        finished.set_result("finished anyway")

    keep = asyncio.create_task(detached())  # without `keep`, it may be collected
    go.set()
    report = await finished
    print(f"   the task: {report!r}")
    assert report == "finished anyway" and keep is not None


async def cancel_at_the_next_await():
    print("\n2. task.cancel(): CancelledError at the await it waits in")
    started, go = asyncio.Event(), asyncio.Event()
    after = []

    async def waiter():
        started.set()
        await go.wait()  # CancelledError is raised here
        after.append("resumed")

    task = asyncio.create_task(waiter())
    await started.wait()
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    print(f"   task.cancelled() = {task.cancelled()}; ran after the await: {after}")
    assert task.cancelled() and after == []


async def a_loop_without_await_runs_on():
    print("\n3. cancel() cannot stop a loop with no await in it")
    loop, stop, log = asyncio.get_running_loop(), threading.Event(), []
    started = threading.Event()

    async def spin():
        started.set()
        bound = time.monotonic() + 10
        while not stop.is_set() and time.monotonic() < bound:
            pass
        log.append("loop ran on after cancel()")
        await asyncio.sleep(0)  # the first await since cancel(): raised here
        log.append("after the await")

    task = asyncio.create_task(spin())

    def canceller():  # the loop's thread is busy in spin(): ask from another
        started.wait(10)
        loop.call_soon_threadsafe(task.cancel)
        stop.set()

    threading.Thread(target=canceller).start()
    try:
        await task
    except asyncio.CancelledError:
        pass
    print(f"   the task's log: {log}; cancelled: {task.cancelled()}")
    assert log == ["loop ran on after cancel()"] and task.cancelled()


async def to_thread_cannot_be_cancelled():
    print("\n4. asyncio.to_thread: cancelling the task does not stop the thread")
    started, go, done = threading.Event(), threading.Event(), threading.Event()

    def blocking():
        started.set()
        go.wait(10)
        done.set()

    task = asyncio.create_task(asyncio.to_thread(blocking))
    await asyncio.to_thread(started.wait, 10)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)  # the task ends: cancelled
    still_waiting = not done.is_set()
    go.set()
    await asyncio.to_thread(done.wait, 10)
    print(f"   task.cancelled() = {task.cancelled()}; the thread still waited: {still_waiting}, "
          f"then ran to its end: {done.is_set()}")
    print("   (its result is lost here; tokio's handle still returns it)")
    assert task.cancelled() and still_waiting and done.is_set()


async def finally_runs_innermost_first():
    print("\n5. finally: a cancelled task runs its finally blocks, innermost first")
    ready, log = asyncio.Event(), []

    async def holder():
        try:
            try:
                ready.set()
                await asyncio.Event().wait()  # cancelled here
            finally:
                log.append("finally: inner")
        finally:
            log.append("finally: outer")

    task = asyncio.create_task(holder())
    await ready.wait()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    print(f"   {log}")
    assert log == ["finally: inner", "finally: outer"]


def items_and_ticks():
    items, ticks = asyncio.Queue(), asyncio.Queue()
    for item in range(6):
        items.put_nowait(item)
    for _ in range(3):
        ticks.put_nowait(None)
    return items, ticks


async def first_completed_loses_what_it_took():
    print("\n6. wait(FIRST_COMPLETED) + cancel: the loser loses what it had taken")
    items, ticks = items_and_ticks()
    handled = []

    async def next_handled():
        item = await items.get()
        await asyncio.sleep(0.01)  # writing it somewhere: a tick wins meanwhile
        return item

    while not items.empty() or not ticks.empty():
        branches = [asyncio.create_task(next_handled())]
        if not ticks.empty():
            branches.append(asyncio.create_task(ticks.get()))
        done, pending = await asyncio.wait(branches, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        if branches[0] in done:
            handled.append(branches[0].result())
        await asyncio.gather(*pending, return_exceptions=True)
    print(f"   handled {handled}; lost {[i for i in range(6) if i not in handled]}")
    assert handled == [3, 4, 5]


async def task_group_cancels_the_rest():
    print("\n7. asyncio.TaskGroup: the first error cancels every task still in it")
    log = []

    async def sleeper(name):
        try:
            await asyncio.Event().wait()
        finally:
            log.append(f"finally: {name}")

    async def failing():
        raise RuntimeError("task 4 failed")

    try:
        async with asyncio.TaskGroup() as group:
            for n in (1, 2, 3):
                group.create_task(sleeper(f"sleeper {n}"))
            group.create_task(failing())
    except* RuntimeError as errors:
        first = str(errors.exceptions[0])
    print(f"   the error: {first!r}; sleepers cleaned up: {len(log)}")
    assert first == "task 4 failed" and len(log) == 3


async def main():
    await a_task_without_a_reference()
    await cancel_at_the_next_await()
    await a_loop_without_await_runs_on()
    await to_thread_cannot_be_cancelled()
    await finally_runs_innermost_first()
    await first_completed_loses_what_it_took()
    await task_group_cancels_the_rest()


if __name__ == "__main__":
    asyncio.run(main())
