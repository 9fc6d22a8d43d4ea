"""5.3 Cancel-safe waiting: the loser of a race loses what it had taken.

Rust counterpart: async-basics/examples/cancel_safe_select.rs (tokio::select!
and cancel safety).
Run: python3 async-basics/python/cancel_safe_select.py
The Rust version: cargo run --release --example cancel_safe_select
"""
import asyncio


def items_and_ticks():
    items, ticks = asyncio.Queue(), asyncio.Queue()
    for item in range(6):
        items.put_nowait(item)
    for _ in range(3):
        ticks.put_nowait(None)
    return items, ticks


# ANCHOR: select_loses_what_a_losing_branch_took
async def first_completed_loses_what_it_took():
    print("1. wait(FIRST_COMPLETED) + cancel: the loser loses what it had taken")
    items, ticks = items_and_ticks()
    handled = []

    async def next_handled():
        item = await items.get()
        await asyncio.sleep(0.01)  # writing it somewhere: a tick wins meanwhile
        return item

    while not items.empty() or not ticks.empty():
        branches = [asyncio.create_task(next_handled())]
        if not ticks.empty():
            branches.append(asyncio.create_task(ticks.get()))
        done, pending = await asyncio.wait(branches, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        if branches[0] in done:
            handled.append(branches[0].result())
        await asyncio.gather(*pending, return_exceptions=True)
    print(f"   handled {handled}; lost {[i for i in range(6) if i not in handled]}")
    assert handled == [3, 4, 5]
# ANCHOR_END: select_loses_what_a_losing_branch_took


# ANCHOR: a_cancel_safe_select_loop
async def a_cancel_safe_loop():
    print("\n2. cancel-safe: only get() races, and the handling comes after it")
    items, ticks = items_and_ticks()
    handled, tick_count = [], 0
    while not items.empty() or not ticks.empty():
        item = asyncio.create_task(items.get()) if not items.empty() else None
        tick = asyncio.create_task(ticks.get()) if not ticks.empty() else None
        branches = [t for t in (item, tick) if t is not None]
        done, pending = await asyncio.wait(branches, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()  # a get() that has taken nothing gives nothing up
        await asyncio.gather(*pending, return_exceptions=True)
        if item in done:
            await asyncio.sleep(0.01)  # the handling, outside the race: never cancelled
            handled.append(item.result())
        if tick in done:
            tick_count += 1
    print(f"   handled {handled} and {tick_count} ticks: nothing lost")
    assert (handled, tick_count) == (list(range(6)), 3)
# ANCHOR_END: a_cancel_safe_select_loop


async def main():
    await first_completed_loses_what_it_took()
    await a_cancel_safe_loop()


if __name__ == "__main__":
    asyncio.run(main())
