"""4 multiprocessing.Queue: three producer processes, one consumer.

Run: python3 processes/python/three_producers.py
The Rust version: cargo run --release --example three_producers
"""
import multiprocessing as mp


# ANCHOR: queue_from_three_producers
def produce(queue, producer):
    for n in range(5):
        queue.put((producer, n))


def queue_from_three_producers():
    queue = mp.Queue()
    producers = [mp.Process(target=produce, args=(queue, p)) for p in range(3)]
    for p in producers:
        p.start()
    # A Queue has no end-of-stream: we know how many messages to expect.
    received = [queue.get() for _ in range(15)]
    for p in producers:
        p.join()
    print(f"Queue: {len(received)} messages (producer.message) in arrival order:")
    print("  " + " ".join(f"{p}.{n}" for p, n in received))
    for producer in range(3):
        assert [n for p, n in received if p == producer] == [0, 1, 2, 3, 4]
# ANCHOR_END: queue_from_three_producers


if __name__ == "__main__":
    mp.set_start_method("fork")  # as the Rust version: a copy of this process
    queue_from_three_producers()
