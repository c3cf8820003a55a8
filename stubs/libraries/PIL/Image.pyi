"""Pillow (13.0, PIL/Image.py, PIL/ImageFile.py): an image opened from a path owes close();
one opened from the caller's file object leaves that file to the caller.

- Image.open(fp) (Image.py:3600) opens ``builtins.open(filename, "rb")`` itself when
  ``is_path(fp)`` and marks the image ``_exclusive_fp = True`` (Image.py:3647-3650,
  3722); given a file object it reads from it and does not take it (``exclusive_fp =
  False``): @wraps("fp"), and such an image owes nothing of its own (its close() closes
  only an exclusive file, ImageFile._close_fp, ImageFile.py:184, called from close() at
  ImageFile.py:198 and from __exit__ ``if getattr(self, "_exclusive_fp", False)``,
  ImageFile.py:193). A value typed ``Any`` is taken for a path, as for every wrapper.
- Image.Image itself (Image.new(), convert(), ...) holds no file: only the ImageFile that
  open() returns is a resource (PIL/ImageFile.pyi).
- close() is what the documentation asks for ("required to close images that have
  multiple frames or have not had their file read and closed by the load() method",
  ImageFile.py:199); it may be repeated (``self.fp = None`` after the first).
- load() closes an exclusive file once the data is read (ImageFile.py:438, ``if
  self._exclusive_fp and self._close_exclusive_fp_after_loading: self.fp.close()``), for
  every format but the multi-frame ones (GIF, TIFF, APNG, ... set
  ``_close_exclusive_fp_after_loading = False``): an explicit load() is taken to read it
  to its end (@exhausts), and the image stays usable. The methods that load implicitly
  (convert(), resize(), save(), ...) are not: call load(), close() or use ``with``.
- verify() closes the exclusive file too (ImageFile.py:288); the image cannot be used
  after it (Pillow's documentation: reopen the file to load it): a release.
"""

from typing import Any

from mypy_ownership import Own

@wraps("fp")
def open(fp: Any, mode: str = ..., formats: Any = ...) -> Own[object]: ...
