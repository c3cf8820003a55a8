"""poplib: a POP3 session is released by quit() or close(); POP3 is no context manager
(stubs/poplib.pyi)."""

import poplib


# leaks --------------------------------------------------------------------------------------------

def print_mailbox(user: str, password: str) -> None:
    # the documented example never calls quit(): the mailbox stays locked on the server
    M = poplib.POP3("localhost")  # E: "M" is not released on every path  [resource-leak]  # N: help: call "M.close()" on every path
    M.user(user)
    M.pass_(password)
    numMessages = len(M.list()[1])
    for i in range(numMessages):
        for j in M.retr(i + 1)[1]:
            print(j)  # N: "M" escapes here: the function ends without releasing it


def message_count(host: str, user: str, password: str) -> int:
    M = poplib.POP3_SSL(host)  # E: "M" is not released on every path  [resource-leak]  # N: help: call "M.close()" on every path
    M.user(user)
    M.pass_(password)
    count, size = M.stat()
    if count == 0:
        return 0  # N: "M" escapes here: returns at line 26 without releasing it
    M.quit()
    return count


# use after release --------------------------------------------------------------------------------

def retr_after_quit(host: str, user: str, password: str) -> list[bytes]:
    M = poplib.POP3(host)
    M.user(user)
    M.pass_(password)
    M.quit()  # N: "M" was released here by quit()
    print(M.getwelcome())
    return M.retr(1)[1]  # E: "M" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def download_all(host: str, user: str, password: str) -> list[list[bytes]]:
    M = poplib.POP3_SSL(host, timeout=30)
    try:
        M.user(user)
        M.pass_(password)
        count, _ = M.stat()
        return [M.retr(i + 1)[1] for i in range(count)]
    finally:
        M.quit()


def close_without_quit(host: str) -> bytes:
    M = poplib.POP3(host)
    welcome = M.getwelcome()
    M.close()
    return welcome
