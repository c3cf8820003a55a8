"""sqlalchemy (2.1, sqlalchemy/orm/scoping.py): scoped_session.__call__ returns the Session
its registry holds, creating it on the first call (scoping.py:211, ``self.registry.set(sess)``
then ``sess = self.registry()``): the registry keeps it, and scoped_session.remove() closes
it. The caller owes nothing for it.
"""

from typing import Any

class scoped_session:
    def __call__(self, **kw: Any) -> Any: ...
