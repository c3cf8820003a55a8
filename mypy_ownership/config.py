"""Options of the ``[mypy_ownership]`` / ``[tool.mypy_ownership]`` section (docs/design.md §9).

The section sits beside mypy's own, in the same file mypy read. It is not a ``[mypy-...]``
section because mypy would read that as per-module options and warn about unknown keys.
Everything here also feeds ``report_config_data``, so a changed option invalidates the cache.
"""

from __future__ import annotations

import configparser
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Final

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - mypy depends on tomli there
    import tomli as tomllib

INI_SECTION: Final = "mypy_ownership"
TOML_TABLE: Final = ("tool", "mypy_ownership")


class ConfigError(Exception):
    """A problem in the user's configuration, already worded as ``file:line: message``."""


@dataclass(frozen=True)
class OwnershipOptions:
    stubs: tuple[str, ...] = ()
    leak_on_exception: bool = False
    check_stdlib_resources: bool = True
    report_stats: bool = False
    disable_library_stubs: tuple[str, ...] = ()
    config_file: str | None = field(default=None, compare=False)

    def snapshot(self) -> dict[str, Any]:
        return {
            "stubs": list(self.stubs),
            "leak_on_exception": self.leak_on_exception,
            "check_stdlib_resources": self.check_stdlib_resources,
            "disable_library_stubs": list(self.disable_library_stubs),
        }


_BOOLEAN_OPTIONS: Final = ("leak_on_exception", "check_stdlib_resources", "report_stats")
_KNOWN_OPTIONS: Final = (*_BOOLEAN_OPTIONS, "stubs", "disable_library_stubs")
_INI_BOOLEANS: Final = {
    "1": True, "yes": True, "true": True, "on": True,
    "0": False, "no": False, "false": False, "off": False,
}


def load_options(config_file: str | None) -> OwnershipOptions:
    """Read the plugin's section from mypy's config file (no file, or no section: defaults)."""
    if not config_file or not os.path.isfile(config_file):
        return OwnershipOptions(config_file=config_file)
    if config_file.endswith(".toml"):
        raw = _read_toml(config_file)
    else:
        raw = _read_ini(config_file)
    return _build(raw, config_file)


def _read_toml(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: error: cannot parse: {err}") from None
    table: Any = data
    for key in TOML_TABLE:
        table = table.get(key, {}) if isinstance(table, dict) else {}
    return dict(table) if isinstance(table, dict) else {}


def _read_ini(path: str) -> dict[str, Any]:
    parser = configparser.RawConfigParser()
    try:
        with open(path, encoding="utf-8") as f:
            parser.read_file(f)
    except configparser.Error:
        return {}  # mypy reports a malformed ini file itself
    if not parser.has_section(INI_SECTION):
        return {}
    return dict(parser.items(INI_SECTION))


def _build(raw: dict[str, Any], path: str) -> OwnershipOptions:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _KNOWN_OPTIONS:
            known = ", ".join(_KNOWN_OPTIONS)
            raise ConfigError(
                f"{_where(path, key)}: error: unknown option \"{key}\" in the mypy_ownership"
                f" section (known options: {known})"
            )
        if key in _BOOLEAN_OPTIONS:
            values[key] = _boolean(value, path, key)
        elif key == "disable_library_stubs":
            values[key] = _libraries(value, path, key)
        else:
            values[key] = _directories(value, path, key)
    return OwnershipOptions(config_file=path, **values)


def _boolean(value: Any, path: str, key: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _INI_BOOLEANS:
        return _INI_BOOLEANS[value.strip().lower()]
    raise ConfigError(f"{_where(path, key)}: error: \"{key}\" must be true or false, not {value!r}")


def _names(value: Any, path: str, key: str, what: str) -> list[str]:
    """A list option: comma- or line-separated in an ini file, a list of strings in TOML."""
    if isinstance(value, str):
        items = [part.strip() for part in re.split(r"[,\n]", value)]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = [v.strip() for v in value]
    else:
        raise ConfigError(f"{_where(path, key)}: error: \"{key}\" must be a list of {what}")
    return [item for item in items if item]


def _directories(value: Any, path: str, key: str) -> tuple[str, ...]:
    base = os.path.dirname(os.path.abspath(path))
    return tuple(os.path.normpath(os.path.join(base, item)) for item in _names(value, path, key, "directories"))


def _libraries(value: Any, path: str, key: str) -> tuple[str, ...]:
    """Top-level import names of libraries whose shipped stubs are switched off."""
    from mypy_ownership.libraries import shipped_libraries

    names, known = _names(value, path, key, "library names"), shipped_libraries()
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ConfigError(
            f"{_where(path, key)}: error: \"{key}\" names no shipped library stub: {', '.join(unknown)}"
            f" (known libraries: {', '.join(known)})"
        )
    return tuple(sorted(set(names)))


def _where(path: str, key: str) -> str:
    """``path:line`` of the option's line inside our section, as mypy words config errors."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return path
    in_section = False
    header = re.compile(r"^\s*\[\s*(?:tool\.)?mypy_ownership\s*\]\s*$")
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("["):
            in_section = bool(header.match(line))
        elif in_section and re.match(rf"^\s*{re.escape(key)}\s*[=:]", line):
            return f"{path}:{number}"
    return path
