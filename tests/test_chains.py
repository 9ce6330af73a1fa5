"""Chain rules on small sites: one report per defect, whichever way a site chains."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import places


def _site(root: Path, pages: dict[str, dict[str, str]]) -> Path:
    (root / "_config.yml").write_text("title: t\n", "utf-8")
    for name, keys in pages.items():
        front = "".join(f"{key}: {value}\n" for key, value in keys.items())
        (root / f"{name}.md").write_text(f"---\npermalink: /{name}\n{front}---\nText.\n", "utf-8")
    return root


def _chain_findings(root: Path) -> set[tuple[str, int, str]]:
    return places(root, select=("NAV001", "NAV002", "NAV003"))


def test_one_way_chain_branch_is_nav003_not_asymmetry(tmp_path: Path) -> None:
    # a -> c and b -> c: a branch; nobody uses previouspage, so nothing is asymmetric
    site = _site(tmp_path, {"a": {"nextpage": "/c"}, "b": {"nextpage": "/c"}, "c": {}})
    assert _chain_findings(site) == {("b.md", 3, "NAV003")}


def test_two_way_chain_branch_is_reported_once_as_asymmetry(tmp_path: Path) -> None:
    pages = {
        "a": {"nextpage": "/c"},
        "b": {"nextpage": "/c"},
        "c": {"previouspage": "/a"},
    }
    assert _chain_findings(_site(tmp_path, pages)) == {("b.md", 3, "NAV002")}


def test_loop_is_reported_once_at_its_first_page(tmp_path: Path) -> None:
    pages = {"a": {"nextpage": "/b"}, "b": {"nextpage": "/c"}, "c": {"nextpage": "/a"}}
    assert _chain_findings(_site(tmp_path, pages)) == {("a.md", 3, "NAV003")}


def test_empty_and_null_chain_ends_are_not_links(tmp_path: Path) -> None:
    pages = {
        "a": {"nextpage": "/b", "previouspage": ""},
        "b": {"previouspage": "/a", "nextpage": "null"},
    }
    assert _chain_findings(_site(tmp_path, pages)) == set()


def test_near_miss_is_named(tmp_path: Path) -> None:
    from guidelint import engine

    site = _site(tmp_path, {"a": {"nextpage": "/b/"}, "b": {}})
    result = engine.run(engine.Options(paths=(site,), jobs=1, select=("NAV001",)))
    [finding] = result.findings
    assert "/b/" in finding.message and "published at /b" in finding.message
