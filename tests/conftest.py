"""Shared helpers: run the real engine on sites on disk."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest

from guidelint import engine

# Runs on the committed fixtures must not leave caches in the checkout, nor
# the cache's secret in the home folder; the cache tests choose their own.
os.environ["GUIDELINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="guidelint-test-cache-")
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="guidelint-test-home-cache-")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "sites"
EXAMPLE = ROOT / "examples" / "migration-guide"

_EXPECT = re.compile(r"expect:\s*((?:[A-Z]+\d+(?:@\d+)?)(?:\s*,\s*[A-Z]+\d+(?:@\d+)?)*)")

Place = tuple[str, int, str]


def places(site: Path, **options: object) -> set[Place]:
    """(path, line, code) of every finding guidelint reports for `site`."""
    result = engine.run(engine.Options(paths=(site,), jobs=1, **options))  # type: ignore[arg-type]
    return {(f.path, f.line, f.rule) for f in result.findings}


def expectations(site: Path) -> set[Place]:
    """Expected findings written in the fixture files themselves.

    `expect: FM003` on a line expects that code on that line;
    `expect: FM003@1` expects it on line 1 (for places that cannot hold a
    comment, such as the opening `---`).
    """
    wanted: set[Place] = set()
    for path in sorted(site.rglob("*")):
        if not path.is_file() or ".guidelint-cache" in path.parts:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        rel = path.relative_to(site).as_posix()
        for number, line in enumerate(text.splitlines(), start=1):
            match = _EXPECT.search(line)
            if not match:
                continue
            for item in match.group(1).split(","):
                code, _, at = item.strip().partition("@")
                wanted.add((rel, int(at) if at else number, code))
    return wanted


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths the engine parses, in order, for the runs of one test (cache tests)."""
    seen: list[str] = []
    real = engine.read_source

    def counting(site: object, item: engine.SiteFile) -> object:
        seen.append(item.path)
        return real(site, item)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "read_source", counting)
    return seen
