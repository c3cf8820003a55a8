"""A queue stores what is put into it for a consumer, which owns it from then on: container
insertion (docs/design.md §2.2), not the standard library's default borrow.

CPython Lib/queue.py: Queue.put(item, block, timeout) and put_nowait(item) call
``self._put(item)``, which appends it to ``self.queue`` (a deque; a heap for
PriorityQueue, LifoQueue a list); the C SimpleQueue (Modules/_queuemodule.c
simplequeue_put) appends it to its list likewise."""

class Queue:
    @inserts
    def put(self, item: object, block: bool = ..., timeout: float | None = ...) -> None: ...
    @inserts
    def put_nowait(self, item: object) -> None: ...

class SimpleQueue:
    @inserts
    def put(self, item: object, block: bool = ..., timeout: float | None = ...) -> None: ...
    @inserts
    def put_nowait(self, item: object) -> None: ...
