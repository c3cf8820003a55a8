"""sqlalchemy (2.1, sqlalchemy/orm/session.py): a Session owes close().

- Session.close() (session.py:2685) "ends any transaction in progress and releases any
  Connection objects which this Session itself has checked out"; __exit__ calls close()
  (session.py:1955). reset() (session.py:2726) and invalidate() (session.py:2751) do the
  same (the latter invalidating the connections). Each may be repeated.
- A Session is built directly or by a sessionmaker (``sessionmaker.__call__`` returns
  ``self.class_(**local_kw)``, session.py:5408): both hand the caller a Session to close.
  scoped_session.__call__ returns the session its registry keeps (orm/scoping.py:211):
  the registry owns it, and scoped_session.remove() closes it.
- By default a closed Session may be used again (close_resets_only); the plugin takes
  close() as final, as it is with ``close_resets_only=False``: reusing a session after
  close() in the same function is reported.
"""

from typing import Any

from mypy_ownership import Own

class Session:
    @repeatable
    def close(self: Own[Session]) -> None: ...
    @repeatable
    def reset(self: Own[Session]) -> None: ...
    @repeatable
    def invalidate(self: Own[Session]) -> None: ...
    def __exit__(self: Own[Session], *args: object) -> None: ...

class sessionmaker:
    def __call__(self, **local_kw: Any) -> Own[Session]: ...
