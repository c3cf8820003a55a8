"""Building the control-flow graph of one body (the graph itself: ``cfg.py``).

See ``cfg.py`` for what the graph is; here each statement kind is turned into blocks and
edges, and each ``finally`` body and ``with`` exit is built once, as a region entered by
tagged edges (docs/design.md §11.9).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Final

from mypy.patterns import AsPattern

from mypy_ownership.evaluation import every_expression
from mypy.nodes import (
    AssertStmt,
    AssignmentStmt,
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
    OperatorAssignmentStmt,
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

from mypy_ownership.cfg import (
    CFG,
    BasicBlock,
    Edge,
    EdgeKind,
    Step,
    StepKind,
    TagOp,
    Tags,
)
from mypy_ownership.records import Frozen, Record

StatementFilter = Callable[[Statement], bool]
ExpressionFilter = Callable[[Expression], bool]

_SERIALS: Final = itertools.count()
_INERT: Final = (NameExpr, IntExpr, StrExpr, FloatExpr)
_ALWAYS: Final = (lambda _: True)
_NEVER: Final = (lambda _: False)


class _Loop(Record):
    head: int  # where `continue` goes
    after: int  # where `break` goes
    depth: int  # length of the protected stack when the loop was entered

    def __init__(self, head: int, after: int, depth: int) -> None:
        self.head, self.after, self.depth = head, after, depth


class _Region(Record):
    """A cleanup (a finally body or a with-exit step), built once."""

    entry: int
    end: int | None  # where it completes, None if it never does
    depth: int  # of its blocks: one more than where its try / with statement stands
    keep: int  # how many outer tags a way out of its body (not through its end) reads
    serial: int

    def __init__(self, entry: int, end: int | None, depth: int, keep: int, serial: int | None = None) -> None:
        self.entry, self.end, self.depth, self.keep = entry, end, depth, keep
        self.serial = next(_SERIALS) if serial is None else serial


class _Jump(Frozen, Record):
    """Where a way out lands, and what its edge does to the tags: keep the first ``keep``
    and append ``push`` (the tag of the cleanup region it enters, if any)."""

    __hash__ = Record.hashed
    target: int
    keep: int
    push: Tags

    def __init__(self, target: int, keep: int, push: Tags = ()) -> None:
        self.__dict__.update(target=target, keep=keep, push=push)


class _Protected(Record):
    """A try body or with body: where its exceptions go and what must run on the way out."""

    handler: int | None  # dispatch block of the handlers, or None to go straight out
    cleanup: _Region | None  # the finally body, or with-exit step
    serial: int

    def __init__(self, handler: int | None, cleanup: _Region | None, serial: int | None = None) -> None:
        self.handler, self.cleanup = handler, cleanup
        self.serial = next(_SERIALS) if serial is None else serial


class CFGBuilder:
    """Builds a :class:`CFG`; ``reachable`` and ``never_returns`` come from the type map."""

    def __init__(
        self,
        reachable: StatementFilter = _ALWAYS,
        never_returns: ExpressionFilter = _NEVER,
        every_step_raises: bool = False,
        ends_process: ExpressionFilter = _NEVER,
    ) -> None:
        self.reachable = reachable
        self.never_returns = never_returns
        self.ends_process = ends_process  # neither returns nor raises: the process is gone
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
        block = len(self.blocks)
        self.blocks.append(BasicBlock(block, depth=self.depth))
        return block

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
        if (self.every_step_raises or self._in_try_with_handler_or_cleanup()) and _may_raise(step) and not (
            step.kind is StepKind.STMT and isinstance(step.node, ExpressionStmt) and self.ends_process(step.node.expr)
        ):
            if self.blocks[cur].steps:
                nxt = self.new_block()
                self.edge(cur, nxt)
                cur = nxt
            self._exception_edge(cur, step)
        self.blocks[cur].steps.append(step)
        return cur

    def _in_try_with_handler_or_cleanup(self) -> bool:
        for p in self.protected:  # asked at every step: a plain loop
            if p.handler is not None or p.cleanup is not None:
                return True
        return False

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
        if type(s) is AssignmentStmt or type(s) is OperatorAssignmentStmt:
            return self.add_step(cur, Step(StepKind.STMT, s))  # the most common: a plain step
        if type(s) is ExpressionStmt:
            at = self.add_step(cur, Step(StepKind.STMT, s))
            return None if self.never_returns(s.expr) or self.ends_process(s.expr) else at
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
        if isinstance(s, ExpressionStmt) and (self.never_returns(s.expr) or self.ends_process(s.expr)):
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
        ran_out = self.add_step(exhausted, Step(StepKind.FOR_END, s))
        assert ran_out is not None
        self.edge(self.block(s.else_body, ran_out), after)
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
    ends_process: ExpressionFilter = _NEVER,
) -> CFG:
    """``every_step_raises``: outside ``try`` bodies too, each step gets an exceptional edge
    (towards the function's exit), for analyses that follow exceptions everywhere."""
    return CFGBuilder(reachable, never_returns, every_step_raises, ends_process).build(body)
