"""A small application with real ownership mistakes, for `mypy docs/examples/app`."""
