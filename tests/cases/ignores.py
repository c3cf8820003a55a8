"""A `# type: ignore[code]` on the error's line silences the error and its notes."""

from mypy_ownership import Own


class Conn: ...


def consume(conn: Own[Conn]) -> None: ...


def ignored(conn: Own[Conn]) -> None:
    consume(conn)
    print(conn)  # type: ignore[use-after-move]
