"""Unit tests of the engine under the checks: the CFG builder and the dataflow solver.

Snippets are parsed (not semantically analysed) and a step is named by a ``# TAG`` comment
at the end of its line, so each test states the graph property it relies on directly.
"""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable, Iterable
from typing import Union

import pytest
from mypy.errors import Errors
from mypy.nodes import (
    AssertStmt,
    Block,
    CallExpr,
    Expression,
    ExpressionStmt,
    ForStmt,
    FuncDef,
    IfStmt,
    MatchStmt,
    NameExpr,
    Statement,
    TryStmt,
    WhileStmt,
    WithStmt,
)
from mypy.options import Options
from mypy.parse import parse

from mypy_ownership.cfg import Edge, EdgeKind, Step, StepKind, Tags
from mypy_ownership.cfg_builder import build_cfg
from mypy_ownership.dataflow import Solution, solve
from mypy_ownership.evaluation import children, every_expression
from mypy_ownership.pipes import owed_pipes

# -- helpers ----------------------------------------------------------------------------

_CHILDREN: dict[type, tuple[str, ...]] = {
    Block: ("body",),
    IfStmt: ("expr", "body", "else_body"),
    WhileStmt: ("expr", "body", "else_body"),
    ForStmt: ("body", "else_body"),
    TryStmt: ("body", "types", "handlers", "else_body", "finally_body"),
    WithStmt: ("body",),
    MatchStmt: ("guards", "bodies"),
    AssertStmt: ("expr",),
}


def _resolve_builtins(node: object) -> None:
    """Give ``True``/``False``/``BaseException`` the fullnames semantic analysis would."""
    if isinstance(node, list):
        for item in node:
            _resolve_builtins(item)
    elif isinstance(node, NameExpr):
        if node.name in ("True", "False", "BaseException"):
            node.fullname = "builtins." + node.name
    elif type(node) in _CHILDREN:
        for attr in _CHILDREN[type(node)]:
            _resolve_builtins(getattr(node, attr))


def parse_body(source: str) -> list[Statement]:
    options = Options()
    errors = Errors(options)
    tree = parse(source, "t.py", "t", errors, options, eager=True)
    assert not errors.is_errors(), source
    func = tree.defs[0]
    assert isinstance(func, FuncDef)
    body = func.body.body
    _resolve_builtins(body)
    return body


Where = Union[str, tuple[StepKind, str], int]  # a tag, a kind at a tag, or a block id


class Graph:
    """A CFG built from a snippet, with path queries over its steps."""

    def __init__(self, source: str, **options: Callable[..., bool]) -> None:
        self.source = textwrap.dedent(source).lstrip("\n")
        self.body = parse_body(self.source)
        self.cfg = build_cfg(self.body, **options)

    def line(self, tag: str) -> int:
        found = [
            n for n, text in enumerate(self.source.splitlines(), 1)
            if text.rstrip().endswith(f"# {tag}")
        ]
        assert len(found) == 1, f"tag {tag!r} found {len(found)} times"
        return found[0]

    def lines(self, *tags: str) -> frozenset[int]:
        return frozenset(self.line(t) for t in tags)

    def _matches(self, step: Step, where: Where) -> bool:
        if isinstance(where, tuple):
            kind, tag = where
            return step.kind is kind and step.line == self.line(tag)
        return isinstance(where, str) and step.line == self.line(where)

    def blocks(self, where: Where) -> list[int]:
        """Blocks holding a step that matches ``where`` (copies of a finally body included)."""
        if isinstance(where, int):
            return [where]
        return [b.id for b in self.cfg.blocks if any(self._matches(s, where) for s in b.steps)]

    def only_block(self, where: Where) -> int:
        found = self.blocks(where)
        assert len(found) == 1, f"{where!r} is in blocks {found}\n{self.cfg.render()}"
        return found[0]

    def succ(self, where: Where, kind: EdgeKind) -> list[int]:
        return [e.target for e in self.cfg.blocks[self.only_block(where)].succs if e.kind is kind]

    def reachable_blocks(self) -> set[int]:
        seen, todo = {self.cfg.entry}, [self.cfg.entry]
        while todo:
            for edge in self.cfg.successors(todo.pop()):
                if edge.target not in seen:
                    seen.add(edge.target)
                    todo.append(edge.target)
        return seen

    def reached_lines(self) -> set[int]:
        """Lines of the steps that some path from the entry executes."""
        return {s.line for b in self.reachable_blocks() for s in self.cfg.blocks[b].steps}

    def reached(self, tag: str) -> bool:
        return self.line(tag) in self.reached_lines()

    def contexts(self) -> dict[int, set[Tags]]:
        """By block, the tags of the paths from the entry that reach it."""
        found: dict[int, set[Tags]] = {self.cfg.entry: {()}}
        todo: list[tuple[int, Tags]] = [(self.cfg.entry, ())]
        while todo:
            block, tags = todo.pop()
            for edge in self.cfg.successors(block):
                onward = tags if edge.tags is None else edge.tags.apply(tags)
                if onward is not None and onward not in found.setdefault(edge.target, set()):
                    found[edge.target].add(onward)
                    todo.append((edge.target, onward))
        return found

    def path(
        self, src: Where, dst: Where, avoid: Iterable[Where] = (), tags: Tags | None = None
    ) -> bool:
        """Whether some path runs a step matching ``src`` and later reaches ``dst``.

        The path may not run a step matching ``avoid`` in between. A point is (block, step
        index, tags). Normal edges leave at the end of a block; exceptional ones, as the
        solver reads them, stand for the block's first step raising, so they leave from
        before it or right after it. An edge out of a cleanup region's end is taken only
        with its tag, as the solver does; a path starts with the tags the paths from the
        entry reach its start with, or only ``tags``. A block id as ``src`` starts at the
        top of that block.
        """
        blocks = self.cfg.blocks
        contexts = self.contexts()
        Point = tuple[int, int, Tags]

        def hit(block: int, i: int) -> bool:
            if isinstance(dst, int):
                return block == dst and i == 0
            return i < len(blocks[block].steps) and self._matches(blocks[block].steps[i], dst)

        def successors(block: int, i: int, tags: Tags) -> list[Point]:
            steps = blocks[block].steps
            runs = i < len(steps) and not any(self._matches(steps[i], a) for a in avoid)
            out = [(block, i + 1, tags)] if runs else []
            for e in blocks[block].succs:
                onward = tags if e.tags is None else e.tags.apply(tags)
                if onward is None:
                    continue
                if e.kind is EdgeKind.EXCEPTION:
                    if i == 1 or (i == 0 and (runs or not steps)):
                        out.append((e.target, 0, onward))
                elif i == len(steps):
                    out.append((e.target, 0, onward))
            return out

        if isinstance(src, int):
            todo: list[Point] = [(src, 0, t) for t in contexts.get(src, ())]
        else:
            todo = [
                (b.id, i + 1, t)
                for b in blocks for i, s in enumerate(b.steps) if self._matches(s, src)
                for t in contexts.get(b.id, ())
            ]
            assert any(self._matches(s, src) for b in blocks for s in b.steps), f"no step matches {src!r}"
        if tags is not None:
            todo = [point for point in todo if point[2] == tags]
        if any(hit(block, i) for block, i, _ in todo):
            return True
        seen = set(todo)
        while todo:
            for point in successors(*todo.pop()):
                if point not in seen:
                    if hit(point[0], point[1]):
                        return True
                    seen.add(point)
                    todo.append(point)
        return False

    def exit_reachable(self) -> bool:
        return self.cfg.exit in self.reachable_blocks()


