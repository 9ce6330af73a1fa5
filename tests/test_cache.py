"""The page cache: warm runs parse only what changed and report exactly what a cold run does."""

from __future__ import annotations

import datetime
import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guidelint import cache, engine
from guidelint.cache import CACHE_DIR
from guidelint.findings import Finding
from tests.conftest import EXAMPLE, FIXTURES


@pytest.fixture(autouse=True)
def _cache_in_site(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check the real default: the cache folder in the site."""
    monkeypatch.delenv("GUIDELINT_CACHE_DIR", raising=False)


def _copy(tmp_path: Path, source: Path = EXAMPLE) -> Path:
    site = tmp_path / "site"
    shutil.copytree(source, site, ignore=shutil.ignore_patterns(CACHE_DIR))
    return site


def _run(site: Path, **options: object) -> list[Finding]:
    return engine.run(engine.Options(paths=(site,), jobs=1, **options)).findings  # type: ignore[arg-type]


def _templates(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for folder in ("_layouts", "_includes")
        for p in (site / folder).rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("source", [EXAMPLE, FIXTURES / "navigation", FIXTURES / "includes"])
def test_a_warm_run_reads_only_templates_and_reports_the_same(
    tmp_path: Path, reads: list[str], source: Path
) -> None:
    site = _copy(tmp_path, source)
    cold = _run(site, today=None)
    assert (site / CACHE_DIR).is_dir()
    reads.clear()
    warm = _run(site)
    assert warm == cold
    assert set(reads) <= _templates(site), "pages were parsed again"
    assert warm == _run(site, use_cache=False)


def test_an_edited_page_is_parsed_again_and_its_findings_follow(
    tmp_path: Path, reads: list[str]
) -> None:
    site = _copy(tmp_path)
    _run(site)
    page = site / "guide" / "05-training.md"
    text = page.read_text("utf-8")
    page.write_text(text.replace("permalink: /guide/training/", "permalink: /guide/training"))
    reads.clear()
    warm = _run(site)
    assert [r for r in reads if r not in _templates(site)] == ["guide/05-training.md"]
    assert warm == _run(site, use_cache=False)
    assert not any(f.rule == "FM003" and f.path == "guide/05-training.md" for f in warm)


def test_a_changed_template_or_config_invalidates_every_page(
    tmp_path: Path, reads: list[str]
) -> None:
    site = _copy(tmp_path)
    _run(site)
    inset = site / "_includes" / "inset.html"
    inset.write_text(inset.read_text("utf-8") + "\n<!-- a new line -->\n", "utf-8")
    reads.clear()
    assert _run(site) == _run(site, use_cache=False)
    assert "guide/01-kick-off.md" in reads
    (site / ".guidelint.yaml").write_text("ignore: [NAV006]\n", "utf-8")
    reads.clear()
    after = _run(site)
    assert "guide/01-kick-off.md" in reads
    assert after == _run(site, use_cache=False)
    assert not any(f.rule == "NAV006" for f in after)


def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path: Path, reads: list[str]) -> None:
    site = _copy(tmp_path)
    cold = _run(site)
    (snapshot,) = (site / CACHE_DIR).glob("snapshot-*")
    for damage in (snapshot.read_bytes()[:1000], b"not a cache", b""):
        snapshot.write_bytes(damage)
        assert _run(site) == cold
        reads.clear()
        assert _run(site) == cold
        assert set(reads) <= _templates(site), "the damaged snapshot was not rewritten"


def test_results_that_read_the_date_are_kept_for_that_date_only(tmp_path: Path) -> None:
    site = _copy(tmp_path)
    page = site / "guide" / "01-kick-off.md"
    page.write_text(
        page.read_text("utf-8").replace("review_by: 2025-06-30", "review_by: 2026-06-01")
    )

    def overdue(today: datetime.date) -> bool:
        found = _run(site, today=today)
        return any(f.rule == "STL002" and f.path == "guide/01-kick-off.md" for f in found)

    assert not overdue(datetime.date(2026, 5, 1))
    assert overdue(datetime.date(2026, 7, 1))
    assert not overdue(datetime.date(2026, 5, 1))


def test_a_file_an_include_relative_names_appearing_is_seen(tmp_path: Path) -> None:
    site = _copy(tmp_path)
    page = site / "guide" / "01-kick-off.md"
    page.write_text(page.read_text("utf-8") + "\n{% include_relative extra.md %}\n", "utf-8")
    assert any(f.rule == "INC001" and f.path == "guide/01-kick-off.md" for f in _run(site))
    (site / "guide" / "extra.md").write_text("Extra text.\n", "utf-8")
    assert not any(f.rule == "INC001" and f.path == "guide/01-kick-off.md" for f in _run(site))


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    site = _copy(tmp_path)
    _run(site, use_cache=False)
    assert not (site / CACHE_DIR).exists()


def test_the_cache_folder_keeps_itself_out_of_git(tmp_path: Path) -> None:
    site = _copy(tmp_path)
    _run(site)
    folder = site / CACHE_DIR
    assert (folder / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    assert (
        (folder / "CACHEDIR.TAG")
        .read_text("utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q"], cwd=site, check=True)
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=site,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert CACHE_DIR not in status


def test_two_processes_writing_at_once_leave_a_sound_cache(
    tmp_path: Path, reads: list[str]
) -> None:
    site = _copy(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "GUIDELINT_CACHE_DIR"}
    command = [sys.executable, "-m", "guidelint", "check", str(site), "--format", "json"]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [1] * 4, [err for _, err in outputs]
    assert len({out for out, _ in outputs}) == 1
    assert not list((site / CACHE_DIR).glob(".snapshot-*")), "a temporary file was left"
    reads.clear()
    cached = _run(site)
    assert set(reads) <= _templates(site), "the snapshot the race left is not whole"
    assert cached == _run(site, use_cache=False)


def test_the_user_cache_folder_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _copy(tmp_path)
    monkeypatch.setenv("GUIDELINT_CACHE_DIR", str(tmp_path / "elsewhere"))
    _run(site)
    assert not (site / CACHE_DIR).exists()
    assert list((tmp_path / "elsewhere").glob("*/snapshot-*"))


def test_a_small_change_is_written_as_a_delta(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _copy(tmp_path)
    _run(site)
    folder = site / CACHE_DIR
    (snapshot,) = folder.glob("snapshot-*")
    written = snapshot.read_bytes()
    pages = sorted((site / "guide").glob("0*.md"))
    pages[0].write_text(pages[0].read_text("utf-8") + "\nA new sentence.\n", "utf-8")
    _run(site)
    assert snapshot.read_bytes() == written, "one page changed: the snapshot stays"
    (delta,) = folder.glob("delta-*")
    reads.clear()
    cached = _run(site)
    assert set(reads) <= _templates(site), "the delta was not used"
    assert cached == _run(site, use_cache=False)

    delta.write_bytes(delta.read_bytes()[:-10])  # damaged: the changed page is parsed again
    reads.clear()
    assert _run(site) == cached
    assert pages[0].relative_to(site).as_posix() in reads

    # Many changes at once: the snapshot is written whole and the delta goes.
    monkeypatch.setattr(cache, "DELTA_MIN", 1)
    for page in pages:
        page.write_text(page.read_text("utf-8") + "\nAnother sentence.\n", "utf-8")
    _run(site)
    assert snapshot.read_bytes() != written
    assert not list(folder.glob("delta-*"))
    reads.clear()
    cached = _run(site)
    assert set(reads) <= _templates(site)
    assert cached == _run(site, use_cache=False)


def test_old_contexts_are_pruned_and_used_ones_kept(tmp_path: Path) -> None:
    site = _copy(tmp_path)
    folder = site / CACHE_DIR
    _run(site)  # the everyday context
    (everyday,) = folder.glob("snapshot-*")
    for number, code in enumerate(("FM001", "FM002", "FM003", "FM004", "NAV001")):
        os.utime(everyday, (1_000_000 + number, 1_000_000 + number))  # long unused...
        _run(site)  # ...until now: used again, nothing changed
        _run(site, ignore=(code,))  # a one-off context
    snapshots = list(folder.glob("snapshot-*"))
    assert len(snapshots) == cache.KEEP
    assert everyday in snapshots


class _Planted:
    """A pickle that runs code when loaded: what a hostile snapshot would hold."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.marker,))


def test_a_snapshot_this_user_did_not_write_is_never_unpickled(
    tmp_path: Path, reads: list[str]
) -> None:
    """Snapshots carry a MAC keyed with a secret outside the site (committed ones do not)."""
    site = _copy(tmp_path)
    cold = _run(site)
    (snapshot,) = (site / CACHE_DIR).glob("snapshot-*")
    marker = tmp_path / "code-ran"
    body = pickle.dumps(_Planted(marker))
    forged = hashlib.blake2b(body, key=b"x" * 32, digest_size=cache._MAC_SIZE).digest()
    snapshot.write_bytes(cache._MAGIC + forged + body)
    reads.clear()
    assert _run(site) == cold
    assert not marker.exists()
    assert "guide/01-kick-off.md" in reads, "the planted snapshot was not ignored"
    secret = Path(os.environ["XDG_CACHE_HOME"]) / "guidelint" / "secret.key"
    assert secret.stat().st_mode & 0o777 == 0o600
