"""Borrows and lifetimes (docs/design.md §4, §5): Ref/Mut parameters and receivers, returned
references, conflicts and escapes, as rustc's borrow checker has them."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from mypy_ownership import Mut, Own, Ref


class Person:
    def __init__(self, first: str, age: int) -> None:
        self.first = first
        self.age = age
        self.tags: list[str] = []

    def name(self: Ref[Person]) -> Ref[str]:
        return self.first

    def birthday(self: Mut[Person]) -> None:
        self.age += 1

    def describe(self: Ref[Person]) -> str:
        return f"{self.first} ({self.age})"


class File:
    def read(self) -> bytes:
        return b""

    def close(self: Own[File]) -> None: ...

    def __enter__(self) -> File:
        return self

    def __exit__(self, *args: object) -> None: ...


def open_file(path: str) -> Own[File]:
    return File()


def consume(person: Own[Person]) -> None: ...
def first_name(person: Ref[Person]) -> Ref[str]:
    return person.first
def grow(person: Mut[Person]) -> None: ...
def compare(a: Ref[Person], b: Ref[Person]) -> bool:
    return a.age < b.age
def swap_ages(a: Mut[Person], b: Ref[Person]) -> None: ...
def keep(callback: Own[Callable[[], None]]) -> None: ...


registry: list[Person] = []
last: Person | None = None


# move-from-borrow (rustc E0507) ----------------------------------------------------------------

def moving_a_shared_borrow(person: Ref[Person]) -> None:  # N: "person" is borrowed here (a Ref parameter)
    consume(person)  # E: "person" is only borrowed (a Ref parameter) and cannot be moved by call to "consume"  [move-from-borrow]


def releasing_a_borrowed_file(f: Ref[File]) -> None:  # N: "f" is borrowed here (a Ref parameter)
    f.close()  # E: "f" is only borrowed (a Ref parameter) and cannot be released by close()  [move-from-borrow]


def returning_a_borrow_as_owned(person: Mut[Person]) -> Own[Person]:  # N: "person" is borrowed here (a Mut parameter)
    return person  # E: "person" is only borrowed (a Mut parameter) and cannot be returned as Own[...]  [move-from-borrow]


def moving_the_target_of_a_with(path: str) -> None:
    with open_file(path) as f:  # N: "f" is borrowed here (as the target of a with block)
        keep_file(f)  # E: "f" is only borrowed (as the target of a with block) and cannot be moved by call to "keep_file"  [move-from-borrow]


def keep_file(f: Own[File]) -> None:
    f.close()


def borrowing_a_borrow_is_fine(person: Ref[Person]) -> int:
    print(first_name(person), person.describe(), compare(person, person))
    return person.age


# borrow-escape ------------------------------------------------------------------------------

class Cache:
    def __init__(self) -> None:
        self.people: list[Person] = []
        self.current: Person | None = None

    def remember(self, person: Ref[Person]) -> None:  # N: "person" is borrowed here (a Ref parameter)  # N: "person" is borrowed here (a Ref parameter)
        self.current = person  # E: Borrowed "person" may outlive its borrow: stored in an attribute  [borrow-escape]
        self.people.append(person)  # E: Borrowed "person" may outlive its borrow: stored in a container by append()  [borrow-escape]

    def look(self, person: Ref[Person]) -> bool:
        return person in self.people


def escaping_closure(person: Ref[Person]) -> None:  # N: "person" is borrowed here (a Ref parameter)
    keep(lambda: print(person.first))  # E: Borrowed "person" may outlive its borrow: captured by a closure passed to "keep"  [borrow-escape]


def closure_called_in_place(person: Ref[Person]) -> None:
    show = lambda: print(person.first)
    show()


def yielding_a_borrow(person: Ref[Person]) -> Iterator[Person]:  # N: "person" is borrowed here (a Ref parameter)
    yield person  # E: Borrowed "person" may outlive its borrow: yielded from a generator  [borrow-escape]


def returning_a_borrow_unmanaged(person: Ref[Person]) -> Person:  # N: "person" is borrowed here (a Ref parameter)
    return person  # E: Borrowed "person" may outlive its borrow: returned from a function whose return is not Ref or Mut  [borrow-escape]


def storing_a_borrow_globally(person: Ref[Person]) -> None:  # N: "person" is borrowed here (a Ref parameter)
    global last
    last = person  # E: Borrowed "person" may outlive its borrow: stored in a global variable  [borrow-escape]


def returning_the_borrow_it_was_given(person: Ref[Person]) -> Ref[Person]:
    return person


def with_target_escapes(path: str) -> File:
    with open_file(path) as f:  # N: "f" is borrowed here (as the target of a with block)
        return f  # E: Borrowed "f" may outlive its borrow: returned from a function whose return is not Ref or Mut  [borrow-escape]


# borrow-conflict ----------------------------------------------------------------------------

def mut_method_through_ref(person: Ref[Person]) -> None:  # N: "person" is borrowed here (a Ref parameter)
    person.birthday()  # E: Cannot mutate through shared borrow "person": called Mut method "birthday" through it  [borrow-conflict]


def mut_parameter_through_ref(person: Ref[Person]) -> None:  # N: "person" is borrowed here (a Ref parameter)
    grow(person)  # E: Cannot mutate through shared borrow "person": passed it as Mut to "grow"  [borrow-conflict]


def mut_through_mut_is_fine(person: Mut[Person]) -> None:
    person.birthday()
    grow(person)


def lent_as_mut_twice(person: Person) -> None:
    swap_ages(person, person)  # E: "person" is lent as Mut to "swap_ages" together with another borrow of it  [borrow-conflict]


def two_owners_are_fine(a: Person, b: Person) -> None:
    swap_ages(a, b)


def reference_used_after_its_owner_moved() -> None:
    person = Person("Yehuda", 32)
    name = first_name(person)  # N: borrow of "person" created here by call to "first_name"
    consume(person)  # E: Cannot move "person" while a borrow of it is still used  [borrow-conflict]
    print(name)  # N: the borrow is used here, later


def reference_used_before_its_owner_moved() -> None:
    person = Person("Yehuda", 32)
    name = first_name(person)
    print(name)
    consume(person)


def method_reference_used_after_mutation() -> None:
    person = Person("Yehuda", 32)
    name = person.name()  # N: borrow of "person" created here by call to "name"
    person.birthday()  # E: Cannot mutably borrow "person" while a borrow of it is still used  [borrow-conflict]
    print(name)  # N: the borrow is used here, later


def reference_dead_before_mutation() -> None:
    person = Person("Yehuda", 32)
    print(person.name())
    person.birthday()
    name = person.name()
    print(name)


def reference_reassigned_before_use() -> None:
    person = Person("Yehuda", 32)
    other = Person("Tom", 40)
    name = first_name(person)
    print(name)
    consume(person)
    name = first_name(other)
    print(name)


# missing-lifetime at a return (rustc E0515) ------------------------------------------------------

def reference_to_a_local(person: Ref[Person]) -> Ref[str]:
    local = Person("Tom", 40)
    print(person.first)
    return first_name(local)  # E: Cannot return a reference to "local": it is a local of this function and dies when it returns  [missing-lifetime]  # N: help: return an owned value (Own[...]), or take the owner as a Ref[...] or Mut[...] parameter


def reference_to_an_owned_parameter(person: Ref[Person], owned: Own[Person]) -> Ref[Person]:
    print(person.first)
    return owned  # E: Cannot return a reference to "owned": it is owned by this function and dies when it returns  [missing-lifetime]  # N: help: return an owned value (Own[...]), or take the owner as a Ref[...] or Mut[...] parameter


def reference_to_a_parameter(person: Ref[Person], other: Ref[Person]) -> Ref[str]:
    if person.age > other.age:
        return first_name(person)
    return first_name(other)


# what is not an escape ---------------------------------------------------------------------

def extend_copies_the_elements(lines: Ref[list[str]], into: list[str]) -> None:
    into.extend(lines)


def yield_a_with_target_inside_its_block(path: str) -> Iterator[File]:
    with open_file(path) as f:
        yield f


# a walrus passes the borrow it binds on to the outer name -----------------------------------

def borrow_through_a_walrus(owner: Own[Person]) -> str:
    r = owner.name()  # N: "x" is borrowed here (by call to "name")
    x = (y := r)
    print(y)
    return x  # E: Borrowed "x" may outlive its borrow: returned from a function whose return is not Ref or Mut  [borrow-escape]


def borrow_through_a_walrus_used_in_place(owner: Own[Person]) -> None:
    r = owner.name()
    x = (y := r)
    print(x, y)  # the borrow ends here: nothing escapes, nothing conflicts
    consume(owner)
