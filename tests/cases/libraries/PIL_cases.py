"""Pillow: Image.open() from a path owes close() (or a with block, or an explicit load()
that reads the file to its end); from the caller's file object it owes nothing and leaves
that file to the caller; images made in memory hold nothing."""

import io

from PIL import Image


# silent ---------------------------------------------------------------------------------

def size_in_with(path: str) -> tuple[int, int]:
    with Image.open(path) as im:
        return im.size


def loaded_then_converted(path: str) -> Image.Image:
    im = Image.open(path)
    im.load()
    return im.convert("RGB")


def closed_after_thumbnail(path: str, out: str) -> None:
    im = Image.open(path)
    try:
        im.thumbnail((128, 128))
        im.save(out)
    finally:
        im.close()


def from_the_callers_file(f: io.BufferedReader) -> tuple[int, int]:
    im = Image.open(f)
    return im.size


def from_bytes(data: bytes) -> str:
    im = Image.open(io.BytesIO(data))
    return im.mode


def made_in_memory() -> Image.Image:
    im = Image.new("RGB", (16, 16))
    return im.rotate(90)


def opened_image_returned(path: str) -> Image.Image:
    return Image.open(path)


# leaks ----------------------------------------------------------------------------------

def size_without_close(path: str) -> tuple[int, int]:
    im = Image.open(path)  # E: "im" is not released on every path  [resource-leak]  # N: help: use "with open(...) as im:" or call "im.close()"
    return im.size  # N: "im" escapes here: returns at line 55 without releasing it


def converted_temporary(path: str) -> Image.Image:
    return Image.open(path).convert("RGB")  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it


def file_left_open(path: str) -> str:
    f = open(path, "rb")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    im = Image.open(f)
    return im.mode  # N: "f" escapes here: returns at line 65 without releasing it


# use after release -------------------------------------------------------------------------

def load_after_verify(path: str) -> None:
    im = Image.open(path)
    im.verify()  # N: "im" was released here by verify()
    im.load()  # E: "im" used after release  [use-after-move]
