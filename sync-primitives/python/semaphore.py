"""3.3 Semaphore: at most three workers inside at once.

Run: python3 sync-primitives/python/semaphore.py
The Rust version: cargo run --release --example semaphore
"""
import threading
import time

sem = threading.Semaphore(3)  # at most 3 threads
count_lock = threading.Lock()
inside = most_inside = 0


def worker(i):
    global inside, most_inside
    with sem:
        with count_lock:
            inside += 1
            most_inside = max(most_inside, inside)
            print(f"{i:>6}  enter   {inside}")
        time.sleep(0.1)  # the limited resource: a connection, a download
        with count_lock:
            inside -= 1
            print(f"{i:>6}  leave   {inside}")


print(f"{'worker':>6}  event   inside")
start = time.perf_counter()
threads = [threading.Thread(target=worker, args=(i,)) for i in range(10)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print()
print("maximum concurrency observed:", most_inside)
print(f"10 workers x 100 ms of work in {time.perf_counter() - start:.2f} s")
if most_inside < 3:
    print("(this run never had 3 inside together: the machine was too busy for the work to overlap)")
assert most_inside <= 3
