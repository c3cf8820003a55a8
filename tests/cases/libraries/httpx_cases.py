"""httpx: a Client or AsyncClient is released by close()/aclose() or a with block; a
response owes a release only when sent with a literal stream=True
(stubs/libraries/httpx/)."""

from typing import Any

import httpx


# leaks --------------------------------------------------------------------------------------------

def client_never_closed(url: str) -> int:
    client = httpx.Client(timeout=5)  # E: "client" is not released on every path  [resource-leak]  # N: help: use "with Client(...) as client:" or call "client.close()"
    return client.get(url).status_code  # N: "client" escapes here: returns at line 14 without releasing it


async def async_client_never_closed(url: str) -> Any:
    client = httpx.AsyncClient()  # E: "client" is not released on every path  [resource-leak]  # N: help: use "async with AsyncClient(...) as client:" or call "client.aclose()"
    response = await client.get(url)
    return response.json()  # N: "client" escapes here: returns at line 20 without releasing it


def streamed_send_not_closed(client: httpx.Client, url: str) -> bytes:
    request = client.build_request("GET", url)
    response = client.send(request, stream=True)  # E: "response" is not released on every path  [resource-leak]  # N: help: call "response.close()" on every path
    for chunk in response.iter_bytes():
        if chunk.startswith(b"#"):
            return chunk  # N: "response" escapes here: returns at line 28 without releasing it
    return b""


async def async_streamed_not_closed(client: httpx.AsyncClient, url: str) -> int:
    response = await client.send(client.build_request("GET", url), stream=True)  # E: "response" is not released on every path  [resource-leak]  # N: help: call "response.close()" on every path
    return response.status_code  # N: "response" escapes here: returns at line 34 without releasing it


# use after release --------------------------------------------------------------------------------

def client_used_after_close(url: str) -> int:
    client = httpx.Client()
    client.close()  # N: "client" was released here by close()
    return client.get(url).status_code  # E: "client" used after release  [use-after-move]


def streamed_read_after_close(client: httpx.Client, url: str) -> bytes:
    response = client.send(client.build_request("GET", url), stream=True)
    response.close()  # N: "response" was released here by close()
    response.raise_for_status()
    return response.read()  # E: "response" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def client_in_with(urls: list[str]) -> list[int]:
    with httpx.Client(base_url="https://example.org") as client:
        return [client.get(u).status_code for u in urls]


async def async_client_in_async_with(url: str) -> Any:
    async with httpx.AsyncClient() as client:
        response = await client.get(url)
        return response.json()


async def async_client_closed(url: str) -> str:
    client = httpx.AsyncClient()
    try:
        return (await client.get(url)).text
    finally:
        await client.aclose()


def plain_send(client: httpx.Client, url: str) -> Any:
    response = client.send(client.build_request("GET", url))  # read whole: owes nothing
    return response.json()


def send_flag_unknown(client: httpx.Client, url: str, stream: bool) -> int:
    return client.send(client.build_request("GET", url), stream=stream).status_code


def stream_context(client: httpx.Client, url: str, path: str) -> None:
    with client.stream("GET", url) as response, open(path, "wb") as out:
        for chunk in response.iter_bytes():
            out.write(chunk)


def stream_function(url: str) -> list[str]:
    with httpx.stream("GET", url) as response:
        return list(response.iter_lines())


def streamed_read_to_end(client: httpx.Client, url: str) -> int:
    response = client.send(client.build_request("GET", url), stream=True)
    total = 0
    for chunk in response.iter_raw():
        total += len(chunk)
    return total


def streamed_read(client: httpx.Client, url: str) -> bytes:
    response = client.send(client.build_request("GET", url), stream=True)
    return response.read()


async def async_streamed_read(client: httpx.AsyncClient, url: str) -> bytes:
    response = await client.send(client.build_request("GET", url), stream=True)
    return await response.aread()


async def async_streamed_lines(client: httpx.AsyncClient, url: str) -> list[str]:
    response = await client.send(client.build_request("GET", url), stream=True)
    lines = []
    async for line in response.aiter_lines():
        lines.append(line)
    return lines


async def async_streamed_closed(client: httpx.AsyncClient, url: str) -> int:
    response = await client.send(client.build_request("GET", url), stream=True)
    try:
        return response.status_code
    finally:
        await response.aclose()


class Api:
    def __init__(self, base: str) -> None:
        self.client = httpx.Client(base_url=base)

    def close(self) -> None:
        self.client.close()


# a client owes its close() only once it sent (@starts_obligation) ----------------------------------

def client_only_builds_a_request(url: str) -> httpx.Request:
    client = httpx.Client(base_url="https://example.org")
    return client.build_request("GET", url)


def client_streams_and_is_dropped(url: str) -> int:
    client = httpx.Client()  # E: "client" is not released on every path  [resource-leak]  # N: help: use "with Client(...) as client:" or call "client.close()"
    with client.stream("GET", url) as response:
        return response.status_code  # N: "client" escapes here: returns at line 145 without releasing it


async def async_client_posts_and_is_dropped(url: str) -> int:
    client = httpx.AsyncClient()  # E: "client" is not released on every path  [resource-leak]  # N: help: use "async with AsyncClient(...) as client:" or call "client.aclose()"
    response = await client.post(url)
    return response.status_code  # N: "client" escapes here: returns at line 151 without releasing it
