"""The pipes a new process still owes after it is reaped (docs/design.md §2.3).

``proc = Popen(cmd, stdout=PIPE)``: ``proc.wait()`` reaps the child but leaves
``proc.stdout`` open. Which of the pipes a stub names (``@owes_pipes``) the caller still
owes is read from the body that binds ``proc``, once: a pipe the body closes
(``proc.stdout.close()``), or lets go anywhere (assigns it, passes it on, makes it a with
subject), is not owed; one only read (a method that does not release it, a ``for`` loop,
a test) is. Precision first: any use other than a read settles the pipe, on every path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mypy.nodes import (
    AssertStmt,
    CallExpr,
    ComparisonExpr,
    ConditionalExpr,
    Expression,
    ForStmt,
    IfStmt,
    MemberExpr,
    OpExpr,
    Statement,
    UnaryExpr,
    WhileStmt,
)

from mypy_ownership.evaluation import every_expression, spelled
from mypy_ownership.unit import deep_statements


def owed_pipes(
    body: list[Statement], name: str, pipes: Iterable[str], releases: Callable[[Expression, str], bool],
) -> tuple[str, ...]:
    """The ``pipes`` (attribute names) of the object bound to ``name`` (a local, or a field
    of ``self`` spelled ``self.proc``) that ``body`` only reads; ``releases(pipe, method)``: calling ``method`` on that pipe closes it."""
    wanted = tuple(pipes)
    occurrences: list[MemberExpr] = []
    reads: set[int] = set()
    settled: set[str] = set()

    def pipe(e: object) -> MemberExpr | None:
        if isinstance(e, MemberExpr) and e.name in wanted and spelled(e.expr) == name:
            return e
        return None

    def read(*exprs: object) -> None:
        for e in exprs:
            if pipe(e) is not None:
                reads.add(id(e))

    for stmt in deep_statements(body):  # a closure may close the pipe
        if isinstance(stmt, IfStmt):
            read(*stmt.expr)
        elif isinstance(stmt, (WhileStmt, AssertStmt, ForStmt)):
            read(stmt.expr)
        for e in every_expression(stmt):  # exact classes: every expression of the body is asked
            if type(e) is MemberExpr:
                if pipe(e) is not None:
                    occurrences.append(e)
                else:
                    read(e.expr)  # an attribute of the pipe (proc.stdout.closed)
            elif type(e) is CallExpr:
                callee = e.callee
                if type(callee) is MemberExpr and pipe(callee.expr) is not None:
                    if releases(callee.expr, callee.name):
                        settled.add(callee.expr.name)  # type: ignore[attr-defined]
                    read(callee.expr)
            elif type(e) is ComparisonExpr:
                read(*e.operands)
            elif type(e) is UnaryExpr:
                read(e.expr)
            elif type(e) is OpExpr and e.op in ("and", "or"):
                read(e.left, e.right)
            elif type(e) is ConditionalExpr:
                read(e.cond)
    settled.update(e.name for e in occurrences if id(e) not in reads)
    return tuple(p for p in wanted if p not in settled)

