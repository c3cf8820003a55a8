"""Help texts that fit (issue 14, shape 6; docs/design.md §3, §8): the help of a leak
names the release the resource's class has (`async with` for a class with only
`__aexit__`, its own releasing method rather than `close()`, a pool's method that takes the
resource back), and a report never quotes a description as if it were a name."""

from __future__ import annotations

from mypy_ownership import Own, Ref


class Session:
    """Released by `async with`, or by aclose()."""

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, *exc: object) -> None: ...

    async def aclose(self: Own[Session]) -> None: ...


class Worker:
    """Released by terminate(), its only releasing method."""

    def terminate(self: Own[Worker]) -> None: ...


class Conn:
    def close(self: Own[Conn]) -> None: ...


class Pool:
    """Lends connections, and takes them back as Own."""

    def get(self) -> Own[Conn]:
        return Conn()

    def release(self, conn: Own[Conn]) -> None:
        conn.close()


class Service:
    def __init__(self, pool: Pool) -> None:
        self.pool = pool

    def query_leaks(self) -> None:
        """The pool is reached through an attribute: the help spells it so."""
        conn = self.pool.get()  # E: "conn" is not released on every path  [resource-leak]  # N: help: give it back with "self.pool.release(conn)" on every path
        print(conn)  # N: "conn" escapes here: the function ends without releasing it

    def query(self) -> None:
        """Given back: silent."""
        conn = self.pool.get()
        self.pool.release(conn)


class Box:
    def peek(self: Ref[Box]) -> Ref[Box]:
        return self


# reports ---------------------------------------------------------------------------------------

async def session_left_open() -> None:
    """Only __aexit__: `async with`, or its own releasing method."""
    s = Session()  # E: "s" is not released on every path  [resource-leak]  # N: help: use "async with Session(...) as s:" or call "s.aclose()"
    print(s)  # N: "s" escapes here: the function ends without releasing it


def worker_left_running() -> None:
    """terminate() is what the class has: no close() is suggested."""
    w = Worker()  # E: "w" is not released on every path  [resource-leak]  # N: help: call "w.terminate()" on every path
    print(w)  # N: "w" escapes here: the function ends without releasing it


def pooled_connection_kept(pool: Pool) -> None:
    """From pool.get(): give it back to the pool."""
    conn = pool.get()  # E: "conn" is not released on every path  [resource-leak]  # N: help: give it back with "pool.release(conn)" on every path
    print(conn)  # N: "conn" escapes here: the function ends without releasing it


def borrowed_result_returned_as_owned(box: Ref[Box]) -> Own[Box]:
    """A value with no name is described, not quoted."""
    return box.peek()  # E: The value is only borrowed (by call to "peek") and cannot be returned as Own[...]  [move-from-borrow]  # N: The value is borrowed here (by call to "peek")


def borrowed_result_escapes(box: Ref[Box]) -> Box:
    """The same description where a borrow escapes."""
    return box.peek()  # E: The value is borrowed and may outlive its borrow: returned from a function whose return is not Ref or Mut  [borrow-escape]  # N: The value is borrowed here (by call to "peek")


# silent ----------------------------------------------------------------------------------------

async def session_in_async_with() -> None:
    """Released by the async with block."""
    async with Session() as s:
        print(s)


def pooled_connection_given_back(pool: Pool) -> None:
    """Given back through the pool's Own parameter."""
    conn = pool.get()
    pool.release(conn)


def pooled_connection_closed(pool: Pool) -> None:
    """Closing it is a release too."""
    conn = pool.get()
    conn.close()


def worker_terminated() -> None:
    """Released by its own releasing method."""
    w = Worker()
    w.terminate()
