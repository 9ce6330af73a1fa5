"""Rule packs: a missing or broken pack stops the run with one line naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidelint import engine
from guidelint.errors import GuidelintError
from guidelint.packs import load_packs


def _site(root: Path, config: str) -> Path:
    (root / "_config.yml").write_text("title: t\n", "utf-8")
    (root / ".guidelint.yaml").write_text(config, "utf-8")
    (root / "page.md").write_text("---\ntitle: t\n---\nAsk your CCG.\n", "utf-8")
    return root


def test_unknown_pack_is_named(tmp_path: Path) -> None:
    with pytest.raises(GuidelintError, match="rule pack 'nhss'"):
        engine.run(engine.Options(paths=(_site(tmp_path, "rule_packs: [nhss]\n"),), jobs=1))


def test_broken_pack_names_the_field(tmp_path: Path) -> None:
    (tmp_path / "mine.yml").write_text(
        "name: mine\nterms:\n  - id: x\n    term: X\n    replacement: Y\n    source: https://e.org\n",
        "utf-8",
    )
    with pytest.raises(GuidelintError, match=r"terms/0.*reason"):
        engine.run(engine.Options(paths=(_site(tmp_path, "rule_packs: [mine.yml]\n"),), jobs=1))


def test_the_shipped_pack_cites_a_source_for_every_term() -> None:
    terms = load_packs(("nhs",), None, frozenset())
    assert {t.id for t in terms} >= {"ccg", "nhs-digital", "gpsoc", "gp-it-futures"}
    assert all(t.source.startswith("https://") and t.reason and t.since for t in terms)
    ccg = next(t for t in terms if t.id == "ccg")
    assert [m.group() for m in ccg.pattern.finditer("CCGs, CCG's, CCGs', ccg, accg, CCG-led")] == [
        "CCGs",
        "CCG's",
        "CCGs'",
    ]
