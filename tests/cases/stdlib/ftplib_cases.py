"""ftplib: an FTP session is released by quit(), close() or a with block; transfercmd() and
ntransfercmd() hand over a data socket to close (stubs/ftplib.pyi)."""

import ftplib
from collections.abc import Callable


# leaks --------------------------------------------------------------------------------------------

def list_directory(host: str, path: str) -> list[str]:
    ftp = ftplib.FTP(host)  # E: "ftp" is not released on every path  [resource-leak]  # N: help: use "with FTP(...) as ftp:" or call "ftp.close()"
    ftp.login()
    if not path:
        return []  # N: "ftp" escapes here: returns at line 14 without releasing it
    names = ftp.nlst(path)
    ftp.quit()
    return names


def download_raw(ftp: ftplib.FTP, name: str, sink: Callable[[bytes], object]) -> None:
    ftp.voidcmd("TYPE I")
    conn, size = ftp.ntransfercmd("RETR " + name)  # E: "conn" is not released on every path  [resource-leak]  # N: help: use "with conn:" or call "conn.close()"
    print("expecting", size)
    while data := conn.recv(8192):
        sink(data)
    ftp.voidresp()  # N: "conn" escapes here: the function ends without releasing it


# use after release --------------------------------------------------------------------------------

def cwd_after_quit(host: str) -> str:
    ftp = ftplib.FTP(host, user="anonymous", passwd="guest@")
    ftp.retrlines("LIST")
    ftp.quit()  # N: "ftp" was released here by quit()
    print(ftp.getwelcome())
    return ftp.pwd()  # E: "ftp" used after release  [use-after-move]


def upload_after_with(host: str, path: str) -> None:
    with ftplib.FTP_TLS(host) as ftps:  # N: "ftps" was released here when the with block ended
        ftps.login()
        ftps.prot_p()
    with open(path, "rb") as f:
        ftps.storbinary("STOR " + path, f)  # E: "ftps" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def debian_readme(sink: Callable[[bytes], object]) -> None:
    with ftplib.FTP("ftp.us.debian.org") as ftp:
        ftp.login()
        ftp.cwd("debian")
        ftp.retrbinary("RETR README", sink)


def download_with_data_socket(ftp: ftplib.FTP, name: str) -> bytes:
    ftp.voidcmd("TYPE I")
    chunks = []
    with ftp.transfercmd("RETR " + name) as conn:
        while data := conn.recv(8192):
            chunks.append(data)
    ftp.voidresp()
    return b"".join(chunks)


def quit_or_close(host: str) -> str:
    ftp = ftplib.FTP()
    ftp.connect(host, 21, timeout=30)
    try:
        ftp.login("anonymous", "guest@")
        welcome = ftp.getwelcome()
        ftp.quit()
    except ftplib.all_errors:
        ftp.close()
        raise
    return welcome
