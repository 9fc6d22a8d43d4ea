"""5.3 Cancellation: task.cancel() raises CancelledError at the task's await;
finally: blocks run; a TaskGroup cancels the rest when one task fails.

Rust counterpart: async-basics/examples/cancellation.rs (dropping a
JoinHandle, abort(), Drop as finally:, JoinSet).
Run: python3 async-basics/python/cancellation.py
The Rust version: cargo run --release --example cancellation
"""
import asyncio


# ANCHOR: dropping_a_handle_detaches
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
# ANCHOR_END: dropping_a_handle_detaches


# ANCHOR: abort_cancels_at_the_next_await
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
# ANCHOR_END: abort_cancels_at_the_next_await


# ANCHOR: drop_runs_like_finally
async def finally_runs_innermost_first():
    print("\n3. finally: a cancelled task runs its finally blocks, innermost first")
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
# ANCHOR_END: drop_runs_like_finally


# ANCHOR: dropping_a_join_set_aborts_its_tasks
async def task_group_cancels_the_rest():
    print("\n4. asyncio.TaskGroup: the first error cancels every task still in it")
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
# ANCHOR_END: dropping_a_join_set_aborts_its_tasks


async def main():
    await a_task_without_a_reference()
    await cancel_at_the_next_await()
    await finally_runs_innermost_first()
    await task_group_cancels_the_rest()


if __name__ == "__main__":
    asyncio.run(main())
