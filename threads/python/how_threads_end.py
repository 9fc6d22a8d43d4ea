"""3.6 Thread: how a thread ends, by an exception or with the program (daemon).

Run: python3 threads/python/how_threads_end.py
The Rust version: cargo run --release --example how_threads_end
"""
import threading

# ANCHOR: panic
# An exception ends only its thread; threading.excepthook reports it, join() returns normally.
caught = []
threading.excepthook = lambda args: caught.append(str(args.exc_value))
t = threading.Thread(target=lambda: 1 / 0)
t.start()
t.join()
print(f"1. exception: excepthook saw {caught[0]!r}; join() returned normally; main goes on")
# ANCHOR_END: panic

# ANCHOR: detached
# A daemon thread does not keep the program alive: it dies when main ends.
started = threading.Event()


def forever():
    started.set()
    threading.Event().wait()


daemon = threading.Thread(target=forever, daemon=True)
daemon.start()
started.wait()
print(f"2. daemon: a thread waiting forever is alive ({daemon.is_alive()}); main returns now")
# ANCHOR_END: detached
