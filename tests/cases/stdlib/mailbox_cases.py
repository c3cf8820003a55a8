"""mailbox: a mailbox must be closed (it has no with block in 3.11), and so must a message
file from get_file()."""

import mailbox


# silent ---------------------------------------------------------------------------------

def subjects(path: str) -> list[str]:
    # the documentation's example, closing the mailbox at the end
    mbox = mailbox.mbox(path)
    try:
        return [str(message["subject"]) for message in mbox]
    finally:
        mbox.close()


def add_message(path: str, text: str) -> str:
    inbox = mailbox.Maildir(path, create=True)
    key = inbox.add(text)
    inbox.flush()
    inbox.close()
    return key


def first_bytes(path: str, key: str) -> bytes:
    box = mailbox.MH(path)
    with box.get_file(key) as f:
        data = f.read(100)
    box.close()
    return data


# leaks ----------------------------------------------------------------------------------

def count_messages(path: str) -> int:
    box = mailbox.mbox(path)  # E: "box" is not released on every path  [resource-leak]  # N: help: call "box.close()" on every path
    return len(box)  # N: "box" escapes here: returns at line 38 without releasing it


def message_file_left_open(path: str, key: str) -> bytes:
    inbox = mailbox.Maildir(path)
    f = inbox.get_file(key)  # E: "f" is not released on every path  [resource-leak]  # N: help: use "with get_file(...) as f:" or call "f.close()"
    data = f.read()
    inbox.close()
    return data  # N: "f" escapes here: returns at line 46 without releasing it


def remove_spam(path: str) -> None:
    box = mailbox.MMDF(path)  # E: "box" is not released on every path  [resource-leak]  # N: help: call "box.close()" on every path
    for key, message in box.iteritems():
        if message["subject"] == "spam":
            box.remove(key)
    box.flush()  # N: "box" escapes here: the function ends without releasing it


# use after release -----------------------------------------------------------------------

def keys_after_close(path: str) -> list[str]:
    box = mailbox.mbox(path)
    box.close()  # N: "box" was released here by close()
    return box.keys()  # E: "box" used after release  [use-after-move]


def read_after_closing_the_message(path: str, key: str) -> bytes:
    inbox = mailbox.Maildir(path)
    f = inbox.get_file(key)
    head = f.read(10)
    f.close()  # N: "f" was released here by close()
    inbox.close()
    return head + f.read()  # E: "f" used after release  [use-after-move]
