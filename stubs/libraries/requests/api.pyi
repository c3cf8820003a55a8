"""requests.api (requests 2.34, requests/api.py): each function makes a Session of its own
in a with block (api.py:70-71 "with sessions.Session() as session: return
session.request(...)"), so no session is left open; the response owes a release only
when streamed, as Session.request's does (stubs/libraries/requests/sessions.pyi): a
literal stream=True (@owes_when). options() is left out: the engine must not spell
a name a stub declares, and it uses that one.
"""

from mypy_ownership import Own

@owes_when(stream=True)
def request(method: object, url: object, *, stream: object = ...) -> Own[Response]: ...
@owes_when(stream=True)
def get(url: object, params: object = ..., *, stream: object = ...) -> Own[Response]: ...
@owes_when(stream=True)
def head(url: object, *, stream: object = ...) -> Own[Response]: ...
@owes_when(stream=True)
def post(url: object, data: object = ..., json: object = ..., *, stream: object = ...) -> Own[Response]: ...
@owes_when(stream=True)
def put(url: object, data: object = ..., *, stream: object = ...) -> Own[Response]: ...
@owes_when(stream=True)
def patch(url: object, data: object = ..., *, stream: object = ...) -> Own[Response]: ...
@owes_when(stream=True)
def delete(url: object, *, stream: object = ...) -> Own[Response]: ...
