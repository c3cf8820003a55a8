"""atexit.register(func, *args, **kwargs) keeps ``args`` until the interpreter exits and
then calls ``func(*args, **kwargs)`` (Modules/atexitmodule.c atexit_register stores the
callback with ``args`` and ``kwargs`` in the module state; atexit_callfuncs calls it): the
arguments are handed over (docs/design.md §2.5), not borrowed."""

from mypy_ownership import Own

@takes_over
def register(func: object, /, *args: Own[object]) -> object: ...
