"""TXT001: mojibake found and repaired, and real non-ASCII text left alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT, places

# Written here: text a UK health guide really contains, none of it broken.
LEGITIMATE = [
    "It’s the practice’s “go-live” day – plan for it — and don’t forget the £35,000 budget.",
    "Siân, Zoë, José, Ægir, Øyvind, François and Brontë signed off the plan.",
    "Croeso i Gŵyr; mae’r tŷ ar gau. Ysbyty Gwynedd, Llandŵ, Pen-y-bont ar Ogwr, â’i gilydd.",
    "Temperatures of 37.5 °C, doses of 5 µg, 2 × 3 ÷ 4 ≈ 1.5, and 50 % of ½ the list…",
    "Thumbs up 👍🏽, a tick ✅, an arrow → and a non-breaking space\u00a0before the unit.",
    "Ελληνικά, русский, 日本語, العربية and עברית names appear in patient records.",
    "Prices in € and $, the section sign §, the pilcrow ¶, and «quotes» „like these“.",
]
MOJIBAKE = {
    "however, itâ€™s likely that patients will be re-registered": "it’s",
    "the â€œgo-liveâ€\x9d checklist": "“go-live”",
    "between 2024â€“25 budgets": "2024–25",
    "cafÃ© and naÃ¯ve": "café and naïve",
    "a budget of Â£35,000": "£35,000",
}


def _site(tmp_path: Path, lines: list[str]) -> Path:
    (tmp_path / "_config.yml").write_text("title: t\n", "utf-8")
    body = "\n\n".join(lines)
    (tmp_path / "page.md").write_text(f"---\ntitle: Page\n---\n{body}\n", "utf-8")
    return tmp_path


def test_legitimate_text_is_silent(tmp_path: Path) -> None:
    assert places(_site(tmp_path, LEGITIMATE), select=("TXT001",)) == set()


@pytest.mark.parametrize(("line", "repaired"), sorted(MOJIBAKE.items()))
def test_mojibake_is_reported_with_its_repair(tmp_path: Path, line: str, repaired: str) -> None:
    from guidelint import engine

    site = _site(tmp_path, [line])
    result = engine.run(engine.Options(paths=(site,), jobs=1, select=("TXT001",)))
    [finding] = result.findings
    assert finding.line == 4
    broken = finding.message.split("`")[1]
    assert line[finding.column - 1 :].startswith(broken)
    assert f"it should read `{repaired}`" in finding.message


SEED = ROOT.parent / "shared" / "seed"


@pytest.mark.skipif(not SEED.is_dir(), reason="the shared seed page is not beside the project")
def test_the_seed_page_is_reported_at_its_line(tmp_path: Path) -> None:
    [seed] = sorted(SEED.iterdir())
    (tmp_path / "_config.yml").write_text("title: t\n", "utf-8")
    (tmp_path / "post-go-live.md").write_bytes(seed.read_bytes())
    found = places(tmp_path, select=("TXT001",))
    assert found == {("post-go-live.md", 49, "TXT001")}
    assert os.path.getsize(tmp_path / "post-go-live.md") == seed.stat().st_size
