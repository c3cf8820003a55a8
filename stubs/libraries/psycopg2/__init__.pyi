"""psycopg2 (psycopg2 2.9): connect (psycopg2/__init__.py:80) returns the new connection
_connect made (122-126): the caller's to close (stubs/libraries/psycopg2/_psycopg.pyi).
"""

from mypy_ownership import Own

def connect(dsn: object = ..., connection_factory: object = ..., cursor_factory: object = ..., **kwargs: object) -> Own[object]: ...
