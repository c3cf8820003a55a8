"""concurrent.futures: executors are released by shutdown() or by leaving a with block
(examples adapted from the concurrent.futures documentation)."""

import concurrent.futures
import math
import urllib.request
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor

URLS = ["http://www.foxnews.com/", "http://www.cnn.com/", "http://europe.wsj.com/"]
PRIMES = [112272535095293, 112582705942171, 112272535095293, 115280095190773]


def load_url(url: str, timeout: float) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as conn:
        data: bytes = conn.read()
        return data


def is_prime(n: int) -> bool:
    if n < 2 or n % 2 == 0:
        return n == 2
    return all(n % i for i in range(3, int(math.floor(math.sqrt(n))) + 1, 2))


# released --------------------------------------------------------------------------------------

def fetch_all() -> dict[str, int]:
    sizes = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=5) as executor:
        future_to_url = {executor.submit(load_url, url, 60): url for url in URLS}
        for future in concurrent.futures.as_completed(future_to_url):
            url = future_to_url[future]
            try:
                data = future.result()
            except Exception as exc:
                print("%r generated an exception: %s" % (url, exc))
            else:
                sizes[url] = len(data)
    return sizes


def primes() -> None:
    with ProcessPoolExecutor() as executor:
        for number, prime in zip(PRIMES, executor.map(is_prime, PRIMES)):
            print("%d is prime: %s" % (number, prime))


def shut_down_in_finally(numbers: list[int]) -> list[bool]:
    executor = ThreadPoolExecutor(max_workers=2)
    try:
        return list(executor.map(is_prime, numbers))
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def make_executor(workers: int) -> Executor:
    executor = ThreadPoolExecutor(max_workers=workers)
    return executor


# leaks -----------------------------------------------------------------------------------------

def fire_and_forget(url: str) -> Future[bytes]:
    executor = ThreadPoolExecutor(max_workers=1)  # E: "executor" is not released on every path  [resource-leak]  # N: help: use "with ThreadPoolExecutor(...) as executor:" or call "executor.shutdown()"
    return executor.submit(load_url, url, 60)  # N: "executor" escapes here: returns at line 65 without releasing it


def shut_down_on_success_only(numbers: list[int]) -> list[bool]:
    executor = ProcessPoolExecutor(max_workers=4)  # E: "executor" is not released on every path  [resource-leak]  # N: help: use "with ProcessPoolExecutor(...) as executor:" or call "executor.shutdown()"
    results = list(executor.map(is_prime, numbers))
    if not all(results):
        raise ValueError("not all prime")  # N: "executor" escapes here: raises at line 72 without releasing it
    executor.shutdown()
    return results


# use after release -----------------------------------------------------------------------------

def submit_after_shutdown(url: str) -> bytes:
    executor = ThreadPoolExecutor()
    executor.shutdown()  # N: "executor" was released here by shutdown()
    return executor.submit(load_url, url, 60).result()  # E: "executor" used after release  [use-after-move]


def map_after_with(numbers: list[int]) -> list[bool]:
    with ProcessPoolExecutor() as executor:  # N: "executor" was released here when the with block ended
        first = list(executor.map(is_prime, numbers))
    return first + list(executor.map(is_prime, numbers))  # E: "executor" used after release  [use-after-move]
