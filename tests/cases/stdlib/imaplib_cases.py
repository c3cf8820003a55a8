"""imaplib: an IMAP4 session is released by logout(), shutdown() or a with block; close()
only closes the selected mailbox (stubs/imaplib.pyi)."""

import imaplib


# leaks --------------------------------------------------------------------------------------------

def count_messages(host: str, user: str, password: str) -> int:
    M = imaplib.IMAP4_SSL(host)  # E: "M" is not released on every path  [resource-leak]  # N: help: use "with IMAP4_SSL(...) as M:" or call "M.logout()"
    M.login(user, password)
    typ, data = M.select("INBOX")
    if typ != "OK":
        return 0  # N: "M" escapes here: returns at line 14 without releasing it
    M.close()
    M.logout()
    return len(data)


def close_is_not_logout(host: str, user: str, password: str) -> None:
    M = imaplib.IMAP4(host)  # E: "M" is not released on every path  [resource-leak]  # N: help: use "with IMAP4(...) as M:" or call "M.logout()"
    M.login(user, password)
    M.select()
    M.close()  # N: "M" escapes here: the function ends without releasing it


# use after release --------------------------------------------------------------------------------

def fetch_after_logout(host: str, user: str, password: str) -> list[object]:
    M = imaplib.IMAP4(host=host)
    M.login(user, password)
    M.select()
    M.logout()  # N: "M" was released here by logout()
    typ, data = M.fetch("1", "(RFC822)")  # E: "M" used after release  [use-after-move]
    return list(data)


def noop_after_with(host: str) -> None:
    with imaplib.IMAP4(host) as M:  # N: "M" was released here when the with block ended
        M.noop()
    M.noop()  # E: "M" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def print_all(host: str, user: str, password: str) -> None:
    M = imaplib.IMAP4(host=host)
    M.login(user, password)
    M.select()
    typ, data = M.search(None, "ALL")
    for num in data[0].split():
        typ, msg = M.fetch(num, "(RFC822)")
        print("Message", num.decode(), msg[0])
    M.close()
    M.logout()


def with_block(host: str) -> tuple[str, list[object]]:
    with imaplib.IMAP4(host) as M:
        M.starttls()
        typ, caps = M.capability()
        return typ, list(caps)


def shutdown_without_logout(host: str) -> None:
    M = imaplib.IMAP4_SSL(host)
    try:
        M.noop()
    finally:
        M.shutdown()
