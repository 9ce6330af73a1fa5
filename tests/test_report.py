"""`guidelint report` against a real git repository with dated commits by two authors."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidelint.cli import cli

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
TODAY = "2025-07-01"


def _git(repo: Path, *args: str, author: str = "Ann Editor", when: str = "") -> None:
    env = dict(os.environ)
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T12:00:00+00:00"
    name, email = author, author.lower().replace(" ", ".") + "@example.org"
    subprocess.run(
        ["git", "-c", f"user.name={name}", "-c", f"user.email={email}", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )


PAGE_V1 = "---\ntitle: Post go-live\n---\nIntro.\n<!-- [GAP] add the supplier list -->\n"
PAGE_V2 = PAGE_V1 + "More text.\n<!--\n  [UPLIFT] reworded after\n  user research\n-->\n"
PAGE_V3 = PAGE_V2 + "<!-- [TODO] check the figures -->\nVisible by mistake [GAP] oops\n"


def _site(root: Path) -> Path:
    root.mkdir()
    (root / "_config.yml").write_text("title: t\n", "utf-8")
    (root / "post.md").write_text(PAGE_V1, "utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "first", when="2024-01-10")
    (root / "post.md").write_text(PAGE_V2, "utf-8")
    _git(root, "commit", "-qam", "second", author="Bo Writer", when="2025-06-01")
    (root / "post.md").write_text(PAGE_V3, "utf-8")  # not committed
    return root


def _report(*args: str) -> str:
    result = CliRunner().invoke(cli, ["report", *args, "--today", TODAY], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _days(since: str) -> int:
    return (datetime.date.fromisoformat(TODAY) - datetime.date.fromisoformat(since)).days


@needs_git
def test_dates_authors_and_ages_are_exact(tmp_path: Path) -> None:
    site = _site(tmp_path / "repo")
    items = json.loads(_report(str(site), "--format", "json"))
    got = [(i["marker"], i["line"], i["added"], i["author"], i["age_days"]) for i in items]
    assert got == [
        ("GAP", 5, "2024-01-10", "Ann Editor", _days("2024-01-10")),
        ("UPLIFT", 8, "2025-06-01", "Bo Writer", _days("2025-06-01")),
        ("TODO", 11, None, None, None),  # undated items last, in page order
        ("GAP", 12, None, None, None),
    ]
    gap = items[0]
    assert gap["text"] == "add the supplier list" and gap["page_title"] == "Post go-live"
    assert items[1]["text"] == "reworded after user research"
    assert len(gap["commit"]) == 40 and gap["visible"] is False
    assert items[3]["visible"] is True and items[3]["note"] == "line not committed yet"


@needs_git
def test_filters(tmp_path: Path) -> None:
    site = _site(tmp_path / "repo")
    only_gap = json.loads(_report(str(site), "--format", "json", "--marker", "gap"))
    assert {i["marker"] for i in only_gap} == {"GAP"}
    old = json.loads(_report(str(site), "--format", "json", "--older-than", "100d"))
    assert [(i["marker"], i["line"]) for i in old] == [("GAP", 5)]
    assert json.loads(_report(str(site), "--format", "json", "--path", "other/**")) == []


@needs_git
def test_links_to_the_hosting_service(tmp_path: Path) -> None:
    site = _site(tmp_path / "repo")
    _git(site, "remote", "add", "origin", "git@github.com:nhs/guide.git")
    [gap] = json.loads(_report(str(site), "--format", "json", "--older-than", "100d"))
    assert gap["url"] == f"https://github.com/nhs/guide/blob/{gap['commit']}/post.md#L5"


def test_outside_git_the_dates_say_why(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "_config.yml").write_text("title: t\n", "utf-8")
    (site / "post.md").write_text(PAGE_V1, "utf-8")
    [item] = json.loads(_report(str(site), "--format", "json"))
    assert item["added"] is None and item["note"] == "not in a git repository"
    assert "no date for 1: not in a git repository" in _report(str(site))


@needs_git
def test_text_markdown_and_csv(tmp_path: Path) -> None:
    site = _site(tmp_path / "repo")
    text = _report(str(site))
    assert "4 open item(s): GAP 2, TODO 1, UPLIFT 1" in text
    assert text.index("2024-01-10") < text.index("2025-06-01")  # oldest first
    markdown = _report(str(site), "--format", "markdown")
    assert markdown.startswith("| Age | Added | Marker | Where | Author | Note |")
    assert "`post.md:5`" in markdown
    rows = _report(str(site), "--format", "csv").splitlines()
    assert rows[0].startswith("marker,path,line,text,page_title") and len(rows) == 5


def test_bad_age_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", str(tmp_path), "--older-than", "soon"])
    assert result.exit_code != 0


@needs_git
def test_html_is_one_self_contained_accessible_page(tmp_path: Path) -> None:
    site = _site(tmp_path / "repo")
    page = _report(str(site), "--format", "html")
    assert page.startswith("<!DOCTYPE html>") and page.count("<tr data-age") == 4
    assert "<script src" not in page and "<link " not in page and "http" not in page
    assert page.count('<th scope="col"><button type="button"') == 6
    assert '<label for="marker">' in page and '<label for="search">' in page
    assert 'name="viewport"' in page and "<caption>" in page
    assert "<li>GAP: 2</li>" in page and "<li>post.md: 4</li>" in page


def test_all_adds_text_findings(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "_config.yml").write_text("title: t\n", "utf-8")
    (site / "post.md").write_text(PAGE_V1, "utf-8")
    (site / "bad.md").write_bytes(b"---\ntitle: Bad\n---\nCaf\xe9\n")
    plain = {i["marker"] for i in json.loads(_report(str(site), "--format", "json"))}
    everything = json.loads(_report(str(site), "--format", "json", "--all"))
    assert plain == {"GAP"}
    assert {i["marker"] for i in everything} == {"GAP", "TXT002"}


@needs_git
def test_shallow_clone_says_so_instead_of_a_wrong_date(tmp_path: Path) -> None:
    site = _site(tmp_path / "repo")
    _git(site, "checkout", "-q", "--", "post.md")  # drop the uncommitted change
    shallow = tmp_path / "shallow"
    _git(tmp_path, "clone", "-q", "--depth", "1", site.as_uri(), str(shallow))
    items = json.loads(_report(str(shallow), "--format", "json"))
    assert [(i["added"], i["note"]) for i in items] == [
        (None, "shallow clone: the line is older"),
        (None, "shallow clone: the line is older"),
    ]


def test_a_baseline_does_not_hide_open_items(tmp_path: Path) -> None:
    """A baseline quiets `check` about old problems; the editors' list keeps them."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "_config.yml").write_text("title: t\n", "utf-8")
    (site / "post.md").write_text(PAGE_V1, "utf-8")
    (site / ".guidelint.yaml").write_text("baseline: baseline.json\n", "utf-8")
    written = CliRunner().invoke(
        cli, ["check", str(site), "--write-baseline", str(site / "baseline.json")]
    )
    assert written.exit_code == 0, written.output
    checked = CliRunner().invoke(cli, ["check", str(site), "--format", "json"])
    assert json.loads(checked.stdout) == []
    [item] = json.loads(_report(str(site), "--format", "json"))
    assert item["marker"] == "GAP"
