"""aiohttp: a ClientSession is released by close() or an async with block; a response by
release(), close(), an async with block or reading its body (stubs/libraries/aiohttp/)."""

from typing import Any

import aiohttp


# leaks --------------------------------------------------------------------------------------------

async def session_never_closed(url: str) -> Any:
    session = aiohttp.ClientSession()  # E: "session" is not released on every path  [resource-leak]  # N: help: use "async with ClientSession(...) as session:" or call "session.close()"
    async with session.get(url) as response:
        return await response.json()  # N: "session" escapes here: returns at line 14 without releasing it


async def session_closed_on_one_path(url: str, check: bool) -> None:
    session = aiohttp.ClientSession(raise_for_status=True)  # E: "session" is not released on every path  [resource-leak]  # N: help: use "async with ClientSession(...) as session:" or call "session.close()"
    if check:
        async with session.head(url) as response:
            print(response.status)
        return  # N: "session" escapes here: returns at line 22 without releasing it
    await session.close()


async def response_not_released(session: aiohttp.ClientSession, url: str) -> int:
    response = await session.get(url)  # E: "response" is not released on every path  [resource-leak]  # N: help: use "async with get(...) as response:" or call "response.close()"
    return response.status  # N: "response" escapes here: returns at line 28 without releasing it


async def response_released_on_one_path(session: aiohttp.ClientSession, url: str) -> str:
    response = await session.post(url, json={})  # E: "response" is not released on every path  [resource-leak]  # N: help: use "async with post(...) as response:" or call "response.close()"
    if response.status != 200:
        return response.reason or ""  # N: "response" escapes here: returns at line 34 without releasing it
    return await response.text()


# use after release --------------------------------------------------------------------------------

async def read_after_with(session: aiohttp.ClientSession, url: str) -> bytes:
    async with session.get(url) as response:  # N: "response" was released here when the with block ended
        response.raise_for_status()
    response.raise_for_status()
    return await response.read()  # E: "response" used after release  [use-after-move]


async def session_used_after_close(url: str) -> None:
    session = aiohttp.ClientSession()
    await session.close()  # N: "session" was released here by close()
    await session.get(url)  # E: "session" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

async def session_in_async_with(urls: list[str]) -> list[Any]:
    async with aiohttp.ClientSession() as session:
        found = []
        for url in urls:
            async with session.get(url) as response:
                found.append(await response.json())
        return found


async def session_closed_in_finally(url: str) -> bytes:
    session = aiohttp.ClientSession()
    try:
        async with session.request("GET", url) as response:
            return await response.read()
    finally:
        await session.close()


async def response_read(session: aiohttp.ClientSession, url: str) -> str:
    response = await session.get(url)
    return await response.text()


async def response_released(session: aiohttp.ClientSession, url: str) -> int:
    response = await session.delete(url)
    try:
        return response.status
    finally:
        response.release()


async def response_returned(session: aiohttp.ClientSession, url: str) -> aiohttp.ClientResponse:
    return await session.get(url)


class Service:
    def __init__(self) -> None:
        self.session = aiohttp.ClientSession()

    async def close(self) -> None:
        await self.session.close()
