"""Classes that own what they store (docs/design.md §6): a class whose own methods store a
fresh resource in a field of self owns it; a method releasing some of those fields must
release them all (a process's pipes too), and its constructor gives callers in the module
a known owner. A class with no releasing method, or keeping a caller's file, is silent."""

import subprocess
from subprocess import PIPE
from typing import IO


class Runner:
    def __init__(self, cmd: list[str]) -> None:
        self.proc = subprocess.Popen(cmd, stdout=PIPE, stderr=PIPE)  # E: "proc.stdout" and "proc.stderr" are not closed on every path  [resource-leak]  # N: help: reaping the process leaves its pipes open: call "proc.communicate()", use "with Popen(...) as proc:", or close "proc.stdout" and "proc.stderr"

    def line(self) -> bytes:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline()

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()  # N: "proc" escapes here: the function ends without releasing it


class Communicates:
    def __init__(self, cmd: list[str]) -> None:
        self.proc = subprocess.Popen(cmd, stdout=PIPE)

    def stop(self) -> None:
        self.proc.kill()
        self.proc.communicate()


class ClosesItsPipe:
    def __init__(self, cmd: list[str]) -> None:
        self.proc = subprocess.Popen(cmd, stdout=PIPE)

    def stop(self) -> None:
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.proc.wait()


class HalfLog:
    def __init__(self, path: str) -> None:
        self._handle = open(path, "a")
        self._index = open(path + ".idx", "a")  # E: "_index" is not released on every path  [resource-leak]  # N: help: release it in "close"

    def write(self, text: str) -> None:
        self._handle.write(text)
        self._index.write(str(len(text)))

    def close(self) -> None:
        self._handle.close()  # N: "_index" escapes here: the function ends without releasing it


class Log:
    def __init__(self, path: str) -> None:
        self._handle = open(path, "a")

    def write(self, text: str) -> None:
        self._handle.write(text)

    def close(self) -> None:
        self._handle.close()


class Guarded:
    def __init__(self, path: str) -> None:
        self._closed = False
        self._a = open(path)
        self._b = open(path)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._a.close()
        self._b.close()


class Lazy:
    def __init__(self) -> None:
        self._f: IO[str] | None = None

    def start(self, path: str) -> None:
        self._f = open(path)

    def stop(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None


class Swaps:
    def __init__(self, path: str) -> None:
        self._f: IO[str] | None = open(path)

    def close(self) -> None:
        f, self._f = self._f, None
        if f is not None:
            f.close()


class KeepsCallers:
    """Sometimes the caller's stream: not owned."""

    def __init__(self, path: str | None, stream: IO[str]) -> None:
        self._f: IO[str]
        if path is not None:
            self._f = open(path)
        else:
            self._f = stream

    def close(self) -> None:
        self._f.close()


class Job:
    """Its resources are released by two methods: each releases what the other does not."""

    def __init__(self, cmd: list[str], path: str) -> None:
        self.log = open(path, "w")
        self.proc = subprocess.Popen(cmd, stdout=self.log)

    def wait(self) -> int:
        return self.proc.wait()

    def close(self) -> None:
        self.log.close()


class Reaper:
    """Only ever reaps its process, whose pipe no method closes."""

    def __init__(self, cmd: list[str]) -> None:
        self.proc = subprocess.Popen(cmd, stdout=PIPE)  # E: "proc.stdout" is not closed on every path  [resource-leak]  # N: help: reaping the process leaves its pipes open: call "proc.communicate()", use "with Popen(...) as proc:", or close "proc.stdout"

    def output(self) -> bytes:
        assert self.proc.stdout is not None
        return self.proc.stdout.read()

    def wait(self) -> int:
        return self.proc.wait()  # N: "proc" escapes here: returns at line 143 without releasing it


class NeverReleased:
    """No releasing method: not reported (docs/design.md §6)."""

    def __init__(self, path: str) -> None:
        self._handle = open(path, "a")


class Rotates:
    def __init__(self, path: str) -> None:
        self.path = path
        self._f = open(path)

    def rotate(self) -> None:
        self._f.close()
        self._f = open(self.path)

    def close(self) -> None:
        self._f.close()


class Managed:
    """Released by its with block: its constructor gives no known owner."""

    def __init__(self, path: str) -> None:
        self._handle = open(path, "a")

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> "Managed":
        return self

    def __exit__(self, *args: object) -> None:
        self.close()


def forgets_log(path: str) -> None:
    log = Log(path)  # E: "log" is not released on every path  [resource-leak]  # N: help: call "log.close()" on every path
    log.write("x")  # N: "log" escapes here: the function ends without releasing it


def closes_log(path: str) -> None:
    log = Log(path)
    log.write("x")
    log.close()
    log.close()
    log.write("late")  # a method of the program's class, as Python allows


def returns_log(path: str) -> Log:
    log = Log(path)
    log.write("header")
    return log


def stores_log(path: str, logs: list[Log]) -> None:
    logs.append(Log(path))


def rotates(path: str) -> None:
    r = Rotates(path)
    r.rotate()
    r.close()


def managed(path: str) -> None:
    with Managed(path) as m:
        m.close()
    Managed(path).close()
    NeverReleased(path)
