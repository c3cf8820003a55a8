"""weakref.finalize(obj, func, *args, **kwargs) keeps ``func`` and ``args`` until ``obj`` is
collected, or the program exits, and then calls ``func(*args, **kwargs)`` (Lib/weakref.py
class finalize: __init__ stores ``info.args = args``, __call__ calls
``info.func(*info.args, **(info.kwargs or {}))``): the arguments are handed over
(docs/design.md §2.5). ``obj`` is only watched through a weak reference: borrowed."""

from mypy_ownership import Own

class finalize:
    @takes_over
    def __init__(self, obj: object, func: object, /, *args: Own[object]) -> None: ...
