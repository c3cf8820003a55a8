"""asyncio pipe transports: loop.connect_read_pipe() / connect_write_pipe() return
(transport, protocol); the transport takes over the pipe and owes close()
(stubs/asyncio/events.pyi, stubs/asyncio/transports.pyi)."""

import asyncio
import os
import sys


class Reader(asyncio.Protocol):
    def __init__(self) -> None:
        self.done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_lost(self, exc: Exception | None) -> None:
        self.done.set_result(None)


class Transports:
    def __init__(self) -> None:
        self.transports: list[asyncio.BaseTransport] = []


# leaks ------------------------------------------------------------------------------------

async def read_pipe_never_closed(fd: int) -> None:
    """The transport holds the pipe until closed; waiting on the protocol closes nothing."""
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.connect_read_pipe(Reader, os.fdopen(fd, "rb"))  # E: "transport" is not released on every path  [resource-leak]  # N: help: call "transport.close()" on every path
    await protocol.done  # N: "transport" escapes here: the function ends without releasing it


async def write_pipe_closed_on_one_path(fd: int, quiet: bool) -> None:
    """An early return skips close()."""
    loop = asyncio.get_running_loop()
    transport, _ = await loop.connect_write_pipe(asyncio.Protocol, os.fdopen(fd, "wb"))  # E: "transport" is not released on every path  [resource-leak]  # N: help: call "transport.close()" on every path
    if quiet:
        return  # N: "transport" escapes here: returns at line 37 without releasing it
    transport.write(b"hello\n")
    transport.close()


async def write_after_close(fd: int) -> None:
    """A closed transport writes nothing."""
    loop = asyncio.get_running_loop()
    transport, _ = await loop.connect_write_pipe(asyncio.Protocol, os.fdopen(fd, "wb"))
    transport.close()  # N: "transport" was released here by close()
    transport.write(b"late\n")  # E: "transport" used after release  [use-after-move]


# silent -----------------------------------------------------------------------------------

async def read_pipe_closed(fd: int) -> None:
    """Closed once the protocol saw the end."""
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.connect_read_pipe(Reader, os.fdopen(fd, "rb"))
    try:
        await protocol.done
    finally:
        transport.close()


async def stdin_reader() -> None:
    """The pipe is handed to the transport: closing the transport is all that is owed."""
    loop = asyncio.get_running_loop()
    pipe = os.fdopen(sys.stdin.fileno(), "rb", closefd=False)
    transport, protocol = await loop.connect_read_pipe(Reader, pipe)
    await protocol.done
    transport.close()
    print(transport.is_closing(), transport.get_extra_info("pipe"))


async def write_pipe_aborted(fd: int) -> None:
    """abort() closes at once, dropping what is buffered."""
    loop = asyncio.get_running_loop()
    transport, _ = await loop.connect_write_pipe(asyncio.Protocol, os.fdopen(fd, "wb"))
    transport.write(b"x")
    transport.abort()


async def kept_by_the_owner(fd: int, owner: Transports) -> None:
    """Stored in a container the caller holds: handed over."""
    loop = asyncio.get_running_loop()
    transport, _ = await loop.connect_write_pipe(asyncio.Protocol, os.fdopen(fd, "wb"))
    owner.transports.append(transport)


class Echo(asyncio.Protocol):
    """A transport the loop hands to connection_made is a parameter: it owes nothing here."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        print(data)
