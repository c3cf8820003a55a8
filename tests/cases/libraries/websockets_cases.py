"""websockets: a client connection, from the sync connect() or an awaited asyncio
connect(), owes close(); a with block, an async with block or a loop over the reconnecting
forms release it."""

from websockets.asyncio.client import connect as connect_async
from websockets.sync.client import connect


# silent ---------------------------------------------------------------------------------

def sync_with(uri: str) -> str:
    with connect(uri) as ws:
        ws.send("hello")
        return str(ws.recv())


def sync_closed_in_finally(uri: str) -> None:
    ws = connect(uri)
    try:
        ws.send("hello")
    finally:
        ws.close()


def sync_reconnecting(uri: str) -> None:
    for ws in connect(uri, legacy=False):
        ws.send("hello")


async def async_with(uri: str) -> None:
    async with connect_async(uri) as ws:
        await ws.send("hello")


async def async_closed(uri: str) -> None:
    ws = await connect_async(uri)
    try:
        await ws.send("hello")
    finally:
        await ws.close()


async def async_reconnecting(uri: str) -> None:
    async for ws in connect_async(uri):
        await ws.send("hello")


# leaks ----------------------------------------------------------------------------------

def sync_never_closed(uri: str) -> str:
    ws = connect(uri)  # E: "ws" is not released on every path  [resource-leak]  # N: help: use "with connect(...) as ws:" or call "ws.close()"
    ws.send("hello")
    return str(ws.recv())  # N: "ws" escapes here: returns at line 53 without releasing it


async def async_never_closed(uri: str) -> None:
    ws = await connect_async(uri)  # E: "ws" is not released on every path  [resource-leak]  # N: help: use "async with connect_async(...) as ws:"
    await ws.send("hello")  # N: "ws" escapes here: the function ends without releasing it


# use after release -------------------------------------------------------------------------

def send_after_close(uri: str) -> None:
    ws = connect(uri)
    ws.close()  # N: "ws" was released here by close()
    ws.send("late")  # E: "ws" used after release  [use-after-move]
