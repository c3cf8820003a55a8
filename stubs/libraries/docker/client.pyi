"""docker (docker-py 7.2, docker/client.py): a DockerClient owes close().

- DockerClient.__init__ builds ``self.api = APIClient(*args, **kwargs)`` (client.py:47),
  an APIClient, which is a requests.Session (docker/api/client.py:57) holding a pool of
  connections to the daemon; close() closes it (client.py:269, ``return
  self.api.close()``, requests.Session.close closing every adapter). from_env() returns
  ``cls(...)``, a new client (client.py:51); docker.from_env is that method (``from_env =
  DockerClient.from_env``, client.py:283). Closing twice closes the adapters twice,
  which does nothing (repeatable).
- DockerClient has no __enter__/__exit__: only close() releases it.
"""

from typing import Any

from mypy_ownership import Own

class DockerClient:
    @classmethod
    def from_env(cls, **kwargs: Any) -> Own[DockerClient]: ...
    @repeatable
    def close(self: Own[DockerClient]) -> None: ...

def from_env(**kwargs: Any) -> Own[DockerClient]: ...
