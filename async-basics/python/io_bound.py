"""asyncio is for IO-bound work: a thousand clients of a real TCP echo server.

The server (asyncio.start_server on 127.0.0.1:0, in a loop on a background
thread) reads a request to its end, waits 2 ms of "think time", and echoes it.
The same 1,000 clients then run as coroutines, as one thread each, and one
after another. Linux: peak RSS comes from /proc/self/status (VmHWM), reset
between rows by writing 5 to /proc/self/clear_refs.

Rust counterpart: async-basics/examples/io_bound.rs and async-basics/src/echo/
Run: python3 async-basics/python/io_bound.py
The Rust version: cargo run --release --example io_bound
(`--connect HOST:PORT WAY CLIENTS` runs one way's clients alone against a
server already running, for the tour's --compare: WAY is sequential,
coroutines or threads.)
"""
import asyncio
import socket
import sys
import threading
import time

try:
    import resource  # Linux and macOS: the open-file limit (ulimit -n)
except ImportError:  # Windows has no such limit on sockets
    resource = None

CLIENTS = 1000
THINK_TIME = 0.002
TIMEOUT = 30
RESERVED = 16  # descriptors for the loops, the listener, the standard streams


def payload_for(n):
    return f"client {n}: {'0123456789' * 10}\n".encode()


def clients_that_fit(wanted):
    needed = 2 * wanted + RESERVED  # our socket and the server's end, per client
    if resource is None:
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return wanted
    target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    if target > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            print(f"raised the open-file soft limit from {soft} to {target} (the hard limit is {hard})")
            soft = target
        except (ValueError, OSError) as e:
            print(f"could not raise the open-file limit from {soft}: {e}")
    if soft >= needed:
        return wanted
    fit = (soft - RESERVED) // 2
    if fit < 1:
        print(f"Stopped: the OS refused file descriptors for even one client (the open-file limit is "
              f"{soft}, and {RESERVED} are set aside); raise it with `ulimit -n {needed}`, and run it again.")
        sys.exit(0)
    print(f"the open-file limit ({soft}) fits {fit} of {wanted}: running {fit}. "
          f"For all of them: `ulimit -n {needed}` first (the hard limit is {hard})")
    return fit


def peak_rss():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:  # no /proc: not Linux
        pass
    return None


def reset_peak_rss():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


async def echo(reader, writer):
    data = await reader.read()  # to end of file
    await asyncio.sleep(THINK_TIME)
    writer.write(data)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


class EchoServer:
    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.connections = 0
        started = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(started,), daemon=True)
        self.thread.start()
        started.wait(TIMEOUT)

    def _run(self, started):
        asyncio.set_event_loop(self.loop)

        async def handler(reader, writer):
            self.connections += 1
            await echo(reader, writer)

        self.server = self.loop.run_until_complete(
            asyncio.start_server(handler, "127.0.0.1", 0, backlog=4096)
        )
        self.address = self.server.sockets[0].getsockname()
        started.set()
        self.loop.run_forever()

    def stop(self):
        async def close():
            self.server.close()
            await self.server.wait_closed()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(TIMEOUT)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(TIMEOUT)
        return self.connections


def request_blocking(address, payload):
    with socket.create_connection(address, timeout=TIMEOUT) as s:
        s.sendall(payload)
        s.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


async def request(address, payload):
    reader, writer = await asyncio.open_connection(*address)
    writer.write(payload)
    await writer.drain()
    writer.write_eof()
    reply = await reader.read()
    writer.close()
    await writer.wait_closed()
    return reply


# ANCHOR: one_after_another
def one_after_another(address, clients):
    return sum(request_blocking(address, payload_for(n)) == payload_for(n) for n in range(clients))
# ANCHOR_END: one_after_another


# ANCHOR: tasks
def coroutines(address, clients):
    async def client(n):
        return await asyncio.wait_for(request(address, payload_for(n)), TIMEOUT) == payload_for(n)

    async def all_clients():
        return sum(await asyncio.gather(*(client(n) for n in range(clients))))

    return asyncio.run(all_clients())
# ANCHOR_END: tasks


# ANCHOR: threads
def os_threads(address, clients):
    results = [False] * clients

    def client(n):
        results[n] = request_blocking(address, payload_for(n)) == payload_for(n)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT)
    return sum(results)
# ANCHOR_END: threads


def clients_alone(address, way, clients):
    """One way's clients against a running server; the parent times the process."""
    host, port = address.rsplit(":", 1)
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE) if resource else (None, None)
    if soft is not None and soft < clients + 64:  # one socket per client here; the server's ends are not ours
        print(f"capped: RLIMIT_NOFILE (the soft limit, {soft}, fits fewer clients)")
        return
    run = {"sequential": one_after_another, "coroutines": coroutines, "threads": os_threads}[way]
    try:
        correct = run((host, int(port)), clients)
    except RuntimeError as e:  # "can't start new thread": a limit on threads
        print(f"capped: threads ({e})")
        return
    print(f"measured correct={correct} peak_rss_bytes={peak_rss()}")


def main():
    clients = clients_that_fit(CLIENTS)
    # ANCHOR: start_the_server
    server = EchoServer()
    print(f"echo server on {server.address[0]}:{server.address[1]}, 2 ms think time per request; "
          f"{clients} clients each way")
    # ANCHOR_END: start_the_server

    # ANCHOR: three_ways
    rows = []
    for way, run in [("one after another", one_after_another), ("coroutines", coroutines), ("OS threads", os_threads)]:
        reset = reset_peak_rss()
        started = time.perf_counter()
        correct = run(server.address, clients)
        took = time.perf_counter() - started
        rows.append((way, correct, took, peak_rss() if reset else None))
    assert all(correct == clients for _, correct, _, _ in rows)
    assert rows[0][2] >= THINK_TIME * clients  # the waits add up
    # ANCHOR_END: three_ways

    # ANCHOR: stop_and_compare
    served = server.stop()
    print(f"| {'clients as':<17} | clients | replies correct | wall time | per client | peak RSS |")
    print(f"|{'-' * 19}|{'-' * 9}|{'-' * 17}|{'-' * 11}|{'-' * 12}|{'-' * 10}|")
    for way, correct, took, peak in rows:
        rss = f"{peak / 2**20:.1f} MiB" if peak else "n/a"
        print(f"| {way:<17} | {clients:>7} | {correct:>15} | {took * 1000:>6.0f} ms | "
              f"{took / clients * 1e6:>7.0f} µs | {rss:>8} |")
    print(f"the server accepted {served} connections and has stopped")
    assert served == 3 * clients
    # ANCHOR_END: stop_and_compare


if __name__ == "__main__":
    if sys.argv[1:2] == ["--connect"]:
        clients_alone(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
