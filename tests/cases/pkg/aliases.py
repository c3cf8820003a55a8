"""A user alias of Own, defined in one module and used in another (docs/design.md §12.4)."""

from mypy_ownership import Own


class Conn:
    def send(self, data: bytes) -> None: ...


OwnedConn = Own[Conn]


def consume(conn: OwnedConn) -> None: ...
