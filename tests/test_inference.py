"""Unit tests of ``inference.proposals`` (docs/design.md §2.3, §5, §6): each small module is
checked by real mypy with the plugin, in this process, and the proposals are computed from
the summaries of the module right after its analysis, as the ``infer`` command does."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mypy import api

from harness import ROOT
from mypy_ownership import analysis
from mypy_ownership.inference import Proposal, proposals
from mypy_ownership.summaries import ModuleSummaries


def _proposals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str) -> list[tuple[str, str, str, str, str]]:
    """(function, place, mode, type_text, source) of every proposal for module ``m``."""
    made: list[ModuleSummaries] = []
    found: list[Proposal] = []
    failed: list[int] = []

    class Recorded(ModuleSummaries):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            made.append(self)

    analyze = analysis.ModuleAnalyzer.analyze

    def analyze_then_propose(self: analysis.ModuleAnalyzer, module: object, types: object, *rest: object) -> None:
        analyze(self, module, types, *rest)  # type: ignore[arg-type]
        summaries = made[-1]
        if summaries.module.fullname == "m":
            found.extend(proposals(summaries.module, summaries, summaries.types))
            failed.append(self.stats.failed)

    monkeypatch.setattr(analysis, "ModuleSummaries", Recorded)
    monkeypatch.setattr(analysis.ModuleAnalyzer, "analyze", analyze_then_propose)
    (tmp_path / "m.py").write_text(textwrap.dedent(source))
    stdout, stderr, _ = api.run([
        "--config-file", str(ROOT / "tests" / "cases" / "mypy.ini"), "--no-incremental",
        "--cache-dir", str(tmp_path / ".cache"), str(tmp_path / "m.py"),
    ])
    assert "Traceback" not in stdout + stderr
    assert failed == [0], failed  # no function failed to analyse
    assert all(p.module == "m" and p.path.endswith("m.py") for p in found)
    return [(p.function, p.place, p.mode, p.type_text, p.source) for p in found]


def test_factory_returns_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _proposals(tmp_path, monkeypatch, """
        from typing import TextIO
        def open_log(path: str) -> TextIO:
            return open(path, "a")
        def open_named(path: str):
            f = open(path, "rb")
            return f
        def name_of(f: TextIO) -> str:
            return f.name
    """)
    assert ("open_log", "return", "Own", "TextIO", "") in found
    assert ("open_named", "return", "Own", "BufferedReader", "") in found
    assert not [p for p in found if p[0] == "name_of"]


def test_parameters_released_or_taken_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _proposals(tmp_path, monkeypatch, """
        from typing import IO, Any
        from mypy_ownership import Own
        def consume(f: Own[IO[str]]) -> None:
            f.close()
        def closes(f: IO[str]) -> None:
            f.close()
        def adopts(f: IO[str]) -> None:
            consume(f)
        def keeps(f: IO[str], into: list[Any]) -> None:
            into.append(f)
        def reads(f: IO[str]) -> str:
            return f.read()
        def calls(factory: Any) -> None:
            with factory() as made:
                made.write("x")
    """)
    assert ("closes", "param:f", "Own", "IO[str]", "") in found
    assert ("adopts", "param:f", "Own", "IO[str]", "") in found
    # already annotated, handed over where the analysis cannot follow, only read, called
    assert not [p for p in found if p[0] in ("consume", "keeps", "reads", "calls")]


def test_returned_borrow_and_missing_lifetime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _proposals(tmp_path, monkeypatch, """
        from mypy_ownership import Mut, Ref
        class Buffer:
            def __init__(self) -> None:
                self.data = bytearray()
                self.size = 0
                self.parts = [bytearray()]
            def view(self: Ref["Buffer"]) -> bytearray:
                return self.data
            def edit(self: Mut["Buffer"]) -> bytearray:
                return self.data
            def count(self: Ref["Buffer"]) -> int:
                return self.size
            def plain(self) -> bytearray:
                return self.data
            def needs_source(self) -> Ref[bytearray]:
                return self.data
            def last(self: Ref["Buffer"]) -> bytearray:
                return self.parts[-1]
        def from_param(buffer: Ref[Buffer], other: Mut[Buffer], pick: bool) -> bytearray:
            return buffer.data if pick else other.data
        def unborrowed(buffer: Buffer) -> Ref[bytearray]:
            return buffer.data
        def data_of(buffer: Ref[Buffer]) -> Ref[bytearray]:
            return buffer.data
        def through_a_call(buffer: Ref[Buffer]) -> bytearray:
            return data_of(buffer)
        def through_a_local(buffer: Ref[Buffer]) -> bytearray:
            local = Buffer()
            return data_of(local)
    """)
    assert ("Buffer.view", "return", "Ref", "bytearray", "receiver") in found
    assert ("Buffer.edit", "return", "Mut", "bytearray", "receiver") in found
    assert ("Buffer.needs_source", "receiver", "Ref", "Buffer", "") in found
    assert ("from_param", "return", "Ref", "bytearray", "param:buffer,param:other") in found
    assert ("unborrowed", "param:buffer", "Ref", "Buffer", "") in found
    assert ("Buffer.last", "return", "Ref", "bytearray", "receiver") in found
    assert ("through_a_call", "return", "Ref", "bytearray", "param:buffer") in found
    assert not [p for p in found if p[0] in ("Buffer.count", "Buffer.plain", "data_of", "through_a_local")]


def test_parameters_given_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A parameter every return gives back is taken over and given back: Own on it and on
    the result, for values that are owned (a resource, a class the module gives a mode)."""
    found = _proposals(tmp_path, monkeypatch, """
        from typing import IO, Any, Callable, TypeVar
        from mypy_ownership import Ref
        F = TypeVar("F", bound=Callable[..., object])
        class Person:
            def __init__(self) -> None:
                self.name = ""
            def renamed(self) -> "Person":
                return self
        def lend(person: Ref[Person]) -> None: ...
        def pick(a: Person, b: Person, first: bool) -> Person:
            return a if first else b
        def passthrough(f: IO[str]) -> IO[str]:
            f.write("x")
            return f
        def sort(items: list[int]) -> list[int]:
            return items
        def logged(func: F) -> F:
            return func
        def anything(x: Any) -> Any:
            return x
        def untyped(x):
            return x
        def either(a: Person, b: Ref[Person], first: bool) -> Person:
            return a if first else b
    """)
    assert ("pick", "param:a", "Own", "Person", "") in found
    assert ("pick", "param:b", "Own", "Person", "") in found
    assert ("pick", "return", "Own", "Person", "") in found
    assert ("passthrough", "param:f", "Own", "IO[str]", "") in found
    assert ("passthrough", "return", "Own", "IO[str]", "") in found
    # a plain list, a decorator's function, Any, no annotation, the receiver, a borrow beside it
    assert not [p for p in found if p[0] in ("sort", "logged", "anything", "untyped", "Person.renamed", "either")]


