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
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Final, Optional

from mypy.patterns import AsPattern

from mypy_ownership.evaluation import every_expression
from mypy.nodes import (
    AssertStmt,
    Block as MypyBlock,
    BreakStmt,
    ClassDef,
    ContinueStmt,
    Decorator,
    Expression,
    ExpressionStmt,
    FloatExpr,
    ForStmt,
    GlobalDecl,
    FuncDef,
    IfStmt,
    IntExpr,
    MatchStmt,
    NameExpr,
    Node,
    NonlocalDecl,
    OverloadedFuncDef,
    PassStmt,
    RaiseStmt,
    ReturnStmt,
    Statement,
    StrExpr,
    TryStmt,
    WhileStmt,
    WithStmt,
)


class StepKind(enum.Enum):
    STMT = "stmt"  # a simple statement, evaluated as a whole
    TEST = "test"  # the condition of if / while / assert / a case guard
    FOR_ITER = "for-iter"  # evaluate the iterable of a for loop, once
    FOR_BIND = "for-bind"  # bind the loop target, once per iteration
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


@dataclass(frozen=True, slots=True)
class Step:
    kind: StepKind
    node: Node
    index: int = 0

    @property
    def line(self) -> int:
        return self.node.line


Tags = tuple[Optional[int], ...]
ANY_TAG: Final = -1  # stands for every tag: a path whose way out was forgotten (widened)


@dataclass(frozen=True, slots=True)
class TagOp:
    """What an edge does to the tags a path carries (one per cleanup region it is in).

    ``when``: only paths whose innermost tag is this one take the edge (the edges leaving
    the end of a cleanup region, one per way out). Then the path keeps its first ``keep``
    tags and appends ``push``: entering a region pushes its tag (after ``None`` for outer
    regions whose tags no path from there can use any more), leaving regions drops theirs.
    """

    when: int | None = None
    keep: int = 0
    push: Tags = ()

    def apply(self, tags: Tags) -> Tags | None:
        """The tags past the edge, or None if a path carrying ``tags`` does not take it."""
        if self.when is not None and (not tags or tags[-1] not in (self.when, ANY_TAG)):
            return None
        return tags[: self.keep] + self.push


def widened(tags: Tags) -> Tags:
    """``tags`` with every outer tag forgotten (``ANY_TAG``): only the innermost is kept.

    A solver that keeps one state per tuple of tags may fold tuples into these to bound
    their number: a path then leaves each outer cleanup by all of its ways out, as if the
    cleanup's exits were merged (sound, less precise)."""
    return (ANY_TAG,) * (len(tags) - 1) + tags[-1:] if len(tags) > 1 else tags


@dataclass(slots=True)
class Edge:
    target: int
    kind: EdgeKind = EdgeKind.NORMAL
    test: Expression | None = None  # the tested expression, for TRUE / FALSE edges
    origin: Node | None = None  # the step that raised, for EXCEPTION edges
    tags: TagOp | None = None  # None: the tags a path carries go through unchanged


@dataclass(slots=True)
class BasicBlock:
    id: int
    steps: list[Step] = field(default_factory=list)
    succs: list[Edge] = field(default_factory=list)
    preds: list[int] = field(default_factory=list)
    depth: int = 0  # how many cleanup regions (finally bodies, with-exits) it is inside


@dataclass
class CFG:
    blocks: list[BasicBlock]
    entry: int
    exit: int  # normal completion: return or falling off the end
    raise_exit: int  # an exception leaves the function
    tag_names: list[str] = field(default_factory=list)  # by tag: the way out it stands for

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


StatementFilter = Callable[[Statement], bool]
ExpressionFilter = Callable[[Expression], bool]

_SERIALS: Final = itertools.count()
_INERT: Final = (NameExpr, IntExpr, StrExpr, FloatExpr)
_ALWAYS: Final = (lambda _: True)
_NEVER: Final = (lambda _: False)


@dataclass
class _Loop:
    head: int  # where `continue` goes
    after: int  # where `break` goes
    depth: int  # length of the protected stack when the loop was entered


@dataclass
class _Region:
    """A cleanup (a finally body or a with-exit step), built once."""

    entry: int
    end: int | None  # where it completes, None if it never does
    depth: int  # of its blocks: one more than where its try / with statement stands
    keep: int  # how many outer tags a way out of its body (not through its end) reads
    serial: int = field(default_factory=lambda: next(_SERIALS))


