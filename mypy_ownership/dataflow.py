"""A generic forward dataflow solver over a :class:`~mypy_ownership.cfg.CFG`.

It knows nothing of ownership: a check supplies the lattice (initial state, join,
transfer of a step and of an edge) and gets back the state at the entry of every block
that can be reached, one per tuple of tags (the ways out of the ``finally`` bodies a path
is in, see :mod:`~mypy_ownership.cfg`) and joined over them on request. States must be
immutable values with ``==``; ``None`` means "unreachable" and is never passed to the check.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Final, Generic, Protocol, TypeVar

from mypy_ownership.cfg import CFG, Edge, EdgeKind, Step, Tags, widened

S = TypeVar("S")


class Analysis(Protocol[S]):
    def initial(self) -> S: ...

    def join(self, a: S, b: S) -> S: ...

    def transfer(self, step: Step, state: S) -> S: ...

    def transfer_edge(self, edge: Edge, state: S) -> S: ...

    # Optional: ``exceptional(before, after)``, the state an exceptional edge carries when
    # the step of its block raised (default: ``before``, the step did not happen).


# Tuples of tags kept apart at one block. Real code rarely has more than a few (a
# try/finally in a loop in a finally body, two levels deep, reaches eight); beyond the cap,
# further paths forget their outer tags, which is sound (a move may then read "may have
# been moved") and what keeps the cost linear in the nesting: at 64, the depth-8 shape of
# tests/generated_runner.py --depth cost 6 times depth 4, at 8 about twice.
MAX_TAGS: Final = 8


class Solution(Generic[S]):
    """The states at the entry of every block, one per tuple of tags (see :mod:`cfg`): a
    block outside cleanup regions has at most one, under ``()``."""

    def __init__(self, cfg: CFG, states: Sequence[dict[Tags, S]], join: Callable[[S, S], S]) -> None:
        self.cfg = cfg
        self.states = states
        self._join = join
        self._joined: dict[int, S | None] = {}

    def entry(self, block: int) -> S | None:
        """The join over its tags: what holds at the block's entry on some path, whichever
        way out of the cleanups around it the path will take (what a report about the
        block's steps needs). None: no path reaches it."""
        if block in self._joined:
            return self._joined[block]
        joined: S | None = None
        for state in self.states[block].values():
            joined = state if joined is None else self._join(joined, state)
        self._joined[block] = joined
        return joined

    def tagged(self, block: int) -> dict[Tags, S]:
        """The states at the block's entry, by the tags of the paths reaching it."""
        return dict(self.states[block])


def solve(
    cfg: CFG, analysis: Analysis[S], max_rounds: int = 10_000, max_tags: int = MAX_TAGS
) -> Solution[S]:
    """Worklist iteration in reverse postorder until no entry state changes.

    A block has one state per tuple of tags of the paths reaching it: inside a cleanup
    region (a ``finally`` body), the paths that will leave it by different ways are kept
    apart, and an edge out of its end takes only the states of its own tag
    (:meth:`TagOp.apply`). The solver knows nothing else of tags, but that a block holding
    ``max_tags`` tuples takes any further one :func:`widened`: the number of tuples is
    otherwise the number of ways a path can be nested in cleanups that it will resume,
    which can grow exponentially with the nesting of ``finally`` inside ``finally`` (each
    with a loop that a ``break`` or ``continue`` in the inner one goes back to).

    Exceptional edges leave a block with the state at its *entry*: a step inside a
    ``try`` body is alone in its block, so that is the state before the step ran. An
    analysis may refine that with ``exceptional(before, after)``.
    """
    exceptional = getattr(analysis, "exceptional", None)
    transfer, transfer_edge, join = analysis.transfer, analysis.transfer_edge, analysis.join
    blocks = cfg.blocks
    order = cfg.reverse_postorder()
    rank = {block: i for i, block in enumerate(order)}
    states: list[dict[Tags, S]] = [{} for _ in blocks]
    states[cfg.entry][()] = analysis.initial()
    # by block, the tags whose state changed since it was last run (a dict: runs in the
    # order they were found, the same from one process to the next)
    dirty: list[dict[Tags, None]] = [{} for _ in blocks]
    dirty[cfg.entry][()] = None
    heap = [(rank[cfg.entry], cfg.entry)]
    rounds, limit = 0, max_rounds * max(1, len(order))
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        rounds += 1
        if rounds > limit:
            raise RuntimeError("dataflow did not reach a fixed point")
        _, block = pop(heap)
        todo, dirty[block] = dirty[block], {}
        here = states[block]
        steps, succs = blocks[block].steps, blocks[block].succs
        for tags in todo:
            entry_state = here[tags]
            out = entry_state
            for step in steps:
                out = transfer(step, out)
            for edge in succs:
                if edge.tags is None:
                    onward = tags
                else:
                    taken = edge.tags.apply(tags)
                    if taken is None:
                        continue
                    onward = taken
                if edge.kind is EdgeKind.EXCEPTION:
                    leaving = exceptional(entry_state, out) if exceptional else entry_state
                else:
                    leaving = out
                incoming = transfer_edge(edge, leaving)
                there = states[edge.target]
                old = there.get(onward)
                if old is None and len(there) >= max_tags:
                    onward = widened(onward)
                    old = there.get(onward)
                new = incoming if old is None else join(old, incoming)
                if new != old:
                    there[onward] = new
                    waiting = dirty[edge.target]
                    if not waiting:
                        push(heap, (rank[edge.target], edge.target))
                    waiting[onward] = None
    return Solution(cfg, states, join)


class Liveness:
    """What some path from a block's entry may still read, as one bitset per block."""

    def __init__(self, index: dict[Hashable, int], live: list[int]) -> None:
        self._index = index
        self._live = live

    def is_live(self, block: int, name: Hashable) -> bool:
        bit = self._index.get(name)
        return bit is not None and bool(self._live[block] >> bit & 1)


def live_sets(cfg: CFG, reads: Callable[[Step], Iterable[Hashable]]) -> Liveness:
    """Backward liveness without kills: a name stays live up to its last read on any path.

    Lets a forward analysis forget facts about names no later step can look at, so that
    its states do not grow with the length of a function. Tags are not followed: a name
    read after one way out of a ``finally`` body counts as live in it for every way out,
    which only keeps a fact longer than needed.
    """
    index: dict[Hashable, int] = {}
    live = []
    for basic in cfg.blocks:
        bits = 0
        for step in basic.steps:
            for name in reads(step):
                bits |= 1 << index.setdefault(name, len(index))
        live.append(bits)
    order = cfg.reverse_postorder()
    order.reverse()
    changed = True
    while changed:
        changed = False
        for block in order:
            bits = live[block]
            for edge in cfg.blocks[block].succs:
                bits |= live[edge.target]
            if bits != live[block]:
                live[block] = bits
                changed = True
    return Liveness(index, live)
