"""Marker notes: their text, their severity by kind, and no input can break the scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guidelint.findings import Severity
from guidelint.model import Kind, Page, SiteFile
from guidelint.parse import parse_page
from guidelint.site import SiteConfig
from tests.conftest import FIXTURES

SITE = SiteConfig(root=FIXTURES)


def _page(body: str) -> Page:
    raw = f"---\ntitle: t\n---\n{body}".encode()
    return parse_page(SITE, SiteFile("p.md", Kind.PAGE), raw)


def test_note_text_is_the_rest_of_the_note_whitespace_collapsed() -> None:
    page = _page("<!--\n  [GAP]: add the\n     supplier list\n  [UPLIFT] reworded -->\n")
    notes = [(m.tag, m.text) for m in page.body.markers]
    assert notes == [("GAP", "add the supplier list"), ("UPLIFT", "reworded")]


def test_severity_follows_the_vocabulary() -> None:
    from guidelint import engine

    result = engine.run(engine.Options(paths=(FIXTURES / "markers",), jobs=1))
    by_line = {(f.line, f.rule): f.severity for f in result.findings}
    assert by_line[(4, "MRK001")] is Severity.WARNING  # GAP
    assert by_line[(10, "MRK001")] is Severity.ERROR  # CHECK, declared as error
    assert by_line[(19, "MRK002")] is Severity.ERROR


MARKERISH = st.lists(
    st.sampled_from(
        ["[GAP]", "[Gap]", "[UPDATE]", "<!--", "-->", "`", "```", "\n", " text ", "{% raw %}",
         "{% endraw %}", "{% comment %}", "{% endcomment %}", "(", "[", "]"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(MARKERISH)
def test_any_body_scans(body: str) -> None:
    page = _page(body)
    for marker in page.body.markers:
        assert page.body.text.startswith("[" + marker.tag + "]", marker.offset)