@dataclass(frozen=True)
class _Jump:
    """Where a way out lands, and what its edge does to the tags: keep the first ``keep``
    and append ``push`` (the tag of the cleanup region it enters, if any)."""

    target: int
    keep: int
    push: Tags = ()


@dataclass
class _Protected:
    """A try body or with body: where its exceptions go and what must run on the way out."""

    handler: int | None  # dispatch block of the handlers, or None to go straight out
    cleanup: _Region | None  # the finally body, or with-exit step
    serial: int = field(default_factory=lambda: next(_SERIALS))


class CFGBuilder:
    """Builds a :class:`CFG`; ``reachable`` and ``never_returns`` come from the type map."""

    def __init__(
        self,
        reachable: StatementFilter = _ALWAYS,
        never_returns: ExpressionFilter = _NEVER,
        every_step_raises: bool = False,
    ) -> None:
        self.reachable = reachable
        self.never_returns = never_returns
        self.every_step_raises = every_step_raises
        self.blocks: list[BasicBlock] = []
        self.loops: list[_Loop] = []
        self.protected: list[_Protected] = []
        self.exit = -1
        self.raise_exit = -1
        self.depth = 0  # of the blocks being built: the cleanup regions they are inside
        self.tag_names: list[str] = []
        self._routes: dict[tuple[object, ...], _Jump] = {}
        self._tags: dict[tuple[object, ...], int] = {}

    # -- graph primitives ---------------------------------------------------------------

    def new_block(self) -> int:
        self.blocks.append(BasicBlock(len(self.blocks), depth=self.depth))
        return len(self.blocks) - 1

    def edge(
        self, src: int | None, dst: int, kind: EdgeKind = EdgeKind.NORMAL,
        test: Expression | None = None, origin: Node | None = None,
        tags: TagOp | None = None,
    ) -> None:
        if src is None:
            return
        assert tags is not None or self.blocks[src].depth == self.blocks[dst].depth
        self.blocks[src].succs.append(Edge(dst, kind, test, origin, tags))
        self.blocks[dst].preds.append(src)

    def jump(
        self, src: int | None, to: _Jump, kind: EdgeKind = EdgeKind.NORMAL,
        test: Expression | None = None, origin: Node | None = None,
    ) -> None:
        """An edge along a way out (``_route_out``), with what it does to the tags."""
        if src is None:
            return
        depth = self.blocks[src].depth
        assert to.keep <= depth
        plain = to.keep == depth and not to.push
        self.edge(src, to.target, kind, test, origin, None if plain else TagOp(None, to.keep, to.push))

    def add_step(self, cur: int | None, step: Step) -> int | None:
        """Append a step; inside a try body, split first so exceptions leave from before it."""
        if cur is None:
            return None
        if (self.every_step_raises or self._in_try_with_handler_or_cleanup()) and _may_raise(step):
            if self.blocks[cur].steps:
                nxt = self.new_block()
                self.edge(cur, nxt)
                cur = nxt
            self._exception_edge(cur, step)
        self.blocks[cur].steps.append(step)
        return cur

    def _in_try_with_handler_or_cleanup(self) -> bool:
        return any(p.handler is not None or p.cleanup is not None for p in self.protected)

    def _exception_edge(self, src: int, step: Step) -> None:
        self.jump(src, self._raise(), EdgeKind.EXCEPTION, origin=step.node)

    def _raise(self) -> _Jump:
        return self._route_out(len(self.protected), EdgeKind.EXCEPTION, what="raise")

    # -- entry points ---------------------------------------------------------------------

    def build(self, body: list[Statement]) -> CFG:
        entry = self.new_block()
        self.exit = self.new_block()
        self.raise_exit = self.new_block()
        end = self.stmts(body, entry)
        self.edge(end, self.exit)
        return CFG(self.blocks, entry, self.exit, self.raise_exit, self.tag_names)

    # -- statements -------------------------------------------------------------------------

    def stmts(self, body: list[Statement], cur: int | None) -> int | None:
        for stmt in body:
            if cur is None:
                return None
            if not self.reachable(stmt):
                return None
            cur = self.stmt(stmt, cur)
        return cur

    def block(self, block: MypyBlock | None, cur: int | None) -> int | None:
        if block is None:
            return cur
        if block.is_unreachable:
            return None
        return self.stmts(block.body, cur)

    def stmt(self, s: Statement, cur: int) -> int | None:
        if isinstance(s, IfStmt):
            return self.if_stmt(s, cur)
        if isinstance(s, WhileStmt):
            return self.while_stmt(s, cur)
        if isinstance(s, ForStmt):
            return self.for_stmt(s, cur)
        if isinstance(s, TryStmt):
            return self.try_stmt(s, cur)
        if isinstance(s, WithStmt):
            return self.with_stmt(s, cur)
        if isinstance(s, MatchStmt):
            return self.match_stmt(s, cur)
        if isinstance(s, MypyBlock):
            return self.block(s, cur)
        if isinstance(s, ReturnStmt):
            at = self.add_step(cur, Step(StepKind.STMT, s))
            self.jump(at, self._route_out(0, EdgeKind.NORMAL, to=self.exit, what="return"))
            return None
        if isinstance(s, RaiseStmt):
            at = self.add_step(cur, Step(StepKind.STMT, s))
            self.jump(at, self._raise())
            return None
        if isinstance(s, BreakStmt):
            loop = self.loops[-1]
            self.jump(cur, self._route_out(loop.depth, EdgeKind.NORMAL, to=loop.after, what="break"))
            return None
        if isinstance(s, ContinueStmt):
            loop = self.loops[-1]
            self.jump(cur, self._route_out(loop.depth, EdgeKind.NORMAL, to=loop.head, what="continue"))
            return None
        if isinstance(s, AssertStmt):
            at = self.add_step(cur, Step(StepKind.TEST, s))
            if _is_constant(s.expr) is False:
                self.jump(at, self._raise())
                return None
            # a failing assert raises AssertionError: an exceptional path, not an exit
            fail = self.new_block()
            self.edge(at, fail, EdgeKind.FALSE, s.expr)
            self.jump(fail, self._raise(), EdgeKind.EXCEPTION, origin=s)
            ok = self.new_block()
            self.edge(at, ok, EdgeKind.TRUE, s.expr)
            return ok
        if isinstance(s, (FuncDef, OverloadedFuncDef, Decorator, ClassDef)):
            return self.add_step(cur, Step(StepKind.DEF, s))
        at = self.add_step(cur, Step(StepKind.STMT, s))
        if isinstance(s, ExpressionStmt) and self.never_returns(s.expr):
            return None
        return at

    def branch(self, cur: int, test: Expression, on_true: bool) -> int | None:
        """The block that starts the TRUE (or FALSE) side of a test, or None if impossible."""
        constant = _is_constant(test)
        if constant is not None and constant is not on_true:
            return None
        side = self.new_block()
        self.edge(cur, side, EdgeKind.TRUE if on_true else EdgeKind.FALSE, test)
        return side

    def if_stmt(self, s: IfStmt, cur: int) -> int | None:
        after = self.new_block()
        for test, body in zip(s.expr, s.body):
            at = self.add_step(cur, Step(StepKind.TEST, test))
            if at is None:
                return None
            self.edge(self.block(body, self.branch(at, test, True)), after)
            nxt = self.branch(at, test, False)
            if nxt is None:
                return after if self.blocks[after].preds else None
            cur = nxt
        if s.else_body is not None and not s.unreachable_else:
            self.edge(self.block(s.else_body, cur), after)
        elif s.else_body is None:
            self.edge(cur, after)
        return after if self.blocks[after].preds else None

    def while_stmt(self, s: WhileStmt, cur: int) -> int | None:
        head = self.new_block()
        self.edge(cur, head)
        after = self.new_block()
        at = self.add_step(head, Step(StepKind.TEST, s.expr))
        assert at is not None
        self.loops.append(_Loop(head, after, len(self.protected)))
        body_end = self.block(s.body, self.branch(at, s.expr, True))
        self.loops.pop()
        self.edge(body_end, head)
        exhausted = self.branch(at, s.expr, False)
        self.edge(self.block(s.else_body, exhausted), after)
        return after if self.blocks[after].preds else None

    def for_stmt(self, s: ForStmt, cur: int) -> int | None:
        at = self.add_step(cur, Step(StepKind.FOR_ITER, s))
        head = self.new_block()
        self.edge(at, head)
        after = self.new_block()
        body = self.new_block()
        self.edge(head, body, EdgeKind.TRUE)
        exhausted = self.new_block()
        self.edge(head, exhausted, EdgeKind.FALSE)
        self.loops.append(_Loop(head, after, len(self.protected)))
        body_start = self.add_step(body, Step(StepKind.FOR_BIND, s))
        body_end = self.block(s.body, body_start)
        self.loops.pop()
        self.edge(body_end, head)
        self.edge(self.block(s.else_body, exhausted), after)
        return after if self.blocks[after].preds else None

    def with_stmt(self, s: WithStmt, cur: int) -> int | None:
        items = len(s.expr)
        for i in range(items):
            nxt = self.add_step(cur, Step(StepKind.WITH_ENTER, s, i))
            assert nxt is not None
            cur = nxt
            # item i's __exit__ runs with the items before it still entered
            self.protected.append(_Protected(None, self._cleanup([Step(StepKind.WITH_EXIT, s, i)])))
        end = self.block(s.body, cur)
        after = self.new_block()
        self.jump(end, self._route_out(len(self.protected) - items, EdgeKind.NORMAL, to=after, what="fall"))
        del self.protected[len(self.protected) - items:]
        return after if self.blocks[after].preds else None

    def try_stmt(self, s: TryStmt, cur: int) -> int | None:
        if s.finally_body is not None:
            self.protected.append(_Protected(None, self._cleanup(s.finally_body)))
        handler_entry = self.new_block() if s.handlers else None
        self.protected.append(_Protected(handler_entry, None))
        body_end = self.block(s.body, cur)
        self.protected.pop()
        end = self.block(s.else_body, body_end)
        after = self.new_block()
        self.edge(end, after)
        if handler_entry is not None:
            catches_all = False
            for i, handler in enumerate(s.handlers):
                start = self.new_block()
                self.edge(handler_entry, start, EdgeKind.EXCEPTION)
                at = self.add_step(start, Step(StepKind.EXCEPT_BIND, s, i))
                self.edge(self.block(handler, at), after)
                catches_all = catches_all or _catches_everything(s.types[i])
            if not catches_all:
                self.jump(handler_entry, self._raise(), EdgeKind.EXCEPTION)
        if s.finally_body is not None:
            if not self.blocks[after].preds:
                self.protected.pop()
                return None
            cont = self.new_block()
            self.jump(after, self._route_out(len(self.protected) - 1, EdgeKind.NORMAL, to=cont, what="fall"))
            self.protected.pop()
            return cont if self.blocks[cont].preds else None
        return after if self.blocks[after].preds else None

    def match_stmt(self, s: MatchStmt, cur: int) -> int | None:
        at = self.add_step(cur, Step(StepKind.MATCH_SUBJECT, s))
        after = self.new_block()
        for i, (pattern, guard, body) in enumerate(zip(s.patterns, s.guards, s.bodies)):
            if at is None:
                break
            case = self.new_block()
            self.edge(at, case, EdgeKind.TRUE)
            start = self.add_step(case, Step(StepKind.CASE_BIND, s, i))
            irrefutable = _is_irrefutable(pattern) and guard is None
            if guard is not None and start is not None:
                start = self.add_step(start, Step(StepKind.TEST, guard))
                assert start is not None
                matched = self.branch(start, guard, True)
                failed = self.branch(start, guard, False)
            else:
                matched, failed = start, None
            self.edge(self.block(body, matched), after)
            if irrefutable:
                at = None
            else:
                nxt = self.new_block()
                self.edge(at, nxt, EdgeKind.FALSE)
                self.edge(failed, nxt)
                at = nxt
        self.edge(at, after)
        return after if self.blocks[after].preds else None

    # -- cleanup regions and leaving protected code ----------------------------------------

    def _cleanup(self, cleanup: MypyBlock | list[Step]) -> _Region:
        """Build a finally body (or with-exit steps) once, where its statement stands: what
        is raised in it, and a break / continue / return in it, leave from there."""
        outer, first = self.depth, len(self.blocks)
        self.depth = outer + 1
        entry = self.new_block()
        end: int | None = entry
        if isinstance(cleanup, MypyBlock):
            end = self.block(cleanup, entry)
        else:
            for step in cleanup:
                end = self.add_step(end, step)
        self.depth = outer
        # Ways out of the body other than its end (an exception, a jump, the exit of a
        # cleanup nested in it) read the outer tags they keep: a path entering the region
        # must keep at least those.
        keep = 0
        for block in self.blocks[first:]:
            for e in block.succs:
                if e.target < first:  # built before: outside the region, less deep
                    assert e.tags is not None
                    keep = max(keep, e.tags.keep)
        return _Region(entry, end, outer + 1, keep)

    def _route_out(self, depth: int, kind: EdgeKind, to: int | None = None, what: str = "") -> _Jump:
        """Where a jump leaving the innermost ``len(protected) - depth`` regions lands.

        An exception stops at the innermost handler. A way out through cleanups enters the
        innermost one with the tag of this way out; the end of each cleanup passes it on to
        the next one, and the last one to the destination. ``to`` is the destination of a
        normal jump (return, break, continue, fall-through); for exceptions it is found here.
        ``what`` names the tags (``return``, ``raise``, ...) in ``CFG.render``.
        """
        key = (
            kind, to, depth,
            tuple(p.serial for p in self.protected), tuple(loop.head for loop in self.loops),
        )
        known = self._routes.get(key)
        if known is None:
            known = self._routes[key] = self._build_route(depth, kind, to, what)
        return known

    def _build_route(self, depth: int, kind: EdgeKind, to: int | None, what: str) -> _Jump:
        chain: list[_Region] = []
        target = to
        for passed in reversed(self.protected[depth:] if kind is EdgeKind.NORMAL else self.protected):
            if kind is EdgeKind.EXCEPTION and passed.handler is not None:
                target = passed.handler
                break
            if passed.cleanup is not None:
                chain.append(passed.cleanup)
        if target is None:
            target = self.raise_exit
        landing = _Jump(target, self.blocks[target].depth)
        leaving = EdgeKind.RERAISE if kind is EdgeKind.EXCEPTION else EdgeKind.NORMAL
        # outermost cleanup first: each one's end jumps to what was built before it
        for region in reversed(chain):
            tag = self._tag(region, landing, leaving, what)
            # keep the outer tags that its end passes on, or that its body may still read
            keep = min(region.depth - 1, max(region.keep, landing.keep))
            landing = _Jump(region.entry, keep, (None,) * (region.depth - 1 - keep) + (tag,))
        return landing

    def _tag(self, region: _Region, then: _Jump, kind: EdgeKind, what: str) -> int:
        """The tag of a way out of ``region``: at its end, go on along ``then``."""
        key = (region.serial, then, kind)
        tag = self._tags.get(key)
        if tag is None:
            tag = self._tags[key] = len(self.tag_names)
            self.tag_names.append(f"{what or kind.value}#{tag}")
            if region.end is not None:
                self.edge(region.end, then.target, kind, tags=TagOp(tag, then.keep, then.push))
        return tag


