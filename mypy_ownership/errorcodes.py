"""The plugin's error codes (docs/design.md §8), one per family, all in the category "Ownership".

Registering them as mypy ``ErrorCode``s is what makes ``# type: ignore[use-after-move]``,
``disable_error_code`` and ``enable_error_code`` work for them.
"""

from __future__ import annotations

from typing import Final

from mypy.errorcodes import ErrorCode

CATEGORY: Final = "Ownership"

USE_AFTER_MOVE: Final = ErrorCode(
    "use-after-move", "A value is used after it was moved or released", CATEGORY
)
RESOURCE_LEAK: Final = ErrorCode(
    "resource-leak", "An owned resource is not released on every path", CATEGORY
)
MOVE_FROM_BORROW: Final = ErrorCode(
    "move-from-borrow", "A borrowed value is moved or released", CATEGORY
)
BORROW_ESCAPE: Final = ErrorCode(
    "borrow-escape", "A borrowed value is stored where it may outlive the borrow", CATEGORY
)
BORROW_CONFLICT: Final = ErrorCode(
    "borrow-conflict", "Borrows of one owner conflict", CATEGORY
)
MISSING_LIFETIME: Final = ErrorCode(
    "missing-lifetime", "A returned reference has nothing to borrow from", CATEGORY
)
OWNERSHIP_ANNOTATION: Final = ErrorCode(
    "ownership-annotation", "Misuse of Own, Ref or Mut", CATEGORY
)

ALL_CODES: Final = (
    USE_AFTER_MOVE,
    RESOURCE_LEAK,
    MOVE_FROM_BORROW,
    BORROW_ESCAPE,
    BORROW_CONFLICT,
    MISSING_LIFETIME,
    OWNERSHIP_ANNOTATION,
)
