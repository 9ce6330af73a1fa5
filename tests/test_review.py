"""STL002 review dates, against a fixed `--today`."""

from __future__ import annotations

import datetime
from pathlib import Path

from tests.conftest import places

TODAY = datetime.date(2026, 11, 27)


def _site(root: Path, front: str, config: str = "") -> Path:
    root.mkdir(exist_ok=True)
    (root / "_config.yml").write_text("title: t\n", "utf-8")
    (root / "page.md").write_text(f"---\ntitle: Page\n{front}---\nText.\n", "utf-8")
    if config:
        (root / ".guidelint.yaml").write_text(config, "utf-8")
    return root


def _found(root: Path) -> set[tuple[str, int, str]]:
    return places(root, select=("STL002",), today=TODAY)


def test_strictly_before_today_is_overdue(tmp_path: Path) -> None:
    assert _found(_site(tmp_path, "review_by: 2026-11-26\n")) == {("page.md", 3, "STL002")}


def test_today_itself_and_later_are_not(tmp_path: Path) -> None:
    assert _found(_site(tmp_path / "a", "review_by: 2026-11-27\n")) == set()
    assert _found(_site(tmp_path / "b", "review_by: 2027-03-31\n")) == set()


def test_quoted_dates_count_and_non_dates_are_left_to_the_schema(tmp_path: Path) -> None:
    assert _found(_site(tmp_path / "a", 'review_by: "2025-06-30"\n')) == {("page.md", 3, "STL002")}
    assert _found(_site(tmp_path / "b", "review_by: 31/12/2024\n")) == set()
    assert _found(_site(tmp_path / "c", "review_by: [2020-01-01]\n")) == set()


def test_configured_key_and_last_reviewed_with_max_age(tmp_path: Path) -> None:
    config = "review:\n  key: next_review\n  reviewed_key: last_reviewed\n  max_age_days: 365\n"
    site = _site(tmp_path, "next_review: 2026-01-01\nlast_reviewed: 2025-11-26\n", config)
    assert _found(site) == {("page.md", 3, "STL002"), ("page.md", 4, "STL002")}
