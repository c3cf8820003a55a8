"""How a leak is worded: for the name that holds the resource when it leaks, and as one
error with every note when two leaks meet at one place (docs/design.md §8)."""

import socket
from typing import IO

from mypy_ownership import Own


def help_names_the_holder_after_a_rename(path: str) -> None:
    # the help is worded for the name that holds the resource ("w" once came out as
    # "r0ith": the help text was renamed by string replacement); a declared owner moves
    w: Own[IO[str]] = open(path)  # E: "r0" is not released on every path  [resource-leak]  # N: help: use "with open(...) as r0:" or call "r0.close()"
    r0 = w
    print(r0.read())  # N: "r0" escapes here: the function ends without releasing it


def known_owner_is_named_where_it_was_acquired(path: str) -> None:
    # a known owner under two names is one object: reported once, by its first name
    w = open(path)  # E: "w" is not released on every path  [resource-leak]  # N: help: use "with open(...) as w:" or call "w.close()"
    r0 = w
    print(r0.read())  # N: "w" escapes here: the function ends without releasing it


def pair() -> tuple[Own[socket.socket], Own[socket.socket]]:
    return socket.socketpair()


def help_after_a_rename_of_an_unpacked_name() -> None:
    # "s" renamed to "w" once gave 'use "with s:" or call "w.close()"'
    a, s = pair()  # E: "w" is not released on every path  [resource-leak]  # N: help: use "with w:" or call "w.close()"
    a.close()
    w = s
    print(w)  # N: "w" escapes here: the function ends without releasing it


def two_leaks_of_one_name_are_one_error_with_every_note() -> None:
    # both sockets come from one call and leak under the name "w": mypy prints one error
    # there, so it carries the notes of both, in the same order whatever the hash seed
    w, s = pair()  # E: "w" is not released on every path  [resource-leak]  # N: help: use "with w:" or call "w.close()"
    w = s  # N: "w" escapes here: rebound at line 41 without releasing it
    print(w)  # N: "w" escapes here: the function ends without releasing it


def two_known_owners_leaking_at_one_place_are_two_errors() -> None:
    w, s = socket.socketpair()  # E: "s" is not released on every path  [resource-leak]  # N: help: use "with s:" or call "s.close()"  # E: "w" is not released on every path  [resource-leak]  # N: help: use "with w:" or call "w.close()"
    w = s  # N: "w" escapes here: rebound at line 47 without releasing it
    print(w)  # N: "s" escapes here: the function ends without releasing it
