"""Whole pages against what Jekyll published: block scanner + heading ids + HTML ids.

tests/test_anchors.py replays the golden headings one by one; this test
reads each golden page the way guidelint reads any page (front matter,
block structure, Liquid, ids) and must find every published id on its line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from guidelint import config as config_mod
from guidelint.anchors import IdOptions
from guidelint.context import Context
from guidelint.model import Kind, SiteFile
from guidelint.pageids import page_ids
from guidelint.parse import parse_page
from guidelint.site import SiteConfig

GOLDEN = Path(__file__).parent / "golden" / "kramdown"
CASES = sorted(p.stem for p in GOLDEN.glob("*.md") if p.stem != "README")


def _published(case: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    golden: dict[str, Any] = json.loads((GOLDEN / f"{case}.json").read_text("utf-8"))
    site_vars = dict(golden.get("site", {}))
    site_vars["kramdown"] = golden["kramdown"]
    site = SiteConfig(root=GOLDEN, kramdown=golden["kramdown"], variables=site_vars)
    ctx = Context(
        site=site,
        config=config_mod.Config(),
        layouts=frozenset(),
        id_options=IdOptions.from_config(golden["kramdown"]),
    )
    raw = (GOLDEN / f"{case}.md").read_bytes()
    page = parse_page(site, SiteFile(f"{case}.md", Kind.PAGE), raw)
    ours = list(page_ids(page, ctx).published)
    want = [(e["line"], e.get("id", e.get("name"))) for e in golden["ids"]]
    return ours, want


@pytest.mark.parametrize("case", CASES)
def test_page_ids_match_what_jekyll_published(case: str) -> None:
    ours, want = _published(case)
    assert sorted(ours) == sorted(want)


def test_golden_data_is_big_enough() -> None:
    total = sum(len(_published(case)[1]) for case in CASES)
    assert total >= 200
