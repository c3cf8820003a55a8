"""The language's containers: what they store (deque, UserList and other sequences reach the
typing ABCs' entries along their MRO). An owned value inserted into one moves into
it (the container owns it from then on); a borrowed one escapes (container insertion,
docs/design.md §2.2). ``extend`` stores the items of its argument, not the
argument itself."""

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
