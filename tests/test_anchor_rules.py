"""LNK002 judges a fragment only when the target page's ids are known."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import places

PAGE = "---\ntitle: A\n---\n{heading}\n\nSee [the part](#{fragment}).\n"


def _site(root: Path, heading: str, fragment: str, config: str = "title: t\n") -> Path:
    (root / "_config.yml").write_text(config, "utf-8")
    (root / "a.md").write_text(PAGE.format(heading=heading, fragment=fragment), "utf-8")
    return root


def _anchor_findings(root: Path) -> set[tuple[str, int, str]]:
    return places(root, select=("LNK002",))


def test_missing_fragment_is_reported(tmp_path: Path) -> None:
    assert _anchor_findings(_site(tmp_path, "## Getting started", "getting-startd")) == {
        ("a.md", 6, "LNK002")
    }


def test_id_from_site_variable_is_known(tmp_path: Path) -> None:
    site = _site(tmp_path, "## About {{ site.title }}", "about-guide", "title: Guide\n")
    assert _anchor_findings(site) == set()


def test_id_from_unknown_liquid_is_not_judged(tmp_path: Path) -> None:
    site = _site(tmp_path, "## About {{ page.missing | upcase }} x", "anything")
    assert _anchor_findings(site) == set()


def test_other_markdown_converters_are_not_judged(tmp_path: Path) -> None:
    config = "title: t\nmarkdown: CommonMarkGhPages\n"
    assert _anchor_findings(_site(tmp_path, "## Getting started", "nope", config)) == set()