class Executed:
    """Lines of the steps run so far: union join = on SOME path, intersection = on ALL paths."""

    def __init__(self, join: Callable[[frozenset[int], frozenset[int]], frozenset[int]]) -> None:
        self._join = join

    def initial(self) -> frozenset[int]:
        return frozenset()

    def join(self, a: frozenset[int], b: frozenset[int]) -> frozenset[int]:
        return self._join(a, b)

    def transfer(self, step: Step, state: frozenset[int]) -> frozenset[int]:
        return state | {step.line}

    def transfer_edge(self, edge: Edge, state: frozenset[int]) -> frozenset[int]:
        return state


SOME = Executed(frozenset.union)
ALL = Executed(frozenset.intersection)


def at_exit(g: Graph, analysis: Executed) -> frozenset[int] | None:
    return solve(g.cfg, analysis).entry(g.cfg.exit)


def at_raise(g: Graph, analysis: Executed) -> frozenset[int] | None:
    return solve(g.cfg, analysis).entry(g.cfg.raise_exit)


# -- CFG shape ----------------------------------------------------------------------------


def test_straight_line_is_one_block_to_exit() -> None:
    g = Graph("""
        def f():
            a()  # A
            b = 1  # B
            c()  # C
    """)
    entry = g.cfg.blocks[g.cfg.entry]
    assert [(s.kind, s.line) for s in entry.steps] == [
        (StepKind.STMT, g.line(t)) for t in "ABC"
    ]
    assert [(e.target, e.kind) for e in entry.succs] == [(g.cfg.exit, EdgeKind.NORMAL)]
    assert g.path("A", "C")
    assert not g.path("C", "A")
    assert not g.path("A", g.cfg.raise_exit)


def test_if_elif_else_branches_rejoin() -> None:
    """Exactly one branch runs; TRUE/FALSE edges carry the test they decide."""
    g = Graph("""
        def f(x, y):
            if x:  # T1
                a()  # A
            elif y:  # T2
                b()  # B
            else:
                c()  # C
            d()  # D
    """)
    t1 = g.only_block((StepKind.TEST, "T1"))
    kinds = {e.kind for e in g.cfg.blocks[t1].succs}
    assert kinds == {EdgeKind.TRUE, EdgeKind.FALSE}
    assert all(e.test is not None and e.test.line == g.line("T1") for e in g.cfg.blocks[t1].succs)
    assert g.path("T1", "A", avoid=["T2"])
    assert not g.path("T1", "B", avoid=["T2"])
    assert g.path("T2", "B") and g.path("T2", "C")
    for branch in "ABC":
        assert g.path(branch, "D")
    assert not g.path("A", "B") and not g.path("A", "C") and not g.path("B", "C")
    assert not g.path("A", "T2")


def test_while_with_break_continue_else() -> None:
    """``else`` runs only when the test fails; ``break`` skips it, ``continue`` re-tests."""
    g = Graph("""
        def f():
            while c():  # W
                a()  # A
                if p():  # P
                    break
                if q():  # Q
                    continue
                b()  # B
            else:
                e()  # E
            d()  # D
    """)
    assert g.path("B", "W")
    assert g.path("Q", "W", avoid=["B"])
    assert g.path("P", "D", avoid=["E", "W"])
    [broken] = g.succ("P", EdgeKind.TRUE)
    assert g.path(broken, "D")
    assert not g.path(broken, "E")
    assert not g.path(broken, "W")
    [exhausted] = g.succ("W", EdgeKind.FALSE)
    assert g.path(exhausted, "E")
    assert not g.path("W", "D", avoid=["E", "P"])
    [continued] = g.succ("Q", EdgeKind.TRUE)
    assert not g.path(continued, "D", avoid=["W"])
    assert not g.path(continued, "B", avoid=["W"])


