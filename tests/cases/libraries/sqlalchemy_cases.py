"""sqlalchemy: a Connection from Engine.connect(), a raw DBAPI connection and a Session
owe close(); Engine.begin(), sessionmaker.begin() and a scoped_session's session do not
leave one to the caller."""

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session, scoped_session, sessionmaker


# silent: the documentation's forms -------------------------------------------------------

def connect_in_with(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.execute(text("insert into t values (1)"))
        conn.commit()


def begin_block(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("insert into t values (1)"))


def session_in_with(engine: Engine) -> None:
    with Session(engine) as session:
        session.execute(text("select 1"))


def session_from_a_maker(maker: sessionmaker[Session]) -> None:
    with maker() as session:
        session.commit()


def maker_begin(maker: sessionmaker[Session]) -> None:
    with maker.begin() as session:
        session.execute(text("select 1"))


def session_closed_in_finally(engine: Engine) -> None:
    session = Session(engine)
    try:
        session.commit()
    finally:
        session.close()


def scoped_session_registry_keeps_it(registry: scoped_session[Session]) -> None:
    session = registry()
    session.commit()


def closed_test(engine: Engine) -> None:
    conn = engine.connect()
    conn.close()
    if not conn.closed:
        conn.close()


def engine_is_no_resource() -> Engine:
    engine = create_engine("sqlite://")
    return engine


async def async_connect_in_with(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        await conn.execute(text("select 1"))


async def async_session_in_with(maker: async_sessionmaker[AsyncSession]) -> None:
    async with maker() as session:
        await session.commit()


# leaks ----------------------------------------------------------------------------------

def connection_never_closed(engine: Engine) -> int:
    conn = engine.connect()  # E: "conn" is not released on every path  [resource-leak]  # N: help: use "with connect(...) as conn:" or call "conn.close()"
    return int(conn.execute(text("select 1")).scalar_one())  # N: "conn" escapes here: returns at line 77 without releasing it


def raw_connection_never_closed(engine: Engine) -> None:
    raw = engine.raw_connection()  # E: "raw" is not released on every path  [resource-leak]  # N: help: use "with raw_connection(...) as raw:" or call "raw.close()"
    cursor = raw.cursor()
    cursor.execute("select 1")  # N: "raw" escapes here: the function ends without releasing it


def session_never_closed(engine: Engine) -> None:
    session = Session(engine)  # E: "session" is not released on every path  [resource-leak]  # N: help: use "with Session(...) as session:" or call "session.close()"
    session.execute(text("select 1"))  # N: "session" escapes here: the function ends without releasing it


def made_session_never_closed(maker: sessionmaker[Session], fail: bool) -> None:
    session = maker()  # E: "session" is not released on every path  [resource-leak]  # N: help: use "with maker(...) as session:" or call "session.close()"
    if fail:
        raise ValueError("no")  # N: "session" escapes here: raises at line 94 without releasing it
    session.close()


async def async_connection_never_closed(engine: AsyncEngine) -> None:
    conn = await engine.connect()  # E: "conn" is not released on every path  [resource-leak]  # N: help: use "async with connect(...) as conn:" or call "conn.close()"
    await conn.execute(text("select 1"))  # N: "conn" escapes here: the function ends without releasing it


async def async_session_never_closed(maker: async_sessionmaker[AsyncSession]) -> None:
    session = maker()  # E: "session" is not released on every path  [resource-leak]  # N: help: use "async with maker(...) as session:" or call "session.close()"
    await session.commit()  # N: "session" escapes here: the function ends without releasing it


# use after release -------------------------------------------------------------------------

def connection_after_close(engine: Engine) -> None:
    conn = engine.connect()
    conn.close()  # N: "conn" was released here by close()
    conn.execute(text("select 1"))  # E: "conn" used after release  [use-after-move]
