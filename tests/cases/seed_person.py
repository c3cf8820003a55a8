"""The seed article's examples ("Rust Means Never Having to Close a Socket")."""

from mypy_ownership import Own, Ref


class Person:
    def __init__(self, first: str, last: str, age: int) -> None:
        self.first = first
        self.last = last
        self.age = age


def is_thirties(person: Own[Person]) -> bool:
    return 30 <= person.age < 40


def hello() -> None:
    person = Person("Yehuda", "Katz", 32)
    thirties = is_thirties(person)  # N:28: "person" was moved here by call to "is_thirties"
    print(person, thirties)  # E:11: "person" used after move  [use-after-move]


def is_thirties_borrowed(person: Ref[Person]) -> bool:
    return 30 <= person.age < 40


def hello_borrowed() -> None:
    person = Person("Yehuda", "Katz", 32)
    thirties = is_thirties_borrowed(person)
    print(person, thirties)


def first_name(person: Ref[Person]) -> Ref[str]:
    return person.first


def hello_with_no_lifetime() -> Ref[str]:  # E:1: "hello_with_no_lifetime" returns a borrowed value (Ref[...]) but has no Ref or Mut parameter it could be borrowed from  [missing-lifetime]  # N: help: return an owned value (Own[...]), or take the owner as a Ref[...] or Mut[...] parameter
    person = Person("Yehuda", "Katz", 32)
    return first_name(person)


def name_size(person: Own[Person]) -> int:
    return len(person.first) + len(person.last)


def transfer_and_keep() -> int:
    yehuda = Person("Yehuda", "Katz", 32)
    size = name_size(yehuda)
    tom = Person("Tom", "Dale", 40)
    return size + tom.age