def test_fresh_objects_of_managed_classes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A function returning an object it constructs, of a class of the module that its
    signatures give a mode, returns an owner; a plain class, or a class of elsewhere that a
    signature lends, does not make one."""
    found = _proposals(tmp_path, monkeypatch, """
        from __future__ import annotations
        from mypy_ownership import Ref
        class Person:
            def __init__(self) -> None:
                self.name = ""
            @classmethod
            def create(cls) -> Person:
                return cls()
        class Plain:
            pass
        def lend(person: Ref[Person], numbers: Ref[list[int]]) -> None: ...
        def make() -> Person:
            return Person()
        def named(name: str) -> Person:
            person = Person()
            person.name = name
            return person
        def rebound(first: bool) -> Person:
            person = Person()
            if first:
                person = Person()
            return person
        def plain() -> Plain:
            return Plain()
        def numbers() -> list[int]:
            return list(range(3))
        def given(person: Person, fresh: bool) -> Person:
            return Person() if fresh else person
    """)
    assert ("make", "return", "Own", "Person", "") in found
    assert ("named", "return", "Own", "Person", "") in found
    assert ("Person.create", "return", "Own", "Person", "") in found
    assert not [p for p in found if p[0] in ("rebound", "plain", "numbers", "given")]


def test_borrow_through_a_local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A local bound once to a reference into a borrowed parameter is that reference."""
    found = _proposals(tmp_path, monkeypatch, """
        from mypy_ownership import Ref
        class Pool:
            def __init__(self) -> None:
                self.conn = bytearray()
                self.spare = bytearray()
            def peek(self: Ref["Pool"]) -> bytearray:
                conn = self.conn
                return conn
            def either(self: Ref["Pool"], first: bool) -> bytearray:
                conn = self.conn
                if not first:
                    conn = self.spare
                return conn
            def copied(self: Ref["Pool"]) -> bytearray:
                conn = bytearray(self.conn)
                return conn
    """)
    assert ("Pool.peek", "return", "Ref", "bytearray", "receiver") in found
    assert not [p for p in found if p[0] in ("Pool.either", "Pool.copied")]


