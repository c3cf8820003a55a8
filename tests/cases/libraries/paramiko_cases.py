"""paramiko: an SSHClient, a Transport, a Channel, an SFTPClient and an SFTP file are each
released by close() or a with block (stubs/libraries/paramiko/)."""

import socket

import paramiko


# leaks --------------------------------------------------------------------------------------------

def client_never_closed(host: str, command: str) -> bytes:
    client = paramiko.SSHClient()  # E: "client" is not released on every path  [resource-leak]  # N: help: use "with SSHClient(...) as client:" or call "client.close()"
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, username="deploy")
    _, stdout, _ = client.exec_command(command)
    return stdout.read()  # N: "client" escapes here: returns at line 16 without releasing it


def sftp_never_closed(client: paramiko.SSHClient, path: str) -> list[str]:
    sftp = client.open_sftp()  # E: "sftp" is not released on every path  [resource-leak]  # N: help: use "with open_sftp(...) as sftp:" or call "sftp.close()"
    return sftp.listdir(path)  # N: "sftp" escapes here: returns at line 21 without releasing it


def remote_file_never_closed(sftp: paramiko.SFTPClient, path: str) -> bytes:
    remote = sftp.open(path, "rb")  # E: "remote" is not released on every path  [resource-leak]  # N: help: use "with open(...) as remote:" or call "remote.close()"
    return remote.read(100)  # N: "remote" escapes here: returns at line 26 without releasing it


def transport_never_closed(sock: socket.socket) -> None:
    transport = paramiko.Transport(sock)  # E: "transport" is not released on every path  [resource-leak]  # N: help: use "with Transport(...) as transport:" or call "transport.close()"
    transport.connect(username="u", password="p")
    sftp = paramiko.SFTPClient.from_transport(transport)
    if sftp is not None:
        sftp.put("a", "b")
        sftp.close()  # N: "transport" escapes here: the function ends without releasing it


def channel_never_closed(transport: paramiko.Transport, command: str) -> int:
    channel = transport.open_session()  # E: "channel" is not released on every path  [resource-leak]  # N: help: use "with open_session(...) as channel:" or call "channel.close()"
    channel.exec_command(command)
    return channel.recv_exit_status()  # N: "channel" escapes here: returns at line 41 without releasing it


def shell_never_closed(client: paramiko.SSHClient) -> None:
    shell = client.invoke_shell()  # E: "shell" is not released on every path  [resource-leak]  # N: help: use "with invoke_shell(...) as shell:" or call "shell.close()"
    shell.send(b"exit\n")  # N: "shell" escapes here: the function ends without releasing it


# use after release --------------------------------------------------------------------------------

def command_after_close(client: paramiko.SSHClient) -> list[str]:
    sftp = client.open_sftp()
    sftp.close()  # N: "sftp" was released here by close()
    return sftp.listdir(".")  # E: "sftp" used after release  [use-after-move]


def read_after_with(sftp: paramiko.SFTPClient, path: str) -> bytes:
    with sftp.open(path) as remote:  # N: "remote" was released here when the with block ended
        remote.seek(10)
    return remote.read()  # E: "remote" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def client_in_with(host: str, command: str) -> bytes:
    with paramiko.SSHClient() as client:
        client.load_system_host_keys()
        client.connect(host)
        _, stdout, _ = client.exec_command(command)
        return stdout.read()


def client_closed_in_finally(host: str, local: str, remote: str) -> None:
    client = paramiko.SSHClient()
    try:
        client.connect(host)
        with client.open_sftp() as sftp:
            sftp.get(remote, local)
    finally:
        client.close()


def channel_closed(transport: paramiko.Transport, command: str) -> int:
    channel = transport.open_session()
    try:
        channel.exec_command(command)
        return channel.recv_exit_status()
    finally:
        channel.close()
        channel.close()


def status_after_close(transport: paramiko.Transport) -> int:
    with transport.open_session() as channel:
        channel.exec_command("true")
    return channel.recv_exit_status()


def borrowed_transport(client: paramiko.SSHClient) -> bool:
    transport = client.get_transport()  # the client keeps it
    return transport is not None and transport.is_active()


def remote_file_in_with(sftp: paramiko.SFTPClient, path: str, data: bytes) -> None:
    with sftp.file(path, "wb") as remote:
        remote.write(data)


class Remote:
    def __init__(self, host: str) -> None:
        self.client = paramiko.SSHClient()
        self.client.connect(host)

    def close(self) -> None:
        self.client.close()
