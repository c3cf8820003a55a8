"""urllib3._request_methods (urllib3 2.8): RequestMethods, the base of PoolManager and
HTTPConnectionPool, sends through urlopen (request 69, request_encode_url 147,
request_encode_body 184 all end in self.urlopen(...)).

- connectionpool.py:598 HTTPConnectionPool.urlopen(..., preload_content=True, ...) and
  poolmanager.py:425 PoolManager.urlopen pass preload_content on to the response:
  response.py:807-808 HTTPResponse.__init__ reads the whole body when it is true, and
  reading it to the end hands the connection back to the pool (response.py:974-976), so
  the response then holds nothing; with preload_content=False it keeps the connection
  until it is released (stubs/libraries/urllib3/response.pyi). Owed only for a literal
  preload_content=False (@owes_when).
"""

from mypy_ownership import Own

class RequestMethods:
    @owes_when(preload_content=False)
    def urlopen(self, method: object, url: object, *, preload_content: object = ...) -> Own[object]: ...
    @owes_when(preload_content=False)
    def request(self, method: object, url: object, *, preload_content: object = ...) -> Own[object]: ...
    @owes_when(preload_content=False)
    def request_encode_url(self, method: object, url: object, *, preload_content: object = ...) -> Own[object]: ...
    @owes_when(preload_content=False)
    def request_encode_body(self, method: object, url: object, *, preload_content: object = ...) -> Own[object]: ...
