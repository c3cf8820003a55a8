"""Touches ownership only through an alias defined elsewhere: no call hook of ours fires."""

from pkg.aliases import OwnedConn, consume


def f(c: OwnedConn) -> None:
    consume(c)  # N: "c" was moved here by call to "consume"
    c.send(b"")  # E: "c" used after move  [use-after-move]
