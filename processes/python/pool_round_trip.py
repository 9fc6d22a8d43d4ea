"""4.1 One job's round trip through ProcessPoolExecutor, hop by hop.

Run: python3 processes/python/pool_round_trip.py
The Rust version: cargo run --release --example pool_round_trip
"""
import time
from concurrent.futures import ProcessPoolExecutor

JOBS = 5_000


def stamp(_):
    """The job: when it ran, on the clock every process of the machine shares."""
    return time.perf_counter_ns()


def median(values):
    return sorted(values)[len(values) // 2]


# ANCHOR: hop_by_hop
def hop_by_hop(jobs):
    submit, there, back, whole = [], [], [], []
    with ProcessPoolExecutor(max_workers=1) as executor:
        for _ in range(100):  # warm-up: the worker is started and running
            executor.submit(stamp, None).result()
        for _ in range(jobs):
            started = time.perf_counter_ns()
            future = executor.submit(stamp, None)
            submitted = time.perf_counter_ns()
            ran = future.result()
            done = time.perf_counter_ns()
            submit.append(submitted - started)
            there.append(ran - submitted)
            back.append(done - ran)
            whole.append(done - started)
    print(f"one job at a time on one worker, median of {jobs}:")
    rows = [
        ("submit", "queue the work item, wake the manager thread", submit),
        ("there", "manager and feeder threads wake, pickle; the worker wakes", there),
        ("back", "the worker replies; the manager wakes; result() wakes", back),
        ("whole", "submit(..).result()", whole),
    ]
    for hop, what, times in rows:
        print(f"  {hop:<7} {what:<60} {median(times) / 1000:8.1f} µs")
    assert median(whole) >= median(there)
# ANCHOR_END: hop_by_hop


if __name__ == "__main__":
    hop_by_hop(JOBS)
