"""logging: file and socket handlers are released by close(); a logger takes over the
handlers added to it, and logging.shutdown() closes them (examples adapted from the logging
documentation and the logging cookbook)."""

import logging
import logging.handlers
import pickle


# handlers handed to a logger -------------------------------------------------------------------

def configure(name: str) -> logging.Logger:
    logger = logging.getLogger(name)
    logger.setLevel(logging.DEBUG)
    fh = logging.FileHandler("spam.log")
    fh.setLevel(logging.DEBUG)
    ch = logging.StreamHandler()
    ch.setLevel(logging.ERROR)
    formatter = logging.Formatter("%(asctime)s - %(name)s - %(levelname)s - %(message)s")
    ch.setFormatter(formatter)
    fh.setFormatter(formatter)
    logger.addHandler(ch)
    logger.addHandler(fh)
    return logger


def rotating(filename: str) -> None:
    my_logger = logging.getLogger("MyLogger")
    handler = logging.handlers.RotatingFileHandler(filename, maxBytes=20, backupCount=5)
    my_logger.addHandler(handler)
    for i in range(20):
        my_logger.debug("i = %d" % i)


def to_syslog_and_network() -> None:
    root = logging.getLogger()
    root.addHandler(logging.handlers.SysLogHandler(address="/dev/log"))
    socket_handler = logging.handlers.SocketHandler(
        "localhost", logging.handlers.DEFAULT_TCP_LOGGING_PORT
    )
    root.addHandler(socket_handler)


# handlers owned by the caller ------------------------------------------------------------------

def dump_records(records: list[logging.LogRecord], path: str) -> None:
    handler = logging.FileHandler(path, mode="w")
    try:
        for record in records:
            handler.handle(record)
    finally:
        handler.close()


def dump_records_leaks(records: list[logging.LogRecord], path: str) -> None:
    handler = logging.FileHandler(path, mode="w", delay=True)  # E: "handler" is not released on every path  [resource-leak]  # N: help: call "handler.close()" on every path
    for record in records:
        if record.levelno >= logging.CRITICAL:
            return  # N: "handler" escapes here: returns at line 59 without releasing it
        handler.handle(record)
    handler.close()


def watched_file_never_closed(path: str, record: logging.LogRecord) -> None:
    handler = logging.handlers.WatchedFileHandler(path)  # E: "handler" is not released on every path  [resource-leak]  # N: help: call "handler.close()" on every path
    handler.handle(record)  # N: "handler" escapes here: the function ends without releasing it


def forward(host: str, port: int, records: list[logging.LogRecord]) -> None:
    handler = logging.handlers.DatagramHandler(host, port)  # E: "handler" is not released on every path  [resource-leak]  # N: help: call "handler.close()" on every path
    for record in records:
        handler.send(pickle.dumps(record.__dict__))
    if records:
        handler.close()
    print(len(records))  # N: "handler" escapes here: the function ends without releasing it


# use after release -----------------------------------------------------------------------------

def handle_after_close(path: str, record: logging.LogRecord) -> None:
    handler = logging.handlers.TimedRotatingFileHandler(path, when="midnight")
    handler.handle(record)
    handler.close()  # N: "handler" was released here by close()
    handler.handle(record)  # E: "handler" used after release  [use-after-move]


def emit_after_close(record: logging.LogRecord) -> None:
    handler = logging.handlers.SysLogHandler()
    handler.close()  # N: "handler" was released here by close()
    handler.emit(record)  # E: "handler" used after release  [use-after-move]


def reopen_after_close(handler: logging.FileHandler) -> None:
    """The log-reopen idiom: _open() after close() only opens the file again."""
    handler.acquire()
    try:
        if handler.stream:
            handler.close()
            handler.stream = handler._open()
    finally:
        handler.release()


def reopened_stream_dropped(path: str) -> None:
    """What _open() returns is a file of its own, to keep or close."""
    handler = logging.FileHandler(path)
    handler.close()
    stream = handler._open()  # E: "stream" is not released on every path  [resource-leak]  # N: help: use "with _open(...) as stream:" or call "stream.close()"
    stream.write("x")  # N: "stream" escapes here: the function ends without releasing it