@pytest.mark.parametrize("forever", ["True", "1"])
def test_while_true_without_break_never_exits(forever: str) -> None:
    """A constant-true test has no FALSE edge, so the loop is only left by break/return."""
    g = Graph(f"""
        def f():
            a()  # A
            while {forever}:  # W
                b()  # B
            d()  # D
    """)
    assert g.reached("B")
    assert not g.reached("D")
    assert g.succ("W", EdgeKind.FALSE) == []
    assert not g.path("B", g.cfg.exit)
    assert not g.exit_reachable()


def test_while_true_with_break_reaches_code_after() -> None:
    g = Graph("""
        def f():
            while True:  # W
                if p():  # P
                    break
            d()  # D
    """)
    assert g.succ("W", EdgeKind.FALSE) == []
    assert g.path("P", "D")
    assert g.exit_reachable()


def test_for_else_iterates_once_binds_each_time_and_break_skips_else() -> None:
    """The iterable is evaluated once (FOR_ITER), the target bound per iteration (FOR_BIND)."""
    g = Graph("""
        def f(xs):
            for x in xs:  # F
                if p(x):  # P
                    break
                a()  # A
            else:
                e()  # E
            d()  # D
    """)
    it, bind = (StepKind.FOR_ITER, "F"), (StepKind.FOR_BIND, "F")
    assert g.path(it, bind)
    assert g.path("A", bind)
    assert not g.path(bind, it)
    assert g.path("A", "E")
    assert g.path(it, "E", avoid=[bind])
    [broken] = g.succ("P", EdgeKind.TRUE)
    assert g.path(broken, "D") and not g.path(broken, "E")
    assert g.path("E", "D")


def test_return_inside_try_finally_runs_the_finally_once_with_a_tag_per_exit() -> None:
    """One finally body; return, fall-through and exception each enter it with their own
    tag, and its end leads each tag only to its own way out, so states never mix."""
    g = Graph("""
        def f(c):
            try:
                a()  # A
                if c:  # C
                    return 1  # R
                b()  # B
            finally:
                z()  # Z
            d()  # D
    """)
    assert g.path("R", g.cfg.exit)
    assert not g.path("R", g.cfg.exit, avoid=["Z"])
    assert not g.path("R", "D")
    assert g.path("B", "D")
    assert not g.path("B", "D", avoid=["Z"])
    assert g.path("A", g.cfg.raise_exit)
    assert not g.path("A", g.cfg.raise_exit, avoid=["Z"])
    [z] = g.blocks("Z")
    tags = g.contexts()[z]
    assert len(tags) == 3 and all(len(t) == 1 == g.cfg.blocks[z].depth for t in tags)
    leads = sorted(
        (g.path(z, "D", tags=t), g.path(z, g.cfg.exit, avoid=["D"], tags=t), g.path(z, g.cfg.raise_exit, tags=t))
        for t in tags
    )
    assert leads == [(False, False, True), (False, True, False), (True, False, False)]


def test_raise_in_try_reaches_bare_except_not_raise_exit() -> None:
    g = Graph("""
        def f():
            try:  # T
                a()  # A
                raise E()  # R
            except:
                h()  # H
            d()  # D
    """)
    assert g.path("R", (StepKind.EXCEPT_BIND, "T"))
    assert not g.path("R", g.cfg.raise_exit)
    assert not g.path("A", g.cfg.raise_exit)
    assert g.path("R", "D")
    assert not g.path("R", "D", avoid=["H"])


@pytest.mark.parametrize("clause", ["except:", "except BaseException:", "except ValueError:"])
def test_try_except_exception_edges(clause: str) -> None:
    """Every try-body step that can raise starts a block with an edge to the handler
    dispatch (``x = 1`` cannot raise and gets none); the else body is not protected; only a
    non-catch-all handler lets exceptions escape."""
    g = Graph(f"""
        def f(c):
            try:  # T
                a()  # A
                if c:  # C
                    b()  # B
                x = 1  # X
            {clause}
                h()  # H
            else:
                e()  # E
            d()  # D
    """)
    bind = g.only_block((StepKind.EXCEPT_BIND, "T"))
    [dispatch] = g.cfg.blocks[bind].preds
    assert g.cfg.blocks[dispatch].steps == []
    for tag in "ACB":
        block = g.cfg.blocks[g.only_block(tag)]
        assert block.steps[0].line == g.line(tag)
        assert [e.target for e in block.succs if e.kind is EdgeKind.EXCEPTION] == [dispatch]
    inert = g.cfg.blocks[g.only_block("X")]
    assert [e for e in inert.succs if e.kind is EdgeKind.EXCEPTION] == []
    assert not g.path("E", bind)
    escapes = clause == "except ValueError:"
    assert g.path("A", g.cfg.raise_exit) is escapes
    assert (g.cfg.raise_exit in g.succ(dispatch, EdgeKind.EXCEPTION)) is escapes


def test_with_exit_runs_after_body_and_on_return() -> None:
    """``__exit__`` runs on every way out of the body: fall-through, return, exception."""
    g = Graph("""
        def f(c):
            with cm() as x:  # W
                a()  # A
                if c:  # C
                    return 1  # R
                b()  # B
            d()  # D
    """)
    enter, leave = (StepKind.WITH_ENTER, "W"), (StepKind.WITH_EXIT, "W")
    assert g.path(enter, "A")
    assert not g.path("A", enter)
    assert g.path("B", leave)
    assert not g.path("B", "D", avoid=[leave])
    assert g.path("R", leave)
    assert not g.path("R", g.cfg.exit, avoid=[leave])
    assert not g.path("R", "D")
    assert not g.path("A", g.cfg.raise_exit, avoid=[leave])
    [exit_block] = g.blocks(leave)
    assert len(g.contexts()[exit_block]) == 3  # fall-through, return, exception


