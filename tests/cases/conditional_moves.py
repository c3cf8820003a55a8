"""Conditional expressions (docs/design.md §2.2, §2.4): ``z = x if c else y`` binds each
branch's value as an ``if`` statement would. A declared owner moves on its branch, so both
are "may have been moved" afterwards; a known owner (a file ``open()`` gave) is only named
again."""

from __future__ import annotations

from typing import IO

from mypy_ownership import Own, Ref


class Person:
    def __init__(self, name: str) -> None:
        self.name = name


class Conn:
    def send(self, data: bytes) -> None: ...

    def close(self: Own[Conn]) -> None: ...


def consume(person: Own[Person]) -> None: ...
def show(person: Person) -> None: ...
def make(name: str) -> Own[Person]:
    return Person(name)


# report -------------------------------------------------------------------------------------

def both_may_have_been_moved(x: Own[Person], y: Own[Person], flag: bool) -> None:
    """Each owner moved to ``z`` on its own branch."""
    z = x if flag else y  # N: "x" was moved here by assignment to "z"  # N: "y" was moved here by assignment to "z"
    consume(z)
    show(x)  # E: "x" may have been moved  [use-after-move]
    show(y)  # E: "y" may have been moved  [use-after-move]


def nested_conditional(x: Own[Person], y: Own[Person], w: Own[Person], a: bool, b: bool) -> None:
    """A nested conditional moves its owner on its own branch too."""
    z = x if a else (y if b else w)  # N: "w" was moved here by assignment to "z"
    consume(z)
    show(w)  # E: "w" may have been moved  [use-after-move]


def owner_against_a_call(x: Own[Person], flag: bool) -> None:
    """Only the branch that names the owner moves it."""
    z = x if flag else make("new")  # N: "x" was moved here by assignment to "z"
    show(x)  # E: "x" may have been moved  [use-after-move]
    consume(z)


def branch_not_taken_still_owes(x: Own[Conn], y: Own[Conn], flag: bool) -> None:  # E: "x" is not released on every path  [resource-leak]  # N: help: call "x.close()" on every path  # E: "y" is not released on every path  [resource-leak]  # N: help: call "y.close()" on every path
    """Closing the chosen one leaves the other unreleased on that path."""
    z = x if flag else y
    z.close()  # N: "x" escapes here: the function ends without releasing it  # N: "y" escapes here: the function ends without releasing it


def returned_borrow(x: Ref[Person], y: Own[Person], flag: bool) -> Person:  # N: "x" is borrowed here (a Ref parameter)
    """Returning the conditional returns each branch: the borrowed one escapes."""
    return x if flag else y  # E: Borrowed "x" may outlive its borrow: returned from a function whose return is not Ref or Mut  [borrow-escape]


# silent -------------------------------------------------------------------------------------

def chosen_owner_consumed(x: Own[Person], y: Own[Person], flag: bool) -> None:
    """The one chosen is moved on; neither is used again."""
    z = x if flag else y
    consume(z)


def both_returned(x: Own[Person], y: Own[Person], flag: bool) -> Own[Person]:
    """``return x if c else y`` moves each on its branch to the caller."""
    return x if flag else y


def rebound_after_the_choice(x: Own[Person], y: Own[Person], flag: bool) -> None:
    """Rebinding both names ends what their moves said."""
    z = x if flag else y
    consume(z)
    x = make("x")
    y = make("y")
    consume(x)
    consume(y)


def known_owners_are_named_again(a: str, b: str, flag: bool) -> None:
    """Files are known owners: the conditional is one more name for one of them."""
    f = open(a)
    g = open(b)
    h = f if flag else g
    print(h.read(), f.read(), g.read())
    f.close()
    g.close()


def plain_values(a: Person, b: Person, flag: bool) -> None:
    """Unmanaged names are not followed."""
    z = a if flag else b
    show(z)
    show(a)


def opened_or_given(source: str | IO[str]) -> str:
    """A conditional that opens a file on one branch stays one value: the close under the
    same test is not followed through it, so nothing is asked of it."""
    stream = open(source) if isinstance(source, str) else source
    try:
        return stream.read()
    finally:
        if isinstance(source, str):
            stream.close()
