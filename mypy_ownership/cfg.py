"""A control-flow graph over one mypy function body (or a module's top level).

The graph knows nothing of ownership. A block is a run of *steps* (an AST node and what
happens to it: a simple statement, a branch test, a loop binding, the entry or exit of a
``with`` item, ...), and edges are labelled (normal, true/false of a test, exceptional),
so that a check can give meaning to each of them. Expression-level branching (``and``,
``or``, conditional expressions, comprehensions) stays inside a step: the check walks the
expression tree and joins its own states there.

Design choices worth knowing:
- a ``finally`` body (and the implicit ``__exit__`` of each ``with`` item) is built once, as
  a *cleanup region*: every way out of the protected code (fall-through, return, break,
  continue, exception) enters it by an edge that pushes a *tag* naming that way out, and
  the end of the region has one edge per tag, taken only by the paths carrying that tag.
  A path inside cleanup regions carries one tag per region it is in, outermost first (a
  tuple as long as the block's ``depth``, with ``None`` for a tag no path from there can
  use any more), and the solver keeps one state per tuple: states are never merged across
  exits that differ, and the graph stays linear in the source (copying the body once per
  way out grew exponentially with ``finally`` nested in ``finally``). :class:`TagOp` is
  what an edge does to the tuple;
- a step inside a ``try`` body gets an exceptional edge from the state *before* it to the
  handlers (and to the ``finally`` body for exceptions no handler catches);
- code that cannot run (after ``return``, under ``Block.is_unreachable``, after a call the
  caller says never returns, statements the caller says mypy found unreachable) gets no
  incoming edge, so a forward analysis never reaches it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Final, Optional

from mypy.nodes import (
    Expression,
    Node,
)

from mypy_ownership.records import Frozen, Record


class StepKind(enum.Enum):
    STMT = "stmt"  # a simple statement, evaluated as a whole
    TEST = "test"  # the condition of if / while / assert / a case guard
    FOR_ITER = "for-iter"  # evaluate the iterable of a for loop, once
    FOR_BIND = "for-bind"  # bind the loop target, once per iteration
    FOR_END = "for-end"  # the iterable ran out (before the loop's else; a break skips it)
    WITH_ENTER = "with-enter"  # evaluate item `index` of a with statement and bind its target
    WITH_EXIT = "with-exit"  # leave item `index` of a with statement (its __exit__ runs)
    EXCEPT_BIND = "except-bind"  # enter handler `index` of a try statement
    MATCH_SUBJECT = "match-subject"
    CASE_BIND = "case-bind"  # pattern `index` of a match statement matched: bind its names
    DEF = "def"  # a nested function or class definition binds its name


class EdgeKind(enum.Enum):
    NORMAL = "normal"
    TRUE = "true"
    FALSE = "false"
    EXCEPTION = "exception"  # a step raised: leaves with the state from before the step
    RERAISE = "reraise"  # an exception goes on after its cleanup ran: the state after it


class Step(Frozen, Record):
    kind: StepKind
    node: Node
    index: int
    __slots__ = tuple(__annotations__)
    __hash__ = Record.hashed

    def __init__(self, kind: StepKind, node: Node, index: int = 0) -> None:
        set_kind, set_node, set_index = _STEP_FIELDS
        set_kind(self, kind)
        set_node(self, node)
        set_index(self, index)

    @property
    def line(self) -> int:
        return self.node.line


Tags = tuple[Optional[int], ...]
ANY_TAG: Final = -1  # stands for every tag: a path whose way out was forgotten (widened)


class TagOp(Frozen, Record):
    """What an edge does to the tags a path carries (one per cleanup region it is in).

    ``when``: only paths whose innermost tag is this one take the edge (the edges leaving
    the end of a cleanup region, one per way out). Then the path keeps its first ``keep``
    tags and appends ``push``: entering a region pushes its tag (after ``None`` for outer
    regions whose tags no path from there can use any more), leaving regions drops theirs.
    """

    when: int | None
    keep: int
    push: Tags
    __slots__ = tuple(__annotations__)
    __hash__ = Record.hashed

    def __init__(self, when: int | None = None, keep: int = 0, push: Tags = ()) -> None:
        set_when, set_keep, set_push = _TAG_OP_FIELDS
        set_when(self, when)
        set_keep(self, keep)
        set_push(self, push)

    def apply(self, tags: Tags) -> Tags | None:
        """The tags past the edge, or None if a path carrying ``tags`` does not take it."""
        if self.when is not None and (not tags or tags[-1] not in (self.when, ANY_TAG)):
            return None
        return tags[: self.keep] + self.push


# the slots' setters, in the fields' order: a frozen record's __init__ sets each once
_STEP_FIELDS: Final = tuple(vars(Step)[name].__set__ for name in Step._fields)
_TAG_OP_FIELDS: Final = tuple(vars(TagOp)[name].__set__ for name in TagOp._fields)


def widened(tags: Tags) -> Tags:
    """``tags`` with every outer tag forgotten (``ANY_TAG``): only the innermost is kept.

    A solver that keeps one state per tuple of tags may fold tuples into these to bound
    their number: a path then leaves each outer cleanup by all of its ways out, as if the
    cleanup's exits were merged (sound, less precise)."""
    return (ANY_TAG,) * (len(tags) - 1) + tags[-1:] if len(tags) > 1 else tags