def test_with_two_items_exit_in_reverse_order() -> None:
    """Items are entered left to right and left right to left."""
    g = Graph("""
        def f():
            with m() as x, n() as y:  # W
                a()  # A
            d()  # D
    """)
    def block_of(kind: StepKind, index: int) -> int:
        [found] = [
            b.id for b in g.cfg.blocks for s in b.steps
            if s.line == g.line("W") and (s.kind, s.index) == (kind, index)
        ]
        return found

    enter0, enter1 = block_of(StepKind.WITH_ENTER, 0), block_of(StepKind.WITH_ENTER, 1)
    exit0, exit1 = block_of(StepKind.WITH_EXIT, 0), block_of(StepKind.WITH_EXIT, 1)
    assert g.path(enter0, enter1) and not g.path(enter1, enter0)
    assert g.path("A", exit1) and g.path(exit1, exit0) and g.path(exit0, "D")
    assert not g.path(exit0, exit1)
    # the second item's __exit__ runs with the first item entered: if it raises, the
    # first item's __exit__ runs before the exception leaves
    assert [e.target for e in g.cfg.blocks[exit1].succs if e.kind is EdgeKind.EXCEPTION] == [exit0]


def test_match_guard_and_wildcard() -> None:
    """A failed guard tries the next case; nothing falls through after ``case _``."""
    g = Graph("""
        def f(x):
            match x:  # M
                case 1:
                    a()  # A
                case y if p(y):  # G
                    b()  # B
                case _:
                    c()  # W
            d()  # D
    """)
    subject = (StepKind.MATCH_SUBJECT, "M")
    indices = sorted(
        s.index for b in g.cfg.blocks for s in b.steps if s.kind is StepKind.CASE_BIND
    )
    assert indices == [0, 1, 2]
    assert g.path("G", "B") and g.path("G", "W", avoid=["B"])
    for body in "ABW":
        assert g.path(body, "D")
    assert not g.path(subject, "D", avoid=["A", "B", "W"])


def test_match_without_irrefutable_case_falls_through() -> None:
    """A guarded wildcard is refutable, so no case may match."""
    g = Graph("""
        def f(x):
            match x:  # M
                case 1:
                    a()  # A
                case _ if p():  # G
                    b()  # B
            d()  # D
    """)
    assert g.path((StepKind.MATCH_SUBJECT, "M"), "D", avoid=["A", "B"])


def test_assert_false_ends_the_path() -> None:
    g = Graph("""
        def f():
            a()  # A
            assert False  # X
            b()  # B
    """)
    assert g.reached("X")
    assert not g.reached("B")
    assert not g.exit_reachable()
    assert g.path("X", g.cfg.raise_exit)


def test_raise_and_assert_false_leave_with_the_state_after_them() -> None:
    """Unlike a step that may raise, these jump out after running, preceding steps included."""
    for stmt in ("raise E()", "assert False"):
        g = Graph(f"""
            def f():
                a()  # A
                {stmt}  # X
        """)
        assert at_raise(g, ALL) == g.lines("A", "X")


def test_assert_condition_splits() -> None:
    g = Graph("""
        def f(c):
            assert c  # X
            b()  # B
    """)
    assert g.path("X", "B") and g.path("X", g.cfg.raise_exit)
    assert not g.path("B", g.cfg.raise_exit)


def test_code_after_return_is_unreachable() -> None:
    """Dead code gets no steps on any reachable block (a forward analysis never sees it)."""
    g = Graph("""
        def f(c):
            if c:  # C
                return 1  # R
                a()  # A
            else:
                return 2  # S
            b()  # B
    """)
    assert g.reached("R") and g.reached("S")
    assert not g.reached("A") and not g.reached("B")
    for tag in "AB":
        assert all(not g.cfg.blocks[b].preds for b in g.blocks(tag))
    assert g.path("R", g.cfg.exit) and g.path("S", g.cfg.exit)


def test_try_finally_in_loop_routes_break_and_continue_through_finally() -> None:
    """break, continue, fall-through and exception each run their own finally copy."""
    g = Graph("""
        def f():
            while c():  # W
                try:
                    if p():  # P
                        break
                    if q():  # Q
                        continue
                    a()  # A
                finally:
                    z()  # Z
            d()  # D
    """)
    [broken] = g.succ("P", EdgeKind.TRUE)
    [continued] = g.succ("Q", EdgeKind.TRUE)
    assert g.path(broken, "D", avoid=["W"])
    assert not g.path(broken, "D", avoid=["Z"])
    assert g.path(continued, "W")
    assert not g.path(continued, "W", avoid=["Z"])
    assert not g.path(continued, "D", avoid=["W"])
    assert not g.path("A", "W", avoid=["Z"])
    [z] = g.blocks("Z")
    assert len(g.contexts()[z]) == 4  # break, continue, fall-through, exception


def test_nested_finally_copies_run_inner_then_outer() -> None:
    g = Graph("""
        def f():
            try:
                try:
                    return 1  # R
                finally:
                    i()  # I
            finally:
                o()  # O
    """)
    assert g.path("R", "I") and g.path("I", "O")
    assert not g.path("R", g.cfg.exit, avoid=["I"])
    assert not g.path("R", g.cfg.exit, avoid=["O"])
    assert not g.path("R", "O", avoid=["I"])
    assert not g.path("R", g.cfg.raise_exit, avoid=["I"])


# -- reachable / never_returns callbacks -----------------------------------------------------


def test_statement_mypy_found_unreachable_ends_the_path() -> None:
    """``reachable`` is asked per statement; False cuts the path there, in a branch or not."""
    source = """
        def f(c):
            if c:  # C
                a()  # A
                b()  # B
            d()  # D
            e()  # E
    """
    hidden = Graph(source).line("A")
    g = Graph(source, reachable=lambda s: s.line != hidden)
    assert not g.reached("A") and not g.reached("B")
    assert g.reached("D")
    [taken] = g.succ("C", EdgeKind.TRUE)
    assert not g.path(taken, "D")

    hidden = Graph(source).line("D")
    g = Graph(source, reachable=lambda s: s.line != hidden)
    assert g.reached("B") and not g.reached("D") and not g.reached("E")
    assert not g.exit_reachable()


