"""mmap: a memory map must be closed; it does not own the file it maps.

- mmap.close() unmaps the memory and closes the map's own duplicate of the file
  descriptor; __exit__ calls close() (Modules/mmapmodule.c mmap_close_method,
  mmap__exit__method). Afterwards every data operation raises ValueError "mmap closed or
  invalid" (CHECK_VALID); the ``closed`` attribute stays readable (mmap_closed_get), and
  is true only once the map is closed (it reads ``data == NULL``, which only close()
  sets): @released_when_true.
- The constructor takes a file descriptor (an int) and duplicates it (new_mmap_object:
  ``m_obj->fd = _Py_dup(fd)``), so the file object it came from is neither taken nor
  closed: it may be closed right after the map is made, and still has to be.
"""

from mypy_ownership import Own

class mmap:
    @repeatable
    def close(self: Own[mmap]) -> None: ...
    def __exit__(self: Own[mmap], *args: object) -> None: ...
    @property
    @released_when_true
    def closed(self) -> bool: ...
