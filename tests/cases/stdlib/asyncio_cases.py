"""asyncio streams and subprocesses: the StreamWriter of open_connection() is released by
close(); a Process by awaiting wait() or communicate() (stubs/asyncio/streams.pyi,
stubs/asyncio/subprocess.pyi)."""

import asyncio
import sys


# leaks --------------------------------------------------------------------------------------------

async def first_line(cmd: str) -> str:
    proc = await asyncio.create_subprocess_shell(cmd, stdout=asyncio.subprocess.PIPE)  # E: "proc" is not released on every path  [resource-leak]  # N: help: call "proc.wait()" on every path
    stdout = proc.stdout
    if stdout is None:
        return ""  # N: "proc" escapes here: returns at line 15 without releasing it
    data = await stdout.readline()
    return data.decode().rstrip()  # N: "proc" escapes here: returns at line 17 without releasing it


async def start_in_background(program: str, *args: str) -> int:
    proc = await asyncio.create_subprocess_exec(program, *args)  # E: "proc" is not released on every path  [resource-leak]  # N: help: call "proc.wait()" on every path
    return proc.pid  # N: "proc" escapes here: returns at line 22 without releasing it


# use after release --------------------------------------------------------------------------------

async def write_after_close(message: str) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", 8888)
    writer.write(message.encode())
    writer.close()  # N: "writer" was released here by close()
    print(writer.is_closing(), writer.get_extra_info("peername"))
    await writer.wait_closed()
    writer.write(b"bye\n")  # E: "writer" used after release  [use-after-move]


async def kill_after_wait(cmd: str) -> int:
    proc = await asyncio.create_subprocess_shell(cmd)
    returncode = await proc.wait()  # N: "proc" was released here by wait()
    print(proc.returncode, proc.pid)
    proc.kill()  # the transport has dropped the child: ProcessLookupError  # E: "proc" used after release  [use-after-move]
    return returncode


# correct use --------------------------------------------------------------------------------------

async def tcp_echo_client(message: str) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", 8888)
    print(f"Send: {message!r}")
    writer.write(message.encode())
    await writer.drain()
    data = await reader.read(100)
    print(f"Received: {data.decode()!r}")
    print("Close the connection")
    writer.close()
    await writer.wait_closed()


async def handle_echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    data = await reader.read(100)
    addr = writer.get_extra_info("peername")
    print(f"Received {data.decode()!r} from {addr!r}")
    writer.write(data)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def run(cmd: str) -> None:
    proc = await asyncio.create_subprocess_shell(
        cmd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    stdout, stderr = await proc.communicate()
    print(f"[{cmd!r} exited with {proc.returncode}]")
    if stdout:
        print(f"[stdout]\n{stdout.decode()}")
    if stderr:
        print(f"[stderr]\n{stderr.decode()}")


async def get_date() -> str:
    code = "import datetime; print(datetime.datetime.now())"
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", code, stdout=asyncio.subprocess.PIPE)
    line = ""
    if proc.stdout is not None:
        data = await proc.stdout.readline()
        line = data.decode("ascii").rstrip()
    await proc.wait()
    return line


async def terminate_on_timeout(program: str) -> int:
    proc = await asyncio.create_subprocess_exec(program)
    try:
        return await asyncio.wait_for(proc.wait(), timeout=5)
    except asyncio.TimeoutError:
        proc.terminate()
        return await proc.wait()
