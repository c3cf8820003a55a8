"""wave: Wave_read and Wave_write must be closed; a file object passed in stays the
caller's; the parameter getters stay valid after close()."""

import wave


# silent ---------------------------------------------------------------------------------

def duration(path: str) -> float:
    with wave.open(path, "rb") as w:
        frames, rate = w.getnframes(), w.getframerate()
    return frames / rate


def write_silence(path: str, seconds: int) -> None:
    # the documentation's example, shortened
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(44100)
        out.writeframes(b"\x00\x00" * 44100 * seconds)


def params_after_the_block(path: str) -> int:
    # the getters only return values read at open: still valid after close
    with wave.open(path, "rb") as w:
        data = w.readframes(10)
    print(len(data), w.getparams())
    return w.getnchannels() * w.getsampwidth()


def from_an_open_file(path: str) -> bytes:
    with open(path, "rb") as f:
        with wave.open(f, "rb") as w:
            frames = w.readframes(w.getnframes())
        f.seek(0)
    return frames


# leaks ----------------------------------------------------------------------------------

def header_never_patched(path: str, frames: bytes) -> None:
    out = wave.open(path, "wb")  # E: "out" is not released on every path  [resource-leak]  # N: help: use "with open(...) as out:" or call "out.close()"
    out.setparams((1, 2, 8000, 0, "NONE", "not compressed"))
    out.writeframesraw(frames)  # N: "out" escapes here: the function ends without releasing it


def reader_left_open(path: str) -> int:
    w = wave.Wave_read(path)  # E: "w" is not released on every path  [resource-leak]  # N: help: use "with Wave_read(...) as w:" or call "w.close()"
    return w.getnframes()  # N: "w" escapes here: returns at line 50 without releasing it


def file_object_stays_open(path: str) -> int:
    f = open(path, "rb")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with open(...) as f:" or call "f.close()"
    w = wave.open(f, "rb")
    n = w.getnframes()
    w.close()
    return n  # N: "f" escapes here: returns at line 58 without releasing it


# use after release -----------------------------------------------------------------------

def read_after_close(path: str) -> bytes:
    w = wave.open(path, "rb")
    w.close()  # N: "w" was released here by close()
    return w.readframes(1)  # E: "w" used after release  [use-after-move]


def write_after_the_block(path: str, frames: bytes) -> None:
    with wave.open(path, "wb") as out:  # N: "out" was released here when the with block ended
        out.setparams((1, 2, 8000, 0, "NONE", "not compressed"))
    out.writeframes(frames)  # E: "out" used after release  [use-after-move]
