"""A tuple or list display stored in an attribute or a container takes what it holds with
it, as storing the resource itself does (docs/design.md §2.5)."""

from __future__ import annotations

import socket


class Holder:
    pair: tuple[object, socket.socket] | None = None


def kept_in_an_attribute(h: Holder, waiter: object) -> None:
    """asyncio's pipe idiom: the transport is kept beside its protocol."""
    s = socket.socket()
    h.pair = (waiter, s)


def kept_in_a_container(d: dict[str, list[socket.socket]]) -> None:
    s = socket.socket()
    d["x"] = [s]


def display_in_a_local(waiter: object) -> None:
    """A display bound to a local dies with it: the socket is still owed."""
    s = socket.socket()  # E: "s" is not released on every path  [resource-leak]  # N: help: use "with socket(...) as s:" or call "s.close()"
    pair = (waiter, s)
    print(pair)  # N: "s" escapes here: the function ends without releasing it