def test_block_mypy_marked_unreachable_is_skipped() -> None:
    g = Graph("""
        def f(c):
            if c:  # C
                a()  # A
            d()  # D
    """)
    stmt = g.body[0]
    assert isinstance(stmt, IfStmt)
    stmt.body[0].is_unreachable = True
    g.cfg = build_cfg(g.body)
    assert not g.blocks("A")
    [taken] = g.succ("C", EdgeKind.TRUE)
    assert not g.path(taken, "D")
    assert g.path("C", "D")


def test_else_mypy_marked_unreachable_is_skipped() -> None:
    g = Graph("""
        def f(c):
            if c:  # C
                return 1  # R
            else:
                b()  # B
            d()  # D
    """)
    stmt = g.body[0]
    assert isinstance(stmt, IfStmt)
    stmt.unreachable_else = True
    g.cfg = build_cfg(g.body)
    assert not g.reached("B") and not g.reached("D")


def test_never_returning_call_ends_the_path() -> None:
    """Only an expression statement is cut: an assignment from the call is left alone."""
    def never(e: Expression) -> bool:
        return (
            isinstance(e, CallExpr) and isinstance(e.callee, NameExpr)
            and e.callee.name == "fail"
        )

    g = Graph("""
        def f(c):
            if c:  # C
                fail()  # F
                a()  # A
            x = fail()  # X
            d()  # D
    """, never_returns=never)
    assert g.reached("F")
    assert not g.reached("A")
    assert not g.path("F", "X")
    assert g.path("C", "X")
    assert g.reached("D")
    assert g.exit_reachable()


# -- size ---------------------------------------------------------------------------------------


def _protected_function(n: int) -> str:
    body = "".join(
        f"        if c{i}:\n            return {i}\n" if i % 10 == 0 else f"        a{i}()\n"
        for i in range(n)
    )
    cleanup = "".join(f"        z{i}(){'  # Z' if i == 0 else ''}\n" for i in range(5))
    return f"def f():\n    try:\n{body}    finally:  # F\n{cleanup}"


def test_cfg_size_is_linear_in_try_finally_body() -> None:
    """About 1.2 blocks per statement; copying the finally per exit would double that."""
    small = len(build_cfg(parse_body(_protected_function(100))).blocks)
    large = len(build_cfg(parse_body(_protected_function(1000))).blocks)
    assert large / small < 12
    assert large < 2 * 1000


def test_exits_of_one_kind_share_one_tag() -> None:
    """Ten returns and a hundred raising steps: one tag each for return, raise, fall-through."""
    g = Graph(_protected_function(100))
    [z] = g.blocks("Z")
    assert len(g.contexts()[z]) == 3
    assert sorted(name.split("#")[0] for name in g.cfg.tag_names) == ["fall", "raise", "return"]
    body = [b for b in g.cfg.blocks if b.steps and b.steps[0].line < g.line("F")]
    assert len({e.target for b in body for e in b.succs if e.kind is EdgeKind.EXCEPTION}) == 1


def _nested(depth: int, inside: str) -> str:
    """The shape of issue 12 (item 9), ``depth`` levels deep in a loop: ``try: r = open(p)
    / if c: break / if c: continue / r.close()`` with a ``finally``, the next level in the
    try body (``body``), in the finally body (``finally``), in the finally body within a
    loop of its own (``loop``: break and continue then resume inside the outer finally), or
    ``with open(p) as r:`` blocks holding the break and continue (``with``)."""
    def level(n: int, pad: str) -> list[str]:
        jumps = [pad + "    if c:", pad + "        break", pad + "    if c:", pad + "        continue"]
        deeper = level(n + 1, pad + "    ") if n + 1 < depth else [pad + "    z()"]
        if inside == "with":
            return [pad + "with open(p) as r:", *jumps, pad + "    r.read()", *deeper]
        head = [pad + "try:", pad + "    r = open(p)", *jumps, pad + "    r.close()"]
        if inside == "body":
            return head + deeper + [pad + "finally:", pad + f"    z{n}()"]
        if inside == "loop" and n + 1 < depth:
            deeper = [pad + "    while c:"] + level(n + 1, pad + "        ")
        return head + [pad + "finally:"] + deeper

    return "\n".join(["def f(p, c):", "    while c:", *level(0, "        ")]) + "\n"


@pytest.mark.parametrize("inside", ["body", "finally", "loop", "with"])
def test_cfg_size_is_linear_in_cleanup_nesting_depth(inside: str) -> None:
    """Each finally body and with-exit is built once: every level adds the same number of
    blocks (copies per way out grew 4x per level of finally nested in finally)."""
    sizes = [len(build_cfg(parse_body(_nested(depth, inside))).blocks) for depth in range(1, 9)]
    assert len({later - earlier for earlier, later in zip(sizes, sizes[1:])}) == 1, sizes


def test_nested_finally_bodies_are_built_once_each() -> None:
    g = Graph("""
        def f(c):
            while c:  # W
                try:
                    if c:  # P
                        return 1
                    if c:  # Q
                        break
                finally:
                    try:
                        if c:  # R
                            continue
                    finally:
                        i()  # I
                    o()  # O
    """)
    [inner] = g.blocks("I")
    [outer] = g.blocks("O")
    assert (g.cfg.blocks[inner].depth, g.cfg.blocks[outer].depth) == (2, 1)
    # the inner finally's fall-through keeps the outer tag; its continue drops it
    assert all(len(tags) == 2 for tags in g.contexts()[inner])
    assert {tags[0] for tags in g.contexts()[inner]} >= {
        tags[0] for tags in g.contexts()[outer]
    }


