"""``python -m mypy_ownership infer PATH...``: the same command as the ``mypy-ownership``
console script (docs/design.md §13)."""

import sys

from mypy_ownership.infer_cli import main

sys.exit(main())
