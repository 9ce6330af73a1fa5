"""SPEC section 3: paths narrow what is reported, never what is judged.

A commit that renames a permalink breaks pages it did not touch; linting
only the changed file (as pre-commit does) must still report those
breakages, wherever they stand, and nothing unrelated. The old URL comes
from git's HEAD, so these tests build real repositories in `tmp_path`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from guidelint import engine
from tests.conftest import FIXTURES, Place, expectations

NAVIGATION = FIXTURES / "navigation"
SELECT = ("FM", "TXT", "NAV", "LNK")  # the rule families the navigation site plants

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# What renaming guide/migrate.md's permalink breaks in other files: links to
# the old URL, and the chain partner whose nextpage named it.
RENAME_BREAKS: set[Place] = {
    ("extras/glossary.md", 7, "LNK001"),  # {{ site.baseurl }}/guide/migrate
    ("extras/glossary.md", 8, "LNK001"),  # <a href="{{ site.baseurl }}/guide/migrate#top">
    ("guide/index.md", 8, "LNK001"),  # relative `migrate` from /guide/
    ("guide/plan.md", 5, "NAV001"),  # nextpage: /guide/migrate
}


# -- helpers -------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)


def _init_repo(repo: Path, commit: bool = True) -> None:
    _git(repo, "init", "-q")
    _git(repo, "config", "user.name", "Guide Editor")
    _git(repo, "config", "user.email", "editor@example.org")
    _git(repo, "config", "commit.gpgsign", "false")
    if commit:
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "The guide as published")


def _copy_site(tmp_path: Path, folder: str = "") -> Path:
    """The navigation fixture at `tmp_path/repo/<folder>`; returns the site root."""
    site = tmp_path / "repo" / folder if folder else tmp_path / "repo"
    shutil.copytree(NAVIGATION, site)
    return site


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _rename_migrate(site: Path) -> Path:
    page = site / "guide" / "migrate.md"
    _edit(page, "permalink: /guide/migrate\n", "permalink: /guide/migration\n")
    return page


def _places(*paths: Path) -> set[Place]:
    result = engine.run(engine.Options(paths=paths, jobs=1, select=SELECT))
    return {(f.path, f.line, f.rule) for f in result.findings}


def _in(findings: set[Place], rel: str) -> set[Place]:
    return {f for f in findings if f[0] == rel}


# -- a renamed permalink -------------------------------------------------------


@needs_git
@pytest.mark.parametrize("folder", ["", "docs"], ids=["site-at-repo-root", "site-in-subfolder"])
def test_renamed_permalink_reports_breakage_in_other_pages(tmp_path: Path, folder: str) -> None:
    site = _copy_site(tmp_path, folder)
    _init_repo(tmp_path / "repo")
    page = _rename_migrate(site)

    everything = _places(site)
    assert everything >= RENAME_BREAKS  # the rename really breaks them
    narrowed = _places(page)

    assert narrowed >= RENAME_BREAKS
    # The page's own findings, including its side of the chain it broke.
    own = _in(everything, "guide/migrate.md")
    assert ("guide/migrate.md", 4, "NAV002") in own
    # Nothing else: old findings elsewhere are not this commit's doing, even
    # a look-alike such as the menu's `/guide/migrat` typo.
    assert narrowed == own | RENAME_BREAKS
    assert ("_data/sidebar_navigation.yml", 10, "NAV005") in everything
    assert ("index.md", 18, "LNK001") in everything


@needs_git
def test_relative_path_from_inside_the_site_as_pre_commit_passes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _copy_site(tmp_path)
    _init_repo(tmp_path / "repo")
    page = _rename_migrate(site)
    absolute = _places(page)
    monkeypatch.chdir(site)
    assert _places(Path("guide/migrate.md")) == absolute
    assert absolute >= RENAME_BREAKS


@needs_git
def test_unchanged_file_reports_only_its_own_findings(tmp_path: Path) -> None:
    """Linting a file whose URL did not change reports nothing from elsewhere."""
    site = _copy_site(tmp_path)
    _init_repo(tmp_path / "repo")
    everything = _places(site)
    narrowed = _places(site / "extras" / "old-faq.md")
    own = _in(everything, "extras/old-faq.md")
    assert own == {
        ("extras/old-faq.md", 3, "NAV006"),
        ("extras/old-faq.md", 4, "NAV002"),
    }
    assert narrowed == own


# -- chain partners and anchors: findings that name the given file -------------


def test_chain_edit_reports_the_partner_that_no_longer_agrees(tmp_path: Path) -> None:
    site = _copy_site(tmp_path)
    page = site / "loop" / "two.md"
    _edit(page, "previouspage: /loop/one\n", "previouspage: /loop/three\n")
    everything = _places(site)
    narrowed = _places(page)
    # loop/one's nextpage is loop/two, whose previouspage no longer says loop/one.
    assert ("loop/one.md", 5, "NAV002") in narrowed
    assert ("loop/two.md", 4, "NAV002") in narrowed
    # loop/one's own broken breadcrumb has nothing to do with loop/two.
    assert ("loop/one.md", 6, "NAV001") in everything
    assert ("loop/one.md", 6, "NAV001") not in narrowed
    assert narrowed <= everything


def test_changed_heading_id_reports_links_to_it_elsewhere(tmp_path: Path) -> None:
    site = _copy_site(tmp_path)
    page = site / "guide" / "setup.md"
    _edit(page, "## Check your access {#access}", "## Check your access {#access-rights}")
    narrowed = _places(page)
    assert ("extras/glossary.md", 9, "LNK002") in narrowed  # ...setup#access
    assert not {f for f in narrowed if f[0] == "index.md"}


# -- no history ----------------------------------------------------------------


@pytest.mark.parametrize("history", ["no-repository", "no-commit-yet"])
def test_without_history_the_page_still_gets_its_own_findings(tmp_path: Path, history: str) -> None:
    site = _copy_site(tmp_path)
    if history == "no-commit-yet":
        if shutil.which("git") is None:
            pytest.skip("git is not installed")
        _init_repo(tmp_path / "repo", commit=False)
    page = _rename_migrate(site)
    everything = _places(site)
    narrowed = _places(page)  # must not crash without a HEAD to compare with
    own = _in(everything, "guide/migrate.md")
    assert {
        ("guide/migrate.md", 4, "NAV002"),
        ("guide/migrate.md", 10, "LNK002"),
        ("guide/migrate.md", 14, "LNK002"),
    } <= own
    assert narrowed == own


@needs_git
def test_new_file_not_yet_in_git(tmp_path: Path) -> None:
    site = _copy_site(tmp_path)
    _init_repo(tmp_path / "repo")
    page = site / "guide" / "new.md"
    page.write_text(
        "---\ntitle: New\npermalink: /guide/new\n---\n"
        "A [broken link]({{ site.baseurl }}/guide/nowhere).\n",
        "utf-8",
    )
    assert _places(page) == {
        ("guide/new.md", 3, "NAV006"),
        ("guide/new.md", 5, "LNK001"),
    }


# -- the whole site ------------------------------------------------------------


def test_site_root_reports_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _copy_site(tmp_path)
    assert _places(site) == expectations(NAVIGATION)
    _rename_migrate(site)
    everything = _places(site)
    assert everything >= RENAME_BREAKS
    # A file and the root together: the root wins, everything is reported.
    assert _places(site, site / "guide" / "migrate.md") == everything
    # No paths: the site around the current folder.
    monkeypatch.chdir(site / "guide")
    assert _places() == everything


# -- causes git knows of --------------------------------------------------------


@needs_git
def test_moved_page_file_reports_links_to_its_old_url(tmp_path: Path) -> None:
    site = tmp_path / "repo"
    (site / "guide").mkdir(parents=True)
    (site / "_config.yml").write_text("baseurl: /g\n", "utf-8")
    (site / "index.md").write_text(
        "---\ntitle: Home\n---\nSee [the checks]({{ site.baseurl }}/guide/checks.html).\n",
        "utf-8",
    )
    (site / "guide" / "checks.md").write_text("---\ntitle: Checks\n---\nText.\n", "utf-8")
    _init_repo(site)
    _git(site, "mv", "guide/checks.md", "guide/go-live-checks.md")
    everything = _places(site)
    assert ("index.md", 4, "LNK001") in everything
    assert ("index.md", 4, "LNK001") in _places(site / "guide" / "go-live-checks.md")


@needs_git
def test_removed_last_link_reports_the_new_orphan(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "_config.yml").write_text("title: t\n", "utf-8")
    (site / "index.md").write_text("---\ntitle: Home\n---\n[Notes](/notes.html)\n", "utf-8")
    (site / "notes.md").write_text("---\ntitle: Notes\n---\nText.\n", "utf-8")
    _init_repo(site)
    assert ("notes.md", 1, "NAV006") not in _places(site)
    (site / "index.md").write_text("---\ntitle: Home\n---\nNo links now.\n", "utf-8")
    assert ("notes.md", 1, "NAV006") in _places(site)
    assert ("notes.md", 1, "NAV006") in _places(site / "index.md")


def test_layout_id_removed_reports_fragment_links(tmp_path: Path) -> None:
    site = _copy_site(tmp_path)
    layout = site / "_layouts" / "default.html"
    _edit(layout, '<main id="main">', '<main id="content">')
    broken = {("guide/setup.md", 19, "LNK002"), ("guide/migrate.md", 11, "LNK002")}
    assert broken <= _places(site)
    assert broken <= _places(layout)
