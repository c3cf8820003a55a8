"""A callable of the standard library borrows what it is given unless a stub says it takes
it over (docs/design.md §2.5): a resource created in the argument itself is never
released, and a named one stays the caller's to release. Iterator adapters (enumerate,
zip, map, filter, iter, itertools.islice, list, sorted) are such callables. Callables
the stubs mark as keeping their argument (setattr, functools.partial, atexit.register,
weakref.finalize, a queue's put, the file wrappers that close what they wrap) take it
over, and a program's own functions of other modules keep today's hand-over."""

import atexit
import codecs
import concurrent.futures
import contextlib
import csv
import email.message
import functools
import io
import itertools
import json
import logging
import os
import pickle
import queue
import selectors
import shutil
import socket
import subprocess
import sys
import threading
import unittest
import typing
import weakref
from typing import IO, Any
from urllib.response import addinfourl

from pkg.readers import load


# report: a fresh resource passed straight in ----------------------------------------------

def read_config(path: str) -> Any:
    """json.load reads the file and leaves it open."""
    return json.load(open(path))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "load" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"


def read_state(path: str) -> Any:
    """So does pickle.load."""
    return pickle.load(open(path, "rb"))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "load" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"


def save_config(path: str, data: dict[str, int]) -> None:
    """json.dump writes into it: unflushed output may be lost, too."""
    json.dump(data, open(path, "w"))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "dump" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"


def rows(path: str) -> list[list[str]]:
    """csv.reader keeps a reference but never closes it."""
    return list(csv.reader(open(path, newline="")))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "reader" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"


def copy_into(path: str, dst: IO[str]) -> None:
    """shutil.copyfileobj reads the source to its end and leaves it open."""
    shutil.copyfileobj(open(path), dst)  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "copyfileobj" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"


def numbered(path: str) -> list[tuple[int, str]]:
    """enumerate is an adapter over the file, not its owner."""
    return list(enumerate(open(path)))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "enumerate" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"


def head(path: str) -> list[str]:
    """itertools.islice stops after three lines; the file stays open."""
    return list(itertools.islice(open(path), 3))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "islice" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"


def pairs(a: str, b: str) -> list[tuple[str, str]]:
    """zip borrows both (mypy shows the two identical reports of one line once)."""
    return list(zip(open(a), open(b)))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "zip" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"


def upper_lines(path: str) -> list[str]:
    """map, filter, iter, sorted and list read it and leave it open."""
    shouted = list(map(str.upper, open(path)))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "map" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"
    kept = list(filter(None, open(path)))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "filter" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"
    first = next(iter(open(path)))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "iter" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"
    ordered = sorted(open(path))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "sorted" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"
    return shouted + kept + [first] + ordered + list(open(path))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "list" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"


def run_logged(cmd: list[str], log: str) -> int:
    """Popen does not close a file object the caller gives it."""
    return subprocess.run(cmd, stdout=open(log, "w")).returncode  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "run" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"


# report: a named resource stays tracked --------------------------------------------------

def count_numbered(path: str) -> int:
    """enumerate(f) no longer ends tracking: f is still owed at the end."""
    f = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    count = 0
    for i, line in enumerate(f):
        count = i
    return count  # N: "f" escapes here: returns at line 102 without releasing it


def parse_rows(path: str) -> list[list[str]]:
    """Nor does csv.reader(f)."""
    f = open(path, newline="")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    return list(csv.reader(f))  # N: "f" escapes here: returns at line 108 without releasing it


# silent ----------------------------------------------------------------------------------

def count_numbered_and_close(path: str) -> int:
    """The name is still the caller's: it closes it after the adapter is done."""
    f = open(path)
    count = 0
    for i, line in enumerate(zip(f, itertools.count())):
        count = i
    f.close()
    return count


def read_config_in_with(path: str) -> Any:
    """The usual fix."""
    with open(path) as f:
        return json.load(f)


def entries_in_order(root: str) -> list[str]:
    """sorted() reads a scandir iterator to its end, which closes it."""
    return [e.name for e in sorted(os.scandir(root), key=lambda e: e.name)]


def handler_for(path: str) -> functools.partial[None]:
    """partial keeps its arguments for the call that may release them."""
    return functools.partial(print, open(path))


