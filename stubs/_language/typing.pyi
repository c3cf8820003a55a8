"""The abstract containers, for the classes that derive from them (UserList, custom
MutableSequence implementations); and the language's own repeatable release: closing a
generator twice is harmless, which is the default for a ``close()`` that no stub
describes (docs/design.md §7)."""

class MutableSequence:
    @inserts
    def append(self, value: object) -> None: ...
    @inserts_items
    def extend(self, values: object) -> None: ...
    @inserts
    def insert(self, index: int, value: object) -> None: ...

class MutableSet:
    @inserts
    def add(self, value: object) -> None: ...

class MutableMapping:
    @inserts
    def setdefault(self, key: object, default: object = ...) -> object: ...

class Generator:
    @repeatable
    def close(self) -> None: ...
