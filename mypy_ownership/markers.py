"""The stub language's markers, for user code (docs/design.md §7.3).

Each is a decorator that does nothing at run time and keeps the decorated function's type,
so mypy checks calls as before; the plugin reads them off the definition, on code of the
module it checks, as it reads them in a stub::

    from mypy_ownership import Own, repeatable

    class Conn:
        @repeatable
        def close(self: Own["Conn"]) -> None: ...   # closing twice is harmless
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

__all__ = [
    "takes_over",
    "acquires",
    "releases_lock",
    "valid_after_release",
    "repeatable",
    "fails_when",
    "view_of",
    "wraps",
    "owes_when",
    "inserts",
    "inserts_items",
    "exhausts",
    "exhausts_in_loop",
    "exhausted_when",
    "ends_process",
    "release_if_overridden",
    "released_unless_none",
    "released_when_true",
    "released_when_false",
    "starts_obligation",
    "leaves_readable",
    "owes_nothing_when",
    "keeps",
    "owes_pipes",
    "leaves_pipes",
]


def _keep(func: F) -> F:
    return func


def takes_over(func: F) -> F:
    """Its ``Own`` parameters take the release over and leave the caller's name usable."""
    return func


def acquires(func: F) -> F:
    """A successful call (one not returning ``False``) leaves the receiver owing a release."""
    return func


def releases_lock(func: F) -> F:
    """The call gives back what an ``@acquires`` call took."""
    return func


def valid_after_release(func: F) -> F:
    """The method may still be called after its object was released."""
    return func


def repeatable(func: F) -> F:
    """Calling this releasing method again after a release is harmless."""
    return func


def inserts(func: F) -> F:
    """The argument is stored in the receiver (container insertion)."""
    return func


def inserts_items(func: F) -> F:
    """The argument's items are stored in the receiver (``extend``)."""
    return func


def exhausts(func: F) -> F:
    """Reading the receiver to its end with this method releases it."""
    return func


def exhausts_in_loop(func: F) -> F:
    """A ``for`` loop over the call's result that runs out has read the receiver to its end."""
    return func


def ends_process(func: F) -> F:
    """A call of it, standing as a statement, ends the process."""
    return func


def release_if_overridden(func: F) -> F:
    """This base class's release does something only where a subclass overrides it."""
    return func


def released_unless_none(func: F) -> F:
    """A result other than ``None`` means the receiver was released."""
    return func


def released_when_true(func: F) -> F:
    """The member is true only once its object is released."""
    return func


def released_when_false(func: F) -> F:
    """The member is false once its object is released (``is_open``)."""
    return func


def starts_obligation(func: F) -> F:
    """A constructed object owes its release only once one of the methods so marked was
    called on it (or it was given to a call that may call one)."""
    return func


def leaves_readable(func: F) -> F:
    """After this release the object stays readable: only a method that reads its stream
    (``@exhausts``, ``@exhausts_in_loop``) is a use after release."""
    return func


def fails_when(**arguments: object) -> Callable[[F], F]:
    """An ``@acquires`` method that may fail when a parameter is given this constant
    (``blocking=False``) or given at all (``timeout=...``)."""
    return _keep


def view_of(parameter: str) -> Callable[[F], F]:
    """The result is a second view of the object passed as ``parameter``."""
    return _keep


def wraps(parameter: str) -> Callable[[F], F]:
    """Given a file object as ``parameter``, the result works over it and leaves it open."""
    return _keep


def owes_when(**arguments: object) -> Callable[[F], F]:
    """When the result owes a release (of its own, with ``@wraps``): ``mode="wxa"``,
    ``stream=True``, ``name=...`` (given at all)."""
    return _keep


def exhausted_when(**arguments: object) -> Callable[[F], F]:
    """The result is released by reading it to its end when the argument starts so."""
    return _keep


def owes_nothing_when(**arguments: object) -> Callable[[F], F]:
    """The result owns nothing when a parameter is given this constant (``closefd=False``)."""
    return _keep


def keeps(*parameters: str) -> Callable[[F], F]:
    """The parameters named keep what they are given beyond the call (a thread's target)."""
    return _keep


def owes_pipes(**arguments: object) -> Callable[[F], F]:
    """The result also owes closing the pipes given this constant (``stdout="subprocess.PIPE"``)."""
    return _keep


def leaves_pipes(func: F) -> F:
    """A release that leaves the pipes owed (``Popen.wait`` reaps but does not close)."""
    return func
