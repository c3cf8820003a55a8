"""unittest.IsolatedAsyncioTestCase.enterAsyncContext(cm) enters ``cm`` and registers its
__aexit__ as an async cleanup (CPython Lib/unittest/async_case.py enterAsyncContext calls
``self.addAsyncCleanup(exit, cm, None, None, None)``): it takes ``cm`` over
(docs/design.md §2.5)."""

from typing import Any

from mypy_ownership import Own

class IsolatedAsyncioTestCase:
    @takes_over
    async def enterAsyncContext(self, cm: Own[object]) -> Any: ...
