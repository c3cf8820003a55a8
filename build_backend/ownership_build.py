"""The build backend: setuptools', with an editable install mypy can see (docs/design.md §12.19).

setuptools installs an editable checkout of this layout (``stubs/`` mapped to
``mypy_ownership.stubs``) through an import hook, which mypy's module search does not run:
code that imports ``mypy_ownership`` then gets ``import-not-found``. ``build_editable`` here
writes a wheel whose ``.pth`` file puts the checkout itself on ``sys.path``, a plain path
entry that Python and mypy both read; the plugin finds the stubs in the checkout's
``stubs/`` (``overlay.SHIPPED``). Every other hook is setuptools' own.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
import zipfile

from setuptools.build_meta import (  # noqa: F401 - the hooks a frontend calls
    build_sdist,
    build_wheel,
    get_requires_for_build_editable,
    get_requires_for_build_sdist,
    get_requires_for_build_wheel,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

_TAG = "py3-none-any"
_WHEEL = f"Wheel-Version: 1.0\nGenerator: mypy-ownership build_backend\nRoot-Is-Purelib: true\nTag: {_TAG}\n"


def build_editable(
    wheel_directory: str,
    config_settings: dict[str, object] | None = None,
    metadata_directory: str | None = None,
) -> str:
    """PEP 660's hook; the working directory is the checkout's root (PEP 517)."""
    checkout = os.path.abspath(os.getcwd())
    with tempfile.TemporaryDirectory() as scratch:
        if metadata_directory is None:
            metadata_directory = os.path.join(
                scratch, prepare_metadata_for_build_editable(scratch, config_settings)
            )
        dist_info = os.path.basename(metadata_directory)
        name_version = dist_info.removesuffix(".dist-info")
        files: dict[str, bytes] = {f"__editable__.{name_version}.pth": f"{checkout}\n".encode()}
        for folder, _, names in os.walk(metadata_directory):
            for name in names:
                path = os.path.join(folder, name)
                inside = os.path.relpath(path, metadata_directory).replace(os.sep, "/")
                if inside not in ("WHEEL", "RECORD"):
                    with open(path, "rb") as f:
                        files[f"{dist_info}/{inside}"] = f.read()
        files[f"{dist_info}/WHEEL"] = _WHEEL.encode()
        wheel_name = f"{name_version}-{_TAG}.whl"
        _write_wheel(os.path.join(wheel_directory, wheel_name), files, f"{dist_info}/RECORD")
    return wheel_name


def _write_wheel(path: str, files: dict[str, bytes], record: str) -> None:
    lines = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in files.items():
            wheel.writestr(name, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            lines.append(f"{name},sha256={digest},{len(data)}\n")
        lines.append(f"{record},,\n")
        wheel.writestr(record, "".join(lines))

