"""5.2 What a task needs: in asyncio, nothing: any coroutine may be a task.

Rust counterpart: async-basics/examples/spawn_needs_send.rs (tokio::spawn
needs Send + 'static; join! may borrow; LocalSet::spawn_local).
Run: python3 async-basics/python/spawn_needs_send.py
The Rust version: cargo run --release --example spawn_needs_send

The loop never moves a task to another thread, and a task keeps alive
whatever it uses, so Python checks nothing of what Rust's Send and 'static
ask for.
"""
import asyncio
import threading


# ANCHOR: spawn_needs_static_join_can_borrow
async def gather_and_tasks_both_use_locals():
    print("1. gather and create_task: both may use the caller's variables")
    names = ["Ada", "Grace"]

    async def letters(i):
        return len(names[i])  # reads the caller's list: fine in asyncio

    borrowed = sum(await asyncio.gather(letters(0), letters(1)))
    task = asyncio.create_task(asyncio.sleep(0, sum(len(n) for n in names)))
    owned = await task
    print(f"   letters, by gather: {borrowed}; by a task: {owned}")
    assert borrowed == owned
# ANCHOR_END: spawn_needs_static_join_can_borrow


# ANCHOR: spawn_local_runs_futures_that_are_not_send
async def every_task_stays_on_the_loops_thread():
    print("\n2. tasks that share a plain list across await: all on the loop's thread")
    names, threads = [], []

    async def add(name):
        await asyncio.sleep(0)  # the list is held across this await
        names.append(name)
        threads.append(threading.current_thread().name)

    await asyncio.gather(*(asyncio.create_task(add(n)) for n in ["Ada", "Grace", "Linus"]))
    print(f"   {names}, added on {threads}")
    assert set(threads) == {"MainThread"} and len(names) == 3
# ANCHOR_END: spawn_local_runs_futures_that_are_not_send


async def main():
    await gather_and_tasks_both_use_locals()
    await every_task_stays_on_the_loops_thread()


if __name__ == "__main__":
    asyncio.run(main())
