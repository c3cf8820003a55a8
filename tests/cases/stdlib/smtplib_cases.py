"""smtplib: an SMTP session is released by quit(), close() or a with block
(stubs/smtplib.pyi)."""

import smtplib
import ssl
from email.message import EmailMessage


# leaks --------------------------------------------------------------------------------------------

def send_if_valid(msg: EmailMessage, host: str) -> bool:
    server = smtplib.SMTP(host, 587)  # E: "server" is not released on every path  [resource-leak]  # N: help: use "with SMTP(...) as server:" or call "server.close()"
    server.starttls(context=ssl.create_default_context())
    if not msg["To"]:
        return False  # N: "server" escapes here: returns at line 15 without releasing it
    server.send_message(msg)
    server.quit()
    return True


def login_only(host: str, user: str, password: str) -> None:
    server = smtplib.SMTP_SSL(host)  # E: "server" is not released on every path  [resource-leak]  # N: help: use "with SMTP_SSL(...) as server:" or call "server.close()"
    server.login(user, password)  # N: "server" escapes here: the function ends without releasing it


# use after release --------------------------------------------------------------------------------

def send_after_with(msg: EmailMessage) -> None:
    with smtplib.SMTP("localhost") as s:  # N: "s" was released here when the with block ended
        s.ehlo()
    s.send_message(msg)  # E: "s" used after release  [use-after-move]


def send_after_quit(fromaddr: str, toaddrs: list[str], text: str) -> None:
    server = smtplib.SMTP("localhost")
    server.set_debuglevel(1)
    server.quit()  # N: "server" was released here by quit()
    server.sendmail(fromaddr, toaddrs, text)  # E: "server" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def send_message(msg: EmailMessage) -> None:
    s = smtplib.SMTP("localhost")
    s.send_message(msg)
    s.quit()


def send_with(msg: EmailMessage, host: str, user: str, password: str) -> None:
    context = ssl.create_default_context()
    with smtplib.SMTP_SSL(host, 465, context=context) as server:
        server.login(user, password)
        server.send_message(msg)


def close_on_error(msg: EmailMessage) -> None:
    server = smtplib.SMTP()
    try:
        server.connect("localhost", 25)
        server.send_message(msg)
    finally:
        server.close()
