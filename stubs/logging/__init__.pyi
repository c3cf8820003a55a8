"""logging: a FileHandler owns the file it writes to; a logger takes over the handlers added
to it.

CPython Lib/logging/__init__.py (3.11):
- FileHandler.__init__ opens the file at once (StreamHandler.__init__(self, self._open()))
  unless delay=True, in which case emit() opens it on the first record; either way
  FileHandler.close() flushes and closes the stream and calls Handler.close(). close()
  releases a FileHandler, and a FileHandler never closed leaves its file open.
- FileHandler.emit() reopens the file after close() (when mode is not "w"): handling records
  after the release opens a file nobody closes, so it is a use after release.
- FileHandler._open() only opens baseFilename with the handler's mode and encoding and
  returns the new stream (``return open_func(self.baseFilename, self.mode, ...)``): the
  log-reopen idiom ``handler.close(); handler.stream = handler._open()`` calls it after the
  release, validly, and the stream it returns is the caller's to keep or close.
- Handler.acquire()/release() take and drop the handler's I/O lock (``if self.lock:
  self.lock.acquire()``), which close() leaves in place: valid after the release.
- The file-based handlers of logging.handlers derive from FileHandler (WatchedFileHandler,
  BaseRotatingHandler and so RotatingFileHandler, TimedRotatingFileHandler): this entry is
  found along their MRO.
- Logger.addHandler(hdlr) appends the handler to self.handlers, and the logger keeps it;
  shutdown(), registered with atexit, flushes and closes every live handler (through the
  weak references of _handlerList): adding a handler hands its release to logging, so
  addHandler takes it as Own.
- StreamHandler has no close() of its own: it never closes the stream it was given (not
  listed: the caller keeps owning that stream). Handler.close() of the base class only
  unregisters the handler's name: plain handlers are not resources.
"""

from mypy_ownership import Own

class StreamHandler:
    # Lib/logging/__init__.py StreamHandler.setStream: keeps the stream it is given; a
    # FileHandler's close() then closes it (FileHandler.close -> self.stream.close()).
    @takes_over
    def setStream(self, stream: Own[object]) -> object: ...

class FileHandler:
    @repeatable
    def close(self: Own[FileHandler]) -> None: ...
    @valid_after_release
    def _open(self) -> Own[object]: ...
    @valid_after_release
    def acquire(self) -> None: ...
    @valid_after_release
    def release(self) -> None: ...

class Logger:
    @takes_over
    def addHandler(self, hdlr: Own[Handler]) -> None: ...
