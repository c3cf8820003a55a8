"""Reading to the end releases (docs/design.md §7.3, @exhausts / @exhausted_when): an
os.scandir() iterator a for loop runs out, an HTTP response read() to its end or iterated
to it; a response from urlopen() only when its URL is known to be http(s). Leaving the
loop early (break, return) does not."""

import http.client
import os
from urllib.request import urlopen

URL = "https://example.org/data"


def scan_to_the_end(path: str) -> list[str]:
    it = os.scandir(path)
    names = []
    for entry in it:
        names.append(entry.name)
    return names


def scan_until_found(path: str) -> bool:
    it = os.scandir(path)  # E: "it" is not released on every path  [resource-leak]  # N: help: use "with scandir(...) as it:" or call "it.close()"
    for entry in it:
        if entry.is_dir():
            break
    return True  # N: "it" escapes here: returns at line 26 without releasing it


def read_the_whole_response() -> bytes:
    return urlopen(URL).read()


def read_a_named_response() -> bytes:
    f = urlopen("http://example.org/")
    return f.read()


def read_part_of_a_response() -> bytes:
    f = urlopen(URL)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with urlopen(...) as f:" or call "f.close()"
    return f.read(100)  # N: "f" escapes here: returns at line 40 without releasing it


def read_a_url_of_any_scheme(url: str) -> bytes:
    # file:// and ftp:// responses are not closed by reading them
    f = urlopen(url)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with urlopen(...) as f:" or call "f.close()"
    return f.read()  # N: "f" escapes here: returns at line 46 without releasing it


def iterate_the_lines(version: str) -> list[bytes]:
    f = urlopen(f"http://example.org/manual/{version}/")
    lines = []
    for line in f:
        lines.append(line)
    return lines


def first_matching_line(version: str) -> bytes:
    f = urlopen(f"http://example.org/manual/{version}/")  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with urlopen(...) as f:" or call "f.close()"
    for line in f:
        if line.startswith(b"<A"):
            return line  # N: "f" escapes here: returns at line 61 without releasing it
    return b""


def response_read_to_the_end(conn: http.client.HTTPConnection) -> bytes:
    resp = conn.getresponse()
    return resp.read()


BASE = "https://example.org"
PAGE = BASE + "/page"


def read_a_composed_url() -> str:
    return urlopen(PAGE).read().decode("utf-8")


def read_a_url_bound_once_in_the_function() -> list[str]:
    url = "https://example.org/formats.rst"
    return urlopen(url).read().decode().splitlines()


def read_part_of_a_url_rebound_in_the_function(secure: bool) -> bytes:
    url = "https://example.org/data"
    if not secure:
        url = "file:///tmp/data"
    return urlopen(url).read()  # E: The resource returned by "urlopen" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it
