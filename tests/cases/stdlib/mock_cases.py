"""unittest.mock: where a test patches an acquirer, a call to it reaches the mock and
acquires nothing (docs/design.md §7.5); a call it does not patch acquires as anywhere."""

import builtins
import io
import os
import socket
import tempfile
import unittest
from unittest import mock
from unittest.mock import MagicMock, mock_open, patch

BUILTINS = "builtins"


# a decorated test function: silent ----------------------------------------------------------

@mock.patch("builtins.open", new_callable=mock_open, read_data="data")
def test_reads_config(m: MagicMock) -> None:
    f = open("config.ini")
    assert f.read() == "data"


@patch("tempfile.NamedTemporaryFile")
@patch("socket.socket")
def test_stacked_decorators(sock_class: MagicMock, tmp_class: MagicMock) -> None:
    tmp = tempfile.NamedTemporaryFile()
    tmp.write(b"x")
    sock = socket.socket()
    sock.sendall(b"x")


@patch.object(builtins, "open")
def test_patch_object(m: MagicMock) -> None:
    f = open("config.ini")
    f.read()


@unittest.mock.patch("builtins.open")
def test_through_the_package(m: MagicMock) -> None:
    f = open("config.ini")
    f.read()


@patch("io.open")
def test_spelled_through_a_module(m: MagicMock) -> None:
    f = io.open("config.ini")  # mypy's full name is _io.open; the patch names io.open
    f.read()


# a decorated test class: its test methods are patched ---------------------------------------

@patch("tempfile.NamedTemporaryFile")
class TestUpload(unittest.TestCase):
    def test_upload(self, tmp_class: MagicMock) -> None:
        tmp = tempfile.NamedTemporaryFile()
        tmp.write(b"payload")
        self.assertTrue(tmp_class.called)

    def make_scratch(self) -> bytes:
        # not a test method: patch() decorates only the methods named test*
        tmp = tempfile.NamedTemporaryFile()  # E: "tmp" is not released on every path  [resource-leak]  # N: help: use "with NamedTemporaryFile(...) as tmp:" or call "tmp.close()"
        return tmp.read()  # N: "tmp" escapes here: returns at line 63 without releasing it


# with blocks: silent inside, reported after ----------------------------------------------------

def test_with_block(path: str) -> None:
    with mock.patch("builtins.open", mock_open(read_data="x")):
        f = open(path)
        f.read()
    g = open(path)  # E: "g" is not released on every path  [resource-leak]  # N: help: use "with open(...) as g:" or call "g.close()"
    g.read()  # N: "g" escapes here: the function ends without releasing it


def test_with_target(path: str) -> None:
    with patch("builtins.open") as m:
        f = open(path)
        f.write("x")
        f.close()
        f.close()
    m.assert_called_once_with(path)


def test_several_managers(path: str) -> None:
    with patch("socket.socket"), mock.patch("builtins.open", mock_open()):
        sock = socket.socket()
        sock.sendall(b"x")
        f = open(path)
        f.read()


def test_patched_after_the_patcher(path: str) -> None:
    with mock.patch("builtins.open", mock_open()), open(path) as f:
        f.read()


def test_with_inside_try(path: str, fail: bool) -> None:
    try:
        if fail:
            with patch("builtins.open"):
                f = open(path)
                f.read()
    except OSError:
        pass


def test_with_patch_object() -> None:
    with mock.patch.object(socket, "socket"):
        sock = socket.socket()
        sock.sendall(b"x")


# a patch of another name: open() still acquires ------------------------------------------------

@patch("os.remove")
def test_other_name_decorated(m: MagicMock, path: str) -> None:
    f = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    os.remove(path)  # N: "f" escapes here: the function ends without releasing it


def test_other_name_with(path: str) -> None:
    with patch("os.remove"):
        f = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
        os.remove(path)  # N: "f" escapes here: the function ends without releasing it


def test_open_before_the_patch(path: str) -> None:
    f = open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    with patch("builtins.open"):
        f.read()  # N: "f" escapes here: the function ends without releasing it


# an undecorated function of a module that uses mocks: as anywhere ---------------------------

def scratch_file() -> None:
    sock = socket.socket()  # E: "sock" is not released on every path  [resource-leak]  # N: help: use "with socket(...) as sock:" or call "sock.close()"
    sock.sendall(b"x")  # N: "sock" escapes here: the function ends without releasing it


class PatchedModuleGlobal(unittest.TestCase):
    def test_open_of_this_module(self) -> None:
        # create=True gives this module a global "open" that shadows the builtin
        with patch("%s.open" % __name__, mock_open(), create=True):
            open("foo")

    def test_nested_function_under_the_patch(self) -> None:
        with mock.patch("tempfile.NamedTemporaryFile", mock_open()):
            def attempt() -> None:
                tempfile.NamedTemporaryFile().write(b"x")
            self.assertRaises(OSError, attempt)

    def test_nested_function_outside_any_patch(self) -> None:
        def attempt() -> None:
            tempfile.NamedTemporaryFile().write(b"x")  # E: The resource returned by "NamedTemporaryFile" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it
        attempt()

    def test_nested_function_decorated(self) -> None:
        """A nested function under its own patch decorator, the module named by a constant."""
        handle = MagicMock()

        @patch("%s.open" % BUILTINS, handle)
        def attempt() -> None:
            self.assertEqual(open("filename", "r"), handle)
        attempt()

    def test_nested_function_decorated_with_another_patch(self) -> None:
        """Its patch names another callee: open is the real one there."""
        @patch("%s.print" % BUILTINS)
        def attempt(m: MagicMock) -> None:
            self.assertIsNotNone(open("filename", "r"))  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: help: use "with open(...) as f:" and pass "f"  # N: "assertIsNotNone" only borrows it: nothing releases it
        attempt()
