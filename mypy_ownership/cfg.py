"""A control-flow graph over one mypy function body (or a module's top level).

The graph knows nothing of ownership. A block is a run of *steps* (an AST node and what
happens to it: a simple statement, a branch test, a loop binding, the entry or exit of a
``with`` item, ...), and edges are labelled (normal, true/false of a test, exceptional),
so that a check can give meaning to each of them. Expression-level branching (``and``,
``or``, conditional expressions, comprehensions) stays inside a step: the check walks the
expression tree and joins its own states there.

Design choices worth knowing:
- ``finally`` bodies (and the implicit ``__exit__`` of ``with``) are copied once per way
  out of the protected region (fall-through, return, break, continue, exception), so a
  state is never merged across exits that differ;
- a step inside a ``try`` body gets an exceptional edge from the state *before* it to the
  handlers (and to the ``finally`` copy for exceptions no handler catches);
- code that cannot run (after ``return``, under ``Block.is_unreachable``, after a call the
  caller says never returns, statements the caller says mypy found unreachable) gets no
  incoming edge, so a forward analysis never reaches it.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Final

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


@dataclass(slots=True)
class Edge:
    target: int
    kind: EdgeKind = EdgeKind.NORMAL
    test: Expression | None = None  # the tested expression, for TRUE / FALSE edges
    origin: Node | None = None  # the step that raised, for EXCEPTION edges


@dataclass(slots=True)
class BasicBlock:
    id: int
    steps: list[Step] = field(default_factory=list)
    succs: list[Edge] = field(default_factory=list)
    preds: list[int] = field(default_factory=list)


@dataclass
class CFG:
    blocks: list[BasicBlock]
    entry: int
    exit: int  # normal completion: return or falling off the end
    raise_exit: int  # an exception leaves the function

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
        """A textual form for tests: one line per block, steps and labelled edges."""
        lines = []
        for b in self.blocks:
            steps = ", ".join(f"{s.kind.value}@{s.line}" for s in b.steps)
            succs = " ".join(
                f"{e.target}" + ("" if e.kind is EdgeKind.NORMAL else f"({e.kind.value})")
                for e in b.succs
            )
            lines.append(f"{b.id}: [{steps}] -> {succs}")
        return "\n".join(lines)


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
    depth: int  # length of the finally stack when the loop was entered


@dataclass
class _Protected:
    """A try body or with body: where its exceptions go and what must run on the way out."""

    handler: int | None  # dispatch block of the handlers, or None to go straight out
    cleanup: list[Step] | MypyBlock | None  # the finally body, or with-exit steps
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
        self._routes: dict[tuple[object, ...], int] = {}

    # -- graph primitives ---------------------------------------------------------------

    def new_block(self) -> int:
        self.blocks.append(BasicBlock(len(self.blocks)))
        return len(self.blocks) - 1

    def edge(
        self, src: int | None, dst: int, kind: EdgeKind = EdgeKind.NORMAL,
        test: Expression | None = None, origin: Node | None = None,
    ) -> None:
        if src is None:
            return
        self.blocks[src].succs.append(Edge(dst, kind, test, origin))
        self.blocks[dst].preds.append(src)

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
        target = self._route_out(len(self.protected), EdgeKind.EXCEPTION)
        self.edge(src, target, EdgeKind.EXCEPTION, origin=step.node)

    # -- entry points ---------------------------------------------------------------------

    def build(self, body: list[Statement]) -> CFG:
        entry = self.new_block()
        self.exit = self.new_block()
        self.raise_exit = self.new_block()
        end = self.stmts(body, entry)
        self.edge(end, self.exit)
        return CFG(self.blocks, entry, self.exit, self.raise_exit)

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
            self.edge(at, self._route_out(0, EdgeKind.NORMAL, to=self.exit))
            return None
        if isinstance(s, RaiseStmt):
            at = self.add_step(cur, Step(StepKind.STMT, s))
            self.edge(at, self._route_out(len(self.protected), EdgeKind.EXCEPTION))
            return None
        if isinstance(s, BreakStmt):
            loop = self.loops[-1]
            self.edge(cur, self._route_out(loop.depth, EdgeKind.NORMAL, to=loop.after))
            return None
        if isinstance(s, ContinueStmt):
            loop = self.loops[-1]
            self.edge(cur, self._route_out(loop.depth, EdgeKind.NORMAL, to=loop.head))
            return None
        if isinstance(s, AssertStmt):
            at = self.add_step(cur, Step(StepKind.TEST, s))
            if _is_constant(s.expr) is False:
                self.edge(at, self._route_out(len(self.protected), EdgeKind.EXCEPTION))
                return None
            # a failing assert raises AssertionError: an exceptional path, not an exit
            fail = self.new_block()
            self.edge(at, fail, EdgeKind.FALSE, s.expr)
            self.edge(
                fail, self._route_out(len(self.protected), EdgeKind.EXCEPTION),
                EdgeKind.EXCEPTION, origin=s,
            )
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
        exits: list[Step] = []
        for i in range(len(s.expr)):
            nxt = self.add_step(cur, Step(StepKind.WITH_ENTER, s, i))
            if nxt is None:
                return None
            cur = nxt
            exits.insert(0, Step(StepKind.WITH_EXIT, s, i))
            self.protected.append(_Protected(None, [exits[0]]))
        end = self.block(s.body, cur)
        del self.protected[len(self.protected) - len(s.expr):]
        for step in exits:
            end = self.add_step(end, step)
        return end

    def try_stmt(self, s: TryStmt, cur: int) -> int | None:
        if s.finally_body is not None:
            self.protected.append(_Protected(None, s.finally_body))
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
                self.edge(
                    handler_entry,
                    self._route_out(len(self.protected), EdgeKind.EXCEPTION),
                    EdgeKind.EXCEPTION,
                )
        if s.finally_body is not None:
            self.protected.pop()
            if not self.blocks[after].preds:
                return None
            return self.block(s.finally_body, after)
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

    # -- leaving protected regions -----------------------------------------------------

    def _route_out(self, depth: int, kind: EdgeKind, to: int | None = None) -> int:
        """Where a jump leaving the innermost ``len(protected) - depth`` regions lands.

        An exception stops at the innermost handler; every cleanup passed on the way is
        copied in front of the destination. ``to`` is the destination of a normal jump
        (return, break, continue); for exceptions it is found here.
        """
        key = (
            kind, to, depth,
            tuple(p.serial for p in self.protected), tuple(loop.head for loop in self.loops),
        )
        known = self._routes.get(key)
        if known is None:
            known = self._routes[key] = self._build_route(depth, kind, to)
        return known

    def _build_route(self, depth: int, kind: EdgeKind, to: int | None) -> int:
        chain: list[list[Step] | MypyBlock] = []
        target = to
        for region in reversed(self.protected[depth:] if kind is EdgeKind.NORMAL else self.protected):
            if kind is EdgeKind.EXCEPTION and region.handler is not None:
                target = region.handler
                break
            if region.cleanup is not None:
                chain.append(region.cleanup)
        if target is None:
            target = self.raise_exit
        if not chain:
            return target
        # Build the cleanup copies innermost first, with the outer regions they belong to
        # still in force for anything raised inside them.
        saved, saved_loops = self.protected, self.loops
        start = self.new_block()
        cur: int | None = start
        level = len(saved)
        for cleanup in chain:
            level = self._region_level(saved, cleanup, level)
            self.protected = saved[:level]
            # a break/continue inside the cleanup leaves loops that enclose its region
            self.loops = [loop for loop in saved_loops if loop.depth <= level]
            if isinstance(cleanup, MypyBlock):
                cur = self.block(cleanup, cur)
            else:
                for step in cleanup:
                    cur = self.add_step(cur, step)
        self.protected, self.loops = saved, saved_loops
        if cur is not None:
            self.edge(cur, target, EdgeKind.RERAISE if kind is EdgeKind.EXCEPTION else kind)
        return start

    @staticmethod
    def _region_level(
        regions: list[_Protected], cleanup: list[Step] | MypyBlock, below: int
    ) -> int:
        for i in range(below - 1, -1, -1):
            if regions[i].cleanup is cleanup:
                return i
        return below


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
