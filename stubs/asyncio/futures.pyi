"""asyncio futures: a done callback is kept until the future completes (@keeps).

CPython Lib/asyncio/futures.py (3.11): Future.add_done_callback(fn, *, context=None)
(line 222) appends (fn, context) to self._callbacks (line 234), scheduled with
call_soon when the future is done; the C _asyncio.Future mirrors it. Task derives from
Future, so the entry is found along its MRO.
"""

class Future:
    @keeps("fn")
    def add_done_callback(self, fn: object, *, context: object = ...) -> None: ...
