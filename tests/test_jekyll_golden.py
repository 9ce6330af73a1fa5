"""The site model against what Jekyll 4.3 really published (tests/golden/jekyll).

The golden data was recorded by `tools/jekyll_golden.py` from Debian's
jekyll; these tests need only the recorded JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from guidelint.model import Kind, Page
from guidelint.parse import read_page
from guidelint.site import SiteFiles, load_config, static_output, walk

GOLDEN = Path(__file__).parent / "golden" / "jekyll"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "expected.json").is_file())


def _load(case: str) -> tuple[dict[str, Any], SiteFiles, dict[str, Page]]:
    expected = json.loads((GOLDEN / case / "expected.json").read_text("utf-8"))
    config = load_config(GOLDEN / case / "site")
    files = walk(config)
    pages = {f.path: read_page(config, f) for f in files.sources}
    return expected, files, pages


def test_cases_exist() -> None:
    assert len(CASES) >= 8


@pytest.mark.parametrize("case", CASES)
def test_page_urls(case: str) -> None:
    expected, _, pages = _load(case)
    got = {path: page.url for path, page in pages.items() if page.kind is Kind.PAGE}
    assert got == {e["path"]: e["url"] for e in expected["pages"]}


@pytest.mark.parametrize("case", CASES)
def test_document_urls(case: str) -> None:
    expected, _, pages = _load(case)
    got = {
        path: (page.collection, page.url)
        for path, page in pages.items()
        if page.kind is Kind.DOCUMENT
    }
    assert got == {e["path"]: (e["collection"], e["url"]) for e in expected["documents"]}


@pytest.mark.parametrize("case", CASES)
def test_merged_front_matter(case: str) -> None:
    """`defaults` are merged under each page's own front matter as Jekyll merges them."""
    expected, _, pages = _load(case)
    for entry in expected["pages"] + expected["documents"]:
        page = pages[entry["path"]]
        assert (page.data.get("layout"), page.data.get("title")) == (
            entry["layout"],
            entry["title"],
        ), entry["path"]


@pytest.mark.parametrize("case", CASES)
def test_written_files(case: str) -> None:
    """Every file Jekyll wrote, and no other: pages, documents and static copies."""
    expected, files, pages = _load(case)
    config = load_config(GOLDEN / case / "site")
    written = {p.output_path for p in pages.values() if p.output_path}
    copied = {static_output(config, rel) for rel in files.static}
    copied |= {p.path for p in pages.values() if p.kind is Kind.RAW_MARKDOWN}
    copied.discard(None)
    assert written | copied | set(files.others) == set(expected["written"])
