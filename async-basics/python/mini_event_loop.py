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
import time
from collections import deque


class Sleep:
    """`await Sleep(s)` suspends the coroutine until s seconds from now."""

    def __init__(self, seconds):
        self.deadline = time.monotonic() + seconds

    def __await__(self):
        if time.monotonic() < self.deadline:
            yield self.deadline  # to the loop: "wake me then"


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
        if isinstance(request, Task):
            request.waiters.append(task)
        else:
            heapq.heappush(self.timers, (request, next(self.arrivals), task))


LOOP = MiniLoop()
trace = []


async def task(n):
    print(f"Start task {n}")
    trace.append(f"task {n}: started, sleeps")
    await Sleep(1)
    print(f"End task {n}")
    trace.append(f"task {n}: woken by the timer, done")


async def main():
    tasks = [LOOP.spawn(task(n)) for n in (1, 2, 3)]
    trace.append("main: spawned 3 tasks, awaits them")
    for t in tasks:
        await t


if __name__ == "__main__":
    started = time.perf_counter()
    LOOP.run(main())
    elapsed = time.perf_counter() - started
    print()
    print(f"elapsed: {elapsed:.2f} s (three 1 s sleeps on one thread)")
    print()
    print("what the loop did, in order:")
    for line in trace:
        print(f"  {line}")
    assert elapsed >= 1, elapsed  # the trace above shows the overlap
