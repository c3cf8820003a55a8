"""urllib3 (urllib3 2.8): the top-level request() sends through a module-global
PoolManager (urllib3/__init__.py:114 _DEFAULT_POOL, 193 "return
_DEFAULT_POOL.request(...)"),
so its response owes what PoolManager.request's does: a release only with a literal
preload_content=False (stubs/libraries/urllib3/_request_methods.pyi).
"""

from mypy_ownership import Own

@owes_when(preload_content=False)
def request(method: object, url: object, *, preload_content: object = ...) -> Own[object]: ...
