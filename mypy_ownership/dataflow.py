"""A generic forward dataflow solver over a :class:`~mypy_ownership.cfg.CFG`.

It knows nothing of ownership: a check supplies the lattice (initial state, join,
transfer of a step and of an edge) and gets back the state at the entry of every block
that can be reached. States must be immutable values with ``==``; ``None`` means
"unreachable" and is never passed to the check.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Generic, Protocol, TypeVar

from mypy_ownership.cfg import CFG, Edge, EdgeKind, Step

S = TypeVar("S")


class Analysis(Protocol[S]):
    def initial(self) -> S: ...

    def join(self, a: S, b: S) -> S: ...

    def transfer(self, step: Step, state: S) -> S: ...

    def transfer_edge(self, edge: Edge, state: S) -> S: ...

    # Optional: ``exceptional(before, after)``, the state an exceptional edge carries when
    # the step of its block raised (default: ``before``, the step did not happen).


class Solution(Generic[S]):
    def __init__(self, cfg: CFG, entry_states: Sequence[S | None]) -> None:
        self.cfg = cfg
        self.entry_states = entry_states

    def entry(self, block: int) -> S | None:
        return self.entry_states[block]


def solve(cfg: CFG, analysis: Analysis[S], max_rounds: int = 10_000) -> Solution[S]:
    """Worklist iteration in reverse postorder until no entry state changes.

    Exceptional edges leave a block with the state at its *entry*: a step inside a
    ``try`` body is alone in its block, so that is the state before the step ran. An
    analysis may refine that with ``exceptional(before, after)``.
    """
    exceptional = getattr(analysis, "exceptional", None)
    order = cfg.reverse_postorder()
    rank = {block: i for i, block in enumerate(order)}
    states: list[S | None] = [None] * len(cfg.blocks)
    states[cfg.entry] = analysis.initial()
    queued = {cfg.entry}
    heap = [(rank[cfg.entry], cfg.entry)]
    rounds = 0
    while heap:
        rounds += 1
        if rounds > max_rounds * max(1, len(order)):
            raise RuntimeError("dataflow did not reach a fixed point")
        _, block = heapq.heappop(heap)
        queued.discard(block)
        entry_state = states[block]
        assert entry_state is not None
        out = entry_state
        for step in cfg.blocks[block].steps:
            out = analysis.transfer(step, out)
        for edge in cfg.blocks[block].succs:
            if edge.kind is EdgeKind.EXCEPTION:
                leaving = exceptional(entry_state, out) if exceptional else entry_state
            else:
                leaving = out
            incoming = analysis.transfer_edge(edge, leaving)
            old = states[edge.target]
            new = incoming if old is None else analysis.join(old, incoming)
            if new != old:
                states[edge.target] = new
                if edge.target not in queued:
                    queued.add(edge.target)
                    heapq.heappush(heap, (rank[edge.target], edge.target))
    return Solution(cfg, states)


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
    its states do not grow with the length of a function.
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
