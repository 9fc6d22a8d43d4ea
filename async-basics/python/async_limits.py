"""5.3 Async limits: a Semaphore caps how many requests are in flight.

Rust counterpart: async-basics/examples/async_limits.rs (join_all, and
tokio::sync::Semaphore around each request).
Run: python3 async-basics/python/async_limits.py
The Rust version: cargo run --release --example async_limits
"""
import asyncio
import sys

try:
    import resource  # Linux and macOS: the open-file limit (ulimit -n)
except ImportError:  # Windows has no such limit on sockets
    resource = None

REQUESTS = 12
LIMIT = 3
RESERVED = 16  # descriptors for the loop, the listener, the standard streams


def room_for_all_requests():
    """Raise the open-file limit for every request at once, or stop and say why."""
    needed = 2 * REQUESTS + RESERVED  # our socket and the server's end, per request
    if resource is None:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return
    if hard == resource.RLIM_INFINITY or hard >= needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))
        return
    print(f"Stopped: the OS refused file descriptors for {REQUESTS} requests at once (the open-file "
          f"limit is {soft}); raise it with `ulimit -n {needed}`, and run it again.")
    sys.exit(0)


async def echo(reader, writer):
    data = await reader.read()  # to the end: the client closed its half
    await asyncio.sleep(0.02)  # think time
    writer.write(data)
    await writer.drain()
    writer.close()


# ANCHOR: peak_in_flight
async def peak_in_flight(limit):
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    now = most = 0

    async def one_request(n):
        nonlocal now, most
        async with limit:
            now += 1
            most = max(most, now)
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            payload = f"request {n}".encode()
            writer.write(payload)
            writer.write_eof()
            reply = await reader.read()
            writer.close()
            now -= 1
            assert reply == payload

    await asyncio.gather(*(one_request(n) for n in range(REQUESTS)))
    server.close()
    await server.wait_closed()
    return most
# ANCHOR_END: peak_in_flight


class NoLimit:
    async def __aenter__(self):
        pass

    async def __aexit__(self, *exc):
        pass


# ANCHOR: all_requests_at_once
async def all_requests_at_once():
    print(f"1. {REQUESTS} requests gathered at once, with no limit: all in flight together")
    most = await peak_in_flight(NoLimit())
    print(f"   most in flight at once: {most}")
    assert most == REQUESTS
# ANCHOR_END: all_requests_at_once


# ANCHOR: semaphore_limits_requests_in_flight
async def semaphore_limits_requests_in_flight():
    print(f"\n2. asyncio.Semaphore({LIMIT}): at most {LIMIT} in flight")
    most = await peak_in_flight(asyncio.Semaphore(LIMIT))
    print(f"   most in flight at once: {most}")
    assert most <= LIMIT
# ANCHOR_END: semaphore_limits_requests_in_flight


async def main():
    await all_requests_at_once()
    await semaphore_limits_requests_in_flight()


if __name__ == "__main__":
    room_for_all_requests()
    asyncio.run(main())
