"""botocore (boto3's transport): a StreamingBody owes close() unless it is read to its end;
closing it closes the stream it wraps, so one over an in-memory buffer owes nothing."""

import io
import socket

from botocore.response import StreamingBody


# silent ---------------------------------------------------------------------------------

def read_to_the_end(sock: socket.socket, length: int) -> bytes:
    body = StreamingBody(sock.makefile("rb"), length)
    return body.read()


def iterated_to_the_end(sock: socket.socket, length: int) -> int:
    body = StreamingBody(sock.makefile("rb"), length)
    total = 0
    for chunk in body:
        total += len(chunk)
    return total


def closed_in_finally(sock: socket.socket, length: int) -> bytes:
    body = StreamingBody(sock.makefile("rb"), length)
    try:
        return body.read(16)
    finally:
        body.close()


def over_memory(data: bytes) -> bytes:
    body = StreamingBody(io.BytesIO(data), len(data))
    return body.read(4)


def over_the_callers_stream(raw: io.BufferedReader, length: int) -> bytes:
    body = StreamingBody(raw, length)
    return body.read(4)


# leaks ----------------------------------------------------------------------------------

def header_only(sock: socket.socket, length: int) -> bytes:
    body = StreamingBody(sock.makefile("rb"), length)  # E: "body" is not released on every path  [resource-leak]  # N: help: use "with StreamingBody(...) as body:" or call "body.close()"
    return body.read(4)  # N: "body" escapes here: returns at line 47 without releasing it


def returns_before_reading(path: str, length: int, skip: bool) -> bytes:
    body = StreamingBody(open(path, "rb"), length)  # E: "body" is not released on every path  [resource-leak]  # N: help: use "with StreamingBody(...) as body:" or call "body.close()"
    if skip:
        return b""  # N: "body" escapes here: returns at line 53 without releasing it
    return body.read()


# use after release -------------------------------------------------------------------------

def read_after_close(sock: socket.socket, length: int) -> bytes:
    body = StreamingBody(sock.makefile("rb"), length)
    body.close()  # N: "body" was released here by close()
    return body.read(4)  # E: "body" used after release  [use-after-move]
