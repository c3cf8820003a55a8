"""requests.sessions (placeholder while the infrastructure lands)."""

from mypy_ownership import Own

class Session:
    def close(self: Own[Session]) -> None: ...
