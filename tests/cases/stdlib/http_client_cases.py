"""http.client: a connection is released by close(); getresponse() hands over a response to
close like any stream (stubs/http/client.pyi)."""

import http.client


# leaks --------------------------------------------------------------------------------------------

def status_of(host: str, path: str) -> int:
    conn = http.client.HTTPSConnection(host)  # E: "conn" is not released on every path  [resource-leak]  # N: help: call "conn.close()" on every path
    conn.request("HEAD", path)
    with conn.getresponse() as response:
        return response.status  # N: "conn" escapes here: returns at line 13 without releasing it


def first_bytes(conn: http.client.HTTPConnection, path: str) -> bytes:
    conn.request("GET", path)
    response = conn.getresponse()  # E: "response" is not released on every path  [resource-leak]  # N: help: use "with getresponse(...) as response:" or call "response.close()"
    return response.read(100)  # N: "response" escapes here: returns at line 19 without releasing it


def discard_response(conn: http.client.HTTPConnection) -> bytes:
    conn.request("GET", "/")
    return conn.getresponse().read(512)  # E: The resource returned by "getresponse" is discarded without being released  [resource-leak]  # N: help: bind it with "with ... as name:", or keep it in a name and release it


# use after release --------------------------------------------------------------------------------

def body_after_with(conn: http.client.HTTPConnection) -> bytes:
    conn.request("GET", "/")
    with conn.getresponse() as r1:  # N: "r1" was released here when the with block ended
        print(r1.status, r1.reason)
    print(r1.getheader("Content-Type"), r1.getheaders(), r1.isclosed())
    return r1.read()  # E: "r1" used after release  [use-after-move]


def response_after_close(host: str) -> int:
    conn = http.client.HTTPConnection(host, 80, timeout=10)
    conn.request("GET", "/")
    conn.close()  # N: "conn" was released here by close()
    with conn.getresponse() as r1:  # the request was dropped: ResponseNotReady  # E: "conn" used after release  [use-after-move]
        return r1.status


# correct use --------------------------------------------------------------------------------------

def fetch(host: str, path: str) -> bytes:
    conn = http.client.HTTPSConnection(host)
    try:
        conn.request("GET", path)
        with conn.getresponse() as r1:
            print(r1.status, r1.reason)
            data1 = r1.read()
    finally:
        conn.close()
    return data1


def read_in_chunks(conn: http.client.HTTPConnection) -> int:
    conn.request("GET", "/")
    r1 = conn.getresponse()
    total = 0
    while chunk := r1.read(200):
        total += len(chunk)
    r1.close()
    return total


def post(params: str) -> bytes:
    headers = {"Content-type": "application/x-www-form-urlencoded", "Accept": "text/plain"}
    conn = http.client.HTTPConnection("bugs.python.org")
    conn.request("POST", "", params, headers)
    response = conn.getresponse()
    print(response.status, response.reason)
    data = response.read()
    response.close()
    conn.close()
    return data


def response_for_the_caller(conn: http.client.HTTPConnection) -> http.client.HTTPResponse:
    conn.request("GET", "/")
    return conn.getresponse()
