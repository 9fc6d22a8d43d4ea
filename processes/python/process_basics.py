"""4 multiprocessing: what a process is, seen from its parent (Linux, macOS).

subprocess.run for programs; os.fork + os.waitpid for copies of ourselves.
Run: python3 processes/python/process_basics.py
The Rust version: cargo run --release --example process_basics
"""
import os
import signal
import subprocess


# ANCHOR: a_program_as_a_child
def a_program_as_a_child():
    done = subprocess.run(
        ["sh", "-c", 'echo "hello from sh, pid $$"; echo oops >&2; exit 3'],
        capture_output=True,
        text=True,
    )
    print("subprocess printed:", done.stdout.strip())
    print("subprocess stderr: ", done.stderr.strip())
    print("subprocess return code:", done.returncode)
    assert done.returncode == 3
# ANCHOR_END: a_program_as_a_child


# ANCHOR: fork_copies_memory
def fork_copies_memory():
    counter = 10
    print()
    print(f"parent pid {os.getpid()}: counter = {counter} before fork")
    pid = os.fork()
    if pid == 0:
        counter += 100
        os._exit(counter)  # _exit: no clean-up handlers, no second flush
    _, status = os.waitpid(pid, 0)
    print(f"child  pid {pid}: counter = 110 in the child, exit code {os.waitstatus_to_exitcode(status)}")
    print(f"parent pid {os.getpid()}: counter = {counter} after the child ended")
    assert counter == 10
# ANCHOR_END: fork_copies_memory


# ANCHOR: how_children_end
def raises():
    raise RuntimeError("a child's exception stays in the child")


CASES = [
    ("returns 0", lambda: 0),
    ("returns 7", lambda: 7),
    ("raises", raises),
    ("aborts", os.abort),
]


def how_children_end():
    print()
    seen = []
    for what, body in CASES:
        pid = os.fork()
        if pid == 0:
            try:
                code = body()
            except BaseException:
                code = 1  # as multiprocessing.Process reports an exception
            os._exit(code)  # never return into the parent's code
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)  # negative: killed by that signal
        seen.append(code)
        print(f"  child {what:<10} -> parent sees {code}")
    assert seen == [0, 7, 1, -signal.SIGABRT]
# ANCHOR_END: how_children_end


if __name__ == "__main__":
    a_program_as_a_child()
    fork_copies_memory()
    how_children_end()
