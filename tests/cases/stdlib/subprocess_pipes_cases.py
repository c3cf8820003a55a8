"""subprocess.Popen pipes: a Popen made with the constant subprocess.PIPE as stdin, stdout
or stderr also owes closing that pipe; wait() reaps the child but leaves the pipe open,
even one read to its end, while communicate(), a with block or closing the pipe settle
it (stubs/subprocess.pyi: @owes_pipes, @leaves_pipes)."""

import subprocess
from subprocess import DEVNULL, PIPE, STDOUT
from typing import IO


# leaks ------------------------------------------------------------------------------------

def waited_without_reading(cmd: list[str]) -> int:
    """Nobody reads or closes the pipe: wait() reaps the child only."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)  # E: "proc.stdout" is not closed on every path  [resource-leak]  # N: help: reaping the process leaves its pipes open: call "proc.communicate()", use "with Popen(...) as proc:", or close "proc.stdout"
    return proc.wait()  # N: "proc" escapes here: returns at line 16 without releasing it


def read_to_the_end_then_waited(cmd: list[str]) -> bytes:
    """Reading to the end leaves the pipe file open (a ResourceWarning when collected)."""
    proc = subprocess.Popen(cmd, stdout=PIPE)  # E: "proc.stdout" is not closed on every path  [resource-leak]  # N: help: reaping the process leaves its pipes open: call "proc.communicate()", use "with Popen(...) as proc:", or close "proc.stdout"
    assert proc.stdout is not None
    data = proc.stdout.read()
    proc.wait()
    return data  # N: "proc" escapes here: returns at line 25 without releasing it


def lines_then_waited(cmd: list[str]) -> list[bytes]:
    """A for loop over the pipe does not close it either."""
    proc = subprocess.Popen(cmd, stdout=PIPE)  # E: "proc.stdout" is not closed on every path  [resource-leak]  # N: help: reaping the process leaves its pipes open: call "proc.communicate()", use "with Popen(...) as proc:", or close "proc.stdout"
    lines = []
    if proc.stdout:
        for line in proc.stdout:
            lines.append(line)
    proc.wait()
    return lines  # N: "proc" escapes here: returns at line 36 without releasing it


def stdin_written_then_waited(cmd: list[str], data: bytes) -> int:
    """Input written but the pipe never closed (the child may never see its end)."""
    proc = subprocess.Popen(cmd, stdin=PIPE)  # E: "proc.stdin" is not closed on every path  [resource-leak]  # N: help: reaping the process leaves its pipes open: call "proc.communicate()", use "with Popen(...) as proc:", or close "proc.stdin"
    assert proc.stdin is not None
    proc.stdin.write(data)
    return proc.wait()  # N: "proc" escapes here: returns at line 44 without releasing it


def stderr_left_open(cmd: list[str]) -> bytes:
    """stdout is closed, stderr is not."""
    proc = subprocess.Popen(cmd, stdout=PIPE, stderr=PIPE)  # E: "proc.stderr" is not closed on every path  [resource-leak]  # N: help: reaping the process leaves its pipes open: call "proc.communicate()", use "with Popen(...) as proc:", or close "proc.stderr"
    assert proc.stdout is not None
    data = proc.stdout.read()
    proc.stdout.close()
    proc.wait()
    return data  # N: "proc" escapes here: returns at line 54 without releasing it


def both_left_open(cmd: list[str]) -> int:
    """Two pipes, neither closed: one report names both."""
    proc = subprocess.Popen(cmd, stdout=PIPE, stderr=PIPE)  # E: "proc.stdout" and "proc.stderr" are not closed on every path  [resource-leak]  # N: help: reaping the process leaves its pipes open: call "proc.communicate()", use "with Popen(...) as proc:", or close "proc.stdout" and "proc.stderr"
    return proc.wait()  # N: "proc" escapes here: returns at line 60 without releasing it


def waited_on_the_quick_path(cmd: list[str], quick: bool) -> bytes:
    """communicate() on one path, wait() alone on the other."""
    proc = subprocess.Popen(cmd, stdout=PIPE)  # E: "proc.stdout" is not closed on every path  [resource-leak]  # N: help: reaping the process leaves its pipes open: call "proc.communicate()", use "with Popen(...) as proc:", or close "proc.stdout"
    if quick:
        proc.wait()
        return b""  # N: "proc" escapes here: returns at line 68 without releasing it
    out, _ = proc.communicate()
    return out


def never_reaped(cmd: list[str]) -> None:
    """Neither reaped nor closed: one report, for the process."""
    proc = subprocess.Popen(cmd, stdout=PIPE)  # E: "proc" is not released on every path  [resource-leak]  # N: help: use "with Popen(...) as proc:" or call "proc.wait()"
    print(proc.pid)  # N: "proc" escapes here: the function ends without releasing it


# silent -----------------------------------------------------------------------------------

def communicated(cmd: list[str]) -> bytes:
    """communicate() reads and closes every pipe, then waits."""
    proc = subprocess.Popen(cmd, stdout=PIPE, stderr=STDOUT)
    out, _ = proc.communicate()
    return out


def with_block(cmd: list[str]) -> bytes:
    """__exit__ closes the pipes, then waits."""
    with subprocess.Popen(cmd, stdout=PIPE) as proc:
        assert proc.stdout is not None
        return proc.stdout.read()


def closed_after_wait(cmd: list[str]) -> bytes:
    """Closed after the child was reaped."""
    proc = subprocess.Popen(cmd, stdout=PIPE)
    assert proc.stdout is not None
    data = proc.stdout.read()
    proc.wait()
    proc.stdout.close()
    return data


def closed_before_wait(cmd: list[str]) -> bytes:
    """Closed, then reaped."""
    proc = subprocess.Popen(cmd, stdout=PIPE)
    assert proc.stdout is not None
    data = proc.stdout.read()
    proc.stdout.close()
    proc.wait()
    return data


def stdin_closed(cmd: list[str], data: bytes) -> int:
    """Input written and its pipe closed: the child sees its end."""
    proc = subprocess.Popen(cmd, stdin=PIPE)
    assert proc.stdin is not None
    proc.stdin.write(data)
    proc.stdin.close()
    return proc.wait()


def pipe_in_a_with_block(cmd: list[str]) -> bytes:
    """A with block over the pipe closes it."""
    proc = subprocess.Popen(cmd, stdout=PIPE)
    assert proc.stdout is not None
    with proc.stdout:
        data = proc.stdout.read()
    proc.wait()
    return data


def pipe_handed_to_a_reader(cmd: list[str], keep: list[IO[bytes]]) -> int:
    """The pipe is let go (kept elsewhere): what happens to it is not followed."""
    proc = subprocess.Popen(cmd, stdout=PIPE)
    if proc.stdout is not None:
        keep.append(proc.stdout)
    return proc.wait()


def not_the_pipe_constant(cmd: list[str], log: IO[bytes]) -> int:
    """DEVNULL or a file of the caller's: Popen opens no pipe to close."""
    proc = subprocess.Popen(cmd, stdin=DEVNULL, stdout=log, stderr=subprocess.DEVNULL)
    return proc.wait()


def pipe_chosen_at_run_time(cmd: list[str], capture: bool) -> int:
    """Not the literal constant: the pipes are not followed (precision first)."""
    target = PIPE if capture else None
    proc = subprocess.Popen(cmd, stdout=target)
    return proc.wait()


def returned_after_wait(cmd: list[str]) -> subprocess.Popen[bytes]:
    """The caller gets the process, and what it still owes."""
    proc = subprocess.Popen(cmd, stdout=PIPE)
    proc.wait()
    return proc


def run_captures(cmd: list[str]) -> bytes:
    """subprocess.run() communicates for the caller."""
    return subprocess.run(cmd, stdout=PIPE, check=True).stdout
