"""functools.partial keeps its extra positional arguments for a later call: a hand-over
(docs/design.md §2.5), not the standard library's default borrow, since whoever calls the
partial may release them.

CPython Lib/functools.py class partial: __new__(cls, func, /, *args, **keywords) stores
``self.args = args`` (and ``self.keywords``), and __call__ passes them on as
``self.func(*self.args, *args, **keywords)``. The C twin (Modules/_functoolsmodule.c
partial_new) keeps them likewise. Keyword arguments are not listed (a stub names no
``**kwargs``): one given by keyword is borrowed."""

from mypy_ownership import Own

class partial:
    @takes_over
    def __init__(self, func: object, /, *args: Own[object]) -> None: ...
