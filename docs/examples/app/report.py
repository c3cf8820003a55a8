"""Plain Python, no annotations: the standard-library stubs still find the leaks."""

from __future__ import annotations

import json
import socket
import subprocess


def load_settings(path: str) -> dict[str, str]:
    f = open(path, encoding="utf-8")
    if not path.endswith(".json"):
        # Bug: this early return leaves the file open.
        return {}
    settings: dict[str, str] = json.load(f)
    f.close()
    return settings


def load_settings_fixed(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8") as f:
        settings: dict[str, str] = json.load(f)
    return settings


def ping(host: str) -> bytes:
    sock = socket.create_connection((host, 7))
    sock.sendall(b"ping")
    sock.close()
    # Bug: the socket was closed on the line above.
    return sock.recv(4)


def git_head() -> str:
    proc = subprocess.Popen(["git", "rev-parse", "HEAD"], stdout=subprocess.PIPE, text=True)
    out, _ = proc.communicate()
    return out.strip()
