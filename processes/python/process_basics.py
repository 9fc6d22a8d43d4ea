"""4 multiprocessing: what a process is, seen from its parent (Linux).

subprocess.run for programs; os.fork + os.waitpid for copies of ourselves.
Run: python3 processes/python/process_basics.py
The Rust version: cargo run --release --example process_basics
"""
import os
import signal
import subprocess

if __name__ == "__main__":
    # 1. A program as a child process.
    done = subprocess.run(
        ["sh", "-c", 'echo "hello from sh, pid $$"; echo oops >&2; exit 3'],
        capture_output=True,
        text=True,
    )
    print("subprocess printed:", done.stdout.strip())
    print("subprocess stderr: ", done.stderr.strip())
    print("subprocess return code:", done.returncode)

    # 2. fork: the child gets a copy of our memory.
    counter = 10
    print()
    print(f"parent pid {os.getpid()}: counter = {counter} before fork")
    pid = os.fork()
    if pid == 0:
        counter += 100
        os._exit(counter)  # _exit: no cleanup handlers, no second flush
    _, status = os.waitpid(pid, 0)
    print(f"child  pid {pid}: counter = 110 in the child, exit code {os.waitstatus_to_exitcode(status)}")
    print(f"parent pid {os.getpid()}: counter = {counter} after the child ended")

    # 3. How children end, as the parent sees it.
    def returns(code):
        return lambda: os._exit(code)

    def killed():
        os.kill(os.getpid(), signal.SIGKILL)

    print()
    seen = []
    for what, body in [("returns 0", returns(0)), ("returns 7", returns(7)), ("raises SIGKILL", killed)]:
        pid = os.fork()
        if pid == 0:
            body()
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)  # negative: killed by that signal
        seen.append(code)
        print(f"  child {what:<15} -> parent sees {code}")

    assert done.returncode == 3
    assert counter == 10
    assert seen == [0, 7, -signal.SIGKILL]
