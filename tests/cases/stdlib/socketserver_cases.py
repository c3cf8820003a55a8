"""socketserver: a server owns its listening socket until server_close() or the end of a
with block; shutdown() only stops serve_forever() (stubs/socketserver.pyi)."""

import socket
import socketserver
import ssl
import threading
from typing import Any


class MyTCPHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        data = self.request.recv(1024).strip()
        self.request.sendall(data.upper())


# leaks --------------------------------------------------------------------------------------------

def serve_until_stopped(port: int, stop: threading.Event) -> None:
    server = socketserver.TCPServer(("localhost", port), MyTCPHandler)  # E: "server" is not released on every path  [resource-leak]  # N: help: use "with TCPServer(...) as server:" or call "server.server_close()"
    server.timeout = 1.0
    while not stop.is_set():
        server.handle_request()  # N: "server" escapes here: the function ends without releasing it


def serve_one(port: int, ready: bool) -> bool:
    server = socketserver.UDPServer(("localhost", port), MyTCPHandler)  # E: "server" is not released on every path  [resource-leak]  # N: help: use "with UDPServer(...) as server:" or call "server.server_close()"
    if not ready:
        return False  # N: "server" escapes here: returns at line 29 without releasing it
    server.handle_request()
    server.server_close()
    return True


class OneShotServer(socketserver.TCPServer):
    def handle_one(self) -> None:
        request, client_address = self.get_request()  # E: "request" is not released on every path  [resource-leak]  # N: help: use "with request:" or call "request.close()"
        if not self.verify_request(request, client_address):
            return  # N: "request" escapes here: returns at line 39 without releasing it
        self.process_request(request, client_address)


# use after release --------------------------------------------------------------------------------

def serve_after_with(port: int) -> None:
    with socketserver.TCPServer(("localhost", port), MyTCPHandler) as server:  # N: "server" was released here when the with block ended
        print(server.server_address, server.fileno())
    print(server.fileno())
    server.serve_forever()  # E: "server" used after release  [use-after-move]


def handle_after_close(port: int) -> None:
    server = socketserver.UDPServer(("localhost", port), MyTCPHandler)
    server.handle_request()
    server.server_close()  # N: "server" was released here by server_close()
    server.handle_request()  # E: "server" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def serve(host: str, port: int) -> None:
    with socketserver.TCPServer((host, port), MyTCPHandler) as server:
        server.serve_forever()


def threaded(port: int) -> None:
    server = socketserver.ThreadingTCPServer(("localhost", port), MyTCPHandler)
    with server:
        ip, port = server.server_address[:2]
        server_thread = threading.Thread(target=server.serve_forever)
        server_thread.daemon = True
        server_thread.start()
        print("Server loop running in thread:", server_thread.name, ip, port)
        server.shutdown()


def close_in_finally(port: int) -> None:
    server = socketserver.ForkingTCPServer(("", port), MyTCPHandler)
    try:
        server.handle_request()
    finally:
        server.server_close()


class TLSServer(socketserver.TCPServer):
    def __init__(self, address: tuple[str, int], context: ssl.SSLContext) -> None:
        super().__init__(address, MyTCPHandler)
        self.context = context

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, addr = super().get_request()
        return self.context.wrap_socket(sock, server_side=True), addr


class CheckedServer(socketserver.ThreadingTCPServer):
    """BaseServer._handle_request_noblock, as a subclass would write it."""

    def handle_one(self) -> None:
        try:
            request, client_address = self.get_request()
        except OSError:
            return
        if self.verify_request(request, client_address):
            try:
                self.process_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
                self.shutdown_request(request)
        else:
            self.shutdown_request(request)


# calls through the class: the first argument is the receiver (docs/design.md §7.1) ----------------

class ClosingServer(socketserver.TCPServer):
    def shutdown_request(self, request: Any) -> None:
        print("closing", request)
        socketserver.TCPServer.shutdown_request(self, request)

    def handle_one(self) -> None:
        request, client_address = self.get_request()
        if socketserver.BaseServer.verify_request(self, request, client_address):
            socketserver.BaseServer.process_request(self, request, client_address)
        else:
            socketserver.BaseServer.shutdown_request(self, request)

    def verify_only(self) -> None:
        request, client_address = self.get_request()  # E: "request" is not released on every path  [resource-leak]  # N: help: use "with request:" or call "request.close()"
        socketserver.BaseServer.verify_request(self, request, client_address)  # N: "request" escapes here: the function ends without releasing it

    def used_after_shutdown(self) -> None:
        request, client_address = self.get_request()
        socketserver.BaseServer.shutdown_request(self, request)  # N: "request" was moved here by call to "shutdown_request"
        request.sendall(b"bye")  # E: "request" used after move  [use-after-move]


def request_taken_not_server(port: int) -> None:
    server = socketserver.TCPServer(("localhost", port), MyTCPHandler)
    request, client_address = server.get_request()
    socketserver.TCPServer.shutdown_request(server, request)
    server.server_close()


def server_closed_through_the_class(port: int) -> None:
    server = socketserver.TCPServer(("localhost", port), MyTCPHandler)
    socketserver.BaseServer.server_close(server)  # N: "server" was released here by server_close()
    server.serve_forever()  # E: "server" used after release  [use-after-move]


def server_not_closed_through_the_class(port: int) -> None:
    server = socketserver.TCPServer(("localhost", port), MyTCPHandler)  # E: "server" is not released on every path  [resource-leak]  # N: help: use "with TCPServer(...) as server:" or call "server.server_close()"
    socketserver.BaseServer.handle_request(server)  # N: "server" escapes here: the function ends without releasing it
