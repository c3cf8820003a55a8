"""asyncio event loops: the callbacks a loop schedules, and their arguments, are kept by
the loop until it runs them (@keeps): a borrow given there outlives the call.

CPython Lib/asyncio/ (3.11):
- base_events.py BaseEventLoop.call_soon(callback, *args, context=None) (line 751) and
  call_soon_threadsafe (line 804) go through _call_soon, which makes
  events.Handle(callback, args, self, context) and appends it to self._ready (lines
  780-781): run later by the loop.
- base_events.py call_later(delay, callback, *args, context=None) (line 709) calls
  call_at, which makes events.TimerHandle(when, callback, args, self, context) and pushes
  it on self._scheduled (lines 733, 744).
- base_events.py run_in_executor(executor, func, *args) returns a future over
  executor.submit(func, *args) (lines 815, 829): a worker thread runs func later.
- selector_events.py BaseSelectorEventLoop.add_reader / add_writer(fd, callback, *args)
  (lines 337, 347) register events.Handle(callback, args, self, None) with the selector,
  run whenever the file descriptor is ready.
- unix_events.py _UnixSelectorEventLoop.add_signal_handler(sig, callback, *args) (line 88)
  stores events.Handle(callback, args, self, None) in self._signal_handlers.
- AbstractEventLoop (events.py) declares them all; every loop derives from it, so these
  entries are found along the MRO of whatever loop mypy sees.
"""

class AbstractEventLoop:
    @keeps("callback", "args")
    def call_soon(self, callback: object, *args: object, context: object = ...) -> object: ...
    @keeps("callback", "args")
    def call_soon_threadsafe(self, callback: object, *args: object, context: object = ...) -> object: ...
    @keeps("callback", "args")
    def call_later(self, delay: object, callback: object, *args: object, context: object = ...) -> object: ...
    @keeps("callback", "args")
    def call_at(self, when: object, callback: object, *args: object, context: object = ...) -> object: ...
    @keeps("func", "args")
    def run_in_executor(self, executor: object, func: object, *args: object) -> object: ...
    @keeps("callback", "args")
    def add_reader(self, fd: object, callback: object, *args: object) -> None: ...
    @keeps("callback", "args")
    def add_writer(self, fd: object, callback: object, *args: object) -> None: ...
    @keeps("callback", "args")
    def add_signal_handler(self, sig: object, callback: object, *args: object) -> None: ...
