"""5.4 Gather with limits: as_completed, wait_for, a Semaphore around each.

Rust counterpart: async-basics/examples/gather_limits.rs (JoinSet::join_next,
tokio::time::timeout, async_basics::gather's gather_limited and gather_timeout).
Run: python3 async-basics/python/gather_limits.py
The Rust version: cargo run --release --example gather_limits
"""
import asyncio
import time


async def fetch(name, seconds, log):
    log.append(f"start {name}")
    await asyncio.sleep(seconds)
    log.append(f"end {name}")
    return name


# ANCHOR: join_set_hands_back_in_finishing_order
async def as_completed_in_finishing_order():
    print("1. asyncio.as_completed: in finishing order")
    log, completed = [], []
    coroutines = [fetch("slow", 0.3, log), fetch("medium", 0.2, log), fetch("fast", 0.1, log)]
    for next_done in asyncio.as_completed(coroutines):
        name = await next_done
        print(f"   done: {name}")
        completed.append(name)
    assert sorted(completed) == ["fast", "medium", "slow"]
# ANCHOR_END: join_set_hands_back_in_finishing_order


# ANCHOR: timeout_gives_up
async def wait_for_gives_up():
    print("\n2. asyncio.wait_for")
    log = []
    try:
        await asyncio.wait_for(fetch("late", 0.3, log), timeout=0.1)
        too_slow = "finished"
    except asyncio.TimeoutError:
        too_slow = "TimeoutError"
    print(f"   300 ms of work, 100 ms allowed: {too_slow}")
    in_time = await asyncio.wait_for(fetch("on time", 0.01, log), timeout=5)
    print(f"   10 ms of work, 5 s allowed:     {in_time!r}")
    assert too_slow == "TimeoutError" and in_time == "on time"
    assert "end late" not in log
# ANCHOR_END: timeout_gives_up


# ANCHOR: gather_limited_holds_the_rest_back
async def gather_limited():
    print("\n3. gather(...) with `async with Semaphore(2)` around each")
    log, semaphore = [], asyncio.Semaphore(2)

    async def limited(coroutine):
        async with semaphore:
            return await coroutine

    started = time.perf_counter()
    results = await asyncio.gather(*(limited(fetch(name, 0.05, log)) for name in "pqrs"))
    took = time.perf_counter() - started
    print(f"   events:  {', '.join(log)}")
    print(f"   results: {results} after {took * 1000:.0f} ms (two at a time: 2 x 50 ms)")
    running = most = 0
    for event in log:
        running += 1 if event.startswith("start") else -1
        most = max(most, running)
    assert results == list("pqrs") and most == 2
# ANCHOR_END: gather_limited_holds_the_rest_back


# ANCHOR: gather_timeout_cancels_the_rest
async def wait_for_a_gather():
    print("\n4. wait_for(gather(...), 0.1): the unfinished are cancelled")
    log = []
    try:
        await asyncio.wait_for(asyncio.gather(fetch("quick", 0.01, log), fetch("slow", 0.3, log)), 0.1)
        gave_up = False
    except asyncio.TimeoutError:
        gave_up = True
    await asyncio.sleep(0.3)  # the slow one would have ended by now, had it run on
    print(f"   TimeoutError: {gave_up}; events: {', '.join(log)}")
    assert gave_up and "end slow" not in log
# ANCHOR_END: gather_timeout_cancels_the_rest


async def main():
    await as_completed_in_finishing_order()
    await wait_for_gives_up()
    await gather_limited()
    await wait_for_a_gather()


if __name__ == "__main__":
    asyncio.run(main())
