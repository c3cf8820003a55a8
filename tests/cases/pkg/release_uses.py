"""Releasing twice what another module defines (docs/design.md §7.3, §12.20). mypy keeps
no decorator list for a module it loads from its cache, so a decorated definition of
another module may be marked unseen: its second release is taken to be allowed, in a
cold run as in a warm one."""

from __future__ import annotations

from mypy_ownership import Own

from pkg.release_classes import Decorated, Marked, Plain


def plain_twice(p: Own[Plain]) -> None:
    """A definition with no decorator at all: a second release is a use after move."""
    p.close()  # N: "p" was released here by close()
    p.close()  # E: "p" used after release  [use-after-move]


def marked_twice(m: Own[Marked]) -> None:
    """Marked @repeatable in its module."""
    m.close()
    m.close()


def decorated_twice(d: Own[Decorated]) -> None:
    """Decorated in another module: what the decorators say is not known here."""
    d.close()
    d.close()
