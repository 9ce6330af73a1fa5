"""Each fixture site gives exactly the findings its files announce.

Too few and too many both fail: the expected set is written inline on the
offending lines (`# expect: FM003`, `<!-- expect: TXT002 -->`). Each site
is run with its own `.guidelint.yaml`, on the rule families it is about.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest

from guidelint import engine, registry
from tests.conftest import EXAMPLE, FIXTURES, expectations, places

SITES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())

# The rule families a site plants cases for, where its `.guidelint.yaml`
# does not narrow them itself: rules added later must not break old sites.
SELECT: dict[str, tuple[str, ...]] = {
    "navigation": ("FM", "TXT", "NAV", "LNK"),
}

# An `expect:` comment after other text on its line (not one on a line of its own).
_TRAILING_EXPECT = re.compile(rb"(?<=\S)[ \t]+(?:<!--[ \t]*expect:.*?-->|#[ \t]*expect:.*)$", re.M)


@pytest.mark.parametrize("site", SITES)
def test_fixture_site(site: str) -> None:
    expected = expectations(FIXTURES / site)
    assert expected, "a fixture site must announce what it expects"
    assert places(FIXTURES / site, select=SELECT.get(site, ())) == expected


@pytest.mark.parametrize("site", SITES)
def test_expect_comments_change_nothing(site: str, tmp_path: Path) -> None:
    """The same findings, at the same places, with the `expect:` comments removed."""
    copy = tmp_path / site
    shutil.copytree(FIXTURES / site, copy)
    stripped = 0
    for path in copy.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            new, count = _TRAILING_EXPECT.subn(b"", data)
            if count:
                path.write_bytes(new)
                stripped += count
    assert stripped
    select = SELECT.get(site, ())
    assert places(copy, select=select) == places(FIXTURES / site, select=select)


def test_navigation_messages_say_why() -> None:
    """Cross-page findings name the near miss and the reason, not just the place."""
    site = FIXTURES / "navigation"
    result = engine.run(engine.Options(paths=(site,), jobs=1, select=("NAV", "LNK")))
    said = {(f.path, f.line, f.rule): f.message for f in result.findings}
    wanted = {
        ("guide/setup.md", 5, "NAV001"): "the page is published at /guide/plan/",
        ("loop/two.md", 6, "NAV001"): "drop the baseurl",
        ("guide/migrate.md", 4, "NAV002"): "has nextpage /guide/plan, not /guide/migrate",
        ("loop/one.md", 5, "NAV003"): "loop/one.md -> loop/two.md -> loop/three.md",
        ("guide/setup.md", 3, "NAV004"): "guide/setup_v2.md",
        ("_data/sidebar_navigation.yml", 10, "NAV005"): "did you mean /guide-site/guide/migrate",
        ("_data/sidebar_navigation.yml", 18, "NAV005"): "trailing slash",
        ("index.md", 18, "LNK001"): "lacks the baseurl /guide-site",
        ("index.md", 19, "LNK001"): "baseurl /guide-site is doubled",
        ("index.md", 20, "LNK001"): "did you mean /guide-site/guide/setup",
        ("index.md", 21, "LNK001"): "trailing slash",
        ("guide/plan.md", 10, "LNK001"): "resolved from the page's URL /guide-site/guide/plan/",
        ("guide/migrate.md", 10, "LNK002"): "did you mean #access",
        ("guide/setup.md", 20, "LNK002"): "did you mean #notes-1",
        ("guide/setup.md", 24, "LNK003"): "already set on line 22",
        ("index.md", 30, "LNK004"): "use {{ site.baseurl }}/guide/plan",
        ("guide/index.md", 11, "LNK005"): "space between",
        ("guide/index.md", 12, "LNK005"): "empty target",
        ("guide/index.md", 13, "LNK005"): "[migrate-page] is not defined",
    }
    for place, words in wanted.items():
        assert words in said[place], (place, said[place])


def _defect_table(path: Path) -> set[tuple[str, int, str]]:
    """Rows `| CODE | `file` | line | ... |` of DEFECTS.md for rules that exist now."""
    known = set(registry.by_code())
    rows = set()
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"\|\s*([A-Z]+\d+)\s*\|\s*`([^`]+)`\s*\|\s*(\d+)\s*\|", line)
        if m and m.group(1) in known:
            rows.add((m.group(2), int(m.group(3)), m.group(1)))
    return rows


def test_example_site_reports_exactly_its_documented_defects() -> None:
    expected = _defect_table(EXAMPLE / "DEFECTS.md")
    assert len(expected) >= 8
    assert places(EXAMPLE, today=datetime.date(2026, 11, 27)) == expected
