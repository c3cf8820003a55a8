"""Every text the plugin shows a user, in one place, so the docs can quote them exactly."""

from __future__ import annotations

from mypy_ownership.state import Help


def quoted(name: str) -> str:
    """A name as messages show it; mypy renames redefinitions with a trailing prime. A
    description of a value that has no name ("the value") is no name: it is not quoted."""
    if is_description(name):
        return name
    return f'"{name.rstrip(chr(39))}"'


def is_description(name: str) -> bool:
    return " " in name


def subject(name: str) -> str:
    """A name, or a description, at the start of a sentence."""
    said = quoted(name)
    return said[:1].upper() + said[1:] if is_description(name) else said


# use-after-move -----------------------------------------------------------------------

def used_after_move(name: str, released: bool = False) -> str:
    return f"{subject(name)} " + ("used after release" if released else "used after move")


def maybe_moved(name: str, released: bool = False) -> str:
    return f"{subject(name)} may have been {'released' if released else 'moved'}"


def moved_in_previous_iteration(name: str, released: bool = False) -> str:
    if released:
        return f"{subject(name)} used after release: released in a previous iteration of the loop"
    return f"{subject(name)} used after move: moved in a previous iteration of the loop"


def moved_here(name: str, how: str, released: bool = False, through: str = "") -> str:
    said = f"{subject(name)} was {'released' if released else 'moved'} here {how}"
    return f"{said}, through {quoted(through)} (the same object)" if through else said


def by_release(method: str) -> str:
    return f"by {method}()"


def by_with_block() -> str:
    return "when the with block ended"


def by_call(callee: str | None) -> str:
    return f"by call to {quoted(callee)}" if callee else "by a call"


def by_assignment(target: str) -> str:
    return f"by assignment to {quoted(target)}"


def by_return() -> str:
    return "by return"


def by_yield() -> str:
    return "by yield"


def by_capture(closure: str | None) -> str:
    return f"by capture in closure {quoted(closure)}" if closure else "by capture in a lambda"


# resource-leak --------------------------------------------------------------------------

def not_released(name: str) -> str:
    return f"{subject(name)} is not released on every path"


def pipes_not_closed(name: str, pipes: tuple[str, ...]) -> str:
    said = " and ".join(quoted(f"{name}.{p}") for p in pipes)
    return f"{said} {'is' if len(pipes) == 1 else 'are'} not closed on every path"


def pipes_help(name: str, help: Help) -> str:
    """A process reaped with its pipes still open: the releases that close them."""
    ways = [f'call "{name}.{help.method}()"'] if help.method else []
    if help.context and help.callee:
        ways.append(f'use "with {help.callee}(...) as {name}:"')
    ways.append("close " + " and ".join(quoted(f"{name}.{p}") for p in help.pipes))
    return "help: reaping the process leaves its pipes open: " + ", ".join(ways[:-1]) + f", or {ways[-1]}"


def escapes_here(name: str, what: str) -> str:
    return f"{subject(name)} escapes here: {what} without releasing it"


def leak_help(name: str, help: Help) -> str:
    """The fix a leak report suggests, for the name that holds the resource."""
    method, call = help.method, f'"{name}.{help.method}()"'
    if help.kind == "resource" and help.give_back:
        return f'help: give it back with "{help.give_back}({name})" on every path'
    if help.kind == "lock":
        if not help.context:
            return f"help: call {call} on every path" if method else "help: release it on every path"
        return f'help: use "with {name}:"' + (f" or call {call} on every path" if method else "")
    if help.kind == "release-in":
        return f'help: release it in "{method}"'
    if help.kind == "overwrite":
        return "help: release the old value before assigning a new one"
    if help.kept_open:
        return kept_open_help(name, method)
    if help.context:
        block = f"with {help.callee}(...) as {name}:" if help.callee else f"with {name}:"
        block = "async " + block if help.asynchronous else block
        said = f'help: use "{block}"' + (f" or call {call}" if method else "")
        # the wrapped file stays open either way: what is lost is the end of the output
        return said + ": closing it writes the end of its output" if help.writer else said
    if method:
        return f"help: call {call} on every path"
    return "help: hand it to a new owner on every path"


def field_of_borrowed(mode: str) -> str:
    return f"a field of a {mode} receiver"


def as_with_target() -> str:
    return "as the target of a with block"


def discarded_resource(callee: str) -> str:
    return f"The resource returned by {quoted(callee)} is discarded without being released"


def kept_open_by_with(callee: str) -> str:
    return f"The resource returned by {quoted(callee)} is not released by its with block"


def kept_open_help(name: str | None, method: str) -> str:
    """The with block leaves it open (its ``__exit__`` only borrows it); ``name``: the
    with target that holds it, if any."""
    release = f"{method}()" if method else "its release"
    if name is not None:
        after = f'call "{name}.{release}" after the block' if method else f"call {release} after the block"
    else:
        after = f'bind it ("as name") and call {release} after the block'
    return f'help: its with block does not release it: {after}, or wrap it in "contextlib.closing(...)"'


