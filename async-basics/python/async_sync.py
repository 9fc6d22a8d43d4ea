"""5.3 Async synchronisation: asyncio's Lock, Semaphore, Event, Queue, Future.

Rust counterpart: async-basics/examples/async_sync.rs (tokio::sync's Mutex,
Semaphore, Notify, mpsc, oneshot, watch; std::sync::Mutex where no .await
sits inside the lock).
Run: python3 async-basics/python/async_sync.py
The Rust version: cargo run --release --example async_sync
"""
import asyncio

TASKS = 10
REQUESTS = 12
LIMIT = 3


async def run_tasks(add_one):
    await asyncio.gather(*(add_one() for _ in range(TASKS)))


async def lost_update_across_an_await():
    print("1. read, await, write: with no lock across the await, updates are lost")
    hits = 0

    async def add_one():
        nonlocal hits
        seen = hits
        await asyncio.sleep(0)  # the other tasks run here
        hits = seen + 1

    await run_tasks(add_one)
    print(f"   {TASKS} tasks added 1 each: hits = {hits}")
    assert hits < TASKS


async def lock_held_across_an_await():
    print("\n2. asyncio.Lock: held across the await, nothing is lost")
    hits, lock = 0, asyncio.Lock()

    async def add_one():
        nonlocal hits
        async with lock:
            seen = hits
            await asyncio.sleep(0)  # the others run, and wait for the lock
            hits = seen + 1

    await run_tasks(add_one)
    print(f"   {TASKS} tasks added 1 each: hits = {hits}")
    assert hits == TASKS


async def no_await_inside():
    print("\n3. no await between read and write: one step, no lock needed")
    # Rust still needs a std::sync::Mutex here (tasks may run on several
    # threads); asyncio's tasks share one thread and switch only at await.
    hits = 0

    async def add_one():
        nonlocal hits
        hits += 1
        await asyncio.sleep(0)

    await run_tasks(add_one)
    print(f"   {TASKS} tasks added 1 each: hits = {hits}")
    assert hits == TASKS


async def echo(reader, writer):
    data = await reader.read()  # to the end: the client closed its half
    await asyncio.sleep(0.02)  # think time
    writer.write(data)
    await writer.drain()
    writer.close()


async def peak_in_flight(limit):
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    now = most = 0

    async def one_request(n):
        nonlocal now, most
        async with limit:
            now += 1
            most = max(most, now)
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            payload = f"request {n}".encode()
            writer.write(payload)
            writer.write_eof()
            reply = await reader.read()
            writer.close()
            now -= 1
            assert reply == payload

    await asyncio.gather(*(one_request(n) for n in range(REQUESTS)))
    server.close()
    await server.wait_closed()
    return most


class NoLimit:
    async def __aenter__(self):
        pass

    async def __aexit__(self, *exc):
        pass


async def all_requests_at_once():
    print(f"\n4. {REQUESTS} requests gathered at once, with no limit: all in flight together")
    most = await peak_in_flight(NoLimit())
    print(f"   most in flight at once: {most}")
    assert most == REQUESTS


async def semaphore_limits_requests_in_flight():
    print(f"\n5. asyncio.Semaphore({LIMIT}): at most {LIMIT} in flight")
    most = await peak_in_flight(asyncio.Semaphore(LIMIT))
    print(f"   most in flight at once: {most}")
    assert most <= LIMIT


async def event():
    print("\n6. asyncio.Event: tasks wait until another task sets it")
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


async def bounded_queue():
    capacity = 2
    print(f"\n7. asyncio.Queue(maxsize={capacity}): put waits while full")
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


async def future_set_by_another_task():
    print("\n8. loop.create_future(): another task sets the result")
    future = asyncio.get_running_loop().create_future()

    async def setter():
        await asyncio.sleep(0)
        future.set_result(42)

    asyncio.create_task(setter())
    value = await future
    never = asyncio.get_running_loop().create_future()
    never.cancel()  # what a dropped oneshot sender is in Rust
    try:
        await never
        gave_up = False
    except asyncio.CancelledError:
        gave_up = True
    print(f"   awaited: {value}; a cancelled Future raises CancelledError: {gave_up}")
    assert value == 42 and gave_up


async def latest_value():
    print("\n9. the latest value, as tokio's watch: a Condition and a variable")
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


async def main():
    await lost_update_across_an_await()
    await lock_held_across_an_await()
    await no_await_inside()
    await all_requests_at_once()
    await semaphore_limits_requests_in_flight()
    await event()
    await bounded_queue()
    await future_set_by_another_task()
    await latest_value()


if __name__ == "__main__":
    asyncio.run(main())
