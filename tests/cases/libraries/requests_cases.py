"""requests: a Session is released by close() or a with block; a response owes a release
only when streamed with a literal stream=True (stubs/libraries/requests/)."""

import json
import shutil
from typing import Any, Iterator

import requests
from requests import Session
from requests.adapters import HTTPAdapter


# leaks --------------------------------------------------------------------------------------------

def session_never_closed(url: str) -> int:
    session = requests.Session()  # E: "session" is not released on every path  [resource-leak]  # N: help: use "with Session(...) as session:" or call "session.close()"
    return session.get(url).status_code  # N: "session" escapes here: returns at line 17 without releasing it


def session_closed_on_one_path(url: str, retries: int) -> None:
    session = Session()  # E: "session" is not released on every path  [resource-leak]  # N: help: use "with Session(...) as session:" or call "session.close()"
    session.mount("https://", HTTPAdapter(max_retries=retries))
    if session.head(url).status_code != 200 or retries == 0:
        return  # N: "session" escapes here: returns at line 24 without releasing it
    session.post(url, json={})
    session.close()


def streamed_not_closed(url: str) -> bytes:
    response = requests.get(url, stream=True)  # E: "response" is not released on every path  [resource-leak]  # N: help: use "with get(...) as response:" or call "response.close()"
    return response.raw.read(10)  # N: "response" escapes here: returns at line 31 without releasing it


def streamed_from_a_session(session: requests.Session, url: str) -> str:
    response = session.get(url, stream=True)  # E: "response" is not released on every path  [resource-leak]  # N: help: use "with get(...) as response:" or call "response.close()"
    return response.headers["content-type"]  # N: "response" escapes here: returns at line 36 without releasing it


def streamed_loop_broken(url: str) -> bytes:
    response = requests.request("GET", url, stream=True)  # E: "response" is not released on every path  [resource-leak]  # N: help: use "with request(...) as response:" or call "response.close()"
    for chunk in response.iter_content(1024):
        if chunk:
            return chunk  # N: "response" escapes here: returns at line 43 without releasing it
    return b""


def streamed_discarded(url: str) -> None:
    requests.post(url, data=b"x", stream=True)  # E: The resource returned by "post" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it


# use after release --------------------------------------------------------------------------------

def session_used_after_close(url: str) -> int:
    session = requests.Session()
    session.close()  # N: "session" was released here by close()
    return session.get(url).status_code  # E: "session" used after release  [use-after-move]


def streamed_read_after_with(url: str) -> Any:
    with requests.get(url, stream=True) as response:  # N: "response" was released here when the with block ended
        response.raise_for_status()
    response.raise_for_status()
    return response.json()  # E: "response" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def plain_get(url: str) -> Any:
    response = requests.get(url, timeout=10)  # read whole: nothing is owed
    response.raise_for_status()
    return response.json()


def not_streamed(url: str) -> str:
    return requests.get(url, stream=False).text


def stream_flag_unknown(url: str, stream: bool) -> int:
    response = requests.get(url, stream=stream)  # not a literal: owes nothing (precision first)
    return response.status_code


def session_in_with(urls: list[str]) -> list[int]:
    with requests.Session() as session:
        session.headers.update({"User-Agent": "cases"})
        return [session.get(u).status_code for u in urls]


def session_closed_in_finally(url: str) -> bytes:
    session = requests.Session()
    try:
        return session.get(url).content
    finally:
        session.close()


def stream_to_file(url: str, path: str) -> None:
    with requests.get(url, stream=True) as response, open(path, "wb") as out:
        shutil.copyfileobj(response.raw, out)


def stream_read_to_end(url: str, path: str) -> None:
    response = requests.get(url, stream=True)
    with open(path, "wb") as out:
        for chunk in response.iter_content(chunk_size=8192):
            out.write(chunk)


def stream_lines(url: str) -> list[Any]:
    response = requests.get(url, stream=True)
    return [json.loads(line) for line in _lines(response)]


def _lines(response: requests.Response) -> Iterator[bytes]:
    for line in response.iter_lines():
        yield line
    response.close()


def streamed_json(url: str) -> Any:
    response = requests.get(url, stream=True)
    return response.json()


def streamed_closed(session: requests.Session, url: str) -> int:
    response = session.request("GET", url, stream=True)
    status = response.status_code
    response.close()
    response.close()
    return status


def streamed_returned(url: str) -> requests.Response:
    return requests.get(url, stream=True)


def session_kept(holder: dict[str, requests.Session]) -> None:
    holder["s"] = requests.Session()


class Client:
    def __init__(self) -> None:
        self.session = requests.Session()

    def close(self) -> None:
        self.session.close()


# a Session owes its close() only once it sent (@starts_obligation) -------------------------------

def session_sent_then_dropped(url: str) -> int:
    session = requests.Session()  # E: "session" is not released on every path  [resource-leak]  # N: help: use "with Session(...) as session:" or call "session.close()"
    session.headers.update({"User-Agent": "cases"})
    prepared = session.prepare_request(requests.Request("GET", url))
    return session.send(prepared).status_code  # N: "session" escapes here: returns at line 155 without releasing it


def session_given_to_a_helper(url: str) -> None:
    session = requests.Session()  # E: "session" is not released on every path  [resource-leak]  # N: help: use "with Session(...) as session:" or call "session.close()"
    _fetch(session, url)  # N: "session" escapes here: the function ends without releasing it


def _fetch(session: requests.Session, url: str) -> None:
    session.get(url)


def session_temporary_sends(url: str) -> int:
    return requests.Session().get(url).status_code  # E: The resource returned by "Session" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it


def session_only_prepares(request: requests.Request) -> requests.PreparedRequest:
    return Session().prepare_request(request)


def session_class_tested(cls: type) -> bool:
    return isinstance(requests.Session(), cls)


def session_attribute_read() -> object:
    return getattr(requests.Session(), "cache", None)


def session_never_sends(tested: type) -> None:
    session = requests.Session()
    session.mount("https://", HTTPAdapter())
    if isinstance(session, tested):
        session.headers.clear()


# a Response built by its constructor has no connection ------------------------------------------

class Placeholder(requests.Response):
    def __init__(self, status: int) -> None:
        super().__init__()
        self.status_code = status


def response_placeholder() -> int:
    response = requests.Response()
    response.status_code = 504
    return response.status_code


def subclass_placeholder() -> requests.Response:
    placeholder = Placeholder(504)
    placeholder.reason = "Gateway Timeout"
    return placeholder


# a closed response stays readable (@leaves_readable): only reading its stream again is a use ----

def headers_after_close(session: requests.Session, url: str) -> int:
    response = session.get(url, stream=True)
    response.close()
    return _content_length(response)


def _content_length(response: requests.Response) -> int:
    return int(response.headers.get("Content-Length", "-1"))


def read_whole_returned_from_with(session: requests.Session, url: str) -> requests.Response:
    with session.get(url) as response:
        response.raise_for_status()
        return response


def stream_read_after_close(session: requests.Session, url: str) -> Any:
    response = session.get(url, stream=True)
    response.close()  # N: "response" was released here by close()
    return response.json()  # E: "response" used after release  [use-after-move]


def streamed_returned_from_with(session: requests.Session, url: str) -> requests.Response:
    with session.get(url, stream=True) as response:  # N: "response" is borrowed here (as the target of a with block)
        return response  # E: Borrowed "response" may outlive its borrow: returned from a function whose return is not Ref or Mut  [borrow-escape]
