"""ssl: SSLContext.wrap_socket takes the socket over (it is detached) and returns an SSLSocket
to close in its place (stubs/ssl.pyi, stubs/socket.pyi)."""

import socket
import ssl


# leaks --------------------------------------------------------------------------------------------

def peer_certificate(hostname: str) -> dict[str, object] | None:
    context = ssl.create_default_context()
    sock = socket.create_connection((hostname, 443))
    ssock = context.wrap_socket(sock, server_hostname=hostname)  # E: "ssock" is not released on every path  [resource-leak]  # N: help: use "with wrap_socket(...) as ssock:" or call "ssock.close()"
    cert = ssock.getpeercert()
    if cert is None:
        return None  # N: "ssock" escapes here: returns at line 16 without releasing it
    ssock.close()
    return dict(cert)


def tls_server(context: ssl.SSLContext, port: int) -> None:
    bindsocket = socket.create_server(("", port))
    with context.wrap_socket(bindsocket, server_side=True) as listener:
        newsock, fromaddr = listener.accept()  # E: "newsock" is not released on every path  [resource-leak]  # N: help: use "with newsock:" or call "newsock.close()"
        print("connection from", fromaddr)
        newsock.sendall(b"hello\n")  # N: "newsock" escapes here: the function ends without releasing it


# use after move / release -------------------------------------------------------------------------

def plaintext_after_wrap(hostname: str) -> None:
    context = ssl.create_default_context()
    sock = socket.create_connection((hostname, 443))
    with context.wrap_socket(sock, server_hostname=hostname) as ssock:  # N: "sock" was moved here by call to "wrap_socket"
        ssock.sendall(b"HEAD / HTTP/1.0\r\n\r\n")
        sock.sendall(b"\r\n")  # detached by wrap_socket: EBADF  # E: "sock" used after move  [use-after-move]


def read_after_with(hostname: str) -> bytes:
    context = ssl.create_default_context()
    with context.wrap_socket(socket.socket(socket.AF_INET), server_hostname=hostname) as conn:  # N: "conn" was released here when the with block ended
        conn.connect((hostname, 443))
        conn.sendall(b"HEAD / HTTP/1.0\r\nHost: " + hostname.encode() + b"\r\n\r\n")
    return conn.recv(1024)  # E: "conn" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def client(hostname: str) -> str | None:
    context = ssl.create_default_context()
    sock = socket.create_connection((hostname, 443))
    with context.wrap_socket(sock, server_hostname=hostname) as ssock:
        return ssock.version()


def deal_with_client(connstream: ssl.SSLSocket) -> None:
    data = connstream.recv(1024)
    while data:
        data = connstream.recv(1024)


def server(context: ssl.SSLContext, bindsocket: socket.socket) -> None:
    newsocket, fromaddr = bindsocket.accept()
    connstream = context.wrap_socket(newsocket, server_side=True)
    try:
        deal_with_client(connstream)
    finally:
        connstream.shutdown(socket.SHUT_RDWR)
        connstream.close()


def tls_accept(context: ssl.SSLContext, port: int) -> None:
    with context.wrap_socket(socket.create_server(("", port)), server_side=True) as listener:
        conn, addr = listener.accept()
        with conn:
            print(addr, conn.cipher())
