"""docker: a DockerClient (from_env() or built) and an APIClient owe close(); the socket
attach_socket() returns owes close()."""

import docker
from docker import APIClient, DockerClient


# silent ---------------------------------------------------------------------------------

def closed_in_finally() -> int:
    client = docker.from_env()
    try:
        return len(client.containers.list())
    finally:
        client.close()


def api_client_in_with() -> None:
    with APIClient(base_url="unix://var/run/docker.sock") as api:
        api.ping()


def attach_closed(api: APIClient, container: str) -> None:
    sock = api.attach_socket(container, params={"stdin": 1, "stream": 1})
    try:
        sock.sendall(b"ls\n")
    finally:
        sock.close()


def client_returned() -> DockerClient:
    return DockerClient(base_url="tcp://127.0.0.1:2375")


def client_given(client: DockerClient) -> None:
    client.images.pull("alpine")


# leaks ----------------------------------------------------------------------------------

def from_env_never_closed() -> None:
    client = docker.from_env()  # E: "client" is not released on every path  [resource-leak]  # N: help: call "client.close()" on every path
    client.images.pull("alpine")  # N: "client" escapes here: the function ends without releasing it


def built_never_closed(url: str) -> bool:
    client = DockerClient(base_url=url)  # E: "client" is not released on every path  [resource-leak]  # N: help: call "client.close()" on every path
    return bool(client.ping())  # N: "client" escapes here: returns at line 48 without releasing it


def attach_socket_never_closed(api: APIClient, container: str) -> None:
    sock = api.attach_socket(container)  # E: "sock" is not released on every path  [resource-leak]  # N: help: use "with attach_socket(...) as sock:" or call "sock.close()"
    sock.sendall(b"ls\n")  # N: "sock" escapes here: the function ends without releasing it


# use after release -------------------------------------------------------------------------

def client_after_close() -> None:
    client = docker.from_env()
    client.close()  # N: "client" was released here by close()
    client.ping()  # E: "client" used after release  [use-after-move]
