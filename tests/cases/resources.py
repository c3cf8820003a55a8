"""Resources (docs/design.md §1, §3, §6): releasing methods, with-blocks, leaks on every exit."""

from __future__ import annotations

from mypy_ownership import Own, Ref


class File:
    """A resource: close() takes the file (a releasing method)."""

    name: str = ""

    def read(self) -> bytes:
        return b""

    def close(self: Own[File]) -> None: ...

    def __enter__(self) -> File:
        return self

    def __exit__(self, *args: object) -> None: ...


class Transaction:
    """A context manager whose __exit__ only borrows: `with` does not release it."""

    def commit(self) -> None: ...

    def close(self: Own[Transaction]) -> None: ...

    def __enter__(self) -> Transaction:
        return self

    def __exit__(self: Ref[Transaction], *args: object) -> None: ...


def open_file(path: str) -> Own[File]:
    return File()


def open_pair() -> tuple[Own[File], Own[File]]:
    return File(), File()


def store(f: Own[File]) -> None: ...
def peek(f: File) -> bool:
    return True


# leaks on every exit ----------------------------------------------------------------------

def early_return_before_close(path: str, skip: bool) -> bytes:
    f = open_file(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open_file(...) as f:" or call "f.close()"
    if skip:
        return b""  # N: "f" escapes here: returns at line 55 without releasing it
    data = f.read()
    f.close()
    return data


def close_only_on_one_branch(path: str, ok: bool) -> None:
    f = open_file(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open_file(...) as f:" or call "f.close()"
    if ok:
        f.close()
    print(ok)  # N: "f" escapes here: the function ends without releasing it


def raise_is_an_exit(path: str) -> None:
    f = open_file(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open_file(...) as f:" or call "f.close()"
    if not peek(f):
        raise ValueError(path)  # N: "f" escapes here: raises at line 71 without releasing it
    f.close()


def close_in_finally(path: str) -> bytes:
    f = open_file(path)
    try:
        return f.read()
    finally:
        f.close()


def returned_to_the_caller(path: str) -> Own[File]:
    f = open_file(path)
    return f


def passed_to_a_new_owner(path: str) -> None:
    f = open_file(path)
    store(f)


def with_on_a_resource(path: str) -> bytes:
    with open_file(path) as f:
        return f.read()


def with_on_a_name(path: str) -> None:
    f = open_file(path)
    with f:
        f.read()


def with_that_does_not_release() -> None:
    t = Transaction()  # E: "t" is not released on every path  [resource-leak]  # N: help: call "t.close()" on every path
    with t:
        t.commit()
    print("done")  # N: "t" escapes here: the function ends without releasing it


def with_that_does_not_release_then_close() -> None:
    t = Transaction()
    with t:
        t.commit()
    t.close()


def rebinding_leaks(a: str, b: str) -> None:
    f = open_file(a)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open_file(...) as f:" or call "f.close()"
    f = open_file(b)  # N: "f" escapes here: rebound at line 120 without releasing it
    f.close()


def deleting_leaks(a: str) -> None:
    f = open_file(a)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open_file(...) as f:" or call "f.close()"
    del f  # N: "f" escapes here: deleted at line 126 without releasing it


def discarded_results(path: str) -> None:
    open_file(path)  # E: The resource returned by "open_file" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it
    open_file(path).read()  # E: The resource returned by "open_file" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it
    open_file(path).close()


def owned_parameter_must_be_released(f: Own[File], keep: bool) -> None:  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with f:" or call "f.close()"
    if keep:
        store(f)  # N: "f" escapes here: the function ends without releasing it


def borrowed_parameter_owes_nothing(f: Ref[File]) -> bytes:
    return f.read()


def unmanaged_parameter_owes_nothing(f: File) -> bytes:
    return f.read()


def constructor_of_a_resource(keep: bool) -> None:
    f = File()  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with File(...) as f:" or call "f.close()"
    if keep:
        f.close()  # N: "f" escapes here: the function ends without releasing it


def tuple_of_owned_results() -> None:
    a, b = open_pair()  # E: "b" is not released on every path  [resource-leak]  # N: help: use "with b:" or call "b.close()"
    a.close()  # N: "b" escapes here: the function ends without releasing it


def tuple_displays_hand_over(path: str) -> tuple[File, int]:
    f = open_file(path)
    return (f, 1)


# use after release -----------------------------------------------------------------------

def use_after_close(path: str) -> bytes:
    f = open_file(path)
    f.close()  # N: "f" was released here by close()
    return f.read()  # E: "f" used after release  [use-after-move]


def attribute_read_after_close(path: str) -> None:
    f = open_file(path)
    f.close()  # N: "f" was released here by close()
    print(f.name)  # E: "f" used after release  [use-after-move]


def attribute_stored_after_close(path: str) -> None:
    f = open_file(path)
    f.close()  # N: "f" was released here by close()
    f.name = "closed"  # E: "f" used after release  [use-after-move]


def attribute_read_after_the_with_block(path: str) -> None:
    with open_file(path) as f:
        f.read()
    print(f.name)  # the block's end releases; reading a data attribute is allowed after it


def attribute_stored_after_move(path: str) -> None:
    f = open_file(path)
    store(f)  # N: "f" was moved here by call to "store"
    f.name = "mine"  # E: "f" used after move  [use-after-move]


def with_target_after_the_block(path: str) -> bytes:
    with open_file(path) as f:  # N: "f" was released here when the with block ended
        data = f.read()
    print(f.name, data)
    return f.read()  # E: "f" used after release  [use-after-move]


def close_twice_on_some_path(path: str, again: bool) -> None:
    """File.close() is not marked @repeatable: a second release is a use after move
    (issue 14; it was allowed by name before)."""
    f = open_file(path)
    if again:
        f.close()  # N: "f" was released here by close()
    f.close()  # E: "f" may have been released  [use-after-move]


def handing_over_then_closing(path: str) -> None:
    f = open_file(path)
    store(f)  # N: "f" was moved here by call to "store"
    f.close()  # E: "f" used after move  [use-after-move]


# owned fields (docs/design.md §6) --------------------------------------------------------------

class Logger:
    """Owns a file and releases it: a resource for its users, and correct."""

    def __init__(self, path: str) -> None:
        self.out: Own[File] = open_file(path)

    def write(self, data: str) -> None:
        self.out.read()

    def close(self: Own[Logger]) -> None:
        self.out.close()


class LeakyCache:
    handle: Own[File]  # E: Field "handle" owns a resource, but class "LeakyCache" has no releasing method to release it  [resource-leak]  # N: help: add a method such as "def close(self: Own[LeakyCache]) -> None" that releases it

    def __init__(self, path: str) -> None:
        self.handle = open_file(path)


class HalfClosed:
    primary: Own[File]
    backup: Own[File]  # E: "backup" is not released on every path  [resource-leak]  # N: help: release it in "close"

    def __init__(self, a: str, b: str) -> None:
        self.primary = open_file(a)
        self.backup = open_file(b)

    def close(self: Own[HalfClosed], both: bool) -> None:
        self.primary.close()
        if both:
            self.backup.close()  # N: "backup" escapes here: the function ends without releasing it


def logger_is_a_resource(path: str) -> None:
    log = Logger(path)  # E: "log" is not released on every path  [resource-leak]  # N: help: call "log.close()" on every path
    log.write("x")  # N: "log" escapes here: the function ends without releasing it


def logger_released(path: str) -> None:
    log = Logger(path)
    log.write("x")
    log.close()


# wrappers take over ------------------------------------------------------------------------------

class Reader:
    def __init__(self, source: Own[File]) -> None:
        self.source: Own[File] = source

    def close(self: Own[Reader]) -> None:
        self.source.close()


def wrapper_takes_over(path: str) -> None:
    f = open_file(path)
    r = Reader(f)
    r.close()


# module level: resources live as long as the program --------------------------------------------

LOG = open_file("app.log")


# Own[T | None]: nothing is owed where it is None --------------------------------------------

def maybe_open(path: str) -> Own[File | None]:
    return File() if path else None


def optional_checked_with_is_none(path: str) -> None:
    f = maybe_open(path)
    if f is None:
        return
    f.close()


def optional_checked_with_truthiness(path: str) -> None:
    f = maybe_open(path)
    if f:
        f.close()


def optional_released_on_one_branch_only(path: str, ok: bool) -> None:
    f = maybe_open(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with maybe_open(...) as f:" or call "f.close()"
    if f is not None and ok:
        f.close()
    print(ok)  # N: "f" escapes here: the function ends without releasing it


# moving out of an owned field -----------------------------------------------------------------

class Pipeline:
    def __init__(self, path: str) -> None:
        self.sink: Own[File] = open_file(path)

    def flush(self) -> None:
        store(self.sink)  # E: Cannot move "self.sink" into "store": an owned field can be moved out only by a releasing method of its class  [move-from-borrow]  # N: help: do it in a method that takes "self: Own[Pipeline]", or pass a borrow

    def peek(self) -> bool:
        return peek(self.sink)

    def close(self: Own[Pipeline]) -> None:
        store(self.sink)


# overwriting an owned field that still holds its resource -----------------------------------

class Rotating:
    current: Own[File]  # E: "current" is not released on every path  [resource-leak]  # N: help: release the old value before assigning a new one

    def __init__(self, path: str) -> None:
        self.current = open_file(path)

    def rotate_leaky(self, path: str) -> None:
        self.current = open_file(path)  # N: "current" escapes here: overwritten at line 337 without releasing it

    def rotate(self, path: str) -> None:
        self.current.close()
        self.current = open_file(path)

    def close(self: Own[Rotating]) -> None:
        self.current.close()


# a failing assert is not an exit; steps that cannot raise begin no exception path ----------

def assert_guard_is_not_an_exit(path: str) -> bytes:
    f = open_file(path)
    assert f.name is not None
    data = f.read()
    f.close()
    return data


def close_in_handler_after_an_inert_return(path: str, ok: bool) -> None:
    f = open_file(path)
    try:
        if ok:
            f.close()
            return None
        f.read()
        f.close()
    except OSError:
        f.close()
        raise


# escape notes belong to their own acquisition ----------------------------------------------

def two_bindings_of_one_name(path: str, first: bool) -> File:
    if first:
        f = open_file(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open_file(...) as f:" or call "f.close()"
        f.read()
    else:
        f = open_file(path)
        return f
    return File()  # N: "f" escapes here: returns at line 379 without releasing it


# a flag set after the acquisition decides the release (correlated flags) -------------------------

def flag_set_after_acquisition(path: str, given: File | None) -> bytes:
    close_source = False
    source = given
    if source is None:
        source = open_file(path)
        close_source = True
    try:
        return source.read()
    finally:
        if close_source:
            source.close()


def flag_set_on_one_branch(path: str, given: File | None) -> bytes:
    if given is None:
        f = open_file(path)
        close = True
    else:
        close = False
    try:
        return b""
    finally:
        if close:
            f.close()


def flag_changed_after_acquisition(path: str, ok: bool) -> None:
    f = open_file(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open_file(...) as f:" or call "f.close()"
    close = True
    if not ok:
        close = False
    if close:
        f.close()  # N: "f" escapes here: the function ends without releasing it


def flag_computed_is_not_followed(path: str, ok: bool) -> None:
    f = open_file(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open_file(...) as f:" or call "f.close()"
    close = True
    close = ok
    if close:
        f.close()  # N: "f" escapes here: the function ends without releasing it


def flag_set_before_acquisition(paths: list[str]) -> File | None:
    """The shape of socket.create_connection: the error is None on the path that breaks."""
    err = None
    f = None
    for path in paths:
        err = f = None
        try:
            f = open_file(path)
            peek(f)
            break
        except OSError as exc:
            err = exc
            if f is not None:
                f.close()
    if err is not None:
        raise err
    return f


def none_flag_that_proves_a_leak(path: str) -> None:
    err = None
    f = open_file(path)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open_file(...) as f:" or call "f.close()"
    if err is None:
        return  # N: "f" escapes here: returns at line 450 without releasing it
    f.close()


def tested_name_decides_open_and_close(outfn: str, data: bytes, fallback: File) -> None:
    """The shape of pygments' command line: the same test opens and closes."""
    if outfn:
        out = open_file(outfn)
    else:
        out = fallback
    try:
        peek(out)
    finally:
        if outfn:
            out.close()


def tested_name_decides_open_not_close(outfn: str, fallback: File) -> None:
    if outfn:
        out = open_file(outfn)  # E: "out" is not released on every path  [resource-leak]  # N: help: use "with open_file(...) as out:" or call "out.close()"
    else:
        out = fallback
    peek(out)
    if not outfn:
        out.close()  # N: "out" escapes here: the function ends without releasing it
