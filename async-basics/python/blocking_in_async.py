"""Cooperative multitasking: one blocking call stalls every task on the loop.

The notebook's three tasks with time.sleep(1) in place of await
asyncio.sleep(1) run one after another: three seconds. Then a heartbeat
coroutine ticks every 10 ms beside 200 ms of blocking work (time.sleep, a CPU
loop): it stops for the whole 200 ms. The fixes: blocking_off_the_loop.py.

Rust counterpart: async-basics/examples/blocking_in_async.rs
Run: python3 async-basics/python/blocking_in_async.py
The Rust version: cargo run --release --example blocking_in_async
"""
import asyncio
import time

from heartbeat import beside_heartbeat, show, spin_for, timed, trace

WORK = 0.200


# ANCHOR: a_blocking_sleep_stops_the_other_tasks
async def blocking_task(n, pause):
    print(f"Start task {n}")
    with trace.span("blocking sleep", row=f"task {n}"):
        time.sleep(pause)  # no await: the loop's only thread sleeps here
    print(f"End task {n}")


async def a_blocking_sleep_stops_the_other_tasks(pause):
    print("1. the notebook's cell with time.sleep: one task at a time")
    started = time.perf_counter()
    await asyncio.gather(blocking_task(1, pause), blocking_task(2, pause), blocking_task(3, pause))
    took = time.perf_counter() - started
    print(f"three {pause:.2f} s sleeps took {took:.2f} s\n")
    assert took >= 3 * pause
# ANCHOR_END: a_blocking_sleep_stops_the_other_tasks


# ANCHOR: blocking_in_a_task_stalls_the_loop
async def blocking_sleep():
    return timed(lambda: time.sleep(WORK))


async def blocking_cpu():
    return timed(lambda: spin_for(WORK))


async def blocking_in_a_coroutine_stalls_the_loop():
    rows = [
        await beside_heartbeat("time.sleep in a coroutine", blocking_sleep),
        await beside_heartbeat("CPU loop in a coroutine", blocking_cpu),
    ]
    show("2. blocking calls in a coroutine: the heartbeat stops", WORK, rows)
    for name, took, during, longest in rows:
        assert during == 0 and longest >= WORK, name
# ANCHOR_END: blocking_in_a_task_stalls_the_loop


async def main():
    await a_blocking_sleep_stops_the_other_tasks(1.0)
    await blocking_in_a_coroutine_stalls_the_loop()


if __name__ == "__main__":
    asyncio.run(main())
    trace.finish()
