"""pyzmq: a Context owes term() or destroy(), a socket it makes owes close();
Context.instance() is the process's shared context and owes nothing."""

import zmq
import zmq.asyncio


# silent ---------------------------------------------------------------------------------

def request_and_close() -> bytes:
    context = zmq.Context()
    socket = context.socket(zmq.REQ)
    try:
        socket.connect("tcp://localhost:5555")
        socket.send(b"Hello")
        return socket.recv()
    finally:
        socket.close()
        context.term()


def shared_context() -> None:
    context: zmq.Context[zmq.Socket[bytes]] = zmq.Context.instance()
    with context.socket(zmq.PUB) as socket:
        socket.send(b"tick")


def context_in_with() -> None:
    with zmq.Context() as context:
        socket = context.socket(zmq.SUB)
        socket.close(linger=0)


def close_unless_closed(socket: zmq.Socket[bytes]) -> None:
    if not socket.closed:
        socket.close()


# leaks ----------------------------------------------------------------------------------

def context_never_terminated() -> None:
    context = zmq.Context()  # E: "context" is not released on every path  [resource-leak]  # N: help: use "with Context(...) as context:" or call "context.term()"
    socket = context.socket(zmq.PUSH)
    socket.close()  # N: "context" escapes here: the function ends without releasing it


def socket_never_closed(context: zmq.Context[zmq.Socket[bytes]]) -> bytes:
    socket = context.socket(zmq.REQ)  # E: "socket" is not released on every path  [resource-leak]  # N: help: use "with socket(...) as socket:" or call "socket.close()"
    socket.connect("tcp://localhost:5555")
    return socket.recv()  # N: "socket" escapes here: returns at line 50 without releasing it


async def async_socket_never_closed(context: zmq.asyncio.Context) -> None:
    socket = context.socket(zmq.PULL)  # E: "socket" is not released on every path  [resource-leak]  # N: help: use "with socket(...) as socket:" or call "socket.close()"
    await socket.recv()  # N: "socket" escapes here: the function ends without releasing it


# use after release -------------------------------------------------------------------------

def send_after_close(context: zmq.Context[zmq.Socket[bytes]]) -> None:
    socket = context.socket(zmq.PUSH)
    socket.close()  # N: "socket" was released here by close()
    socket.send(b"late")  # E: "socket" used after release  [use-after-move]