def _may_raise(step: Step) -> bool:
    """Whether a step can raise: it evaluates something beyond names and literals (a
    ``return None``, ``pass`` or ``x = y`` cannot, and giving them exceptional edges would
    carry states into handlers along paths that do not exist)."""
    node = step.node
    if isinstance(node, (PassStmt, BreakStmt, ContinueStmt, GlobalDecl, NonlocalDecl)):
        return False
    if step.kind is StepKind.STMT and isinstance(node, Statement):
        parts = every_expression(node)
        return not all(isinstance(p, _INERT) for p in parts)
    return True


def _is_constant(expr: Expression) -> bool | None:
    if isinstance(expr, NameExpr) and expr.fullname in ("builtins.True", "builtins.False"):
        return expr.fullname == "builtins.True"
    if isinstance(expr, IntExpr):
        return bool(expr.value)
    return None


def _catches_everything(t: Expression | None) -> bool:
    return t is None or (
        isinstance(t, NameExpr) and t.fullname in ("builtins.BaseException",)
    )


def _is_irrefutable(pattern: object) -> bool:
    return isinstance(pattern, AsPattern) and (
        pattern.pattern is None or _is_irrefutable(pattern.pattern)
    )


def build_cfg(
    body: list[Statement],
    reachable: StatementFilter = _ALWAYS,
    never_returns: ExpressionFilter = _NEVER,
    every_step_raises: bool = False,
) -> CFG:
    """``every_step_raises``: outside ``try`` bodies too, each step gets an exceptional edge
    (towards the function's exit), for analyses that follow exceptions everywhere."""
    return CFGBuilder(reachable, never_returns, every_step_raises).build(body)
