"""Moves on straight-line code: what moves, what only aliases, what is never moved."""

from collections import UserList, deque
from enum import Enum
from typing import Any

from mypy_ownership import Own


class Conn:
    def send(self, data: bytes) -> None: ...


class Color(Enum):
    RED = 1


def consume(conn: Own[Conn]) -> None: ...
def consume_str(text: Own[str]) -> None: ...
def consume_color(color: Own[Color]) -> None: ...
def consume_pair(a: Own[Conn], b: Own[Conn]) -> None: ...
def borrow(conn: Conn) -> None: ...
def connect() -> Own[Conn]:
    return Conn()


def param_moved_then_used(conn: Own[Conn]) -> None:
    consume(conn)  # N: "conn" was moved here by call to "consume"
    conn.send(b"x")  # E:5: "conn" used after move  [use-after-move]


def keyword_argument_moves(conn: Own[Conn]) -> None:
    consume(conn=conn)  # N: "conn" was moved here by call to "consume"
    borrow(conn)  # E: "conn" used after move  [use-after-move]


def reported_once_per_move(conn: Own[Conn]) -> None:
    consume(conn)  # N: "conn" was moved here by call to "consume"
    borrow(conn)  # E: "conn" used after move  [use-after-move]
    borrow(conn)
    conn.send(b"again")


def moved_twice_in_one_call(conn: Own[Conn]) -> None:
    consume_pair(conn, conn)  # E:24: "conn" used after move  [use-after-move]  # N:18: "conn" was moved here by call to "consume_pair"


def assignment_moves_owned(conn: Own[Conn]) -> None:
    other = conn  # N: "conn" was moved here by assignment to "other"
    borrow(conn)  # E: "conn" used after move  [use-after-move]
    consume(other)


def owned_local_from_call() -> None:
    conn = connect()
    moved = conn  # N: "conn" was moved here by assignment to "moved"
    conn.send(b"")  # E: "conn" used after move  [use-after-move]
    consume(moved)


def annotated_owned_local(source: Conn) -> None:
    conn: Own[Conn] = source
    taken = conn  # N: "conn" was moved here by assignment to "taken"
    borrow(conn)  # E: "conn" used after move  [use-after-move]
    borrow(taken)


def any_local_passed_to_own_moves() -> None:
    conn = Conn()
    consume(conn)  # N: "conn" was moved here by call to "consume"
    conn.send(b"")  # E: "conn" used after move  [use-after-move]


def unmanaged_assignment_only_aliases(conn: Conn) -> None:
    alias = conn
    borrow(conn)
    borrow(alias)


def rebinding_revives(conn: Own[Conn]) -> None:
    consume(conn)
    conn = connect()
    conn.send(b"fresh")
    consume(conn)


def move_result_back(conn: Own[Conn]) -> None:
    conn2 = conn
    conn = conn2
    consume(conn)


def copy_types_are_never_moved(text: Own[str], number: int, color: Color) -> None:
    consume_str(text)
    print(text)
    copy = number
    print(number, copy)
    consume_color(color)
    print(color)


def deleting_ends_the_name(conn: Own[Conn]) -> None:
    consume(conn)
    del conn


def borrowing_does_not_move(conn: Own[Conn]) -> None:
    borrow(conn)
    conn.send(b"")
    consume(conn)


def return_moves(conn: Own[Conn]) -> Own[Conn]:
    return conn


def tuple_assignment_moves_pairwise(a: Own[Conn], b: Own[Conn]) -> None:
    x, y = a, b  # N: "a" was moved here by assignment to "x"
    borrow(a)  # E: "a" used after move  [use-after-move]
    consume(x)
    consume(y)


def container_insertion_moves_owned(conn: Own[Conn], plain: Conn) -> None:
    pool: list[Conn] = []
    pool.append(conn)  # N: "conn" was moved here by call to "append"
    pool.append(plain)
    borrow(plain)
    borrow(conn)  # E: "conn" used after move  [use-after-move]


def insertion_into_every_kind_of_container(a: Own[Conn], b: Own[Conn], c: Own[Conn], d: Own[Conn], e: Own[Conn]) -> None:
    # list, set, dict and deque store what they are given (stubs/_language); deque and
    # UserList reach the typing ABCs' entries along their MRO
    queue: deque[Conn] = deque()
    queue.append(a)  # N: "a" was moved here by call to "append"
    seen: set[Conn] = set()
    seen.add(b)  # N: "b" was moved here by call to "add"
    table: dict[str, Conn] = {}
    table.setdefault("k", c)  # N: "c" was moved here by call to "setdefault"
    listed: UserList[Conn] = UserList()
    listed.insert(0, d)  # N: "d" was moved here by call to "insert"
    many: list[Conn] = []
    many.extend([e])
    borrow(a)  # E: "a" used after move  [use-after-move]
    borrow(b)  # E: "b" used after move  [use-after-move]
    borrow(c)  # E: "c" used after move  [use-after-move]
    borrow(d)  # E: "d" used after move  [use-after-move]
    borrow(e)


def a_method_named_like_an_insertion_on_an_unknown_receiver(conn: Own[Conn], sink: Any) -> None:
    sink.append(conn)  # N: "conn" was moved here by call to "append"
    borrow(conn)  # E: "conn" used after move  [use-after-move]


def displays_hand_over_silently(conn: Own[Conn]) -> None:
    pair = (conn, 1)
    borrow(conn)
    print(pair)


def walrus_binds_owned() -> None:
    if (conn := connect()) is not None:
        consume(conn)  # N: "conn" was moved here by call to "consume"
        borrow(conn)  # E: "conn" used after move  [use-after-move]


def module_level_is_checked_too() -> None:
    pass


top = connect()
consume(top)  # N: "top" was moved here by call to "consume"
borrow(top)  # E: "top" used after move  [use-after-move]


def uses_inside_other_expressions(conn: Own[Conn]) -> None:
    consume(conn)  # N: "conn" was moved here by call to "consume"
    flag = not conn  # E:16: "conn" used after move  [use-after-move]
    print(flag, *[conn])


async def take_async(conn: Own[Conn]) -> None: ...


async def await_moves(conn: Own[Conn]) -> None:
    await take_async(conn)  # N: "conn" was moved here by call to "take_async"
    await take_async(conn)  # E: "conn" used after move  [use-after-move]


def returned_owned_then_used_in_finally(conn: Own[Conn]) -> Own[Conn]:
    try:
        return conn  # N: "conn" was moved here by return
    finally:
        conn.send(b"bye")  # E: "conn" used after move  [use-after-move]


def returned_unmanaged_then_used_in_handler(conn: Any, path: str) -> Any:
    try:
        with open(path):
            return conn  # an unmanaged name is only read by a return (docs/design.md §2.2)
    except OSError:  # closing the file at the end of the with block may raise
        conn.send(b"bye")
        raise


def identity_tested_after_release(paths: list[str]) -> None:
    # comparing a released file with None reads nothing of it
    f = None
    for path in paths:
        try:
            f = open(path, "wb")
            f.write(b"x")
            f.close()
        finally:
            if f is not None and not f.closed:
                f.close()


def compared_after_release_then_used(path: str) -> None:
    f = open(path, "rb")
    f.close()  # N: "f" was released here by close()
    if f is not None:
        f.read()  # E: "f" used after release  [use-after-move]
