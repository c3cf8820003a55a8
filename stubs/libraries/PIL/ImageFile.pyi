"""Pillow (13.0, PIL/ImageFile.py): what releases an ImageFile, the class of every image
Image.open() returns (PIL/Image.pyi says which of them owe a release at all).

- close() (ImageFile.py:198) closes the file the image opened itself (_close_fp,
  ImageFile.py:184); __exit__ does the same (ImageFile.py:193). Both may be repeated.
- load() (ImageFile.py:296) closes that file once the data is read, for single-frame
  formats (ImageFile.py:438): @exhausts, the image staying usable.
- verify() (ImageFile.py:288) closes it too, and the image is not to be used after it.
"""

from mypy_ownership import Own

class ImageFile:
    @repeatable
    def close(self: Own[ImageFile]) -> None: ...
    def __exit__(self: Own[ImageFile], *args: object) -> None: ...
    @exhausts
    def load(self) -> object: ...
    def verify(self: Own[ImageFile]) -> None: ...
