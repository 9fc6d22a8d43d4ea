"""5.4 asyncio.gather(): results in argument order; the first exception, or all.

Rust counterpart: async-basics/examples/gather.rs (tokio::join!, join_all,
try_join!, joined Results).
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


# ANCHOR: join_keeps_argument_order
async def join_keeps_argument_order():
    print("1. asyncio.gather(a(), b(), c())")
    log = []
    started = time.perf_counter()
    results = await asyncio.gather(fetch("a", 0.3, log), fetch("b", 0.2, log), fetch("c", 0.1, log))
    took = time.perf_counter() - started
    print(f"   events:  {', '.join(log)}")
    print(f"   results: {results} after {took * 1000:.0f} ms (the sum would be 600 ms)")
    assert results == ["a", "b", "c"]
    assert all(e.startswith("start") for e in log[:3]), log
# ANCHOR_END: join_keeps_argument_order


# ANCHOR: join_all_gathers_a_vec
async def gather_a_list():
    print("\n2. gather(*coroutines)")
    log = []
    names, delays = "vwxyz", [0.05, 0.04, 0.03, 0.02, 0.01]
    many = await asyncio.gather(*(fetch(n, d, log) for n, d in zip(names, delays)))
    print(f"   results: {many}")
    assert many == list("vwxyz")
# ANCHOR_END: join_all_gathers_a_vec


# ANCHOR: try_join_stops_at_the_first_error
async def the_first_exception_propagates():
    print("\n3. without return_exceptions the first exception propagates")
    started = time.perf_counter()
    try:
        await asyncio.gather(maybe_fail("ok 1", 0.3), maybe_fail("bad 2", 0.05), maybe_fail("ok 3", 0.3))
        first_error = None
    except RuntimeError as e:
        first_error = str(e)
    took = time.perf_counter() - started
    # Unlike tokio::try_join!, the other two are NOT cancelled: they run on.
    print(f"   {first_error!r} after {took * 1000:.0f} ms; the two others keep running")
    await asyncio.sleep(0.3)  # let them finish before the loop closes
    assert first_error == "bad 2 failed"
# ANCHOR_END: try_join_stops_at_the_first_error


# ANCHOR: joining_results_keeps_every_outcome
async def every_outcome():
    print("\n4. return_exceptions=True: every outcome, errors as values")
    outcomes = await asyncio.gather(
        maybe_fail("ok 1", 0.03), maybe_fail("bad 2", 0.02), maybe_fail("ok 3", 0.01), return_exceptions=True
    )
    print(f"   {outcomes!r}")
    assert outcomes[0] == "ok 1" and isinstance(outcomes[1], RuntimeError) and outcomes[2] == "ok 3"
# ANCHOR_END: joining_results_keeps_every_outcome


async def main():
    await join_keeps_argument_order()
    await gather_a_list()
    await the_first_exception_propagates()
    await every_outcome()


if __name__ == "__main__":
    asyncio.run(main())
