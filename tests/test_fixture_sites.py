"""Each fixture site gives exactly the findings its files announce.

Too few and too many both fail: the expected set is written inline on the
offending lines (`# expect: FM003`, `<!-- expect: TXT002 -->`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guidelint import registry
from tests.conftest import EXAMPLE, FIXTURES, expectations, places

SITES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


@pytest.mark.parametrize("site", SITES)
def test_fixture_site(site: str) -> None:
    expected = expectations(FIXTURES / site)
    assert expected, "a fixture site must announce what it expects"
    assert places(FIXTURES / site) == expected


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
    assert places(EXAMPLE) == expected
