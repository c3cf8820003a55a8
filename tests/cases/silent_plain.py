"""Ordinary Python in a module that uses the plugin once: no ownership error may appear."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from mypy_ownership import Own


@dataclass
class Item:
    name: str
    tags: list[str] = field(default_factory=list)


class Registry:
    def __init__(self) -> None:
        self.items: dict[str, Item] = {}

    def add(self, item: Item) -> None:
        self.items[item.name] = item
        alias = item
        self.items[alias.name] = alias
        print(item.name)

    def __iter__(self) -> Iterator[Item]:
        yield from self.items.values()


def pipeline(values: list[int]) -> int:
    total = 0
    for value in values:
        if value < 0:
            continue
        total += value
    else:
        total += 1
    doubled = [v * 2 for v in values if v]
    lookup = {v: str(v) for v in values}
    while total > 100:
        total //= 2
    try:
        result = max(doubled)
    except ValueError:
        result = 0
    finally:
        total += 1
    print(lookup)
    return total + result


@contextlib.contextmanager
def opened(name: str) -> Iterator[Item]:
    item = Item(name)
    try:
        yield item
    finally:
        item.tags.clear()


def uses_context() -> None:
    with opened("a") as item:
        item.tags.append("x")
    print(item.name)
    reg = Registry()
    other = reg
    reg.add(Item("b"))
    other.add(Item("c"))
    fn = lambda x: x + 1
    print(fn(1), [i for i in reg])


async def waits(items: list[Item]) -> int:
    async def one(item: Item) -> int:
        return len(item.tags)

    return sum([await one(i) for i in items])


def matching(value: object) -> str:
    match value:
        case Item(name=name):
            return name
        case [first, *rest]:
            return f"{first}{rest}"
        case {"k": v, **others}:
            return f"{v}{others}"
        case _:
            return ""


def unannotated(x, y):
    z = x
    return z + y


def keep(item: Own[Item]) -> str:
    tags = item.tags
    name = item.name
    other = Item(name, tags)
    return other.name + item.name
