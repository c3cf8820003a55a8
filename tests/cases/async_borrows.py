"""``async def`` returning ``Ref``/``Mut`` (docs/design.md §5): the declared return is what
awaiting the coroutine gives, so the lifetime rules read it, not the ``Coroutine`` mypy
makes of it."""

from __future__ import annotations

from mypy_ownership import Mut, Own, Ref


class Session:
    def __init__(self) -> None:
        self.token = ""

    async def __aenter__(self: Ref[Session]) -> Ref[Session]:
        """The usual ``__aenter__``: the target borrows the subject."""
        return self

    async def __aexit__(self, *args: object) -> None: ...

    async def writable(self: Mut[Session]) -> Mut[Session]:
        """A Mut receiver lent back as Mut."""
        return self

    async def token_of(self: Ref[Session]) -> Ref[str]:
        """A field read through the borrowed receiver."""
        return self.token

    async def leaked(self: Ref[Session]) -> Session:  # N: "self" is borrowed here (a Ref parameter)
        """The return is unmanaged: the borrow would outlive the call."""
        return self  # E: Borrowed "self" may outlive its borrow: returned from a function whose return is not Ref or Mut  [borrow-escape]

    async def as_owned(self: Ref[Session]) -> Own[Session]:  # N: "self" is borrowed here (a Ref parameter)
        """A borrowed receiver cannot be handed back as owned."""
        return self  # E: "self" is only borrowed (a Ref parameter) and cannot be returned as Own[...]  [move-from-borrow]


async def from_nothing() -> Ref[Session]:  # E: "from_nothing" returns a borrowed value (Ref[...]) but has no Ref or Mut parameter it could be borrowed from  [missing-lifetime]  # N: help: return an owned value (Own[...]), or take the owner as a Ref[...] or Mut[...] parameter
    """No borrowed parameter: nothing the result could borrow from."""
    return Session()


async def from_an_owned_parameter(session: Own[Session], key: Ref[str]) -> Ref[Session]:
    """The owned parameter dies with the coroutine."""
    return session  # E: Cannot return a reference to "session": it is owned by this function and dies when it returns  [missing-lifetime]  # N: help: return an owned value (Own[...]), or take the owner as a Ref[...] or Mut[...] parameter


async def pass_through(session: Ref[Session]) -> Ref[Session]:
    """A coroutine handing back the borrow it was given."""
    return session


async def use_it() -> None:
    """``async with`` over the session reads through its target."""
    async with Session() as session:
        print(session.token)
