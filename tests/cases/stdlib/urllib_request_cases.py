"""urllib.request: urlopen() and OpenerDirector.open() hand over an open response to close
(stubs/urllib/request.pyi). typeshed types their result as Any, so the checker follows it
only where the code names the response type."""

import http.client
import urllib.parse
import urllib.request


# leaks --------------------------------------------------------------------------------------------

def fetch_json(url: str) -> bytes:
    resp: http.client.HTTPResponse = urllib.request.urlopen(url, timeout=10)  # E: "resp" is not released on every path  [resource-leak]  # N: help: use "with urlopen(...) as resp:" or call "resp.close()"
    if resp.status != 200:
        raise RuntimeError(f"{url}: HTTP {resp.status}")  # N: "resp" escapes here: raises at line 15 without releasing it
    body = resp.read()
    resp.close()
    return body


def open_with_headers(url: str) -> int:
    req = urllib.request.Request(url, headers={"User-Agent": "Mozilla/5.0"})
    opener = urllib.request.build_opener()
    resp: http.client.HTTPResponse = opener.open(req, timeout=5)  # E: "resp" is not released on every path  [resource-leak]  # N: help: use "with open(...) as resp:" or call "resp.close()"
    return resp.status  # N: "resp" escapes here: returns at line 25 without releasing it


# use after release --------------------------------------------------------------------------------

def read_after_close(url: str) -> bytes:
    resp: http.client.HTTPResponse = urllib.request.urlopen(url)
    print(resp.geturl(), resp.getcode(), resp.info())
    resp.close()  # N: "resp" was released here by close()
    print(resp.status, resp.headers, resp.geturl(), resp.getcode(), resp.info())
    return resp.read()  # E: "resp" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def python_org() -> bytes:
    with urllib.request.urlopen("http://www.python.org/") as f:
        data: bytes = f.read(300)
    return data


def post_form(url: str) -> str:
    data = urllib.parse.urlencode({"spam": 1, "eggs": 2, "bacon": 0}).encode("ascii")
    with urllib.request.urlopen(url, data) as f:
        text: str = f.read().decode("utf-8")
    return text


def named_response(url: str) -> bytes:
    resp: http.client.HTTPResponse = urllib.request.urlopen(url)
    try:
        return resp.read()
    finally:
        resp.close()


def response_for_the_caller(url: str) -> http.client.HTTPResponse:
    resp: http.client.HTTPResponse = urllib.request.urlopen(url)
    return resp
