"""subprocess.Popen: wait(), communicate() or a with block reap the child (stubs/subprocess.pyi)."""

import subprocess
import time


# leaks --------------------------------------------------------------------------------------------

def run_unless_dry(cmd: list[str], dry_run: bool) -> int:
    proc = subprocess.Popen(cmd)  # E: "proc" is not released on every path  [resource-leak]  # N: help: use "with Popen(...) as proc:" or call "proc.wait()"
    if dry_run:
        return 0  # N: "proc" escapes here: returns at line 12 without releasing it
    return proc.wait()


def shell_pipeline() -> bytes:
    # the documented "replacing shell pipeline" recipe never waits for p1: a zombie until GC
    p1 = subprocess.Popen(["dmesg"], stdout=subprocess.PIPE)  # E: "p1" is not released on every path  [resource-leak]  # N: help: use "with Popen(...) as p1:" or call "p1.wait()"
    p2 = subprocess.Popen(["grep", "hda"], stdin=p1.stdout, stdout=subprocess.PIPE)
    if p1.stdout is not None:
        p1.stdout.close()  # Allow p1 to receive a SIGPIPE if p2 exits.
    output = p2.communicate()[0]
    return output  # N: "p1" escapes here: returns at line 23 without releasing it


def fire_and_forget(cmd: list[str]) -> None:
    subprocess.Popen(cmd)  # E: The resource returned by "Popen" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it


# use after release --------------------------------------------------------------------------------

def communicate_after_with(cmd: list[str]) -> bytes:
    with subprocess.Popen(cmd, stdout=subprocess.PIPE) as proc:  # N: "proc" was released here when the with block ended
        print(proc.pid)
    return proc.communicate()[0]  # stdout was closed by __exit__: ValueError  # E: "proc" used after release  [use-after-move]


def communicate_twice(cmd: list[str]) -> bytes:
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    out, _ = proc.communicate()  # N: "proc" was released here by communicate()
    more, _ = proc.communicate()  # reads the closed stdout again  # E: "proc" used after release  [use-after-move]
    return out + more


# correct use --------------------------------------------------------------------------------------

def communicate_with_timeout(cmd: list[str]) -> bytes:
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        outs, errs = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        outs, errs = proc.communicate()
    return outs + errs


def with_block(log: list[bytes]) -> int:
    with subprocess.Popen(["ifconfig"], stdout=subprocess.PIPE) as proc:
        if proc.stdout is not None:
            log.append(proc.stdout.read())
    proc.poll()
    proc.kill()
    return proc.returncode


def poll_then_wait(cmd: list[str]) -> int:
    proc = subprocess.Popen(cmd)
    while proc.poll() is None:
        print("still running", proc.pid)
    return proc.wait()


def terminate_on_timeout(cmd: list[str]) -> int:
    proc = subprocess.Popen(cmd)
    try:
        return proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.terminate()
        return proc.wait()


def shell_pipeline_reaped() -> bytes:
    p1 = subprocess.Popen(["dmesg"], stdout=subprocess.PIPE)
    p2 = subprocess.Popen(["grep", "hda"], stdin=p1.stdout, stdout=subprocess.PIPE)
    if p1.stdout is not None:
        p1.stdout.close()
    output = p2.communicate()[0]
    p1.wait()
    return output


def started_for_the_caller(cmd: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cmd, stdout=subprocess.PIPE)


def helpers_own_nothing(cmd: list[str]) -> str:
    subprocess.run(cmd, check=True)
    subprocess.check_call(cmd)
    return subprocess.check_output(cmd, text=True)


def wait_after_communicate(cmd: list[str]) -> int:
    # wait() releases too, but is valid after a release: it returns the exit status again
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    out, _ = proc.communicate()
    return proc.wait()


def wait_until_reaped(cmd: list[str], deadline: float) -> int:
    proc = subprocess.Popen(cmd)
    while time.time() < deadline:
        status = proc.poll()
        if status is not None:
            return status  # poll() returned a status: the child was reaped
        time.sleep(0.05)
    proc.kill()
    return proc.wait()


def poll_once_and_leave(cmd: list[str]) -> bool:
    proc = subprocess.Popen(cmd)  # E: "proc" is not released on every path  [resource-leak]  # N: help: use "with Popen(...) as proc:" or call "proc.wait()"
    status = proc.poll()
    if status is None:
        return False  # N: "proc" escapes here: returns at line 124 without releasing it
    return True
