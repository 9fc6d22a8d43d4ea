"""4 multiprocessing.Pipe: a parent and a child that talk through the kernel.

Run: python3 processes/python/pipes.py
The Rust version: cargo run --release --example pipes
"""
import multiprocessing as mp


# ANCHOR: child_serves_requests
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
# ANCHOR_END: child_serves_requests


# ANCHOR: pipe_to_a_child
def pipe_to_a_child():
    parent_conn, child_conn = mp.Pipe()
    child = mp.Process(target=serve, args=(child_conn,))
    child.start()
    child_conn.close()  # the parent keeps only its own end
    print(f"Pipe: talking to child {child.pid}")
    squares_from_the_child(parent_conn)
    one_big_message(parent_conn)
    parent_conn.send(("stop", None))
    child.join()
    print(f"Pipe: child exited with code {child.exitcode}")
    assert child.exitcode == 0
# ANCHOR_END: pipe_to_a_child


# ANCHOR: squares_from_the_child
def squares_from_the_child(conn):
    squares = []
    for x in [3, 4, 5]:
        conn.send(("square", x))
        squares.append(conn.recv())
    print(f"Pipe: squares from the child: {squares}")
    assert squares == [9, 16, 25]
# ANCHOR_END: squares_from_the_child


# ANCHOR: one_big_message
def one_big_message(conn):
    conn.send(("blob", 300 * 1024))
    blob = conn.recv()
    print(f"Pipe: one message of {len(blob) // 1024} KiB arrived whole (more than a pipe holds at once)")
    assert blob == b"\xab" * (300 * 1024)
# ANCHOR_END: one_big_message


if __name__ == "__main__":
    mp.set_start_method("fork")  # as the Rust version: a copy of this process
    pipe_to_a_child()
