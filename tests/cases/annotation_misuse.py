"""ownership-annotation: the annotations themselves used wrongly."""

from __future__ import annotations

from mypy_ownership import Mut, Own, Ref


class File:
    pass


too_many: Own[int, str]  # E:11: Own[...] takes exactly one type argument, got 2  [ownership-annotation]
bare: Own  # E:7: Own needs a type argument: write Own[T]  [ownership-annotation]
nested: Own[Ref[File]]  # E:9: Own[Ref[...]] nests two ownership modes; use one of them  [ownership-annotation]
global_borrow: Ref[File]  # E:1: Ref[...] cannot annotate a module-level variable: a borrow cannot be stored  [ownership-annotation]
global_owned: Own[File] = File()
files: list[Own[File]] = []


class Holder:
    borrowed: Mut[File]  # E:5: Mut[...] cannot annotate a class attribute: a borrow cannot be stored  [ownership-annotation]
    owned: Own[File]

    def __init__(self, f: Ref[File]) -> None:  # N: "f" is borrowed here (a Ref parameter)
        self.f: Ref[File] = f  # E:9: Ref[...] cannot annotate an attribute: a borrow cannot be stored  [ownership-annotation]  # E: Borrowed "f" may outlive its borrow: stored in an attribute  [borrow-escape]


def copy_types_may_carry_modes(name: Ref[str], count: Own[int]) -> None:
    local: Ref[File] = File()
    print(name, count, local)