class Holder:
    def attach(self, path: str) -> None:
        """setattr stores the file, as an attribute store does."""
        setattr(self, "log", open(path, "w"))

    def watch(self, path: str) -> None:
        """weakref.finalize and atexit.register keep the file for the call they make."""
        weakref.finalize(self, print, open(path))
        atexit.register(print, open(path))


def hand_to_a_worker(jobs: "queue.Queue[IO[str]]", path: str) -> None:
    """A queue stores what is put into it, for its consumer."""
    jobs.put(open(path))


def serve_in_a_thread(handle: Any) -> None:
    """A tuple of arguments goes where the analysis does not follow."""
    threading.Thread(target=handle, args=(socket.socket(),)).start()


def stack_of_files(paths: list[str]) -> int:
    """An exit stack takes over what it enters."""
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(open(p)) for p in paths]
        return len(files)


def as_text(path: str) -> io.TextIOWrapper:
    """A wrapper that closes what it wraps keeps today's meaning: the result owes it."""
    return io.TextIOWrapper(open(path, "rb"))


def as_response(path: str) -> addinfourl:
    """urllib's response classes close the file they wrap."""
    return addinfourl(open(path, "rb"), email.message.Message(), "file:" + path)


def recoded(path: str) -> codecs.StreamReaderWriter:
    """So do codecs' stream readers and writers."""
    return codecs.StreamReaderWriter(open(path, "rb"), codecs.getreader("utf-8"), codecs.getwriter("utf-8"))


def other_module(path: str) -> str:
    """A function of another module of the program: today's hand-over."""
    return load(open(path))


class FileTest(unittest.TestCase):
    def test_reads(self) -> None:
        """A test's cleanups take over what they are given."""
        if sys.version_info >= (3, 11):  # TestCase.enterContext is new in 3.11
            f = self.enterContext(open("data.txt"))
            self.assertTrue(f.read())
        self.addCleanup(print, open("other.txt"))


class LineReader(io.TextIOWrapper):
    def __init__(self, path: str) -> None:
        """super().__init__ hands the file to the object being defined."""
        super().__init__(open(path, "rb"))


def log_into(path: str) -> logging.Handler:
    """A StreamHandler does not close its stream (Lib/logging/__init__.py: "this class does
    not close the stream"), so a file opened for it is never closed."""
    return logging.StreamHandler(open(path, "w"))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: "StreamHandler" only borrows it: nothing releases it  # N: help: use "with open(...) as f:" and pass "f"


def spooled(size: int) -> IO[bytes]:
    """typing.cast is no call: it passes the file on to the caller, who owns it."""
    return typing.cast(IO[bytes], open("spool", "rb+", buffering=size))


def watch_a_socket(host: str) -> None:
    """A selector does not close what it watches (Lib/selectors.py: unregister and close
    only drop the keys): registering borrows the socket, which its name still closes."""
    sock = socket.create_connection((host, 80))
    with selectors.DefaultSelector() as sel:
        sel.register(sock, selectors.EVENT_READ)
        sel.select(1.0)
        sel.unregister(sock)
    sock.close()


def watch_a_fresh_socket(sel: selectors.BaseSelector) -> None:
    """A socket created for it is never closed."""
    sel.register(socket.socket(), selectors.EVENT_READ)  # E: The resource returned by "socket" is discarded without being released  [resource-leak]  # N: "register" only borrows it: nothing releases it  # N: help: use "with socket(...) as f:" and pass "f"


def files_as_elements(paths: list[str]) -> list[IO[str]]:
    """Resources as the elements of a display go into the new list; list(f) would read f."""
    return list([open(paths[0]), open(paths[1])])


def same_kind_after_shutdown() -> None:
    """type(x) only reads the type: a released executor may be given to it."""
    pool = concurrent.futures.ThreadPoolExecutor()
    pool.shutdown(wait=False)
    joiner = type(pool)(max_workers=1)
    joiner.shutdown()


def read_a_closed_file(path: str) -> list[str]:
    """list(f) reads a closed file: a use after release, as before."""
    f = open(path)
    f.close()  # N: "f" was released here by close()
    return list(f)  # E: "f" used after release  [use-after-move]
