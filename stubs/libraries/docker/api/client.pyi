"""docker (docker-py 7.2, docker/api/client.py): an APIClient owes close(), and so does the
socket attach_socket() hands out.

- ``class APIClient(requests.Session, ...)`` (client.py:57): its close() is
  requests.Session.close, closing the pooled connections to the daemon; __exit__ too.
- attach_socket() (docker/api/container.py:70, defined on the ContainerApiMixin that
  APIClient derives from) returns ``self._get_raw_response_socket(response)``
  (client.py:333): the raw socket of the attach request, which the caller reads and must
  close (docker's own ``docker.utils.socket`` helpers read it and the caller closes it).
  With ``ws=True`` it returns a websocket (``_attach_websocket``), closed the same way.
  Container.attach_socket() (docker/models/containers.py:111) calls it, but types-docker
  types its result as ``SocketIO | _BufferedReaderStream | SSHSocket``, a union with a
  protocol that is no resource: that call is not followed.
"""

from typing import Any

from mypy_ownership import Own

class APIClient:
    @repeatable
    def close(self: Own[APIClient]) -> None: ...
    def __exit__(self: Own[APIClient], *args: object) -> None: ...
    def attach_socket(self, container: Any, params: Any = ..., ws: bool = ...) -> Own[object]: ...