# -- the solver ---------------------------------------------------------------------------------


IF_ELSE = """
    def f(c):
        a()  # A
        if c:  # T
            b()  # B
        else:
            d()  # D
        e()  # E
"""


def test_solver_if_else_fixed_point() -> None:
    """Union keeps both branches, intersection only what every path runs."""
    g = Graph(IF_ELSE)
    assert at_exit(g, SOME) == g.lines("A", "T", "B", "D", "E")
    assert at_exit(g, ALL) == g.lines("A", "T", "E")


def test_solver_while_loop_fixed_point() -> None:
    """The back edge feeds the loop head, and the body may run zero times."""
    g = Graph("""
        def f():
            a()  # A
            while c():  # W
                b()  # B
                if p():  # P
                    continue
                d()  # D
            e()  # E
    """)
    assert at_exit(g, SOME) == g.lines("A", "W", "B", "P", "D", "E")
    assert at_exit(g, ALL) == g.lines("A", "W", "E")
    head = g.only_block("W")
    assert solve(g.cfg, ALL).entry(head) == g.lines("A")
    assert solve(g.cfg, SOME).entry(head) == g.lines("A", "W", "B", "P", "D")


class Branches:
    """Which labelled edges were taken, as ``kind@line of the test``."""

    def __init__(self, join: Callable[[frozenset[str], frozenset[str]], frozenset[str]]) -> None:
        self.join = join

    def initial(self) -> frozenset[str]:
        return frozenset()

    def transfer(self, step: Step, state: frozenset[str]) -> frozenset[str]:
        return state

    def transfer_edge(self, edge: Edge, state: frozenset[str]) -> frozenset[str]:
        if edge.test is None:
            return state
        return state | {f"{edge.kind.value}@{edge.test.line}"}


def test_solver_applies_transfer_edge_after_the_steps() -> None:
    g = Graph(IF_ELSE)
    t = g.line("T")
    [yes] = g.succ("T", EdgeKind.TRUE)
    [no] = g.succ("T", EdgeKind.FALSE)
    some = solve(g.cfg, Branches(frozenset.union))
    assert some.entry(yes) == {f"true@{t}"}
    assert some.entry(no) == {f"false@{t}"}
    assert some.entry(g.cfg.exit) == {f"true@{t}", f"false@{t}"}
    assert solve(g.cfg, Branches(frozenset.intersection)).entry(g.cfg.exit) == frozenset()
    assert solve(g.cfg, SOME).entry(yes) == g.lines("A", "T")


def test_exception_edges_carry_state_before_the_step() -> None:
    """The handler sees a() and, when c() raises, b(); never the step that raised."""
    g = Graph("""
        def f():
            a()  # A
            try:  # T
                b()  # B
                c()  # C
            except:
                h()  # H
    """)
    bind = g.only_block((StepKind.EXCEPT_BIND, "T"))
    assert solve(g.cfg, SOME).entry(bind) == g.lines("A", "B")
    assert solve(g.cfg, ALL).entry(bind) == g.lines("A")
    assert at_exit(g, SOME) == g.lines("A", "B", "C", "T", "H")
    assert at_exit(g, ALL) == g.lines("A")
    assert at_raise(g, SOME) is None


def test_solver_terminates_on_nested_loops() -> None:
    """Three nested loops with break/continue reach the exact fixed point."""
    g = Graph("""
        def f():
            while c1():  # W1
                for x in xs:  # F
                    while c2():  # W2
                        if p():  # P
                            break
                        if q():  # Q
                            continue
                        a()  # A
                    b()  # B
                d()  # D
            e()  # E
    """)
    assert at_exit(g, SOME) == g.lines("W1", "F", "W2", "P", "Q", "A", "B", "D", "E")
    assert at_exit(g, ALL) == g.lines("W1", "E")
    inner = solve(g.cfg, ALL).entry(g.only_block("A"))
    assert inner == g.lines("W1", "F", "W2", "P", "Q")


def test_solver_gives_up_on_an_infinite_ascending_chain() -> None:
    """A lattice without a fixed point raises instead of spinning forever."""
    class Counter:
        def initial(self) -> int:
            return 0

        def join(self, a: int, b: int) -> int:
            return max(a, b)

        def transfer(self, step: Step, state: int) -> int:
            return state + 1

        def transfer_edge(self, edge: Edge, state: int) -> int:
            return state

    g = Graph("""
        def f():
            while c():  # W
                a()  # A
    """)
    with pytest.raises(RuntimeError, match="fixed point"):
        solve(g.cfg, Counter(), max_rounds=5)


def test_unreachable_blocks_have_no_state() -> None:
    """None marks unreachable blocks, and only them."""
    g = Graph("""
        def f():
            a()  # A
            while True:  # W
                b()  # B
            d()  # D
    """)
    solution = solve(g.cfg, SOME)
    assert solution.entry(g.cfg.exit) is None
    assert solution.entry(g.cfg.raise_exit) is None
    unreached = set(range(len(g.cfg.blocks))) - g.reachable_blocks()
    assert unreached
    assert all(solution.entry(b) is None for b in unreached)
    assert all(solution.entry(b) is not None for b in g.reachable_blocks())


class Moves:
    """The names a ``consume(name)`` statement moved on SOME path (maybe moved) or on ALL
    paths (moved), as the ownership flow would tell them."""

    def __init__(self, join: Callable[[frozenset[str], frozenset[str]], frozenset[str]]) -> None:
        self.join = join

    def initial(self) -> frozenset[str]:
        return frozenset()

    def transfer(self, step: Step, state: frozenset[str]) -> frozenset[str]:
        node = step.node
        if step.kind is StepKind.STMT and isinstance(node, ExpressionStmt):
            call = node.expr
            if isinstance(call, CallExpr) and isinstance(call.callee, NameExpr) and call.callee.name == "consume":
                return state | {a.name for a in call.args if isinstance(a, NameExpr)}
        return state

    def transfer_edge(self, edge: Edge, state: frozenset[str]) -> frozenset[str]:
        return state


