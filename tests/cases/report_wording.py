"""How a leak is worded: for the name that holds the resource when it leaks, and as one
error with every note when two leaks meet at one place (docs/design.md §8)."""

import socket


def help_names_the_holder_after_a_rename(path: str) -> None:
    # the help is worded for the name that holds the resource ("w" once came out as
    # "r0ith": the help text was renamed by string replacement)
    w = open(path)  # E: "r0" is not released on every path  [resource-leak]  # N: help: use "with open(...) as r0:" or call "r0.close()"
    r0 = w
    print(r0.read())  # N: "r0" escapes here: the function ends without releasing it


def help_after_a_rename_of_an_unpacked_name() -> None:
    # "s" renamed to "w" once gave 'use "with s:" or call "w.close()"'
    a, s = socket.socketpair()  # E: "w" is not released on every path  [resource-leak]  # N: help: use "with w:" or call "w.close()"
    a.close()
    w = s
    print(w)  # N: "w" escapes here: the function ends without releasing it


def two_leaks_of_one_name_are_one_error_with_every_note() -> None:
    # both sockets come from one call and leak under the name "w": mypy prints one error
    # there, so it carries the notes of both, in the same order whatever the hash seed
    w, s = socket.socketpair()  # E: "w" is not released on every path  [resource-leak]  # N: help: use "with w:" or call "w.close()"
    w = s  # N: "w" escapes here: rebound at line 27 without releasing it
    print(w)  # N: "w" escapes here: the function ends without releasing it
