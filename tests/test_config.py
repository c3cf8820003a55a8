"""The ``[mypy_ownership]`` options as each file format spells them (docs/design.md §9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mypy_ownership.config import ConfigError, OwnershipOptions, load_options


def _toml(tmp_path: Path, value: str) -> str:
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.mypy]\nplugins = [\"mypy_ownership.plugin\"]\n\n[tool.mypy_ownership]\nleak_on_exception = {value}\n")
    return str(path)


def _ini(tmp_path: Path, value: str) -> str:
    path = tmp_path / "mypy.ini"
    path.write_text(f"[mypy]\nplugins = mypy_ownership.plugin\n\n[mypy_ownership]\nleak_on_exception = {value}\n")
    return str(path)


@pytest.mark.parametrize("value, expected", [("true", True), ("false", False)])
def test_a_toml_boolean_option_takes_a_toml_boolean(tmp_path: Path, value: str, expected: bool) -> None:
    options = load_options(_toml(tmp_path, value))
    assert options == OwnershipOptions(leak_on_exception=expected)


@pytest.mark.parametrize("value, shown", [
    ('"yes"', "'yes'"), ('"false"', "'false'"), ('"true"', "'true'"), ("1", "1"), ("0", "0"),
])
def test_a_toml_boolean_option_rejects_strings_and_numbers(tmp_path: Path, value: str, shown: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_options(_toml(tmp_path, value))
    assert str(raised.value).endswith(
        'pyproject.toml:5: error: "leak_on_exception" must be true or false (a TOML boolean,'
        f" unquoted), not {shown}"
    )


@pytest.mark.parametrize("value, expected", [
    ("true", True), ("True", True), ("yes", True), ("on", True), ("1", True),
    ("false", False), ("FALSE", False), ("no", False), ("off", False), ("0", False),
])
def test_an_ini_boolean_option_takes_the_words_mypy_ini_takes(tmp_path: Path, value: str, expected: bool) -> None:
    options = load_options(_ini(tmp_path, value))
    assert options == OwnershipOptions(leak_on_exception=expected)


@pytest.mark.parametrize("value", ["perhaps", "2", "y", "enabled", ""])
def test_an_ini_boolean_option_rejects_other_words(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_options(_ini(tmp_path, value))
    assert str(raised.value).endswith(
        'mypy.ini:5: error: "leak_on_exception" must be a boolean (true/false, yes/no, on/off'
        f" or 1/0), not {value!r}"
    )
