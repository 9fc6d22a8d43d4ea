"""5.3 Async channels: a bounded queue, a one-time result, the latest value.

Rust counterpart: async-basics/examples/async_channels.rs (a bounded
tokio::sync::mpsc channel, oneshot, watch).
Run: python3 async-basics/python/async_channels.py
The Rust version: cargo run --release --example async_channels
"""
import asyncio


# ANCHOR: bounded_queue_makes_the_producer_wait
async def bounded_queue():
    capacity = 2
    print(f"1. asyncio.Queue(maxsize={capacity}): put waits while full")
    queue, log = asyncio.Queue(maxsize=capacity), []

    async def producer():
        for item in range(6):
            await queue.put(item)
            log.append(f"put {item}")
        await queue.put(None)  # the end: asyncio.Queue cannot be closed

    task = asyncio.create_task(producer())
    while (item := await queue.get()) is not None:
        log.append(f"got {item}")
        for _ in range(3):
            await asyncio.sleep(0)  # a slow consumer
    await task
    print(f"   {', '.join(log)}")
    ahead = most_ahead = 0
    for line in log:
        ahead += 1 if line.startswith("put") else -1
        most_ahead = max(most_ahead, ahead)
    print(f"   the producer was at most {most_ahead} items ahead of the consumer")
    assert most_ahead <= capacity
# ANCHOR_END: bounded_queue_makes_the_producer_wait


# ANCHOR: oneshot_as_a_future
async def future_set_by_another_task():
    print("\n2. loop.create_future(): another task sets the result")
    future = asyncio.get_running_loop().create_future()

    async def setter():
        await asyncio.sleep(0)
        future.set_result(42)

    task = asyncio.create_task(setter())
    value = await future
    await task
    never = asyncio.get_running_loop().create_future()
    never.cancel()  # what a dropped oneshot sender is in Rust
    try:
        await never
        gave_up = False
    except asyncio.CancelledError:
        gave_up = True
    print(f"   awaited: {value}; a cancelled Future raises CancelledError: {gave_up}")
    assert value == 42 and gave_up
# ANCHOR_END: oneshot_as_a_future


# ANCHOR: watch_keeps_the_latest_value
async def latest_value():
    print("\n3. the latest value, as tokio's watch: a Condition and a variable")
    changed, state = asyncio.Condition(), {"value": 0, "version": 0, "closed": False}
    seen = []

    async def watcher():
        version = 0
        async with changed:
            while True:
                await changed.wait_for(lambda: state["version"] != version or state["closed"])
                if state["version"] == version:
                    return  # closed, nothing new
                version = state["version"]
                seen.append(state["value"])

    task = asyncio.create_task(watcher())
    await asyncio.sleep(0)  # the watcher waits
    async with changed:
        for value in (1, 2, 3):  # three updates with no await between them
            state.update(value=value, version=state["version"] + 1)
            changed.notify_all()
        state["closed"] = True
        changed.notify_all()
    await task
    print(f"   sent 1, 2, 3; the watcher woke with {seen}; another reader reads {state['value']}")
    assert seen == [3]
# ANCHOR_END: watch_keeps_the_latest_value


async def main():
    await bounded_queue()
    await future_set_by_another_task()
    await latest_value()


if __name__ == "__main__":
    asyncio.run(main())
