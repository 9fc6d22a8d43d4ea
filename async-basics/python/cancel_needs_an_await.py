"""5.3 Cancelling needs an await: what task.cancel() cannot stop.

Rust counterpart: async-basics/examples/cancel_needs_an_await.rs (abort()
and a loop with and without .await, spawn_blocking).
Run: python3 async-basics/python/cancel_needs_an_await.py
The Rust version: cargo run --release --example cancel_needs_an_await
"""
import asyncio
import threading
import time


# ANCHOR: a_loop_without_await_runs_on
async def a_loop_without_await_runs_on():
    print("1. cancel() cannot stop a loop with no await in it")
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
# ANCHOR_END: a_loop_without_await_runs_on


# ANCHOR: a_loop_that_yields_is_cancelled
async def a_loop_that_yields_is_cancelled():
    print("\n2. the fix: give way in the loop (await asyncio.sleep(0)), and cancel() stops it there")
    started, finished = asyncio.Event(), []

    async def spin():
        started.set()
        bound = time.monotonic() + 10
        while time.monotonic() < bound:
            await asyncio.sleep(0)  # a point where cancel() takes effect
        finished.append(True)

    task = asyncio.create_task(spin())
    await started.wait()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    print(f"   task.cancelled() = {task.cancelled()}; the loop ran to its end: {bool(finished)}")
    assert task.cancelled() and not finished
# ANCHOR_END: a_loop_that_yields_is_cancelled


# ANCHOR: spawn_blocking_cannot_be_aborted
async def to_thread_cannot_be_cancelled():
    print("\n3. asyncio.to_thread: cancelling the task does not stop the thread")
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
# ANCHOR_END: spawn_blocking_cannot_be_aborted


async def main():
    await a_loop_without_await_runs_on()
    await a_loop_that_yields_is_cancelled()
    await to_thread_cannot_be_cancelled()


if __name__ == "__main__":
    asyncio.run(main())