MAYBE_MOVED, MOVED = Moves(frozenset.union), Moves(frozenset.intersection)


@pytest.mark.parametrize("cleanup", [
    "z()  # Z", "try:\n    z()  # Z\nfinally:\n    y()  # Y\no()  # O",
], ids=["flat", "nested"])
def test_states_of_different_exits_are_not_merged_by_one_finally(cleanup: str) -> None:
    """x is moved only on the path that returns: after the loop (reached by the break,
    through the same finally body) it is not even maybe moved; at the exit it is. Also
    with a try/finally inside the finally body, whose fall-through must remember which way
    out of the outer one each path takes."""
    body = textwrap.indent(cleanup, " " * 20)
    g = Graph(f"""
        def f(x, c):
            while c:  # W
                try:
                    if c:  # P
                        consume(x)  # M
                        return 1
                    if c:  # Q
                        break
                    if c:  # K
                        continue
                    a()  # A
                finally:
{body}
            use(x)  # U
    """)
    [after_loop] = g.blocks("U")
    some = solve(g.cfg, MAYBE_MOVED)
    assert some.entry(after_loop) == frozenset()
    assert some.entry(g.cfg.exit) == {"x"}
    assert solve(g.cfg, MOVED).entry(g.cfg.exit) == frozenset()  # the break path did not
    # in the finally body the paths are apart (return, break, continue, fall-through,
    # raise), and a report about its steps sees their join
    z = g.only_block("Z")
    tagged = some.tagged(z)
    assert len(tagged) == 5
    assert [state for state in tagged.values() if state] == [{"x"}]
    assert some.entry(z) == {"x"}
    assert solve(g.cfg, MOVED).entry(z) == frozenset()


def test_a_finally_body_keeps_the_outer_tags_its_exceptions_resume_with() -> None:
    """The return inside the outer finally body would drop the outer way out, but g() in
    the inner finally may raise into a handler inside the outer finally body, and from
    there the path goes on by the outer way out it came with (here: the break, to U)."""
    g = Graph("""
        def f(x, y, c):
            while c:  # W
                try:
                    if c:  # Q
                        break
                    a()  # A
                finally:
                    try:
                        try:
                            return 2  # R
                        finally:
                            g()  # G
                    except E:
                        consume(y)  # H
                    o()  # O
            use(x)  # U
    """)
    assert g.path("G", "H") and g.path("H", "U")
    assert solve(g.cfg, MAYBE_MOVED).entry(g.only_block("U")) == {"y"}


def _solve_timed(source: str, analysis: Executed, **options: int) -> tuple[float, Solution[frozenset[int]]]:
    started = time.perf_counter()
    solution = solve(build_cfg(parse_body(source)), analysis, **options)
    return time.perf_counter() - started, solution


@pytest.mark.parametrize("inside", ["body", "finally", "with"])
def test_nested_try_finally_depth_8_builds_and_solves_in_time(inside: str) -> None:
    """Copies per way out took 15 s to build and solve the finally-in-finally shape at
    depth 8 (240,000 blocks); it now takes milliseconds. The work grows with the number of
    (block, tags) states: quadratic in the depth of finally nested in finally, since each
    level's fall-through keeps the way out of every level around it."""
    _solve_timed(_nested(2, inside), SOME)  # warm up
    seconds, solution = _solve_timed(_nested(8, inside), SOME)
    assert seconds < 2.0
    states = [sum(map(len, _solve_timed(_nested(d, inside), SOME)[1].states)) for d in (4, 8)]
    assert states[1] <= 4 * states[0], states


def test_tags_beyond_the_bound_are_widened_soundly() -> None:
    """A loop in each finally body, whose break / continue resume inside it: the tuples of
    tags a block can see grow 3x per level. Past ``max_tags`` at a block, further tuples
    forget their outer tags (``ANY_TAG``): those paths leave outer cleanups by every way
    out, so the solution is a sound over-approximation, and the work stays linear."""
    precise_time, precise = _solve_timed(_nested(4, "loop"), SOME, max_tags=10_000)
    assert max(map(len, precise.states)) == 121
    bounded_time, bounded = _solve_timed(_nested(4, "loop"), SOME, max_tags=16)
    assert max(map(len, bounded.states)) <= 16 + 4
    for block in range(len(bounded.cfg.blocks)):
        exact, widened = precise.entry(block), bounded.entry(block)
        assert exact is None or (widened is not None and exact <= widened)
    counts = [sum(map(len, _solve_timed(_nested(d, "loop"), SOME)[1].states)) for d in (6, 7, 8)]
    assert counts[2] - counts[1] == counts[1] - counts[0]
    seconds, _ = _solve_timed(_nested(8, "loop"), SOME)
    assert seconds < 5.0


def test_render_shows_one_finally_body_and_its_tagged_exits() -> None:
    """The graph of a try/finally in a loop, as a snapshot: Z (line 8) is one block at
    depth 1, entered with one tag per way out (``{..0 +break#1}``: keep no outer tag, push
    ``break#1``) and left by one edge per tag (``{break#1? ..0}``: only paths carrying it)."""
    g = Graph("""
        def f(c):
            while c:
                try:
                    if c:
                        break
                    a()
                finally:
                    z()
            d()
    """)
    assert g.cfg.render() == textwrap.dedent("""\
        0: [] -> 3
        1: [] ->
        2: [] ->
        3: [test@2] -> 5(true) 12(false)
        4: [stmt@9] -> 1
        5: [test@4] -> 6(exception){..0 +raise#0} 8(true) 9(false)
        6^1: [stmt@8] -> 2(reraise){raise#0? ..0} 4{break#1? ..0} 11{fall#2? ..0}
        7: [stmt@6] -> 6(exception){..0 +raise#0} 10
        8: [] -> 6{..0 +break#1}
        9: [] -> 7
        10: [] -> 6{..0 +fall#2}
        11: [] -> 3
        12: [] -> 4""")


