"""psycopg (psycopg 3.3): connect is Connection.connect (psycopg/__init__.py:41
"connect = Connection.connect"), which returns a new connection to close
(stubs/libraries/psycopg/connection.pyi).
"""

from mypy_ownership import Own

def connect(conninfo: object = ..., **kwargs: object) -> Own[object]: ...
