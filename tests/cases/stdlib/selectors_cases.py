"""selectors: a selector owns an epoll/kqueue handle; close() or a with block releases it
(stubs/selectors.pyi)."""

import selectors
import socket


# leaks --------------------------------------------------------------------------------------------

def wait_readable(sock: socket.socket, timeout: float) -> bool:
    sel = selectors.DefaultSelector()  # E: "sel" is not released on every path  [resource-leak]  # N: help: use "with DefaultSelector(...) as sel:" or call "sel.close()"
    sel.register(sock, selectors.EVENT_READ)
    if not sel.select(timeout):
        return False  # N: "sel" escapes here: returns at line 14 without releasing it
    sel.close()
    return True


def poll_once(sock: socket.socket) -> int:
    return len(selectors.DefaultSelector().select(0))  # E: The resource returned by "DefaultSelector" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it


# use after release --------------------------------------------------------------------------------

def select_after_with(sock: socket.socket) -> list[tuple[selectors.SelectorKey, int]]:
    with selectors.DefaultSelector() as sel:  # N: "sel" was released here when the with block ended
        sel.register(sock, selectors.EVENT_READ)
    return sel.select(1.0)  # E: "sel" used after release  [use-after-move]


def key_after_close(sock: socket.socket) -> selectors.SelectorKey:
    sel = selectors.EpollSelector()
    sel.register(sock, selectors.EVENT_READ | selectors.EVENT_WRITE, data="client")
    sel.close()  # N: "sel" was released here by close()
    return sel.get_key(sock)  # E: "sel" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def echo_server(port: int) -> None:
    with socket.create_server(("", port)) as server:
        server.setblocking(False)
        with selectors.DefaultSelector() as sel:
            sel.register(server, selectors.EVENT_READ)
            for key, mask in sel.select(timeout=5):
                print(key.fileobj, key.data, mask)


def close_in_finally(sock: socket.socket) -> bool:
    sel = selectors.DefaultSelector()
    try:
        sel.register(sock, selectors.EVENT_READ)
        return bool(sel.select(0.5))
    finally:
        sel.close()


def registered_files_stay_with_their_owner(path: str) -> None:
    # register() does not take the file: closing the selector leaves it open
    with open(path, "rb") as f, selectors.DefaultSelector() as sel:
        sel.register(f, selectors.EVENT_READ)
        sel.select(0)
        sel.unregister(f)
        f.read()


def select_selector_holds_nothing(sock: socket.socket) -> bool:
    # SelectSelector and PollSelector hold no OS handle: like StringIO, not a resource
    sel = selectors.PollSelector()
    sel.register(sock, selectors.EVENT_READ)
    return bool(sel.select(0))
