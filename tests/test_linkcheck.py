"""Links judged by a real build: LNK001/LNK002 exactly where the published site breaks.

tests/golden/linkcheck/ holds, for two fixture sites, every link of the
site built by Jekyll 4.3 and checked by html-proofer (with the reader's
verdict where html-proofer errs; see its README). guidelint must report
exactly the broken ones, at their source lines, with the right code, and
nothing at all for link-like text that is not published.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from guidelint import engine

ROOT = Path(__file__).resolve().parent
SITES = ROOT / "fixtures" / "linkcheck"
GOLDEN = ROOT / "golden" / "linkcheck"
CODES = {"missing-page": "LNK001", "missing-anchor": "LNK002"}
NAMES = sorted(p.name for p in SITES.iterdir() if p.is_dir())


def _golden(site: str, suffix: str = "") -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((GOLDEN / f"{site}{suffix}.json").read_text("utf-8"))
    return data


def _reported(site: str) -> dict[tuple[str, int, str], str]:
    result = engine.run(engine.Options(paths=(SITES / site,), jobs=1, select=("LNK",)))
    return {(f.path, f.line, f.rule): f.message for f in result.findings}


@pytest.mark.parametrize("site", NAMES)
def test_broken_links_are_exactly_what_the_build_breaks(site: str) -> None:
    want = {
        (entry["path"], entry["line"], CODES[entry["status"]])
        for entry in _golden(site)
        if entry["status"] != "ok"
    }
    reported = _reported(site)
    got = {place for place in reported if place[2] in ("LNK001", "LNK002")}
    assert sorted(got - want) == [], "reported, but the published site has these links working"
    assert sorted(want - got) == [], "broken on the published site, but not reported"


@pytest.mark.parametrize("site", NAMES)
def test_unpublished_link_text_is_never_reported(site: str) -> None:
    reported = {(path, line) for path, line, _ in _reported(site)}
    for entry in _golden(site, ".unpublished"):
        if entry.get("reason") == "literal-text":
            continue  # `[t] (u)` and undefined references are LNK005's business
        assert (entry["path"], entry["line"]) not in reported, entry


def test_golden_covers_every_form() -> None:
    forms = {entry["form"] for site in NAMES for entry in _golden(site)}
    assert {"markdown", "reference", "html", "include", "markdown-image", "html-img"} <= forms
    assert sum(len(_golden(site)) for site in NAMES) >= 300
