"""2.2 RSS and VMS: what idle threads and a zeroed buffer cost in memory (Linux: /proc).

Run: python3 threads/python/rss_and_vms.py
The Rust version: cargo run --release --example rss_and_vms
"""
import mmap
import threading

MIB = 1024 * 1024


def memory():
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmSize"):
                fields[key] = int(value.split()[0]) * 1024
    return fields["VmRSS"], fields["VmSize"]


def show(step, before, now):
    print(f"  {step:<24} RSS {now[0] / MIB:7.1f} MiB ({(now[0] - before[0]) / MIB:+7.1f})"
          f"   VMS {now[1] / MIB:8.1f} MiB ({(now[1] - before[1]) / MIB:+8.1f})")


# ANCHOR: idle_threads
start = memory()
show("start", start, start)
stop = threading.Event()
idle = [threading.Thread(target=stop.wait) for _ in range(100)]
for t in idle:
    t.start()
with_threads = memory()
show("100 idle threads", start, with_threads)
stop.set()
for t in idle:
    t.join()
# ANCHOR_END: idle_threads

# ANCHOR: zeroed_buffer
before = memory()
buffer = mmap.mmap(-1, 100 * MIB)  # anonymous, zeroed, not yet touched
reserved = memory()
show("100 MiB zeroed buffer", before, reserved)
for offset in range(0, 100 * MIB, 4096):
    buffer[offset] = 1
touched = memory()
show("...every page written", reserved, touched)
# ANCHOR_END: zeroed_buffer
