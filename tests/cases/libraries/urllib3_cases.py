"""urllib3: a PoolManager is released by clear() or a with block, a connection pool by
close(); a response owes a release only with a literal preload_content=False
(stubs/libraries/urllib3/)."""

import json
import shutil
from typing import Any, BinaryIO

import urllib3
from urllib3.connectionpool import HTTPConnectionPool


# leaks --------------------------------------------------------------------------------------------

def manager_never_cleared(url: str) -> int:
    http = urllib3.PoolManager(num_pools=2)  # E: "http" is not released on every path  [resource-leak]  # N: help: use "with PoolManager(...) as http:" or call "http.clear()"
    return http.request("GET", url).status  # N: "http" escapes here: returns at line 17 without releasing it


def pool_never_closed(host: str) -> int:
    pool = urllib3.HTTPSConnectionPool(host, maxsize=1)  # E: "pool" is not released on every path  [resource-leak]  # N: help: use "with HTTPSConnectionPool(...) as pool:" or call "pool.close()"
    return pool.request("HEAD", "/").status  # N: "pool" escapes here: returns at line 22 without releasing it


def unpreloaded_not_released(http: urllib3.PoolManager, url: str) -> bytes:
    response = http.request("GET", url, preload_content=False)  # E: "response" is not released on every path  [resource-leak]  # N: help: use "with request(...) as response:" or call "response.close()"
    return response.read(64)  # N: "response" escapes here: returns at line 27 without releasing it


def unpreloaded_urlopen(pool: HTTPConnectionPool) -> int:
    response = pool.urlopen("GET", "/", preload_content=False)  # E: "response" is not released on every path  [resource-leak]  # N: help: use "with urlopen(...) as response:" or call "response.close()"
    return response.status  # N: "response" escapes here: returns at line 32 without releasing it


def top_level_unpreloaded(url: str) -> None:
    response = urllib3.request("GET", url, preload_content=False)  # E: "response" is not released on every path  [resource-leak]  # N: help: use "with request(...) as response:" or call "response.close()"
    print(response.headers)  # N: "response" escapes here: the function ends without releasing it


# use after release --------------------------------------------------------------------------------

def read_after_release(http: urllib3.PoolManager, url: str) -> bytes:
    response = http.request("GET", url, preload_content=False)
    response.release_conn()  # N: "response" was released here by release_conn()
    print(response.getheader("etag"))
    return response.read()  # E: "response" used after release  [use-after-move]


# correct use --------------------------------------------------------------------------------------

def preloaded(http: urllib3.PoolManager, url: str) -> Any:
    response = http.request("GET", url)  # preloaded: owes nothing
    return json.loads(response.data)


def drained_then_retried(http: urllib3.PoolManager, url: str, retries: urllib3.Retry) -> None:
    response = http.request("GET", url, preload_content=False)
    response.drain_conn()  # the connection is back; status and headers stay readable
    retries.sleep_for_retry(response)


def preload_flag_unknown(http: urllib3.PoolManager, url: str, preload: bool) -> int:
    return http.request("GET", url, preload_content=preload).status


def manager_in_with(url: str) -> int:
    with urllib3.PoolManager() as http:
        return http.request("GET", url).status


def manager_cleared(url: str) -> int:
    http = urllib3.PoolManager()
    try:
        return http.request("GET", url).status
    finally:
        http.clear()


def pool_in_with(host: str) -> bytes:
    with HTTPConnectionPool(host, port=80) as pool:
        return pool.request("GET", "/").data


def unpreloaded_streamed(http: urllib3.PoolManager, url: str, out: BinaryIO) -> None:
    response = http.request("GET", url, preload_content=False)
    for chunk in response.stream(2**16):
        out.write(chunk)


def unpreloaded_read(http: urllib3.PoolManager, url: str) -> bytes:
    response = http.request("GET", url, preload_content=False)
    data = response.read()
    return data


def unpreloaded_copied(http: urllib3.PoolManager, url: str, out: BinaryIO) -> None:
    response = http.request("GET", url, preload_content=False)
    shutil.copyfileobj(response, out)
    response.release_conn()


def unpreloaded_drained(http: urllib3.PoolManager, url: str) -> int:
    response = http.urlopen("GET", url, preload_content=False)
    status = response.status
    response.drain_conn()
    response.release_conn()
    return status


def unpreloaded_in_with(url: str) -> Any:
    with urllib3.request("GET", url, preload_content=False) as response:
        return response.json()


class Fetcher:
    def __init__(self) -> None:
        self.http = urllib3.PoolManager()

    def close(self) -> None:
        self.http.clear()


# after release_conn() the response stays readable (@leaves_readable) -----------------------------

def error_from_released(http: urllib3.PoolManager, url: str) -> Exception:
    response = http.urlopen("GET", url, preload_content=False)
    response.read(cache_content=True)
    response.release_conn()
    return _error(response)


def _error(response: urllib3.BaseHTTPResponse) -> Exception:
    return ValueError(response.status, response.data)


def streamed_after_release(http: urllib3.PoolManager, url: str) -> int:
    response = http.urlopen("GET", url, preload_content=False)
    response.release_conn()  # N: "response" was released here by release_conn()
    return sum(len(chunk) for chunk in response.stream(1024))  # E: "response" used after release  [use-after-move]
