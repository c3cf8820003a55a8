"""A method whose receiver is ``Own`` consumes it (docs/design.md §1.2, §2.6): a declared
owner is gone after the call, its data attributes with it, also when the receiver is
``self`` inside another method; on a reference a call returns, it is a move from a borrow
(§4.1)."""

from __future__ import annotations

from mypy_ownership import Mut, Own, Ref


class Job:
    def __init__(self, result: int) -> None:
        self.result = result

    def finish(self: Own[Job]) -> None: ...

    def peek(self: Ref[Job]) -> int:
        return self.result

    def finish_then_read(self: Own[Job]) -> int:
        """``self`` is consumed by its own finish(): its fields went with it."""
        self.finish()  # N: "self" was released here by finish()
        return self.result  # E: "self" used after release  [use-after-move]

    def finish_then_store(self: Own[Job]) -> None:
        """Storing into a field of the consumed object is a use as well."""
        self.finish()  # N: "self" was released here by finish()
        self.result = 0  # E: "self" used after release  [use-after-move]

    def read_then_finish(self: Own[Job]) -> int:
        """The field is read before the object is consumed."""
        result = self.result
        self.finish()
        return result

    def wrap_up(self) -> None:
        """A plain receiver is unmanaged: after its own finish(), its fields stay usable."""
        self.finish()
        self.result = 0

    def finish_on_one_branch(self: Own[Job], early: bool) -> int:
        """Consumed on one path only: "may have been"."""
        self.finish() if early else None  # N: "self" was released here by finish()
        return self.result  # E: "self" may have been released  [use-after-move]


class Holder:
    def __init__(self) -> None:
        self.job = Job(0)

    def view(self: Ref[Holder]) -> Ref[Job]:
        return self.job

    def edit(self: Mut[Holder]) -> Mut[Job]:
        return self.job


def make_job() -> Own[Job]:
    return Job(1)


def local_owner_read_after_finish() -> int:
    """The local owner is consumed: reading its field afterwards is a use after release."""
    job = make_job()
    job.finish()  # N: "job" was released here by finish()
    return job.result  # E: "job" used after release  [use-after-move]


def own_parameter_read_after_finish(job: Own[Job]) -> int:
    """An Own parameter is a declared owner as a local is."""
    job.finish()  # N: "job" was released here by finish()
    return job.result  # E: "job" used after release  [use-after-move]


def consumed_through_a_temporary_borrow(holder: Holder) -> None:
    """``view()`` lends a reference: consuming it is a move out of a borrow."""
    holder.view().finish()  # E: "holder.view()" is only borrowed (by call to "view") and cannot be released by finish()  [move-from-borrow]  # N: "holder.view()" is borrowed here (by call to "view")


def consumed_through_a_temporary_mut_borrow(holder: Holder) -> None:
    """A Mut reference cannot be consumed either."""
    holder.edit().finish()  # E: "holder.edit()" is only borrowed (by call to "edit") and cannot be released by finish()  [move-from-borrow]  # N: "holder.edit()" is borrowed here (by call to "edit")


# silent -------------------------------------------------------------------------------------

def temporary_borrow_only_read(holder: Holder) -> int:
    """Reading through the reference a call lends is what it is for."""
    return holder.view().peek()


def consumed_temporary_owner() -> None:
    """A temporary the caller owns may be consumed on the spot."""
    make_job().finish()


def read_before_finish(job: Own[Job]) -> int:
    """Read first, consumed last."""
    result = job.result
    job.finish()
    return result


def finish_then_rebind(job: Own[Job]) -> int:
    """A new value under the name is a new owner."""
    job.finish()
    job = make_job()
    result = job.result
    job.finish()
    return result


def file_attribute_after_close(path: str) -> str:
    """A file is a known owner (its release comes from the stubs): its data attributes stay
    readable after close(), as Python allows."""
    f = open(path)
    f.close()
    return f.name
