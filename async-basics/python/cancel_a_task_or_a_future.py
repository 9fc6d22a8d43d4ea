"""5.3 Cancelling a task or a coroutine: it stops at the await it waits in.

Rust counterpart: async-basics/examples/cancel_a_task_or_a_future.rs
(JoinHandle::abort, Drop as finally:, dropping a future)
Run: python3 async-basics/python/cancel_a_task_or_a_future.py
The Rust version: cargo run --release --example cancel_a_task_or_a_future
"""
import asyncio


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
    print("1. Task.cancel(): CancelledError at the current await")
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
    print("\n2. a coroutine that is never resumed: asyncio.wait_for cancels it")
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
    await cancel_raises_at_an_await()
    await wait_for_cancels_what_it_gives_up_on()


if __name__ == "__main__":
    asyncio.run(main())
