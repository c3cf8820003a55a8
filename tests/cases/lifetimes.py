"""missing-lifetime: a returned borrow needs a borrowed parameter to come from."""

from __future__ import annotations

from mypy_ownership import Mut, Own, Ref


class Buffer:
    def __init__(self) -> None:
        self.data = bytearray()

    def view(self: Ref[Buffer]) -> Ref[bytearray]:
        return self.data

    def view_mut(self: Mut[Buffer]) -> Mut[bytearray]:
        return self.data

    def leaky_view(self) -> Ref[bytearray]:  # E:5: "leaky_view" returns a borrowed value (Ref[...]) but has no Ref or Mut parameter it could be borrowed from  [missing-lifetime]  # N: help: return an owned value (Own[...]), or take the owner as a Ref[...] or Mut[...] parameter
        return self.data


def no_parameters() -> Ref[str]:  # E: "no_parameters" returns a borrowed value (Ref[...]) but has no Ref or Mut parameter it could be borrowed from  [missing-lifetime]  # N: help: return an owned value (Own[...]), or take the owner as a Ref[...] or Mut[...] parameter
    return "static"


def only_owned(buffer: Own[Buffer]) -> Mut[Buffer]:  # E: "only_owned" returns a borrowed value (Mut[...]) but has no Ref or Mut parameter it could be borrowed from  [missing-lifetime]  # N: help: return an owned value (Own[...]), or take the owner as a Ref[...] or Mut[...] parameter
    return buffer


def from_ref(buffer: Ref[Buffer]) -> Ref[bytearray]:
    return buffer.data


def from_several(a: Ref[Buffer], b: Mut[Buffer], pick: bool) -> Ref[bytearray]:
    return a.data if pick else b.data


def owned_result() -> Own[Buffer]:
    return Buffer()


def plain() -> str:
    return "x"
