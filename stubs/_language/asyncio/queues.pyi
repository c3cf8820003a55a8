"""An asyncio queue stores what is put into it for a consumer: container insertion
(docs/design.md §2.2). CPython Lib/asyncio/queues.py: Queue.put awaits a free slot and
calls put_nowait(item), which calls ``self._put(item)``, appending it to ``self._queue``."""

class Queue:
    @inserts
    async def put(self, item: object) -> None: ...
    @inserts
    def put_nowait(self, item: object) -> None: ...
