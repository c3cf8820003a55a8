"""An editable install, as the README's Quick start makes it, is one mypy can see
(docs/design.md §12.19): a fresh virtual environment, no PYTHONPATH, a file that imports Own."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

from harness import ROOT

APP = """\
from mypy_ownership import Own


def consume(data: Own[bytearray]) -> None: ...


def twice(data: Own[bytearray]) -> None:
    consume(data)
    consume(data)


def first_line(path: str) -> str:
    f = open(path)
    return f.readline()
"""


def test_an_editable_install_is_visible_to_mypy(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True, system_site_packages=False)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MYPYPATH", "PYTHONHOME")}
    install = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "-e", str(ROOT)],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(APP)
    (project / "mypy.ini").write_text("[mypy]\nplugins = mypy_ownership.plugin\n")
    run = subprocess.run(
        [str(bin_dir / "mypy"), "--no-incremental", "app.py"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    assert "import-not-found" not in run.stdout, run.stdout
    assert 'app.py:9: error: "data" used after move  [use-after-move]' in run.stdout, run.stdout + run.stderr
    assert 'app.py:13: error: "f" is not released on every path  [resource-leak]' in run.stdout, run.stdout
    assert run.returncode == 1, run.stdout + run.stderr
