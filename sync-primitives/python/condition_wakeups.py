"""3.2 Condition: consumers asleep in wait() until a producer's notify().

Three consumers block in get(), a Condition.wait(), while one slow producer
makes an item every 20 ms; each put() ends with notify(). The timeline at the
end shows a row per thread: w while a consumer waits, u while it uses an item,
a * at each notify.
Run: python3 sync-primitives/python/condition_wakeups.py
The Rust version: cargo run --release --example condition_wakeups
"""
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "common" / "python"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import course_trace as trace  # noqa: E402
from condition import BoundedQueue  # noqa: E402  (the queue of condition.py)

CONSUMERS, ITEMS, WORK = 3, 6, 0.02


# ANCHOR: consumers_sleep_until_notified
def consumers_sleep_until_notified(consumers, items, work):
    queue = BoundedQueue(1)
    taken = []

    def take():
        while True:
            with trace.span("waiting in get"):
                item = queue.get()
            if item is None:  # closed
                return
            with trace.span("use it"):
                time.sleep(work / 4)
            taken.append(item)

    def produce():
        for item in range(1, items + 1):
            with trace.span("make an item"):
                time.sleep(work)
            queue.put(item)  # ends with notify()
            trace.mark("put + notify")

    takers = [threading.Thread(target=take, name=f"consumer {c}") for c in range(consumers)]
    maker = threading.Thread(target=produce, name="producer")
    for t in takers + [maker]:
        t.start()
    maker.join()
    queue.close()  # notify_all(): the consumers still asleep wake to None
    trace.mark("close + notify_all")
    for t in takers:
        t.join()
    print(f"{consumers} consumers took items {sorted(taken)}, each once")
    assert sorted(taken) == list(range(1, items + 1))
# ANCHOR_END: consumers_sleep_until_notified


consumers_sleep_until_notified(CONSUMERS, ITEMS, WORK)
trace.finish()