def test_parameter_whose_field_is_released(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A function that releases a resource field of its parameter on every path that
    returns ends what the object holds: it takes the object over."""
    found = _proposals(tmp_path, monkeypatch, """
        import socket
        class Connection:
            def __init__(self, host: str) -> None:
                self.sock = socket.create_connection((host, 25))
                self.name = host
        def hang_up(conn: Connection) -> None:
            conn.sock.sendall(b"QUIT")
            conn.sock.close()
        def hang_up_at_last(conn: Connection) -> None:
            try:
                conn.sock.sendall(b"QUIT")
            finally:
                conn.sock.close()
        def hang_up_if(conn: Connection, now: bool) -> None:
            if now:
                conn.sock.close()
        def hang_up_unless(conn: Connection, now: bool) -> None:
            if not now:
                return
            conn.sock.close()
        def reads(conn: Connection) -> int:
            return conn.sock.fileno()
        def renames(conn: Connection) -> None:
            conn.name.upper()
    """)
    assert ("hang_up", "param:conn", "Own", "Connection", "") in found
    assert ("hang_up_at_last", "param:conn", "Own", "Connection", "") in found
    assert not [p for p in found if p[0] in ("hang_up_if", "hang_up_unless", "reads", "renames")]


def test_owned_fields_and_releasing_receiver(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _proposals(tmp_path, monkeypatch, """
        import subprocess
        from typing import IO
        class Runner:
            def __init__(self, cmd: list[str]) -> None:
                self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
            def stop(self) -> None:
                self.proc.communicate()
        class NeverReleased:
            def __init__(self, path: str) -> None:
                self.f = open(path)
        class KeepsCallers:
            def __init__(self, f: IO[str]) -> None:
                self.f = f
            def close(self) -> None:
                self.f.close()
    """)
    assert ("", "field:proc", "Own", "Popen[bytes]", "") in found
    assert ("Runner.stop", "receiver", "Own", "Runner", "") in found
    assert not [p for p in found if p[0].startswith(("NeverReleased", "KeepsCallers")) or p[2] != "Own"]
    assert len(found) == 2


def test_nothing_for_a_class_its_finalizer_releases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # cgi's FieldStorage: __del__ closes the file, so a dropped object owes nobody a call
    found = _proposals(tmp_path, monkeypatch, """
        class Storage:
            def __init__(self, path: str) -> None:
                self.file = open(path)
            def __del__(self) -> None:
                self.file.close()
        class Closable:
            def __init__(self, path: str) -> None:
                self.file = open(path)
            def close(self) -> None:
                self.file.close()
    """)
    assert not [p for p in found if p[0].startswith("Storage")], found
    assert ("Closable.close", "receiver", "Own", "Closable", "") in found


def test_nothing_where_a_mode_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = _proposals(tmp_path, monkeypatch, """
        from typing import IO
        from mypy_ownership import Own, Ref
        def opened(path: str) -> Own[IO[str]]:
            return open(path)
        def closes(f: Own[IO[str]]) -> None:
            f.close()
        class Log:
            out: Own[IO[str]]
            def __init__(self, path: str) -> None:
                self.out = open(path)
            def close(self: Own["Log"]) -> None:
                self.out.close()
            def peek(self: Ref["Log"]) -> Ref[IO[str]]:
                return self.out
    """)
    assert found == []



def test_a_global_singleton_is_not_a_fresh_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # anyio's get_selector(): the module keeps the object it returns, so callers share it
    found = _proposals(tmp_path, monkeypatch, """
        import threading
        from typing import IO, Optional
        from mypy_ownership import Own
        _lock = threading.Lock()
        class Selector:
            def __init__(self) -> None:
                self._f: Own[IO[str]] = open("/dev/null")
            def stop(self: Own["Selector"]) -> None:
                self._f.close()
        _selector: Optional[Selector] = None
        def get_selector() -> Selector:
            global _selector
            with _lock:
                if _selector is None:
                    _selector = Selector()
                return _selector
        def make_selector() -> Selector:
            selector = Selector()
            return selector
    """)
    assert not [p for p in found if p[0] == "get_selector"], found
    assert ("make_selector", "return", "Own", "Selector", "") in found


def test_a_parameter_bound_again_is_not_given_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # requests' dispatch_hook: a hook may return another response, which replaces it
    found = _proposals(tmp_path, monkeypatch, """
        import socket
        from typing import Callable, Optional
        def dispatch(sock: socket.socket, hook: Callable[[socket.socket], Optional[socket.socket]]) -> socket.socket:
            replaced = hook(sock)
            if replaced is not None:
                sock = replaced
            return sock
        def passed_through(sock: socket.socket) -> socket.socket:
            sock.setblocking(False)
            return sock
        def made() -> None:
            with socket.socket() as sock:
                passed_through(sock)
    """)
    assert not [p for p in found if p[0] == "dispatch"], found
    assert ("passed_through", "param:sock", "Own", "socket", "") in found
