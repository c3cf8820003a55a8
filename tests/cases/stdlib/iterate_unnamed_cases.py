"""Iterating a resource no name holds (docs/design.md §3): a file is not closed by iterating
it, so `for line in open(p)` leaks however the loop ends; an os.scandir() iterator closes
itself when it runs out, so only a loop that can stop early (return, break, raise) leaks
it, and a generator expression over it always may. A comprehension runs to its end."""

import fileinput
import os


# report ------------------------------------------------------------------------------------

def print_every_line(path: str) -> None:
    """The loop runs out, but a file is not closed by reading it to the end."""
    for line in open(path):  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: iterating over it does not release it  # N: help: use "with open(...) as f:" and iterate over "f"
        print(line)


def first_comment(path: str) -> str:
    """Leaving early changes nothing for a file: it leaked either way."""
    for line in open(path, encoding="utf-8"):  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: iterating over it does not release it  # N: help: use "with open(...) as f:" and iterate over "f"
        if line.startswith("#"):
            return line
    return ""


def first_directory(root: str) -> str:
    """A return inside the loop leaves the scandir iterator open."""
    for entry in os.scandir(root):  # E: The resource returned by "scandir" is discarded without being released  [resource-leak]  # N: leaving the loop before the end leaves it unreleased  # N: help: use "with scandir(...) as f:" and iterate over "f"
        if entry.is_dir():
            return entry.path  # N: the loop may stop here (return) before the end
    return ""


def has_a_file(root: str) -> bool:
    """A break leaves it open too; a break of a nested loop does not leave this one."""
    found = False
    for entry in os.scandir(root):  # E: The resource returned by "scandir" is discarded without being released  [resource-leak]  # N: leaving the loop before the end leaves it unreleased  # N: help: use "with scandir(...) as f:" and iterate over "f"
        for suffix in (".txt", ".md"):
            if entry.name.endswith(suffix):
                break
        if entry.is_file():
            found = True
            break  # N: the loop may stop here (break) before the end
    return found


def refuse_links(root: str) -> list[str]:
    """An explicit raise out of the loop leaves it open."""
    names = []
    for entry in os.scandir(root):  # E: The resource returned by "scandir" is discarded without being released  [resource-leak]  # N: leaving the loop before the end leaves it unreleased  # N: help: use "with scandir(...) as f:" and iterate over "f"
        if entry.is_symlink():
            raise ValueError(entry.path)  # N: the loop may stop here (raise) before the end
        names.append(entry.name)
    return names


def contains(root: str, name: str) -> bool:
    """`in` stops the generator at the first match."""
    return name in (e.name for e in os.scandir(root))  # E: The resource returned by "scandir" is discarded without being released  [resource-leak]  # N: a generator expression may be left before the end, where it would be released  # N: help: use "with scandir(...) as f:" and iterate over "f"


def any_directory(root: str) -> bool:
    """any() stops the generator at the first true item."""
    return any(e.is_dir() for e in os.scandir(root))  # E: The resource returned by "scandir" is discarded without being released  [resource-leak]  # N: a generator expression may be left before the end, where it would be released  # N: help: use "with scandir(...) as f:" and iterate over "f"


def all_lines(path: str) -> list[str]:
    """A comprehension reads the file to its end, which does not close it."""
    return [line.rstrip() for line in open(path)]  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: iterating over it does not release it  # N: help: use "with open(...) as f:" and iterate over "f"


def words(path: str) -> set[str]:
    """A set comprehension over a file, in a nested for clause, is the same."""
    return {word for line in open(path) for word in line.split()}  # E: The resource returned by "open" is discarded without being released  [resource-leak]  # N: iterating over it does not release it  # N: help: use "with open(...) as f:" and iterate over "f"


def stop_at_the_first_input_line(files: list[str]) -> str:
    """fileinput.input() releases its files when it runs out; a break does not let it."""
    for line in fileinput.input(files):  # E: The resource returned by "input" is discarded without being released  [resource-leak]  # N: leaving the loop before the end leaves it unreleased  # N: help: use "with input(...) as f:" and iterate over "f"
        if line.strip():
            break  # N: the loop may stop here (break) before the end
    return ""


# silent ------------------------------------------------------------------------------------

def every_entry(root: str) -> list[str]:
    """A loop that can only run out exhausts the iterator, which closes it."""
    names = []
    for entry in os.scandir(root):
        if entry.name.startswith("."):
            continue
        names.append(entry.name)
    return names


def entry_names(root: str) -> list[str]:
    """A list comprehension runs to the end of the scandir iterator."""
    return [e.name for e in os.scandir(root) if e.is_file()]


def sizes(root: str) -> dict[str, int]:
    """So does a dict comprehension."""
    return {e.name: e.stat().st_size for e in os.scandir(root)}


def nested_break_stays_inside(root: str) -> int:
    """A break of an inner loop, a return inside a nested function, and a raise the loop's
    body catches do not stop the outer loop."""
    count = 0
    for entry in os.scandir(root):
        for suffix in (".py", ".pyi"):
            if entry.name.endswith(suffix):
                count += 1
                break

        def size() -> int:
            return entry.stat().st_size

        try:
            if size() < 0:
                raise ValueError(entry.name)
        except ValueError:
            pass
    return count


def lines_of_a_named_file(path: str) -> list[str]:
    """Iterating a name: the name's own release decides (with)."""
    with open(path) as f:
        return [line for line in f]


def until_blank(path: str) -> list[str]:
    """A named file left by break is released afterwards."""
    f = open(path)
    lines = []
    for line in f:
        if not line.strip():
            break
        lines.append(line)
    f.close()
    return lines


def scan_in_with(root: str) -> str:
    """The with block closes the iterator whatever the loop does."""
    with os.scandir(root) as it:
        for entry in it:
            if entry.is_dir():
                return entry.path
    return ""


def iterate_a_plain_call(paths: list[str]) -> int:
    """Iterating a call that returns no resource is no concern."""
    total = 0
    for path in sorted(paths):
        total += len(path)
    return total