def discarded_help() -> str:
    return "help: bind it with \"with ... as name:\", or keep it in a name and release it"


def only_borrowed_by(callee: str) -> str:
    return f"{quoted(callee)} only borrows it: nothing releases it"


def iterating_does_not_release() -> str:
    return "iterating over it does not release it"


def generator_may_stop() -> str:
    return "a generator expression may be left before the end, where it would be released"


def loop_may_stop() -> str:
    return "leaving the loop before the end leaves it unreleased"


def loop_stops_here(how: str) -> str:
    return f"the loop may stop here ({how}) before the end"


def temporary_help(help: Help, lent: bool) -> str:
    """The fix for a resource no name holds: a name, released when done with it."""
    use = 'pass "f"' if lent else 'iterate over "f"'
    if help.context and help.callee:
        return f'help: use "with {help.callee}(...) as f:" and {use}'
    if help.method:
        return f'help: bind it to a name, {use}, then call "f.{help.method}()"'
    return discarded_help()


def field_never_released(field: str, cls: str) -> str:
    return (
        f"Field {quoted(field)} owns a resource, but class {quoted(cls)} has no releasing"
        " method to release it"
    )


def field_release_help(cls: str) -> str:
    return f'help: add a method such as "def close(self: Own[{cls}]) -> None" that releases it'


# move-from-borrow -----------------------------------------------------------------------

def cannot_move_borrowed(name: str, how: str, detail: str) -> str:
    return f"{subject(name)} is only borrowed ({how}) and cannot be {detail}"


def borrowed_here(name: str, how: str) -> str:
    return f"{subject(name)} is borrowed here ({how})"


def borrow_escapes(name: str, detail: str) -> str:
    if is_description(name):
        return f"{subject(name)} is borrowed and may outlive its borrow: {detail}"
    return f"Borrowed {quoted(name)} may outlive its borrow: {detail}"


def cannot_while_borrowed(owner: str, released: bool, mutably: bool) -> str:
    """The owner was moved, released (``released``) or mutably borrowed (``mutably``)."""
    if mutably:
        return f"Cannot mutably borrow {quoted(owner)} while a borrow of it is still used"
    if released:
        return f"Cannot release {quoted(owner)} while a borrow of it is still used"
    return f"Cannot move {quoted(owner)} while a borrow of it is still used"


def borrow_created(owner: str, how: str) -> str:
    return f"borrow of {quoted(owner)} created here {how}"


def borrow_used_later() -> str:
    return "the borrow is used here, later"


def used_later_by_call(callee: str | None) -> str:
    return f"the borrow is used later by the call to {quoted(callee)}" if callee else "the borrow is used later by the call"


def used_by_next_iteration() -> str:
    return "the borrow is used later, by the loop's next iteration"


def by_for_loop() -> str:
    return "by the for loop over it"


def kept_by(callee: str | None) -> str:
    """A callee that keeps its argument beyond the call (``@keeps``)."""
    return f"kept by {quoted(callee)} beyond the call" if callee else "kept by the callee beyond the call"


def shared_borrow_used_mutably(name: str, detail: str) -> str:
    return f"Cannot mutate through shared borrow {quoted(name)}: {detail}"


def lent_twice(name: str, detail: str) -> str:
    return f"{subject(name)} is {detail}"


def returns_local_reference(name: str, detail: str) -> str:
    return f"Cannot return a reference to {quoted(name)}: {detail}"


def moved_out_of_field(place: str, callee: str) -> str:
    return (
        f"Cannot move {quoted(place)} into {quoted(callee)}: an owned field can be moved out"
        " only by a releasing method of its class"
    )


def field_move_help(cls: str) -> str:
    return f'help: do it in a method that takes "self: Own[{cls}]", or pass a borrow'


# missing-lifetime ---------------------------------------------------------------------

def missing_lifetime(function: str, mode: str) -> str:
    return (
        f"{quoted(function)} returns a borrowed value ({mode}[...]) but has no Ref or Mut"
        " parameter it could be borrowed from"
    )


def missing_lifetime_help() -> str:
    return (
        "help: return an owned value (Own[...]), or take the owner as a Ref[...] or"
        " Mut[...] parameter"
    )


# ownership-annotation -----------------------------------------------------------------

def wrong_arity(alias: str, count: int) -> str:
    return f"{alias}[...] takes exactly one type argument, got {count}"


def bare_alias(alias: str) -> str:
    return f"{alias} needs a type argument: write {alias}[T]"


def nested_modes(outer: str, inner: str) -> str:
    return f"{outer}[{inner}[...]] nests two ownership modes; use one of them"


def borrow_stored(alias: str, place: str) -> str:
    return f"{alias}[...] cannot annotate {place}: a borrow cannot be stored"


# plugin itself ------------------------------------------------------------------------

def unsupported_mypy(version: str, minimum: str) -> str:
    return (
        f"mypy-ownership: mypy {version} is not supported; the plugin needs mypy >= {minimum}"
        " (it analyses each module in the get_additional_indirect_deps hook, which older"
        " mypy does not call). Upgrade mypy, or remove mypy_ownership.plugin from plugins."
    )
