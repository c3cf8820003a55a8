"""The three wordings of use-after-move across branches and loops."""

from mypy_ownership import Own


class Conn:
    def send(self, data: bytes) -> None: ...


def consume(conn: Own[Conn]) -> None: ...
def borrow(conn: Conn) -> None: ...
def send_off(conn: Own[Conn]) -> bool:
    return True
def connect() -> Own[Conn]:
    return Conn()


def moved_on_one_branch(conn: Own[Conn], flag: bool) -> None:
    if flag:
        consume(conn)  # N: "conn" was moved here by call to "consume"
    borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def moved_on_both_branches(conn: Own[Conn], flag: bool) -> None:
    if flag:
        consume(conn)  # N: "conn" was moved here by call to "consume"
    else:
        consume(conn)  # N: "conn" was moved here by call to "consume"
    borrow(conn)  # E: "conn" used after move  [use-after-move]


def moved_and_replaced(conn: Own[Conn], flag: bool) -> None:
    if flag:
        consume(conn)
        conn = connect()
    borrow(conn)
    consume(conn)


def moved_only_on_returning_branch(conn: Own[Conn], flag: bool) -> None:
    if flag:
        consume(conn)
        return
    borrow(conn)
    consume(conn)


def moved_in_loop(conn: Own[Conn]) -> None:
    for _ in range(3):
        consume(conn)  # E: "conn" used after move: moved in a previous iteration of the loop  [use-after-move]  # N: "conn" was moved here by call to "consume", in a previous iteration of the loop


def moved_in_loop_then_break(conn: Own[Conn]) -> None:
    while True:
        consume(conn)
        break


def moved_in_loop_and_replaced(conn: Own[Conn]) -> None:
    for _ in range(3):
        consume(conn)
        conn = connect()
    consume(conn)


def short_circuit(conn: Own[Conn], flag: bool) -> None:
    flag and send_off(conn)  # N: "conn" was moved here by call to "send_off"
    borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def conditional_expression(conn: Own[Conn], flag: bool) -> None:
    consume(conn) if flag else None  # N: "conn" was moved here by call to "consume"
    borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def handler_sees_moves_before_the_raise(conn: Own[Conn]) -> None:
    try:
        consume(conn)  # N: "conn" was moved here by call to "consume"
        borrow(Conn())
    except ValueError:
        borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def finally_runs_after_return(conn: Own[Conn], flag: bool) -> None:
    try:
        if flag:
            consume(conn)  # N: "conn" was moved here by call to "consume"
            return
    finally:
        borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def match_cases(conn: Own[Conn], command: str) -> None:
    match command:
        case "close":
            consume(conn)  # N: "conn" was moved here by call to "consume"
        case _:
            borrow(conn)
    borrow(conn)  # E: "conn" may have been moved  [use-after-move]


def unreachable_code_is_not_reported(conn: Own[Conn]) -> None:
    consume(conn)
    return
    borrow(conn)


def not_reported_in_branch_mypy_skips(conn: Own[Conn], number: int) -> None:
    consume(conn)
    if isinstance(number, str):
        borrow(conn)
