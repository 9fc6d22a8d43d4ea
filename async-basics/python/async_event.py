"""5.3 An async event: tasks wait until another task sets it.

Rust counterpart: async-basics/examples/async_event.rs (tokio::sync::Notify
and a flag).
Run: python3 async-basics/python/async_event.py
The Rust version: cargo run --release --example async_event
"""
import asyncio


# ANCHOR: notify_as_an_event
async def event():
    print("asyncio.Event: tasks wait until another task sets it")
    ready, released = asyncio.Event(), []

    async def waiter(n):
        await ready.wait()
        released.append(n)

    waiters = [asyncio.create_task(waiter(n)) for n in (1, 2, 3)]
    await asyncio.sleep(0)  # the waiters run up to their wait(), and stop there
    before = len(released)
    ready.set()
    await asyncio.gather(*waiters)
    await asyncio.wait_for(ready.wait(), 1)  # it stays set: no wait
    print(f"   released before set(): {before}; after: {released}")
    assert (before, len(released)) == (0, 3)
# ANCHOR_END: notify_as_an_event


if __name__ == "__main__":
    asyncio.run(event())
