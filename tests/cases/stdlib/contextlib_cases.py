"""contextlib: closing() and ExitStack take over what they are given and release it when
they are closed (examples adapted from the contextlib documentation)."""

import sqlite3
from collections.abc import Iterator
from contextlib import AsyncExitStack, ExitStack, closing, contextmanager
from types import TracebackType
from urllib.request import urlopen


# closing ---------------------------------------------------------------------------------------

def python_org_lines() -> int:
    count = 0
    with closing(urlopen("https://www.python.org")) as page:
        for line in page:
            count += len(line)
    return count


def table_names(path: str) -> list[str]:
    with closing(sqlite3.connect(path)) as db:
        rows = db.execute("select name from sqlite_master").fetchall()
    return [row[0] for row in rows]


def wrapped_then_handed_over(path: str) -> None:
    conn = sqlite3.connect(path)
    guard = closing(conn)
    with guard as db:
        db.execute("vacuum")


# ExitStack -------------------------------------------------------------------------------------

def concatenate(filenames: list[str]) -> str:
    with ExitStack() as stack:
        files = [stack.enter_context(open(fname)) for fname in filenames]
        return "".join(f.read() for f in files)


def copy_all(sources: list[str], target: str) -> None:
    out = open(target, "w")
    with ExitStack() as stack:
        stack.callback(out.close)
        for source in sources:
            out.write(stack.enter_context(open(source)).read())


def open_all(filenames: list[str]) -> ExitStack:
    with ExitStack() as stack:
        for fname in filenames:
            stack.enter_context(open(fname))
        # all opened: hand the callbacks to the caller instead of closing the files now
        return stack.pop_all()


def first_lines(filenames: list[str]) -> list[str]:
    stack = ExitStack()
    try:
        files = [stack.enter_context(open(fname)) for fname in filenames]
        return [f.readline() for f in files]
    finally:
        stack.close()


def remove_on_error(path: str) -> None:
    with ExitStack() as stack:
        def cleanup(exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> bool:
            if exc_type is not None:
                print("removing", path)
            return False

        stack.push(cleanup)
        stack.enter_context(open(path, "w")).write("partial")


@contextmanager
def opened_pair(a: str, b: str) -> Iterator[tuple[str, str]]:
    with ExitStack() as stack:
        fa = stack.enter_context(open(a))
        fb = stack.enter_context(open(b))
        yield fa.read(), fb.read()


async def opened_async(paths: list[str]) -> int:
    async with AsyncExitStack() as stack:
        f = open(paths[0])
        stack.enter_context(f)
        return len(paths)


# leaks -----------------------------------------------------------------------------------------

def read_inputs(filenames: list[str], strict: bool) -> list[str]:
    stack = ExitStack()  # E: "stack" is not released on every path  [resource-leak]  # N: help: use "with ExitStack(...) as stack:" or call "stack.close()"
    files = [stack.enter_context(open(fname)) for fname in filenames]
    if strict and not files:
        raise ValueError("no input")  # N: "stack" escapes here: raises at line 99 without releasing it
    lines = [f.read() for f in files]
    stack.close()
    return lines


def transferred_stack_dropped(filenames: list[str]) -> int:
    with ExitStack() as stack:
        for fname in filenames:
            stack.enter_context(open(fname))
        kept = stack.pop_all()  # E: "kept" is not released on every path  [resource-leak]  # N: help: use "with pop_all(...) as kept:" or call "kept.close()"
    return len(filenames)  # N: "kept" escapes here: returns at line 110 without releasing it


# use after release -----------------------------------------------------------------------------

def late_registration(filenames: list[str], log: str) -> None:
    with ExitStack() as stack:  # N: "stack" was released here when the with block ended
        for fname in filenames:
            stack.enter_context(open(fname))
    stack.enter_context(open(log))  # E: "stack" used after release  [use-after-move]


def callback_after_close(paths: list[str]) -> None:
    stack = ExitStack()
    stack.callback(print, "cleaning up", len(paths))
    stack.close()  # N: "stack" was released here by close()
    stack.callback(print, "too late")  # E: "stack" used after release  [use-after-move]
