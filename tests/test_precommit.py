"""The pre-commit hook for real: `pre-commit try-repo` against this checkout.

pre-commit installs guidelint from the checkout's committed HEAD into an
environment of its own, as a documentation repository would get it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("pre-commit") is None,
    reason="git and pre-commit are needed",
)
A = (
    "---\ntitle: A\npermalink: /guide/a\nnextpage: /guide/b\n---\n"
    "See [b]({{ site.baseurl }}/guide/b).\n"
)
B = "---\ntitle: B\npermalink: /guide/b\npreviouspage: /guide/a\n---\nText.\n"


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ann", "GIT_AUTHOR_EMAIL": "ann@example.org",
           "GIT_COMMITTER_NAME": "Ann", "GIT_COMMITTER_EMAIL": "ann@example.org"}  # fmt: skip
    return subprocess.run(
        args, cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _hook(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    return _run(repo, "pre-commit", "try-repo", str(ROOT), "guidelint", "--files", *files)


def test_the_hook_blocks_a_breaking_commit_and_passes_the_fix(tmp_path: Path) -> None:
    repo = tmp_path / "guide-site"
    (repo / "guide").mkdir(parents=True)
    (repo / "_config.yml").write_text("title: t\n", "utf-8")
    (repo / "guide" / "a.md").write_text(A, "utf-8")
    (repo / "guide" / "b.md").write_text(B, "utf-8")
    _run(repo, "git", "init", "-q")
    _run(repo, "git", "add", "-A")
    assert _run(repo, "git", "commit", "-qm", "guide").returncode == 0

    # Renaming b's permalink breaks a's link and chain key: a.md is not in the commit.
    (repo / "guide" / "b.md").write_text(B.replace("/guide/b\n", "/guide/bee\n", 1), "utf-8")
    _run(repo, "git", "add", "-A")
    broken = _hook(repo, "guide/b.md")
    assert broken.returncode != 0, broken.stdout + broken.stderr
    assert "guide/a.md:6:9: LNK001" in broken.stdout
    assert "guide/b.md:4:15: NAV002" in broken.stdout

    # The fix: point a at the new URL too.
    (repo / "guide" / "a.md").write_text(A.replace("/guide/b", "/guide/bee"), "utf-8")
    _run(repo, "git", "add", "-A")
    fixed = _hook(repo, "guide/a.md", "guide/b.md")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
