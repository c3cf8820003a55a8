"""The language's containers: what they store (deque, UserList and other sequences reach the
typing ABCs' entries along their MRO). An owned value inserted into one moves into
it (the container owns it from then on); a borrowed one escapes (container insertion,
docs/design.md §2.2). ``extend`` stores the items of its argument, not the
argument itself.

``setattr(obj, name, value)`` stores ``value`` as the attribute (Python/bltinmodule.c
builtin_setattr calls PyObject_SetAttr), as ``obj.name = value`` does: the value goes
where the analysis does not follow it (docs/design.md §2.5), so it is taken over rather
than borrowed, the standard library's default.

``memoryview(obj)`` exports ``obj``'s buffer and keeps a reference to ``obj`` for as long
as the view lives (Objects/memoryobject.c: memory_new calls PyMemoryView_FromObject, whose
PyObject_GetBuffer fills ``view->obj`` with a new reference, dropped only by
PyBuffer_Release when the view is released); an ``mmap`` cannot even be closed while
exported (Modules/mmapmodule.c mmap_close_method: "cannot close exported pointers
exist"). The view takes its object over, as ``setattr`` does.

``type(x)`` reads the type of ``x`` (Objects/typeobject.c type_new with one argument
returns ``Py_TYPE(x)``): a released value may be passed to it (@valid_after_release on a
callable: the argument is only referred to, as a data attribute read is)."""

from mypy_ownership import Own

class list:
    @inserts
    def append(self, item: object) -> None: ...
    @inserts_items
    def extend(self, items: object) -> None: ...
    @inserts
    def insert(self, index: int, item: object) -> None: ...

class set:
    @inserts
    def add(self, item: object) -> None: ...

class dict:
    @inserts
    def setdefault(self, key: object, default: object = ...) -> object: ...

class type:
    @valid_after_release
    def __init__(self, o: object, /) -> None: ...

@takes_over
def setattr(obj: object, name: str, value: Own[object], /) -> None: ...


class memoryview:
    @takes_over
    def __init__(self, obj: Own[object]) -> None: ...
