"""pika: a BlockingConnection owes close(), which closes its channels too: a channel is
borrowed from its connection and owes nothing of its own."""

import pika
from pika.adapters.blocking_connection import BlockingChannel


# silent ---------------------------------------------------------------------------------

def publish_and_close(params: pika.ConnectionParameters) -> None:
    connection = pika.BlockingConnection(params)
    channel = connection.channel()
    channel.queue_declare(queue="hello")
    channel.basic_publish(exchange="", routing_key="hello", body=b"Hello World!")
    connection.close()


def with_blocks(params: pika.ConnectionParameters) -> None:
    with pika.BlockingConnection(params) as connection:
        with connection.channel() as channel:
            channel.basic_publish(exchange="", routing_key="q", body=b"x")


def channel_closed_first(params: pika.ConnectionParameters) -> None:
    connection = pika.BlockingConnection(params)
    try:
        channel = connection.channel()
        channel.basic_publish(exchange="", routing_key="q", body=b"x")
        channel.close()
    finally:
        connection.close()


def close_unless_closed(connection: pika.BlockingConnection) -> None:
    if not connection.is_closed:
        connection.close()


def consume_on_a_given_channel(channel: BlockingChannel) -> None:
    channel.basic_qos(prefetch_count=1)


# leaks ----------------------------------------------------------------------------------

def connection_never_closed(params: pika.ConnectionParameters) -> None:
    connection = pika.BlockingConnection(params)  # E: "connection" is not released on every path  [resource-leak]  # N: help: use "with BlockingConnection(...) as connection:" or call "connection.close()"
    channel = connection.channel()
    channel.basic_publish(exchange="", routing_key="q", body=b"x")  # N: "connection" escapes here: the function ends without releasing it


def closed_on_one_path(params: pika.ConnectionParameters, ok: bool) -> None:
    connection = pika.BlockingConnection(params)  # E: "connection" is not released on every path  [resource-leak]  # N: help: use "with BlockingConnection(...) as connection:" or call "connection.close()"
    if not ok:
        return  # N: "connection" escapes here: returns at line 54 without releasing it
    connection.close()


# borrows and releases ----------------------------------------------------------------------

def channel_after_its_connection(params: pika.ConnectionParameters) -> None:
    connection = pika.BlockingConnection(params)
    channel = connection.channel()  # N: borrow of "connection" created here by call to "channel"
    connection.close()  # E: Cannot release "connection" while a borrow of it is still used  [borrow-conflict]
    channel.basic_publish(exchange="", routing_key="q", body=b"x")  # N: the borrow is used here, later


def connection_after_close(params: pika.ConnectionParameters) -> None:
    connection = pika.BlockingConnection(params)
    connection.close()  # N: "connection" was released here by close()
    connection.process_data_events()  # E: "connection" used after release  [use-after-move]


# is_open false: the connection owes nothing (@released_when_false) -------------------------------

def closed_if_open(params: pika.ConnectionParameters) -> bool:
    connection = pika.BlockingConnection(params)
    if connection.is_open:
        connection.close()
        return True
    raise RuntimeError("could not open a connection")


def open_flag_tested_but_kept_open(params: pika.ConnectionParameters) -> bool:
    connection = pika.BlockingConnection(params)  # E: "connection" is not released on every path  [resource-leak]  # N: help: use "with BlockingConnection(...) as connection:" or call "connection.close()"
    if not connection.is_open:
        return False
    connection.process_data_events()
    return True  # N: "connection" escapes here: returns at line 88 without releasing it
