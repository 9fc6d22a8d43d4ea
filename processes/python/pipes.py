"""4 multiprocessing.Pipe and Queue: processes that talk through the kernel.

Run: python3 processes/python/pipes.py
The Rust version: cargo run --release --example pipes
"""
import multiprocessing as mp


def serve(conn):
    """The child's side of the pipe: answer until told to stop."""
    while True:
        kind, value = conn.recv()
        if kind == "square":
            conn.send(value * value)
        elif kind == "blob":
            conn.send(b"\xab" * value)
        else:
            break
    conn.close()


def produce(queue, producer):
    for n in range(5):
        queue.put((producer, n))


if __name__ == "__main__":
    mp.set_start_method("fork")  # as the Rust version: a copy of this process

    # 1. Pipe(): request and reply with one child.
    parent_conn, child_conn = mp.Pipe()
    child = mp.Process(target=serve, args=(child_conn,))
    child.start()
    child_conn.close()  # the parent keeps only its own end
    print(f"Pipe: talking to child {child.pid}")
    squares = []
    for x in [3, 4, 5]:
        parent_conn.send(("square", x))
        squares.append(parent_conn.recv())
    print(f"Pipe: squares from the child: {squares}")
    parent_conn.send(("blob", 300 * 1024))
    blob = parent_conn.recv()
    print(f"Pipe: one message of {len(blob) // 1024} KiB arrived whole (the kernel moves at most 64 KiB at a time)")
    parent_conn.send(("stop", None))
    child.join()
    print(f"Pipe: child exited with code {child.exitcode}")

    # 2. Queue(): three producers, one consumer.
    queue = mp.Queue()
    producers = [mp.Process(target=produce, args=(queue, p)) for p in range(3)]
    for p in producers:
        p.start()
    # A Queue has no end-of-stream: we know how many messages to expect.
    received = [queue.get() for _ in range(15)]
    for p in producers:
        p.join()
    print()
    print(f"Queue: {len(received)} messages (producer.message) in arrival order:")
    print("  " + " ".join(f"{p}.{n}" for p, n in received))

    assert squares == [9, 16, 25]
    assert blob == b"\xab" * (300 * 1024)
    for producer in range(3):
        assert [n for p, n in received if p == producer] == [0, 1, 2, 3, 4]
