"""5.2 Event loop: asyncio.run, a loop made by hand, and the running loop.

Rust counterpart: async-basics/examples/event_loop.rs (tokio runtimes:
#[tokio::main], Builder::new_current_thread, Runtime::enter, Handle::current,
block_on).
Run: python3 async-basics/python/event_loop.py
The Rust version: cargo run --release --example event_loop
"""
import asyncio
import threading


async def where_am_i():
    await asyncio.sleep(0)
    return threading.current_thread().name


# ANCHOR: tokio_main_is_asyncio_run
def asyncio_run_is_a_loop_around_one_coroutine():
    print("1. asyncio.run: a fresh loop around one coroutine")
    ran_on = asyncio.run(where_am_i())
    print(f"   the body ran on thread {ran_on!r}")
    assert ran_on == "MainThread"
# ANCHOR_END: tokio_main_is_asyncio_run


# ANCHOR: no_runtime_outside
def no_loop_outside():
    print("\n2. no loop outside one: get_running_loop() with no loop running")
    try:
        asyncio.get_running_loop()
        outside = "a running loop (unexpected)"
    except RuntimeError as e:
        outside = f"RuntimeError: {e}"
    print(f"   get_running_loop() outside: {outside}")
    assert outside.startswith("RuntimeError")
# ANCHOR_END: no_runtime_outside


# ANCHOR: a_task_waits_for_block_on
def a_task_waits_for_run_until_complete():
    print("\n3. a loop made by hand: new_event_loop / set_event_loop")
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    ran = []

    async def early():
        ran.append(True)
        return threading.current_thread().name

    # A task created on a loop that is not running waits for it to run.
    early_task = loop.create_task(early())
    print(f"   created before run_until_complete; has it run? {bool(ran)}")

    async def main_coroutine():
        early_thread = await early_task
        running = asyncio.get_running_loop()  # ≈ tokio's Handle::current()
        return early_thread, running is loop

    early_thread, same_loop = loop.run_until_complete(main_coroutine())
    print(f"   after run_until_complete it ran, on {early_thread!r}; same loop inside: {same_loop}")
    assert early_thread == "MainThread" and same_loop
    return loop
# ANCHOR_END: a_task_waits_for_block_on


# ANCHOR: every_task_runs_on_main
def every_task_runs_on_main(loop):
    async def eight():
        return set(await asyncio.gather(*(where_am_i() for _ in range(8))))

    threads = loop.run_until_complete(eight())
    print(f"   8 tasks ran on: {sorted(threads)}")
    loop.close()  # ≈ dropping a tokio runtime
    asyncio.set_event_loop(None)
    assert threads == {"MainThread"}
# ANCHOR_END: every_task_runs_on_main


if __name__ == "__main__":
    asyncio_run_is_a_loop_around_one_coroutine()
    no_loop_outside()
    every_task_runs_on_main(a_task_waits_for_run_until_complete())
