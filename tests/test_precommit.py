"""The pre-commit hook for real: `pre-commit try-repo` against this checkout.

pre-commit installs guidelint from the checkout's committed HEAD into an
environment of its own, as a documentation repository would get it.
"""

from __future__ import annotations

import os
import re
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


def _hook(
    repo: Path, *files: str, hook: str | None = "guidelint"
) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo` with one hook of ours, or every one (`hook=None`)."""
    ids = [hook] if hook else []
    return _run(repo, "pre-commit", "try-repo", str(ROOT), *ids, "--files", *files)


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


# A small site whose pages lean on its configuration and templates: the
# layout comes from `defaults`, a passes a parameter to an include and links
# to an id that b's layout writes.
CONFIG = 'title: t\ndefaults:\n  - scope: {path: ""}\n    values: {layout: default}\n'
SITE = {
    "_config.yml": CONFIG,
    "_layouts/default.html": '<main>{{ content }}</main>\n<footer id="contact">Contact</footer>\n',
    "_includes/button.html": (
        '<a class="button" href="{{ include.link | relative_url }}">{{ include.title }}</a>\n'
    ),
    "guide/a.md": (
        "---\ntitle: A\npermalink: /guide/a\nnextpage: /guide/b\n---\n"
        "Intro.\n\n"
        '{% include button.html title="Next" link="/guide/b" %}\n\n'
        "Questions? [Contact us]({{ site.baseurl }}/guide/b#contact).\n"
    ),
    "guide/b.md": (
        "---\ntitle: B\npermalink: /guide/b\npreviouspage: /guide/a\n---\n"
        "See [a]({{ site.baseurl }}/guide/a).\n"
    ),
}


def _site(tmp_path: Path) -> Path:
    repo = tmp_path / "guide-site"
    for rel, text in SITE.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, "utf-8")
    _run(repo, "git", "init", "-q")
    _run(repo, "git", "add", "-A")
    assert _run(repo, "git", "commit", "-qm", "guide").returncode == 0
    return repo


def _edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    _run(repo, "git", "add", "-A")


# (the template changed, its old and new text, what breaks in guide/a.md,
#  and the fix made in guide/a.md)
TEMPLATE_CHANGES = {
    "include-loses-a-parameter": (
        "_includes/button.html", "include.title", "include.text",
        "guide/a.md:8:24: INC002 [error] `button.html` never reads `title`",
        ('title="Next"', 'text="Next"'),
    ),
    "layout-loses-an-id": (
        "_layouts/default.html", 'id="contact"', 'id="contact-us"',
        "guide/a.md:10:25: LNK002 [error] #contact is not an id on /guide/b",
        ("/guide/b#contact)", "/guide/b#contact-us)"),
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(TEMPLATE_CHANGES))
def test_the_site_hook_reports_what_a_template_change_breaks_in_untouched_pages(
    tmp_path: Path, case: str
) -> None:
    template, old, new, finding, (page_old, page_new) = TEMPLATE_CHANGES[case]
    repo = _site(tmp_path)

    # Only the template is in the commit; the page it breaks is not.
    _edit(repo, template, old, new)
    broken = _hook(repo, template, hook="guidelint-site")
    assert broken.returncode != 0, broken.stdout + broken.stderr
    assert "- hook id: guidelint-site" in broken.stdout
    assert finding in broken.stdout

    # The fix: the page follows the template.
    _edit(repo, "guide/a.md", page_old, page_new)
    fixed = _hook(repo, template, "guide/a.md", hook="guidelint-site")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "guidelint (whole site)" in fixed.stdout and "Passed" in fixed.stdout


def _status(output: str, name: str) -> str:
    """pre-commit's verdict for a hook: `name.....(no files to check)Skipped`."""
    [line] = [x for x in output.splitlines() if re.match(rf"{re.escape(name)}\.{{3,}}", x)]
    return line.rsplit(".", 1)[1]


def test_a_config_only_commit_runs_the_site_hook_and_not_the_page_hook(tmp_path: Path) -> None:
    repo = _site(tmp_path)

    # A default layout that does not exist breaks every page, none of them in the commit.
    _edit(repo, "_config.yml", "layout: default", "layout: page")
    assert _run(repo, "git", "diff", "--cached", "--name-only").stdout == "_config.yml\n"
    broken = _hook(repo, "_config.yml", hook=None)  # every hook of ours, as a config lists them
    assert broken.returncode != 0, broken.stdout + broken.stderr
    assert _status(broken.stdout, "guidelint") == "(no files to check)Skipped"
    assert _status(broken.stdout, "guidelint (whole site)") == "Failed"
    assert "guide/a.md:1:1: FM004 [error] layout 'page' set by `defaults`" in broken.stdout
    assert "guide/b.md:1:1: FM004 [error] layout 'page' set by `defaults`" in broken.stdout

    # The fix: the default names a layout that exists.
    _edit(repo, "_config.yml", "layout: page", "layout: default")
    fixed = _hook(repo, "_config.yml", hook=None)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert _status(fixed.stdout, "guidelint") == "(no files to check)Skipped"
    assert _status(fixed.stdout, "guidelint (whole site)") == "Passed"
