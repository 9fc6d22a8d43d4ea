"""5.4 Callbacks: Task.add_done_callback, and awaiting instead.

Rust counterpart: async-basics/examples/callbacks.rs and async-basics/src/callbacks.rs
Run: python3 async-basics/python/callbacks.py
The Rust version: cargo run --release --example callbacks
"""
import asyncio

calls = 0
seen = []


def outcome_of(task):
    if task.cancelled():
        return "Cancelled"
    if task.exception() is not None:
        return f"Raised({task.exception()!r})"
    return f"Finished({task.result()!r})"


# ANCHOR: the_callback
def callback(label):
    def on_done(task):
        global calls
        calls += 1
        outcome = outcome_of(task)
        print(f"   callback for {label}: {outcome}")
        seen.append(outcome)

    return on_done
# ANCHOR_END: the_callback


async def answer():
    await asyncio.sleep(0.01)
    return 42


async def sleeper():
    await asyncio.sleep(60)


async def fail():
    await asyncio.sleep(0)
    raise RuntimeError("something went wrong")


async def wait_done(task):
    """Wait until the task is done and its callbacks (scheduled with call_soon) have run."""
    try:
        await task
    except (asyncio.CancelledError, RuntimeError):
        pass
    await asyncio.sleep(0)


# ANCHOR: a_task_that_returns
async def a_task_that_returns():
    print("1. a task that returns")
    task = asyncio.create_task(answer())
    task.add_done_callback(callback("answer"))
    await wait_done(task)
# ANCHOR_END: a_task_that_returns


# ANCHOR: a_task_that_is_cancelled
async def a_task_that_is_cancelled():
    print("2. a task that is cancelled")
    task = asyncio.create_task(sleeper())
    task.add_done_callback(callback("sleeper"))
    await asyncio.sleep(0)
    task.cancel()
    await wait_done(task)
# ANCHOR_END: a_task_that_is_cancelled


# ANCHOR: a_task_that_panics
async def a_task_that_raises():
    print("3. a task that raises")
    task = asyncio.create_task(fail())
    task.add_done_callback(callback("failer"))
    await wait_done(task)
# ANCHOR_END: a_task_that_panics


# ANCHOR: the_rust_way_awaits_and_matches
async def the_usual_way_awaits():
    print()
    print("the usual way: await the task and handle the outcome")
    try:
        awaited = f"finished with {await asyncio.create_task(answer())}"
    except asyncio.CancelledError:
        awaited = "cancelled"
    except Exception as e:
        awaited = f"raised: {e!r}"
    print(f"   {awaited}")
    assert awaited == "finished with 42"
# ANCHOR_END: the_rust_way_awaits_and_matches


async def main():
    await a_task_that_returns()
    await a_task_that_is_cancelled()
    await a_task_that_raises()
    await the_usual_way_awaits()
    assert calls == 3
    assert seen == ["Finished(42)", "Cancelled", "Raised(RuntimeError('something went wrong'))"], seen


if __name__ == "__main__":
    asyncio.run(main())
