"""The built wheel, installed non-editable into a fresh venv, works from anywhere.

Data force-included into a wheel is invisible to an editable install, so
only this test proves `schemas/` and `rules/` ship inside the package.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    src = tmp_path_factory.mktemp("src") / "guidelint"
    # Build from a copy so the checkout gains no build/ folder.
    shutil.copytree(
        ROOT, src, ignore=shutil.ignore_patterns(".git", "*.egg-info", "build", "dist", ".*cache*")
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(src),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return next(out.glob("guidelint-*.whl"))


def test_wheel_ships_schemas_and_rules(wheel: Path) -> None:
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "guidelint/schemas/guide-page.json" in names
    assert "guidelint/schemas/guidelint-config.json" in names
    assert "guidelint/py.typed" in names


def test_installed_wheel_runs_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    # System site-packages give the dependencies without a download; the
    # venv's own copy of guidelint (from the wheel) comes first on sys.path.
    venv.create(env_dir, with_pip=True, system_site_packages=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--force-reinstall",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "elsewhere"
    shutil.copytree(EXAMPLE, work / "site")
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import guidelint, guidelint.resources as r;"
            "print(guidelint.__file__); print(r.folder('schemas'))",
        ],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    assert all(str(env_dir) in line for line in where.stdout.splitlines())
    done = subprocess.run(
        [str(env_dir / "bin" / "guidelint"), "check", "site", "--format", "json"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert {f["rule"] for f in json.loads(done.stdout)} >= {
        "FM001",
        "FM002",
        "FM003",
        "FM004",
        "TXT002",
    }
