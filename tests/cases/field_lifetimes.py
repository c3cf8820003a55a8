"""A field of a borrowed receiver is a valid lifetime source (docs/design.md §5): the
getter ``def peek(self: Ref[Pool]) -> Ref[Connection]: return self._conn`` borrows its
result from ``self``; an owned receiver, or a receiver that is not borrowed, gives the
result nothing to borrow from."""

from __future__ import annotations

from mypy_ownership import Mut, Own, Ref


class Connection:
    def query(self, sql: str) -> None: ...

    def close(self: Own[Connection]) -> None: ...


class Pool:
    _conn: Own[Connection]

    def __init__(self) -> None:
        self._conn = Connection()

    def peek(self: Ref[Pool]) -> Ref[Connection]:
        """The getter: the result borrows from the Ref receiver."""
        return self._conn

    def peek_mut(self: Mut[Pool]) -> Mut[Connection]:
        """The same through a Mut receiver."""
        return self._conn

    def peek_shared_from_mut(self: Mut[Pool]) -> Ref[Connection]:
        """A Mut receiver may lend a shared reference to its field."""
        return self._conn

    def peek_through_a_local(self: Ref[Pool]) -> Ref[Connection]:
        """A local bound to the field borrows from the receiver too."""
        conn = self._conn
        return conn

    def peek_plain(self) -> Ref[Connection]:  # E: "peek_plain" returns a borrowed value (Ref[...]) but has no Ref or Mut parameter it could be borrowed from  [missing-lifetime]  # N: help: return an owned value (Own[...]), or take the owner as a Ref[...] or Mut[...] parameter
        """A plain receiver is unmanaged: there is nothing to borrow from."""
        return self._conn

    def leak_the_field(self: Ref[Pool]) -> Connection:  # N: "self._conn" is borrowed here (a field of a Ref receiver)
        """A field of a Ref receiver returned where the return is not a reference escapes."""
        return self._conn  # E: Borrowed "self._conn" may outlive its borrow: returned from a function whose return is not Ref or Mut  [borrow-escape]

    def close(self: Own[Pool]) -> None:
        self._conn.close()


class Spare:
    _conn: Own[Connection]  # E: "_conn" is not released on every path  [resource-leak]  # N: help: release it in "lend_and_close"

    def __init__(self) -> None:
        self._conn = Connection()

    def lend_and_close(self: Own[Spare], key: Ref[str]) -> Ref[Connection]:
        """An owned receiver dies with the method: its field cannot be lent out."""
        return self._conn  # E: Cannot return a reference to "_conn": it is owned by this function and dies when it returns  [missing-lifetime]  # N: help: return an owned value (Own[...]), or take the owner as a Ref[...] or Mut[...] parameter  # N: "_conn" escapes here: returns at line 60 without releasing it


def use_the_getter(pool: Ref[Pool]) -> None:
    """A caller reads through the reference."""
    pool.peek().query("select 1")
