"""A `# type: ignore[code]` on the error's line silences the error and its notes."""

from mypy_ownership import Own


class Conn: ...


def consume(conn: Own[Conn]) -> None: ...


def ignored(conn: Own[Conn]) -> None:
    consume(conn)
    print(conn)  # type: ignore[use-after-move]


def ignored_leak(path: str, quick: bool) -> str:
    """On the acquisition line, the error's line, the ignore silences the leak and its notes."""
    f = open(path)  # type: ignore[resource-leak]
    if quick:
        return ""
    text = f.read()
    f.close()
    return text


def ignore_on_a_note_line(path: str, quick: bool) -> str:
    """A note's line cannot carry it (docs/errors/resource-leak.md): the leak stays, and
    mypy says the comment covers nothing there."""
    f = open(path)  # E:9: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    if quick:
        return ""  # type: ignore[resource-leak]  # E: Unused "type: ignore" comment  [unused-ignore]  # N: "f" escapes here: returns at line 32 without releasing it  # N: Error code "resource-leak" not covered by "type: ignore[resource-leak]" comment
    text = f.read()
    f.close()
    return text
