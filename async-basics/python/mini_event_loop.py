"""5.2 Event loop from scratch: the asyncio_run program on a hand-made loop.

A coroutine is driven with coro.send(None); when it awaits our Sleep, the
awaitable yields its deadline up to the loop, which parks the coroutine in a
heap of timers. The loop runs whatever is ready, then sleeps until the next
deadline: a ready queue, a timer heap, nothing else. (asyncio's real loop adds
sockets via `selectors`, futures and callbacks on top of the same idea.)

Rust counterpart: async-basics/src/mini/ and async-basics/examples/mini_event_loop.rs
Run: python3 async-basics/python/mini_event_loop.py
The Rust version: cargo run --release --example mini_event_loop
"""
import heapq
import itertools
import sys
import time
from collections import deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "common" / "python"))
import course_trace as trace  # noqa: E402


# ANCHOR: mini_loop
class Sleep:
    """`await Sleep(s)` suspends the coroutine until s seconds from now."""

    def __init__(self, seconds):
        self.deadline = time.monotonic() + seconds

    def __await__(self):
        if time.monotonic() < self.deadline:
            yield self.deadline  # to the loop: "wake me then"


class YieldNow:
    """`await YieldNow()` gives the other ready tasks a turn (asyncio.sleep(0))."""

    def __await__(self):
        yield None  # to the loop: "back of the queue"


class Task:
    def __init__(self, coro):
        self.coro = coro
        self.done = False
        self.result = None
        self.waiters = []

    def __await__(self):
        if not self.done:
            yield self  # to the loop: "wake me when this task is done"
        return self.result


class MiniLoop:
    def __init__(self):
        self.ready = deque()
        self.timers = []  # heap of (deadline, arrival, task)
        self.arrivals = itertools.count()

    def spawn(self, coro):
        task = Task(coro)
        self.ready.append(task)
        return task

    def run(self, coro):
        main = self.spawn(coro)
        while not main.done:
            if not self.ready:
                deadline, _, task = heapq.heappop(self.timers)
                time.sleep(max(0.0, deadline - time.monotonic()))
                self.ready.append(task)
            while self.timers and self.timers[0][0] <= time.monotonic():
                self.ready.append(heapq.heappop(self.timers)[2])
            self.step(self.ready.popleft())
        return main.result

    def step(self, task):
        try:
            request = task.coro.send(None)
        except StopIteration as stop:
            task.done, task.result = True, stop.value
            self.ready.extend(task.waiters)
            return
        if request is None:
            self.ready.append(task)
        elif isinstance(request, Task):
            request.waiters.append(task)
        else:
            heapq.heappush(self.timers, (request, next(self.arrivals), task))
# ANCHOR_END: mini_loop


LOOP = MiniLoop()


# ANCHOR: asyncio_run_on_mini
async def task(n, seconds, log):
    print(f"Start task {n}")
    log.append(f"task {n}: started, sleeps")
    await Sleep(seconds)
    print(f"End task {n}")
    log.append(f"task {n}: woken by the timer, done")


async def main(seconds, log):
    tasks = [LOOP.spawn(task(n, seconds, log)) for n in (1, 2, 3)]
    log.append("main: spawned 3 tasks, awaits them")
    for t in tasks:
        await t


def asyncio_run_on_mini(seconds):
    log = []
    started = time.perf_counter()
    LOOP.run(main(seconds, log))
    elapsed = time.perf_counter() - started
    assert elapsed >= seconds, elapsed
    return elapsed, log
# ANCHOR_END: asyncio_run_on_mini


# ANCHOR: what_the_loop_did
def what_the_loop_did(elapsed, log):
    print()
    print(f"elapsed: {elapsed:.2f} s (three 1 s sleeps on one thread)")
    print()
    print("what the loop did, in order:")
    for line in log:
        print(f"  {line}")
    expected = ["main: spawned 3 tasks, awaits them"]
    expected += [f"task {n}: started, sleeps" for n in (1, 2, 3)]
    expected += [f"task {n}: woken by the timer, done" for n in (1, 2, 3)]
    assert log == expected, log
# ANCHOR_END: what_the_loop_did


# ANCHOR: tasks_take_turns
def spin_for(seconds):
    """Work on the CPU for `seconds`, as common::workload::spin_for does."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


async def take_turns(n, turns, work, order):
    for _ in range(turns):
        with trace.span("work", row=f"task {n}"):
            spin_for(work)
        order.append(n)
        with trace.span("ready, waits its turn", row=f"task {n}"):
            await YieldNow()


def tasks_take_turns(tasks, turns, work):
    order = []

    async def main():
        handles = [LOOP.spawn(take_turns(n, turns, work, order)) for n in range(1, tasks + 1)]
        for handle in handles:
            await handle

    LOOP.run(main())
    print()
    print(f"{tasks} tasks, {turns} turns each; who ran, in order: {order}")
    assert order == list(range(1, tasks + 1)) * turns, order
# ANCHOR_END: tasks_take_turns


if __name__ == "__main__":
    what_the_loop_did(*asyncio_run_on_mini(1))
    tasks_take_turns(3, 3, 0.02)
    trace.finish()  # the timeline of the turns
