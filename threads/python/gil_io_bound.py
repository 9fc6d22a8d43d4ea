"""1.3 GIL, for real: IO-bound threads overlap their waits, GIL or not.

Each request is parsed (bytecode, under the GIL), then waits 10 ms for the
"network" (time.sleep releases the GIL), on 1, 2 and 4 threads.

Run: python3 threads/python/gil_io_bound.py
The Rust version (a model of the GIL): cargo run --release --example gil_io_bound
"""
import threading
import time

REQUESTS = 24
WAIT = 0.010


# ANCHOR: io_bound_with_gil
def io_task(requests):
    for _ in range(requests):
        sum(i * i for i in range(1_000))  # "parse" the request: bytecode, under the GIL
        time.sleep(WAIT)  # wait for the network: the GIL is released


def on_threads(k):
    threads = [threading.Thread(target=io_task, args=(REQUESTS // k,)) for _ in range(k)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


print(f"IO-bound: {REQUESTS} requests, each parsed, then a {WAIT * 1000:.0f} ms wait")
first = None
for k in (1, 2, 4):
    took = on_threads(k)
    first = first or took
    threads = "1 thread" if k == 1 else f"{k} threads"
    print(f"  {threads}: {took:.3f} s, {first / took:.2f}x as fast as 1")
# ANCHOR_END: io_bound_with_gil
