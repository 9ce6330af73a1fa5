"""Baselines through the command line: old findings stay quiet, new ones are reported."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from guidelint.cache import CACHE_DIR
from tests.conftest import EXAMPLE, ROOT
from tests.test_cli import run_cli

TODAY = ("--today", "2026-11-27")
PARAGRAPH = "A paragraph added above everything, moving every line below it.\n\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(CACHE_DIR))
    return copy


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]]]:
    code, out, _ = run_cli(capsys, "check", *args, "--format", "json", "--jobs", "1", *TODAY)
    return code, json.loads(out)


def _insert_after_front_matter(page: Path, text: str) -> None:
    lines = page.read_text("utf-8").split("\n")
    closing = lines.index("---", 1)
    lines.insert(closing + 1, text)
    page.write_text("\n".join(lines), "utf-8")


def test_only_the_new_defect_is_reported(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = site.parent / "baseline.json"
    code, out, err = run_cli(
        capsys, "check", str(site), "--write-baseline", str(baseline), "--jobs", "1", *TODAY
    )
    assert code == 0 and out == ""
    _, everything = _json(capsys, str(site))
    assert f"wrote {len(everything)} findings" in err
    assert len(everything) > 20

    # Move lines: a paragraph above every page's body.
    for page in sorted((site / "guide").glob("*.md")):
        if page.read_bytes().startswith(b"---\n") and page.name != "supplier-contacts.md":
            _insert_after_front_matter(page, PARAGRAPH)  # (that one is not UTF-8)
    # Edit lines that hold no finding.
    kick_off = site / "guide" / "01-kick-off.md"
    text = kick_off.read_text("utf-8")
    assert "it sets the tone for the rest of the project." in text
    kick_off.write_text(text.replace("sets the tone for", "sets the tone of"), "utf-8")
    # One new defect.
    kick_off.write_text(
        kick_off.read_text("utf-8") + "\nSee [the old page]({{ site.baseurl }}/guide/gone).\n"
    )

    code, found = _json(capsys, str(site), "--baseline", str(baseline))
    assert code == 1
    assert [(f["path"], f["rule"]) for f in found] == [("guide/01-kick-off.md", "LNK001")]
    assert "/guide/gone" in str(found[0]["message"])


def test_fixed_entries_are_counted(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = site.parent / "baseline.json"
    run_cli(capsys, "check", str(site), "--write-baseline", str(baseline), "--jobs", "1", *TODAY)
    entries = json.loads(baseline.read_text("utf-8"))["findings"]
    training = site / "guide" / "05-training.md"
    training.write_text(
        training.read_text("utf-8").replace(
            "permalink: /guide/training/", "permalink: /guide/training"
        )
    )
    code, out, err = run_cli(
        capsys, "check", str(site), "--baseline", str(baseline), "--jobs", "1", *TODAY
    )
    assert code == 0, out
    fixed = re.search(r"(\d+) of (\d+) baseline entries no longer occur", err)
    assert fixed is not None, err
    assert int(fixed.group(2)) == len(entries)
    assert int(fixed.group(1)) >= 1


def test_the_file_is_sorted_stable_and_named_in_config(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = site / ".guidelint-baseline.json"
    args = ("check", str(site), "--write-baseline", str(baseline), "--jobs", "1", *TODAY)
    run_cli(capsys, *args)
    first = baseline.read_bytes()
    run_cli(capsys, *args)
    assert baseline.read_bytes() == first
    data = json.loads(first)
    assert data["format"] == 1
    keys = [(e["path"], e["rule"], e["fingerprint"], e["message"]) for e in data["findings"]]
    assert keys == sorted(keys)
    assert all(re.fullmatch(r"[0-9a-f]{16}", e["fingerprint"]) for e in data["findings"])
    assert baseline.stat().st_mode & 0o044, "the baseline is a file to commit: readable by all"

    config = site / ".guidelint.yaml"
    config.write_text(config.read_text("utf-8") + "baseline: .guidelint-baseline.json\n")
    code, found = _json(capsys, str(site))
    assert (code, found) == (0, [])


def test_a_copied_line_is_one_new_finding(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = site.parent / "baseline.json"
    run_cli(capsys, "check", str(site), "--write-baseline", str(baseline), "--jobs", "1", *TODAY)
    go_live = site / "guide" / "07-go-live.md"
    lines = go_live.read_text("utf-8").split("\n")
    broken = next(line for line in lines if "cutover-planing" in line)
    go_live.write_text("\n".join([*lines, "", broken, ""]), "utf-8")
    _, found = _json(capsys, str(site), "--baseline", str(baseline))
    assert [(f["path"], f["rule"], f["line"]) for f in found] == [
        ("guide/07-go-live.md", "LNK001", len(lines) + 2)
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such baseline"),
        ("{not json", "the baseline is not JSON"),
        ('{"format": 1, "findings": [{"rule": 1}]}', "entry 1 needs string fields"),
        ("[]", "not a guidelint baseline"),
    ],
)
def test_a_bad_baseline_stops_with_one_line(
    site: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    baseline = site.parent / "baseline.json"
    if content is not None:
        baseline.write_text(content, "utf-8")
    code, _, err = run_cli(capsys, "check", str(site), "--baseline", str(baseline))
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1


def test_writing_a_baseline_needs_the_whole_site(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(
        capsys,
        "check",
        str(site / "guide" / "01-kick-off.md"),
        "--write-baseline",
        str(site.parent / "b.json"),
    )
    assert code == 2 and "whole site" in err
    assert not (site.parent / "b.json").exists()


def test_the_example_baseline_our_own_hook_uses_is_current(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`.pre-commit-config.yaml` checks the example against it: no new finding, none fixed."""
    baseline = EXAMPLE / ".guidelint-baseline.json"
    code, out, err = run_cli(
        capsys, "check", str(EXAMPLE), "--baseline", str(baseline), "--ignore", "STL002"
    )
    assert (code, err) == (0, ""), out + err
    assert str(baseline.relative_to(ROOT)) in (ROOT / ".pre-commit-config.yaml").read_text()
