"""fileinput: a FileInput must be closed; fileinput.input() returns one.

- FileInput.close() calls nextfile(), which closes the current file, closes the in-place
  output file and restores sys.stdout (inplace=True redirects sys.stdout to the output file
  until then), and deletes the temporary backup unless backup= asked to keep it; then sets
  ``self._files = ()``. __exit__ calls
  self.close() (Lib/fileinput.py FileInput.close, nextfile, __exit__). After close()
  iteration silently yields nothing.
- fileinput.input() creates the FileInput, stores it in the module's ``_state`` and returns
  it (Lib/fileinput.py input). The module-level fileinput.close() closes that global
  instance (Lib/fileinput.py close); the analysis cannot link the two, so a name bound to
  input() must be released through it (with, or its close()).
- Iterating a FileInput to its end releases it (@exhausts on __iter__): __next__ calls
  nextfile() whenever a file is read out, which closes it and the in-place output and
  restores sys.stdout, and raises StopIteration only once no file is left open
  (``if not self._file: raise StopIteration``; Lib/fileinput.py FileInput.__next__,
  _readline, nextfile). So ``for line in fileinput.input(): ...`` that runs out owes
  nothing; one left by break or return leaves the current file open.
- filename(), lineno() and filelineno() return stored counters (``self._filename``,
  ``self._startlineno + self._filelineno``, ``self._filelineno``), still meaningful after
  close() (FileInput.filename, lineno, filelineno).
"""

from typing import Any

from mypy_ownership import Own

class FileInput:
    @repeatable
    def close(self: Own[FileInput]) -> None: ...
    def __exit__(self: Own[FileInput], *args: object) -> None: ...
    @exhausts
    def __iter__(self) -> FileInput: ...
    @valid_after_release
    def filename(self) -> str: ...
    @valid_after_release
    def lineno(self) -> int: ...
    @valid_after_release
    def filelineno(self) -> int: ...

def input(files: Any = ..., inplace: bool = ..., backup: str = ..., *, mode: str = ..., openhook: Any = ..., encoding: str | None = ..., errors: str | None = ...) -> Own[FileInput]: ...