class Edge(Record):
    target: int
    kind: EdgeKind
    test: Expression | None  # the tested expression, for TRUE / FALSE edges
    origin: Node | None  # the step that raised, for EXCEPTION edges
    tags: TagOp | None  # None: the tags a path carries go through unchanged
    __slots__ = tuple(__annotations__)

    def __init__(
        self, target: int, kind: EdgeKind = EdgeKind.NORMAL, test: Expression | None = None,
        origin: Node | None = None, tags: TagOp | None = None,
    ) -> None:
        self.target = target
        self.kind = kind
        self.test = test
        self.origin = origin
        self.tags = tags


class BasicBlock(Record):
    id: int
    steps: list[Step]
    succs: list[Edge]
    preds: list[int]
    depth: int  # how many cleanup regions (finally bodies, with-exits) it is inside
    __slots__ = tuple(__annotations__)

    def __init__(
        self, id: int, steps: list[Step] | None = None, succs: list[Edge] | None = None,
        preds: list[int] | None = None, depth: int = 0,
    ) -> None:
        self.id = id
        self.steps = [] if steps is None else steps
        self.succs = [] if succs is None else succs
        self.preds = [] if preds is None else preds
        self.depth = depth


class CFG(Record):
    blocks: list[BasicBlock]
    entry: int
    exit: int  # normal completion: return or falling off the end
    raise_exit: int  # an exception leaves the function
    tag_names: list[str]  # by tag: the way out it stands for

    def __init__(
        self, blocks: list[BasicBlock], entry: int, exit: int, raise_exit: int, tag_names: list[str] | None = None,
    ) -> None:
        self.blocks = blocks
        self.entry = entry
        self.exit = exit
        self.raise_exit = raise_exit
        self.tag_names = [] if tag_names is None else tag_names

    def successors(self, block: int) -> Iterator[Edge]:
        return iter(self.blocks[block].succs)

    def reverse_postorder(self) -> list[int]:
        # Successors are taken last first, so that a loop's body comes before the code after
        # the loop: a forward solver then settles the loop before going on.
        order: list[int] = []
        seen = {self.entry}
        stack: list[tuple[int, Iterator[Edge]]] = [(self.entry, reversed(self.blocks[self.entry].succs))]
        while stack:
            block, edges = stack[-1]
            for edge in edges:
                if edge.target not in seen:
                    seen.add(edge.target)
                    stack.append((edge.target, reversed(self.blocks[edge.target].succs)))
                    break
            else:
                stack.pop()
                order.append(block)
        order.reverse()
        return order

    def render(self) -> str:
        """A textual form for tests: one line per block, steps and labelled edges.

        A block inside cleanup regions shows its depth (``7^2``). An edge with a
        :class:`TagOp` shows it in braces: ``return#3?`` (taken only with that innermost
        tag), ``..1`` (keeps the first tag), ``+-,break#4`` (pushes ``None`` then a tag).
        """
        lines = []
        for b in self.blocks:
            steps = ", ".join(f"{s.kind.value}@{s.line}" for s in b.steps)
            succs = " ".join(
                f"{e.target}" + ("" if e.kind is EdgeKind.NORMAL else f"({e.kind.value})")
                + ("" if e.tags is None else "{" + self._render_op(e.tags) + "}")
                for e in b.succs
            )
            depth = f"^{b.depth}" if b.depth else ""
            lines.append(f"{b.id}{depth}: [{steps}] ->" + (f" {succs}" if succs else ""))
        return "\n".join(lines)

    def _render_op(self, op: TagOp) -> str:
        def name(tag: int | None) -> str:
            return "-" if tag is None else self.tag_names[tag]

        parts = [f"{name(op.when)}?"] if op.when is not None else []
        parts.append(f"..{op.keep}")
        if op.push:
            parts.append("+" + ",".join(map(name, op.push)))
        return " ".join(parts)