# -- regressions: cleanup and jumps on the paths that leave through a finally or a with ----------
# (two CFG bugs these tests found, now fixed: an exception re-raised after a cleanup carried
# the state from before it, and a jump in a finally's copy targeted the loop the copy sat in)


Seen = frozenset[tuple[StepKind, int]]


class StepsRun:
    """The (kind, line) of every step run on SOME path: tells a with-exit from its with-enter."""

    def initial(self) -> Seen:
        return frozenset()

    def join(self, a: Seen, b: Seen) -> Seen:
        return a | b

    def transfer(self, step: Step, state: Seen) -> Seen:
        return state | {(step.kind, step.line)}

    def transfer_edge(self, edge: Edge, state: Seen) -> Seen:
        return state


@pytest.mark.parametrize("source, target, cleanup", [
    pytest.param("""
        def f():
            try:
                a()
            finally:
                z()  # Z
    """, "raise", [(StepKind.STMT, "Z")], id="finally-to-raise-exit"),
    pytest.param("""
        def f():
            try:  # T
                try:
                    a()
                finally:
                    z()  # Z
            except:
                h()
    """, (StepKind.EXCEPT_BIND, "T"), [(StepKind.STMT, "Z")], id="finally-to-outer-handler"),
    pytest.param("""
        def f():
            try:
                try:
                    return g()
                finally:
                    i()  # I
            finally:
                o()  # O
    """, "raise", [(StepKind.STMT, "I"), (StepKind.STMT, "O")], id="nested-finally"),
    pytest.param("""
        def f():
            with m():  # W
                a()
    """, "raise", [(StepKind.WITH_EXIT, "W")], id="with-exit"),
])
def test_exception_reraised_after_cleanup_carries_its_effects(
    source: str, target: Where, cleanup: list[tuple[StepKind, str]]
) -> None:
    """On these paths the exception leaves only after the cleanup steps completed."""
    g = Graph(source)
    block = g.cfg.raise_exit if target == "raise" else g.only_block(target)
    state = solve(g.cfg, StepsRun()).entry(block)
    assert state is not None
    assert {(kind, g.line(tag)) for kind, tag in cleanup} <= state


@pytest.mark.parametrize("jump", ["break", "continue"])
def test_jump_in_finally_targets_the_loop_around_the_try(jump: str) -> None:
    """The return's finally copy is built inside loop G, but its jump belongs to loop F."""
    g = Graph(f"""
        def f(xs, ys):
            for x in xs:  # F
                try:
                    for y in ys:  # G
                        return 1  # R
                    b()  # B
                finally:
                    z()  # Z
                    {jump}
            d()  # D
    """)
    assert g.path("R", "Z")
    assert not g.path("R", "B", avoid=[(StepKind.FOR_BIND, "F")])


# -- expressions -----------------------------------------------------------------------------------

def test_every_expression_reaches_lambdas_and_comprehensions_but_not_nested_blocks() -> None:
    body = parse_body(textwrap.dedent("""\
        def f(a, b, xs):
            y = g(a, lambda: b, [x for x in xs])
            if a:
                h(b)
    """))
    names = {e.name for e in every_expression(body[0]) if isinstance(e, NameExpr)}
    assert names == {"y", "g", "a", "b", "x", "xs"}
    assert {e.name for e in every_expression(body[1]) if isinstance(e, NameExpr)} == {"a"}


def test_a_display_of_constants_is_a_leaf_and_one_with_names_is_not() -> None:
    body = parse_body(textwrap.dedent("""\
        def f(a):
            x = {"one", "two", 3, 4.0, b"five", ...}
            y = {"k": 1, "v": 2}
            z = ["one", a]
    """))
    constant_set, constant_dict, mixed = (s.rvalue for s in body)  # type: ignore[attr-defined]
    assert children(constant_set) == () and children(constant_dict) == ()
    assert [type(c).__name__ for c in children(mixed)] == ["StrExpr", "NameExpr"]


# -- the pipes a body only reads (pipes.py) --------------------------------------------------

def _closes(pipe: Expression, method: str) -> bool:
    return method == "close"


@pytest.mark.parametrize(
    "body, owed",
    [
        ("proc.wait()", ("stdout", "stderr")),
        ("data = proc.stdout.read()\n    proc.wait()", ("stdout", "stderr")),
        ("for line in proc.stdout:\n        pass\n    if proc.stderr is None:\n        pass", ("stdout", "stderr")),
        ("proc.stdout.close()", ("stderr",)),
        ("if flag:\n        proc.stdout.close()", ("stderr",)),
        ("keep(proc.stdout)", ("stderr",)),
        ("reader = proc.stdout", ("stderr",)),
        ("with proc.stderr:\n        pass", ("stdout",)),
        ("def finish() -> None:\n        proc.stderr.close()", ("stdout",)),
        ("other.stdout.close()", ("stdout", "stderr")),
    ],
)
def test_owed_pipes_are_those_the_body_only_reads(body: str, owed: tuple[str, ...]) -> None:
    """A pipe closed or let go anywhere in the body is not owed, on any path."""
    statements = parse_body(f"def f() -> None:\n    {body}\n")
    assert owed_pipes(statements, "proc", ("stdout", "stderr"), _closes) == owed
