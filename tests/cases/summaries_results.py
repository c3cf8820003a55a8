"""Same-module summaries beyond releases (docs/design.md §2.3): a function returning a
resource it acquired gives its callers in the module a known owner; one moving a parameter
to an Own parameter takes it over (a move for callers). Annotated signatures win."""

import subprocess
from typing import IO, Any, TextIO

from mypy_ownership import Own


def open_log(path: str) -> TextIO:
    return open(path, "a")


def open_with_header(path: str) -> TextIO:
    f = open(path, "a")
    f.write("header\n")
    return f


def open_or_none(path: str) -> TextIO | None:
    if not path:
        return None
    return open_log(path)


def passes_on(path: str) -> TextIO:
    return open_with_header(path)


def start(cmd: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cmd)


def log_once(path: str, text: str) -> None:
    log = open_log(path)  # E: "log" is not released on every path  [resource-leak]  # N: help: use "with open_log(...) as log:" or call "log.close()"
    log.write(text)  # N: "log" escapes here: the function ends without releasing it


def log_closed(path: str, text: str) -> None:
    log = open_log(path)
    log.write(text)
    log.close()


def log_with(path: str, text: str) -> None:
    with open_with_header(path) as log:
        log.write(text)


def chained(path: str) -> None:
    log = passes_on(path)  # E: "log" is not released on every path  [resource-leak]  # N: help: use "with passes_on(...) as log:" or call "log.close()"
    log.write("x")  # N: "log" escapes here: the function ends without releasing it


def dropped(path: str) -> None:
    open_log(path).write("x")  # E: The resource returned by "open_log" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it


def optional(path: str) -> None:
    log = open_or_none(path)
    if log is not None:
        log.write("x")
        log.close()


def returned_again(path: str) -> TextIO:
    return open_log(path)


def stored(path: str, logs: list[Any]) -> None:
    logs.append(open_log(path))


def process(cmd: list[str]) -> int:
    proc = start(cmd)
    return proc.wait()


# -- what is no factory --------------------------------------------------------------------

class Keeper:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def get(self) -> IO[str]:
        return self.stream  # a field: the keeper still has it


def given_back(f: IO[str]) -> IO[str]:
    return f


def closed_first(path: str) -> IO[str]:
    f = open(path)
    f.close()
    return f


def mixed(path: str, other: IO[str]) -> IO[str]:
    if path:
        return open(path)
    return other


def use_keeper(keeper: Keeper, f: IO[str]) -> None:
    keeper.get().write("x")
    given_back(f).write("x")
    closed_first("p").name
    mixed("", f).write("x")


# -- taking a parameter over ----------------------------------------------------------------

def consume(f: Own[IO[str]]) -> None:
    f.close()


def adopt(f: IO[str]) -> None:
    f.write("bye")
    consume(f)


def adopted(path: str) -> None:
    f = open(path)
    adopt(f)  # N: "f" was moved here by call to "adopt"
    f.read()  # E: "f" used after move  [use-after-move]


def adopted_once(path: str) -> None:
    f = open(path)
    f.write("x")
    adopt(f)


class Holder:
    out: Own[IO[str]]

    def __init__(self, out: Own[IO[str]]) -> None:
        self.out = out

    def replace(self, f: IO[str]) -> None:
        self.out.close()
        self.out = f  # a known owner stored into an Own field moves to it

    def close(self: Own["Holder"]) -> None:
        self.out.close()


def replaced(holder: Holder, path: str) -> None:
    f = open(path)
    holder.replace(f)  # N: "f" was moved here by call to "replace"
    f.read()  # E: "f" used after move  [use-after-move]


def replaced_once(holder: Holder, path: str) -> None:
    holder.replace(open(path))
    f = open(path)
    holder.replace(f)


def given_or_opened(path_or_file: str | TextIO) -> TextIO:
    """Returns the caller's own file on one path: no resource for its callers."""
    f: TextIO
    if isinstance(path_or_file, str):
        f = open(path_or_file)
    else:
        f = path_or_file
    return f


def reads_either(path_or_file: str | TextIO) -> str:
    f = given_or_opened(path_or_file)
    return f.read()


def opened_either_way(path: str, append: bool) -> TextIO:
    if append:
        f = open(path, "a")
    else:
        f = open(path, "w")
    return f


def writes_either(path: str) -> None:
    f = opened_either_way(path, True)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with opened_either_way(...) as f:" or call "f.close()"
    f.write("x")  # N: "f" escapes here: the function ends without releasing it


def untyped_factory(path: str) -> Any:
    return open(path)


def tests_an_untyped_result(path: str) -> str:
    """An untyped (Any) result gives callers nothing (its truth test could not tell None from
    the file); infer still proposes its -> Own[...]."""
    f = untyped_factory(path)
    if not f:
        return ""
    return str(f.read())
