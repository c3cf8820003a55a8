"""Each construct of the flow analysis (docs/design.md §2.9): one case that reports, one that stays silent."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager

from mypy_ownership import Own


class Conn:
    def send(self, data: bytes) -> None: ...


def consume(conn: Own[Conn]) -> None: ...
def consume_all(*conns: Own[Conn]) -> None: ...
def borrow(conn: Conn) -> None: ...
def peek(conn: Conn) -> bool:
    return True
def keep_callback(callback: Own[Callable[[], None]]) -> None: ...
def connect() -> Own[Conn]:
    return Conn()


# if / elif / else ---------------------------------------------------------------------

def elif_chain_reports(conn: Own[Conn], n: int) -> None:
    if n == 1:
        pass
    elif n == 2:
        consume(conn)  # N: "conn" was moved here by call to "consume"
    else:
        borrow(conn)
    borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def elif_chain_silent(conn: Own[Conn], n: int) -> None:
    if n == 1:
        consume(conn)
    elif n == 2:
        consume(conn)
    else:
        consume(conn)


# while / for with else, break, continue -----------------------------------------------

def while_else_reports(conn: Own[Conn], n: int) -> None:
    while n > 0:
        n -= 1
    else:
        consume(conn)  # N: "conn" was moved here by call to "consume"
    borrow(conn)  # E: "conn" used after move  [use-after-move]


def for_else_skipped_by_break(conn: Own[Conn], items: list[int]) -> None:
    for item in items:
        if item:
            break
    else:
        consume(conn)
        return
    borrow(conn)


def for_break_after_move_reports(conn: Own[Conn], items: list[int]) -> None:
    for item in items:
        if item:
            consume(conn)  # N: "conn" was moved here by call to "consume"
            break
    borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def continue_skips_the_move(conn: Own[Conn], items: list[int]) -> None:
    for item in items:
        if item:
            continue
        consume(conn)  # E: "conn" used after move: moved in a previous iteration of the loop  [use-after-move]  # N: "conn" was moved here by call to "consume", in a previous iteration of the loop


def continue_after_replacing(conn: Own[Conn], items: list[int]) -> None:
    for item in items:
        consume(conn)
        conn = connect()
        if item:
            continue
    consume(conn)


def while_moved_before_the_loop_reports(conn: Own[Conn], n: int) -> None:
    consume(conn)  # N: "conn" was moved here by call to "consume"
    while n:
        borrow(conn)  # E: "conn" used after move  [use-after-move]
        n -= 1


# return, raise, try / except / else / finally -------------------------------------------

def raise_is_an_exit(conn: Own[Conn], bad: bool) -> None:
    if bad:
        consume(conn)
        raise ValueError("bad")
    borrow(conn)
    consume(conn)


def try_else_reports(conn: Own[Conn]) -> None:
    try:
        borrow(conn)
    except OSError:
        return
    else:
        consume(conn)  # N: "conn" was moved here by call to "consume"
    borrow(conn)  # E: "conn" used after move  [use-after-move]


def handler_reraises(conn: Own[Conn]) -> None:
    try:
        consume(conn)
    except OSError:
        raise
    connect().send(b"")


def return_inside_finally(conn: Own[Conn]) -> int:
    try:
        consume(conn)  # N: "conn" was moved here by call to "consume"
    finally:
        borrow(conn)  # E: "conn" may have been moved  [use-after-move]
        return 1


def finally_release_on_every_path(conn: Own[Conn], flag: bool) -> None:
    try:
        if flag:
            return
        borrow(conn)
    finally:
        consume(conn)


def move_in_nested_finally_reaches_outer_handler(conn: Own[Conn]) -> None:
    try:
        try:
            borrow(Conn())
        finally:
            consume(conn)  # N: "conn" was moved here by call to "consume"
    except OSError:
        borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def break_in_finally_leaves_the_loop_around_the_try(conn: Own[Conn], items: list[int]) -> None:
    for _ in items:
        try:
            for _ in items:
                return
            borrow(conn)
        finally:
            break  # noqa: B012
    consume(conn)


# with / async with -------------------------------------------------------------------------

@contextmanager
def session() -> Iterator[None]:
    yield


def with_body_moves(conn: Own[Conn]) -> None:
    with session():
        consume(conn)  # N: "conn" was moved here by call to "consume"
    borrow(conn)  # E: "conn" used after move  [use-after-move]


def with_body_borrows(conn: Own[Conn]) -> None:
    with session():
        borrow(conn)
    consume(conn)


class AsyncSession:
    async def __aenter__(self) -> AsyncSession:
        return self

    async def __aexit__(self, *args: object) -> None: ...


async def async_with_moves(conn: Own[Conn]) -> None:
    async with AsyncSession():
        consume(conn)  # N: "conn" was moved here by call to "consume"
    borrow(conn)  # E: "conn" used after move  [use-after-move]


async def async_with_borrows(conn: Own[Conn]) -> None:
    async with AsyncSession():
        borrow(conn)
    consume(conn)


# async for, await ---------------------------------------------------------------------------

async def ticks() -> AsyncIterator[int]:
    yield 1


async def async_for_moves(conn: Own[Conn]) -> None:
    async for _ in ticks():
        consume(conn)  # E: "conn" used after move: moved in a previous iteration of the loop  [use-after-move]  # N: "conn" was moved here by call to "consume", in a previous iteration of the loop


async def async_for_borrows(conn: Own[Conn]) -> None:
    async for _ in ticks():
        borrow(conn)
    consume(conn)


async def hand_off(conn: Own[Conn]) -> None:
    await asyncio.sleep(0)


async def awaited_calls_move(conn: Own[Conn]) -> None:
    await hand_off(conn)  # N: "conn" was moved here by call to "hand_off"
    borrow(conn)  # E: "conn" used after move  [use-after-move]


async def awaited_once(conn: Own[Conn]) -> None:
    await asyncio.sleep(0)
    await hand_off(conn)


# match with guards ---------------------------------------------------------------------

def guard_failure_falls_to_the_next_case(conn: Own[Conn], n: int) -> None:
    match n:
        case 1 if peek(conn):
            consume(conn)  # N: "conn" was moved here by call to "consume"
        case _:
            pass
    borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def every_case_moves(conn: Own[Conn], n: int) -> None:
    match n:
        case 1:
            consume(conn)
        case other:
            print(other)
            consume(conn)


# assert -------------------------------------------------------------------------------------

def assert_evaluates_its_test(conn: Own[Conn]) -> None:
    consume(conn)  # N: "conn" was moved here by call to "consume"
    assert conn  # E: "conn" used after move  [use-after-move]


def assert_false_ends_the_path(conn: Own[Conn], flag: bool) -> None:
    if flag:
        consume(conn)
        assert False, "unreachable"
    consume(conn)


# short-circuit, conditional expressions, := -----------------------------------------------

def send_off(conn: Own[Conn]) -> bool:
    return True


def or_moves_on_some_paths(conn: Own[Conn], ok: bool) -> None:
    ok or send_off(conn)  # N: "conn" was moved here by call to "send_off"
    borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def and_guards_use_not_move(conn: Own[Conn], ok: bool) -> None:
    ok and peek(conn)
    consume(conn)


def conditional_moves_on_both_sides(conn: Own[Conn], ok: bool) -> None:
    send_off(conn) if ok else send_off(conn)  # N: "conn" was moved here by call to "send_off"  # N: "conn" was moved here by call to "send_off"
    borrow(conn)  # E: "conn" used after move  [use-after-move]


def walrus_rebinds(conn: Own[Conn]) -> None:
    consume(conn)
    if (conn := connect()) is not None:
        borrow(conn)
    consume(conn)


# comprehensions ----------------------------------------------------------------------------

def comprehension_moves_each_round(conn: Own[Conn], items: list[int]) -> None:
    [send_off(conn) for _ in items]  # E: "conn" used after move: moved in a previous iteration of the loop  [use-after-move]  # N: "conn" was moved here by call to "send_off", in a previous iteration of the loop


def comprehension_borrows(conn: Own[Conn], items: list[int]) -> None:
    print([peek(conn) for _ in items], {i: conn for i in items})
    consume(conn)


# *args ----------------------------------------------------------------------------------------

def star_display_into_owned_parameters(a: Own[Conn], b: Own[Conn]) -> None:
    consume_all(*(a, b))  # N: "b" was moved here by call to "consume_all"
    borrow(b)  # E: "b" used after move  [use-after-move]


def star_of_a_list_variable_moves_no_name(conns: list[Conn]) -> None:
    consume_all(*conns)
    print(conns)


# lambdas and nested functions ----------------------------------------------------------------

def moved_closure_takes_its_captures(conn: Own[Conn]) -> None:
    def report() -> None:
        borrow(conn)

    keep_callback(report)  # N: "conn" was moved here by capture in closure "report"
    borrow(conn)  # E: "conn" used after move  [use-after-move]


def stored_lambda_takes_its_captures(conn: Own[Conn], callbacks: list[Callable[[], None]]) -> None:
    callbacks.append(lambda: borrow(conn))  # N: "conn" was moved here by capture in a lambda
    consume(conn)  # E: "conn" used after move  [use-after-move]


def returned_closure_takes_its_captures(conn: Own[Conn]) -> Callable[[], None]:
    try:
        return lambda: borrow(conn)  # N: "conn" was moved here by capture in a lambda
    finally:
        borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def closure_called_here_only_borrows(conn: Own[Conn]) -> None:
    def report() -> None:
        borrow(conn)

    report()
    apply = lambda: borrow(conn)
    apply()
    consume(conn)


def nested_function_body_is_checked_too(outer: Own[Conn]) -> None:
    def inner(conn: Own[Conn]) -> None:
        consume(conn)  # N: "conn" was moved here by call to "consume"
        borrow(conn)  # E: "conn" used after move  [use-after-move]

    inner(outer)


# del, global, nonlocal -------------------------------------------------------------------------

def del_then_rebind(conn: Own[Conn]) -> None:
    consume(conn)
    del conn
    conn = connect()
    consume(conn)


shared = Conn()


def global_names_are_not_tracked_in_functions() -> None:
    global shared
    consume(shared)
    borrow(shared)


def nonlocal_names_are_tracked_in_the_inner_function() -> None:
    conn = connect()

    def inner() -> None:
        nonlocal conn
        consume(conn)  # N: "conn" was moved here by call to "consume"
        borrow(conn)  # E: "conn" used after move  [use-after-move]

    inner()


# yield ----------------------------------------------------------------------------------------

def yields_owned(conn: Own[Conn]) -> Iterator[Own[Conn]]:
    yield conn  # N: "conn" was moved here by yield
    borrow(conn)  # E: "conn" used after move  [use-after-move]


@contextmanager
def lends_while_suspended(conn: Own[Conn]) -> Iterator[Conn]:
    try:
        yield conn
    finally:
        consume(conn)


# more reporting and silent shapes ----------------------------------------------------------

def explicit_raise_reaches_handler(conn: Own[Conn]) -> None:
    try:
        consume(conn)  # N: "conn" was moved here by call to "consume"
        raise ValueError("stop")
    except ValueError:
        borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def reraise_reaches_outer_handler(conn: Own[Conn]) -> None:
    try:
        try:
            borrow(conn)
        except OSError:
            consume(conn)  # N: "conn" was moved here by call to "consume"
            raise
    except OSError:
        borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def conditional_borrows(conn: Own[Conn], ok: bool) -> None:
    checked = peek(conn) if ok else False
    print(checked)
    consume(conn)


class Holder:
    conn: Conn


def deleting_an_attribute_uses_the_owner(holder: Own[Holder]) -> None:
    keep_holder(holder)  # N: "holder" was moved here by call to "keep_holder"
    del holder.conn  # E: "holder" used after move  [use-after-move]


def keep_holder(holder: Own[Holder]) -> None: ...
