"""5.4 asyncio.gather(): results in argument order; as_completed; wait_for.

Rust counterpart: async-basics/examples/gather.rs (tokio::join!, join_all,
try_join!, JoinSet::join_next, tokio::time::timeout).
Run: python3 async-basics/python/gather.py
The Rust version: cargo run --release --example gather
"""
import asyncio
import time


async def fetch(name, seconds, log):
    log.append(f"start {name}")
    await asyncio.sleep(seconds)
    log.append(f"end {name}")
    return name


async def maybe_fail(name, seconds):
    await asyncio.sleep(seconds)
    if name.startswith("bad"):
        raise RuntimeError(f"{name} failed")
    return name


async def main():
    print("1. asyncio.gather(a(), b(), c())")
    log = []
    started = time.perf_counter()
    results = await asyncio.gather(fetch("a", 0.3, log), fetch("b", 0.2, log), fetch("c", 0.1, log))
    took = time.perf_counter() - started
    events = list(log)
    print(f"   events:  {', '.join(events)}")
    print(f"   results: {results} after {took * 1000:.0f} ms (the sum would be 600 ms)")

    print()
    print("2. gather(*coroutines)")
    log = []
    names, delays = "vwxyz", [0.05, 0.04, 0.03, 0.02, 0.01]
    many = await asyncio.gather(*(fetch(n, d, log) for n, d in zip(names, delays)))
    print(f"   results: {many}")

    print()
    print("3. without return_exceptions the first exception propagates")
    started = time.perf_counter()
    try:
        await asyncio.gather(maybe_fail("ok 1", 0.3), maybe_fail("bad 2", 0.05), maybe_fail("ok 3", 0.3))
        first_error = None
    except RuntimeError as e:
        first_error = str(e)
    took3 = time.perf_counter() - started
    # Unlike tokio::try_join!, the other two are NOT cancelled: they run on.
    print(f"   {first_error!r} after {took3 * 1000:.0f} ms; the two others keep running")
    await asyncio.sleep(0.3)  # let them finish before the loop closes

    print()
    print("4. return_exceptions=True: every outcome, errors as values")
    outcomes = await asyncio.gather(
        maybe_fail("ok 1", 0.03), maybe_fail("bad 2", 0.02), maybe_fail("ok 3", 0.01), return_exceptions=True
    )
    print(f"   {outcomes!r}")

    print()
    print("5. asyncio.as_completed: in finishing order")

    async def named_sleep(name, seconds):
        await asyncio.sleep(seconds)
        return name

    completed = []
    for next_done in asyncio.as_completed([named_sleep("slow", 0.3), named_sleep("medium", 0.2), named_sleep("fast", 0.1)]):
        name = await next_done
        print(f"   done: {name}")
        completed.append(name)

    print()
    print("6. asyncio.wait_for")
    log = []
    try:
        await asyncio.wait_for(fetch("late", 0.3, log), timeout=0.1)
        too_slow = "finished"
    except asyncio.TimeoutError:
        too_slow = "TimeoutError"
    print(f"   300 ms of work, 100 ms allowed: {too_slow}")
    in_time = await asyncio.wait_for(fetch("on time", 0.01, log), timeout=5)
    print(f"   10 ms of work, 5 s allowed:     {in_time!r}")

    assert results == ["a", "b", "c"]
    assert all(e.startswith("start") for e in events[:3]), events
    assert many == list("vwxyz")
    assert first_error == "bad 2 failed"
    assert outcomes[0] == "ok 1" and isinstance(outcomes[1], RuntimeError) and outcomes[2] == "ok 3"
    assert sorted(completed) == ["fast", "medium", "slow"]
    assert too_slow == "TimeoutError" and in_time == "on time"


if __name__ == "__main__":
    asyncio.run(main())
