"""How the golden-data tools run Debian's Jekyll: reproducibly, never through Bundler.

Imported by `jekyll_golden.py`, `kramdown_golden.py` and `linkcheck_golden.py`
(run as scripts from `tools/`, so this folder is on their import path).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def jekyll_env(**extra: str) -> dict[str, str]:
    """The environment of a reproducible Jekyll run, plus `extra`."""
    env = dict(os.environ, TZ="UTC", JEKYLL_ENV="production", LC_ALL="C.UTF-8")
    # A sample site may hold a Gemfile (default-exclude test): never let the
    # jekyll executable hand it to Bundler.
    env["JEKYLL_NO_BUNDLER_REQUIRE"] = "true"
    env.update(extra)
    return env


def jekyll_build(src: Path, dest: Path, safe: bool = True, **extra_env: str) -> None:
    """`jekyll build` `src` into `dest`, or exit with Jekyll's output."""
    cmd = ["jekyll", "build", *(["--safe"] if safe else []), "--disable-disk-cache", "--quiet"]
    cmd += ["--source", str(src), "--destination", str(dest)]
    proc = subprocess.run(
        cmd, cwd=src.parent, env=jekyll_env(**extra_env), capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        sys.exit(f"jekyll failed for {src}:\n{proc.stdout}{proc.stderr}")
