"""subprocess: a Popen is a child process to reap plus the pipes to it; wait(),
communicate() or leaving a with block release it.

- Lib/subprocess.py Popen.__exit__: closes stdout, stderr and stdin, then calls wait().
- Lib/subprocess.py Popen.communicate: writes the input and closes stdin
  (_stdin_write / _communicate), reads stdout and stderr to EOF and closes them, then
  waits: the process is reaped and every pipe closed.
- Lib/subprocess.py Popen.wait (line 1259) -> _wait: reaps the child (waitpid) and sets
  returncode; it closes no pipe (@leaves_pipes).
- Lib/subprocess.py Popen.__init__ (line 807: args, bufsize, executable, stdin, stdout,
  stderr, ...) opens a pipe file for each of stdin/stdout/stderr given PIPE
  (lines 1010-1021: self.stdin = io.open(p2cwrite, 'wb', ...), self.stdout =
  io.open(c2pread, 'rb', ...), self.stderr = io.open(errread, 'rb', ...)): a Popen made
  with the constant subprocess.PIPE there also owes closing that attribute
  (@owes_pipes). communicate() and __exit__ close them (above); wait() does not, and a
  pipe read to its end is still open: `p = Popen(cmd, stdout=PIPE); p.stdout.read();
  p.wait()` warns "unclosed file <_io.BufferedReader ...>" (ResourceWarning, checked with
  python3 -X dev on 3.11.7), as do a for loop over p.stdout and wait() alone; closing
  p.stdout before or after wait() does not. Any other value there (DEVNULL, a file, a
  name) owes nothing more.
- Lib/subprocess.py Popen.__del__: a Popen dropped while returncode is None warns
  "subprocess N is still running" (ResourceWarning): the obligation is real.
- Valid after the release: wait() and poll() return the saved returncode once it is set
  (_wait / _internal_poll test returncode first); send_signal() polls and does nothing
  when returncode is set, terminate() and kill() go through send_signal() (POSIX) or test
  returncode first (Windows).
- Lib/subprocess.py Popen.poll -> _internal_poll: returns None while the child runs, and
  the returncode once waitpid has reaped it (as wait() does): a result other than None
  means the process is released (@released_unless_none: `status = proc.poll()` then
  `if status is not None:` leaves nothing owed there).
- Popen's stdin/stdout/stderr arguments are not taken over: Lib/subprocess.py
  Popen._get_handles uses the file's fileno(), and _close_pipe_fds closes only the pipe
  ends Popen made itself (PIPE / DEVNULL); the caller keeps closing its own file.
- Checker limitations, not CPython facts: wait() and communicate() are releasing, so
  calling them on the target of a with block is reported as releasing a borrow (CPython's
  __exit__ tolerates it), and wait() after a release is reported although it is marked
  valid_after_release (the marker is not honoured on a releasing method).
"""

from mypy_ownership import Own

class Popen:
    @owes_pipes(stdin="subprocess.PIPE", stdout="subprocess.PIPE", stderr="subprocess.PIPE")
    def __init__(self, args: object, bufsize: int = ..., executable: object = ..., stdin: object = ..., stdout: object = ..., stderr: object = ..., *rest: object, **kwargs: object) -> None: ...
    def __exit__(self: Own[Popen], *args: object) -> None: ...
    @valid_after_release
    @leaves_pipes
    def wait(self: Own[Popen], timeout: float | None = ...) -> int: ...
    def communicate(self: Own[Popen], input: object = ..., timeout: float | None = ...) -> tuple[object, object]: ...
    @valid_after_release
    @released_unless_none
    def poll(self) -> int | None: ...
    @valid_after_release
    def send_signal(self, sig: int) -> None: ...
    @valid_after_release
    def terminate(self) -> None: ...
    @valid_after_release
    def kill(self) -> None: ...
