"""unittest.TestCase: what a test hands to its cleanups.

CPython Lib/unittest/case.py: enterContext(cm) enters ``cm`` and registers its __exit__ as a
cleanup (_enter_context calls ``addcleanup(exit, cm, None, None, None)``);
addCleanup(function, /, *args, **kwargs) keeps ``args`` and calls ``function(*args,
**kwargs)`` when the test ends (doCleanups). Both take over what they are given
(docs/design.md §2.5), as ExitStack does."""

from typing import Any

from mypy_ownership import Own

class TestCase:
    @takes_over
    def enterContext(self, cm: Own[object]) -> Any: ...
    @takes_over
    def addCleanup(self, function: object, /, *args: Own[object]) -> None: ...
