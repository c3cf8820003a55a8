"""fileinput: a FileInput must be closed (with inplace=True, sys.stdout stays redirected
until it is); filename(), lineno() and filelineno() stay valid after close()."""

import fileinput
import sys


# silent: the documentation's examples ---------------------------------------------------

def print_all(files: list[str]) -> None:
    with fileinput.input(files=files, encoding="utf-8") as f:
        for line in f:
            sys.stdout.write(line)


def each_line() -> int:
    count = 0
    for line in fileinput.input(encoding="utf-8"):
        count += len(line)
    return count


def count_lines(files: list[str]) -> str:
    with fileinput.FileInput(files) as f:
        for _ in f:
            pass
    return f"{f.filename()}: {f.lineno()} lines, {f.filelineno()} in the last file"


def strip_in_place(files: list[str]) -> None:
    f = fileinput.input(files, inplace=True)
    try:
        for line in f:
            print(line.rstrip())
    finally:
        f.close()


# leaks ----------------------------------------------------------------------------------

def first_match(files: list[str], word: str) -> str | None:
    f = fileinput.input(files)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with input(...) as f:" or call "f.close()"
    for line in f:
        if word in line:
            return f.filename()  # N: "f" escapes here: returns at line 45 without releasing it
    f.close()
    return None


def rewrite_until_marker(files: list[str]) -> None:
    f = fileinput.FileInput(files, inplace=True, backup=".bak")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with FileInput(...) as f:" or call "f.close()"
    for line in f:
        if line.startswith("#"):
            break
        print(line, end="")
    print("done")  # N: "f" escapes here: the function ends without releasing it


# use after release -----------------------------------------------------------------------

def read_after_close(files: list[str]) -> str:
    f = fileinput.input(files)
    first = f.readline()
    f.close()  # N: "f" was released here by close()
    return first + f.readline()  # E: "f" used after release  [use-after-move]


def next_file_after_the_block(files: list[str]) -> None:
    with fileinput.input(files) as f:  # N: "f" was released here when the with block ended
        print(f.readline())
    f.nextfile()  # E: "f" used after release  [use-after-move]
