"""Edge cases of the cache, suppressions and baselines, and inputs that once stopped a run.

Every cache scenario compares a warm run (the cache primed, then the site
changed) with a run that neither reads nor writes it: whatever a user does
to the site, the two must report exactly the same.
"""

from __future__ import annotations

import datetime
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guidelint import cache, engine
from guidelint.cache import CACHE_DIR
from guidelint.findings import Finding, Severity
from tests.test_cli import run_cli

HEAD = "---\ntitle: T\n---\n"  # a body starts on line 4

OWN_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["title"],
    "properties": {"title": {"type": "string"}, "review_by": {"type": "string"}},
}

GUIDE: dict[str, str] = {
    "_config.yml": (
        "title: t\nbaseurl: /g\n"
        "collections:\n  steps:\n    output: false\n"
        "defaults:\n  - scope: {path: guide}\n    values: {layout: page}\n"
    ),
    ".guidelint.yaml": (
        'schemas:\n  - path: "guide/**"\n    schema: own.json\nrule_packs: [nhs]\n'
    ),
    "own.json": json.dumps(OWN_SCHEMA),
    "_layouts/default.html": "<html>{{ content }}</html>\n",
    "_layouts/page.html": (
        '---\nlayout: default\n---\n{{ content }}\n<a href="{{ site.baseurl }}/guide/a">start</a>\n'
    ),
    "_includes/button.html": (
        '<a class="button" href="{{ include.link | relative_url }}">{{ include.title }}</a>\n'
    ),
    "_data/nav.yml": "- title: A\n  url: /guide/a\n- title: B\n  url: /guide/b\n",
    "guide/a.md": (
        "---\ntitle: A\npermalink: /guide/a\nnextpage: /guide/b\nreview_by: 2026-03-01\n---\n"
        "## Intro\n\n"
        "See [b]({{ site.baseurl }}/guide/b#details) and ask the CCG.\n\n"
        '{% include button.html title="Go" link="/guide/b" %}\n\n'
        "<!-- [GAP] say more here -->\n\n"
        "{% include_relative snippet.txt %}\n"
    ),
    "guide/snippet.txt": "A snippet.\n",
    "guide/b.md": (
        "---\ntitle: B\npermalink: /guide/b\npreviouspage: /guide/a\n---\n"
        "## Details\n\nBack to [a]({{ site.baseurl }}/guide/a).\n"
    ),
    "_steps/one.md": "---\ntitle: One\ntitle_url: /guide/a\n---\nA step.\n",
}


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own cache folder, so runs of other tests never warm it."""
    monkeypatch.setenv("GUIDELINT_CACHE_DIR", str(tmp_path / "cache"))


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(content)


def _site(tmp_path: Path, files: dict[str, str | bytes], name: str = "site") -> Path:
    site = tmp_path / name
    site.mkdir()
    if "_config.yml" not in files:
        (site / "_config.yml").write_text("title: t\n", "utf-8")
    _write(site, files)
    return site


def _guide(tmp_path: Path, name: str = "site") -> Path:
    return _site(tmp_path, dict(GUIDE), name)


def _run(site: Path, **options: object) -> list[Finding]:
    opts = {"paths": (site,), "jobs": 1, **options}
    return engine.run(engine.Options(**opts)).findings  # type: ignore[arg-type]


def _full(findings: list[Finding]) -> list[tuple[object, ...]]:
    """Findings with the fields equality leaves out (narrowing reads them)."""
    return [(f, f.related, f.target, f.unreached, f.source_offset, f.data) for f in findings]


def _same(site: Path, **options: object) -> list[Finding]:
    """A warm run reports exactly what a run without the cache reports."""
    warm = _run(site, **options)
    cold = _run(site, **{**options, "use_cache": False})
    assert _full(warm) == _full(cold)
    return warm


def _codes(findings: list[Finding]) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.rule) for f in findings}


def _found(site: Path, **options: object) -> set[tuple[str, int, str]]:
    """(path, line, code), page orphans aside, for suppression tests."""
    return {(p, line, c) for p, line, c in _codes(_run(site, **options)) if c != "NAV006"}


def _snapshot(folder: Path) -> cache.Snapshot:
    (path,) = folder.rglob("snapshot-*.bin")
    data = path.read_bytes()
    loaded: cache.Snapshot = pickle.loads(data[len(cache._MAGIC) + cache._MAC_SIZE :])
    return loaded


def _cli(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guidelint", *args],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _one_line_error(done: subprocess.CompletedProcess[str]) -> None:
    """Exit 2, no traceback, and one line giving the reason (click adds its usage lines)."""
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.strip().splitlines() if line]
    if lines and lines[0].startswith("Usage: "):
        lines = [line for line in lines if line.startswith("Error: ")]
    assert len(lines) == 1, done.stderr


# == the cache ================================================================


def test_the_guide_primes_and_a_warm_run_parses_no_page(tmp_path: Path, reads: list[str]) -> None:
    site = _guide(tmp_path)
    cold = _run(site, use_cache=False, today=datetime.date(2026, 6, 1))
    assert {"MRK001", "STL001", "STL002"} <= {f.rule for f in cold}
    _run(site, today=datetime.date(2026, 6, 1))
    reads.clear()
    warm = _run(site, today=datetime.date(2026, 6, 1))
    assert set(reads) <= {"_layouts/default.html", "_layouts/page.html", "_includes/button.html"}
    assert _full(warm) == _full(cold)


def test_a_same_size_edit_with_the_old_mtime_is_seen(tmp_path: Path) -> None:
    """Files older than the racy window are trusted by their stat: the edit must still show."""
    site = _guide(tmp_path)
    time.sleep(2.2)  # out of the racy window: the primed snapshot keeps stats
    _run(site)
    known = _snapshot(tmp_path / "cache").signatures
    assert "guide/a.md" in known, "the stat shortcut is not exercised"
    page = site / "guide" / "a.md"
    before = page.stat()
    text = page.read_text("utf-8")
    for old, new in (
        ("review_by: 2026-03-01", "review_by: 2025-03-01"),
        ("/guide/b#details", "/guide/b#detailz"),
        ("nextpage: /guide/b", "nextpage: /guide/c"),
    ):
        assert len(new) == len(old)
        text = text.replace(old, new)
        page.write_text(text, "utf-8")
        os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert page.stat().st_size == before.st_size
        found = _same(site, today=datetime.date(2026, 1, 1))
        assert any(new.split(": ")[-1].split("#")[-1] in f.message for f in found), new


def test_quick_successive_same_size_edits(tmp_path: Path) -> None:
    site = _guide(tmp_path)
    page = site / "guide" / "b.md"
    text = page.read_text("utf-8")
    for target in ("/guide/a", "/guide/x", "/guide/y", "/guide/a"):
        page.write_text(text.replace("/guide/a)", target + ")"), "utf-8")
        _same(site)


def test_config_yml_changes(tmp_path: Path) -> None:
    site = _guide(tmp_path)
    config = site / "_config.yml"
    original = config.read_text("utf-8")
    _run(site)
    for text in (
        original.replace("baseurl: /g", "baseurl: /h"),
        original.replace("output: false", "output: true"),
        original.replace("{layout: page}", "{layout: pages}"),
        original + "exclude: [guide/b.md]\n",
        original,
    ):
        config.write_text(text, "utf-8")
        _same(site)


def test_layout_and_include_changes(tmp_path: Path) -> None:
    site = _guide(tmp_path)
    _run(site)
    layout = site / "_layouts" / "page.html"
    layout.write_text(layout.read_text("utf-8").replace("/guide/a", "/guide/zz"), "utf-8")
    assert any(f.path == "_layouts/page.html" and f.rule == "LNK001" for f in _same(site))
    button = site / "_includes" / "button.html"
    button.write_text(button.read_text("utf-8").replace("include.title", "include.label"))
    assert any(f.rule == "INC002" and f.path == "guide/a.md" for f in _same(site))
    button.write_text(button.read_text("utf-8").replace(" | relative_url", ""), "utf-8")
    _same(site)
    layout.unlink()
    assert any(f.rule == "FM004" for f in _same(site))
    (site / "_layouts" / "page.html").write_text("{{ content }}\n", "utf-8")
    _same(site)
    button.unlink()
    assert any(f.rule == "INC001" and f.path == "guide/a.md" for f in _same(site))


def test_guidelint_yaml_and_its_schema_change(tmp_path: Path) -> None:
    site = _guide(tmp_path)
    _run(site)
    config = site / ".guidelint.yaml"
    original = config.read_text("utf-8")
    config.write_text(original + "markers: {GAP: error}\n", "utf-8")
    assert any(f.rule == "MRK001" and f.severity is Severity.ERROR for f in _same(site))
    config.write_text(original + "review: {key: nextpage}\n", "utf-8")
    _same(site, today=datetime.date(2026, 6, 1))
    config.write_text(original + "chain: {url_fields: [title_url]}\n", "utf-8")
    _same(site)
    config.write_text(original, "utf-8")
    schema = dict(OWN_SCHEMA, required=["title", "owner"])
    (site / "own.json").write_text(json.dumps(schema), "utf-8")
    assert any(f.rule == "FM003" and "owner" in f.message for f in _same(site))
    (site / "own.json").write_text(json.dumps(OWN_SCHEMA), "utf-8")
    assert not any(f.rule == "FM003" for f in _same(site))


def test_a_config_appearing_above_the_site_root(tmp_path: Path) -> None:
    site = _site(tmp_path, {"a.md": HEAD + "[x](/gone) <!-- [GAP] g -->\n"})
    _run(site)
    (tmp_path / ".guidelint.yaml").write_text("ignore: [LNK001]\nmarkers: {GAP: error}\n")
    found = _same(site)
    assert not any(f.rule == "LNK001" for f in found)
    assert any(f.rule == "MRK001" and f.severity is Severity.ERROR for f in found)
    (tmp_path / ".guidelint.yaml").unlink()
    assert any(f.rule == "LNK001" for f in _same(site))


def test_a_long_regex_term_in_the_sites_own_pack_is_part_of_the_key(tmp_path: Path) -> None:
    """A pack term's regex beyond 200 characters: `repr` of a pattern cuts it there."""
    words = "|".join(f"oldname{i:03d}" for i in range(30))
    pack = (
        "name: mine\nterms:\n  - id: long\n"
        f'    term: "(?:{words})"\n'
        "    regex: true\n    replacement: newname\n    reason: renamed\n"
        "    source: https://example.org/names\n"
    )
    site = _site(
        tmp_path,
        {
            ".guidelint.yaml": "rule_packs: [pack.yml]\n",
            "pack.yml": pack,
            "a.md": HEAD + "We still say zeta here.\n",
        },
    )
    assert not any(f.rule == "STL001" for f in _same(site))
    (site / "pack.yml").write_text(pack.replace("oldname029)", "oldname029|zeta)"), "utf-8")
    found = _same(site)
    assert any(f.rule == "STL001" and "zeta" in f.message for f in found)


def test_pages_added_removed_and_renamed(tmp_path: Path) -> None:
    site = _guide(tmp_path)
    _run(site)
    b = site / "guide" / "b.md"
    text = b.read_text("utf-8")
    b.unlink()
    assert any(f.rule == "NAV001" for f in _same(site))
    _write(site, {"guide/b2.md": text})
    _same(site)
    (site / "guide" / "b2.md").rename(b)
    _same(site)
    _write(site, {"guide/c.md": text.replace("permalink: /guide/b", "permalink: /guide/c")})
    _same(site)
    (site / "guide" / "c.md").unlink()
    _write(site, {"guide/c.md": text})  # back, publishing b's URL twice
    assert any(f.rule == "NAV004" for f in _same(site))


def test_many_pages_gone_then_back_through_deltas(tmp_path: Path) -> None:
    pages = {f"p{i:02d}.md": HEAD + f"[next](/p{i + 1:02d}.html)\n" for i in range(10)}
    site = _site(tmp_path, dict(pages))
    _run(site)
    for i in (3, 5, 7):
        (site / f"p{i:02d}.md").unlink()
        _same(site)
    for i in (3, 5, 7):
        _write(site, {f"p{i:02d}.md": HEAD + "changed, [gone](/nowhere.html)\n"})
        _same(site)
    for i in (3, 5, 7):
        _write(site, {f"p{i:02d}.md": pages[f"p{i:02d}.md"]})
    _same(site)


def test_include_relative_target_removed_and_renamed(tmp_path: Path) -> None:
    site = _guide(tmp_path)
    assert not any(f.rule == "INC001" for f in _run(site))
    snippet = site / "guide" / "snippet.txt"
    snippet.rename(site / "guide" / "snippet2.txt")
    assert any(f.rule == "INC001" for f in _same(site))
    (site / "guide" / "snippet2.txt").rename(snippet)
    assert not any(f.rule == "INC001" for f in _same(site))
    snippet.unlink()
    (site / "guide" / "snippet.txt").mkdir()  # a folder by that name is no file
    _same(site)


def test_navigation_data_changes(tmp_path: Path) -> None:
    site = _guide(tmp_path)
    _run(site)
    nav = site / "_data" / "nav.yml"
    nav.write_text(nav.read_text("utf-8").replace("/guide/b", "/guide/q"), "utf-8")
    assert any(f.rule == "NAV005" for f in _same(site))
    nav.write_text("- title: A\n  url: /guide/a\n", "utf-8")
    _same(site)
    (site / "_data" / "more.yml").write_text("- url: /guide/none\n", "utf-8")
    _same(site)
    nav.unlink()
    _same(site)
    (site / "_data" / "more.yml").write_text(": not yaml [\n", "utf-8")
    _same(site)


@pytest.mark.parametrize(
    "days", [("2026-01-01", "2026-06-01", "2026-01-01"), ("2026-03-01", "2026-03-02", None)]
)
def test_review_dates_follow_today(tmp_path: Path, days: tuple[str | None, ...]) -> None:
    site = _guide(tmp_path)
    _write(
        site,
        {
            ".guidelint.yaml": GUIDE[".guidelint.yaml"] + "review:\n  reviewed_key: last\n"
            "  max_age_days: 30\n"
        },
    )
    b = site / "guide" / "b.md"
    b.write_text(b.read_text("utf-8").replace("title: B\n", "title: B\nlast: 2026-02-01\n"))
    for day in days:
        today = datetime.date.fromisoformat(day) if day else None
        _same(site, today=today)


def test_select_and_ignore_switching(tmp_path: Path) -> None:
    site = _guide(tmp_path)
    page = site / "guide" / "a.md"
    text = page.read_text("utf-8")
    runs: list[dict[str, object]] = [
        {},
        {"select": ("LNK",)},
        {"ignore": ("LNK001", "NAV")},
        {"select": ("MRK", "STL")},
        {"select": ("FM003",)},
        {},
    ]
    for number, options in enumerate(runs):
        _run(site, **options)
        page.write_text(text + f"\n[edit {number}](/nowhere-{number})\n", "utf-8")
        for again in runs:
            _same(site, **again)


def test_narrowed_runs_and_pre_commit_narrowing_in_git(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is needed")
    site = _guide(tmp_path)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "guide"]):
        subprocess.run(["git", *args], cwd=site, env=env, check=True, capture_output=True)
    a, b = site / "guide" / "a.md", site / "guide" / "b.md"
    _same(site, paths=(a,))
    # b renames its permalink: a's link and chain key break, and a is not given.
    b.write_text(b.read_text("utf-8").replace("permalink: /guide/b", "permalink: /guide/bee"))
    _run(site)  # a warm whole-site run first
    found = _same(site, paths=(b,), precommit=True)
    assert any(f.path == "guide/a.md" and f.rule == "LNK001" for f in found), found
    assert any(f.path == "guide/a.md" and f.rule == "NAV001" for f in found), found
    _same(site, paths=(site / "guide",))
    _same(site, paths=(a, b))


def test_report_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _guide(tmp_path)
    code, out, err = run_cli(capsys, "report", str(site), "--format", "json", "--jobs", "1")
    assert code == 0, err
    assert any(item["marker"] == "GAP" for item in json.loads(out))
    _same(site)
    page = site / "guide" / "a.md"
    page.write_text(page.read_text("utf-8") + "\n<!-- [TODO] more -->\n", "utf-8")
    run_cli(capsys, "report", str(site), "--jobs", "1", "--all")
    _same(site)
    run_cli(capsys, "check", str(site), "--jobs", "1")
    _same(site)


def test_switching_configs_back_and_forth(tmp_path: Path) -> None:
    site = _guide(tmp_path)
    one = tmp_path / "one.yaml"
    two = tmp_path / "two.yaml"
    one.write_text("markers: {GAP: error}\nrule_packs: [nhs]\n", "utf-8")
    two.write_text("ignore: [MRK]\nper_file_ignores: {'guide/b.md': [LNK]}\n", "utf-8")
    page = site / "guide" / "b.md"
    text = page.read_text("utf-8")
    for number, config in enumerate((one, two, one, None, two, one)):
        _run(site, config_file=config)
        page.write_text(text + f"\n[x](/gone-{number}) CCG <!-- [GAP] {number} -->\n", "utf-8")
        for again in (one, two, None):
            _same(site, config_file=again)


@pytest.mark.parametrize(
    "damage",
    ["truncate", "flip", "empty", "magic-only", "other-object", "directory", "swap"],
)
def test_a_damaged_snapshot_is_ignored(tmp_path: Path, damage: str) -> None:
    site = _guide(tmp_path)
    folder = tmp_path / "cache"
    _run(site)
    _run(site, select=("FM", "LNK"))  # a second context, for the swap
    snapshots = sorted(folder.rglob("snapshot-*.bin"))
    assert len(snapshots) == 2
    path = snapshots[0]
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "magic-only":
        path.write_bytes(cache._MAGIC)
    elif damage == "other-object":
        import zlib

        body = pickle.dumps({"not": "a snapshot"})
        path.write_bytes(cache._MAGIC + zlib.crc32(body).to_bytes(4, "little") + body)
    elif damage == "directory":
        path.unlink()
        path.mkdir()
    else:
        path.write_bytes(snapshots[1].read_bytes())
    page = site / "guide" / "a.md"
    page.write_text(page.read_text("utf-8") + "\n[late](/late)\n", "utf-8")
    _same(site)
    _same(site, select=("FM", "LNK"))
    _same(site)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "other-key", "directory"])
def test_a_damaged_delta_is_ignored(tmp_path: Path, damage: str) -> None:
    site = _guide(tmp_path)
    folder = tmp_path / "cache"
    _run(site)
    _run(site, select=("MRK",))
    page = site / "guide" / "a.md"
    page.write_text(page.read_text("utf-8") + "\n[one](/one)\n", "utf-8")
    _run(site)
    _run(site, select=("MRK",))
    deltas = sorted(folder.rglob("delta-*.bin"))
    assert len(deltas) == 2, "small changes are written as deltas"
    main = next(d for d in deltas if d.with_name(d.name.replace("delta", "snapshot")).exists())
    other = next(d for d in deltas if d != main)
    if damage == "truncate":
        main.write_bytes(main.read_bytes()[:-7])
    elif damage == "garbage":
        main.write_bytes(b"guidelint-cache\n\x00\x00\x00\x00nonsense")
    elif damage == "other-key":
        main.write_bytes(other.read_bytes())
    else:
        main.unlink()
        main.mkdir()
    page.write_text(page.read_text("utf-8") + "\n[two](/two)\n", "utf-8")
    _same(site)
    _same(site, select=("MRK",))
    _same(site)


def test_a_cache_folder_that_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GUIDELINT_CACHE_DIR")
    site = _guide(tmp_path)
    (site / CACHE_DIR).write_text("I am a file\n", "utf-8")
    _same(site)
    _same(site)
    assert (site / CACHE_DIR).read_text("utf-8") == "I am a file\n"
    blocker = tmp_path / "blocker"
    blocker.write_text("x", "utf-8")
    monkeypatch.setenv("GUIDELINT_CACHE_DIR", str(blocker))
    _same(site)
    done = _cli("check", str(site), "--format", "json", GUIDELINT_CACHE_DIR=str(blocker))
    cold = _cli("check", str(site), "--format", "json", "--no-cache")
    assert (done.returncode, done.stdout, done.stderr) == (cold.returncode, cold.stdout, "")


def test_a_site_that_cannot_be_written_uses_the_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GUIDELINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    site = _guide(tmp_path)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, m, **kw: False if Path(p) == site else real_access(p, m, **kw)
    )
    _run(site)
    assert not (site / CACHE_DIR).exists(), "the linter wrote into a read-only site"
    assert list((tmp_path / "xdg" / "guidelint").rglob("snapshot-*.bin"))
    _same(site)


def test_two_sites_sharing_one_cache_folder(tmp_path: Path) -> None:
    one = _guide(tmp_path, "one")
    two = _guide(tmp_path, "two")
    _run(one)
    _run(two)
    page = one / "guide" / "a.md"
    page.write_text(page.read_text("utf-8").replace("/guide/b#details", "/guide/b#nothing"))
    found_one = _same(one)
    found_two = _same(two)
    assert any("nothing" in f.message for f in found_one)
    assert not any("nothing" in f.message for f in found_two)
    shutil.rmtree(two)
    shutil.copytree(one, two)  # the same folder name, other contents
    assert _codes(_same(two)) == _codes(found_one)


def test_symlinked_pages(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "real/one.txt": HEAD + "[x](/gone-one)\n",
            "real/two.txt": HEAD + "[x](/gone-two)\n",
        },
    )
    (site / "alias.md").symlink_to(site / "real" / "one.txt")
    assert any("gone-one" in f.message for f in _same(site))
    (site / "real" / "one.txt").write_text(HEAD + "[x](/gone-ONE)\n", "utf-8")
    assert any("gone-ONE" in f.message for f in _same(site))
    (site / "alias.md").unlink()
    (site / "alias.md").symlink_to(site / "real" / "two.txt")  # same size, other file
    assert any("gone-two" in f.message for f in _same(site))
    (site / "alias.md").unlink()
    (site / "alias.md").symlink_to(site / "alias.md")  # a loop
    _same(site)


def test_a_page_losing_and_regaining_front_matter_and_a_static_target(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {"a.md": HEAD + "[file](/files/doc.pdf) [b](/b.html)\n", "b.md": HEAD + "B\n"},
    )
    _run(site)
    b = site / "b.md"
    b.write_text("B only\n", "utf-8")
    _same(site)
    b.write_text(HEAD + "B\n", "utf-8")
    _same(site)
    _write(site, {"files/doc.pdf": b"%PDF-1.4\n"})
    assert not any(f.rule == "LNK001" for f in _same(site))
    (site / "files" / "doc.pdf").unlink()
    assert any(f.rule == "LNK001" for f in _same(site))


def test_pre_commit_severities_and_the_cache(tmp_path: Path) -> None:
    site = _guide(tmp_path)
    _write(
        site,
        {".guidelint.yaml": GUIDE[".guidelint.yaml"] + "precommit_severity: {STL001: info}\n"},
    )
    _run(site, precommit=True)
    found = _same(site)
    assert any(f.rule == "STL001" and f.severity is Severity.WARNING for f in found)
    found = _same(site, precommit=True)
    assert all(f.severity is Severity.INFO for f in found if f.rule == "STL001")


def test_the_parallel_path_agrees(tmp_path: Path) -> None:
    pages: dict[str, str | bytes] = {
        f"p/{i:03d}.md": HEAD + f"[n](/p/{i + 1:03d}.html) <!-- [GAP] {i} -->\n"
        for i in range(engine.PARALLEL_MIN_FILES + 20)
    }
    site = _site(tmp_path, pages)
    _run(site, jobs=2)
    (site / "p" / "007.md").write_text(HEAD + "[n](/p/nowhere.html)\n", "utf-8")
    warm = _run(site, jobs=2)
    assert _full(warm) == _full(_run(site, use_cache=False))


# == suppressions ===============================================================


def test_sup001_takes_the_configured_severity(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            ".guidelint.yaml": "severity: {SUP001: error}\n",
            "a.md": HEAD + "<!-- guidelint-disable-next-line LNK001 -->\nNothing broken.\n",
        },
    )
    found = [f for f in _run(site) if f.rule == "SUP001"]
    assert [f.severity for f in found] == [Severity.ERROR]
    assert engine.exit_code(found, Severity.ERROR) == 1


def test_sup001_under_pre_commit_severity(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            ".guidelint.yaml": "precommit_severity: {SUP001: warning}\n",
            "a.md": HEAD + "<!-- guidelint-disable-next-line LNK001 -->\nNothing broken.\n",
        },
    )
    found = [f for f in _run(site, precommit=True) if f.rule == "SUP001"]
    assert [f.severity for f in found] == [Severity.WARNING]


def test_per_file_ignores_silence_sup001(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            ".guidelint.yaml": "per_file_ignores:\n  'archive/**': [SUP001]\n",
            "archive/a.md": HEAD + "<!-- guidelint-disable-next-line LNK001 -->\nFine.\n",
            "b.md": HEAD + "<!-- guidelint-disable-next-line LNK001 -->\nFine.\n",
        },
    )
    assert _found(site) == {("b.md", 4, "SUP001")}


def test_a_disable_for_sup002_is_not_called_unused_while_sup002_is_there(
    tmp_path: Path,
) -> None:
    site = _site(
        tmp_path,
        {
            "a.md": HEAD
            + "<!-- guidelint-disable-file SUP002 -- a legacy page, cleaned up later -->\n"
            + "<!-- guidelint-disable-nextline LNK001 -->\n"  # SUP002: misspelt
            + "Text.\n",
        },
    )
    found = _run(site)
    sup001 = [f for f in found if f.rule == "SUP001"]
    sup002 = [f for f in found if f.rule == "SUP002"]
    # Either the SUP002 finding is silenced, or the directive is not "unused":
    # saying "no SUP002 finding in this file" next to one is wrong either way.
    assert not (sup002 and any("no SUP002 finding" in f.message for f in sup001)), found


def test_a_prefix_directive_is_not_judged_when_only_part_of_it_ran(tmp_path: Path) -> None:
    """`--select LNK001`: a `LNK` directive written for an LNK002 finding is not unused."""
    site = _site(
        tmp_path,
        {
            "a.md": HEAD
            + "## Top\n\n"
            + "<!-- guidelint-disable-next-line LNK -->\n"
            + "[x](#no-such-id)\n",
        },
    )
    assert _found(site) == set()
    assert _found(site, select=("LNK002", "SUP")) == set()
    assert _found(site, select=("LNK001", "SUP")) == set()


def test_directives_in_comments_raw_front_matter_and_at_the_end(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            # {% comment %} removes the directive with everything else in it
            "c.md": HEAD
            + "{% comment %}\n<!-- guidelint-disable-file LNK001 -->\n{% endcomment %}\n"
            + "[x](/nope)\n",
            # a YAML value that looks like one is not an HTML comment
            "f.md": "---\ntitle: T\nnote: '<!-- guidelint-disable-file LNK001 -->'\n---\n"
            + "[x](/nope)\n",
            # next-line on the last line: nothing follows to silence
            "e.md": HEAD + "[x](/nope)\n<!-- guidelint-disable-next-line LNK001 -->",
            # tilde fence and indented code are code too
            "k.md": HEAD
            + "~~~\n<!-- guidelint-disable-file LNK001 -->\n~~~\n\n"
            + "    <!-- guidelint-disable-file MRK001 -->\n\n"
            + "[x](/nope) <!-- [GAP] g -->\n",
        },
    )
    assert _found(site) == {
        ("c.md", 7, "LNK001"),
        ("f.md", 5, "LNK001"),
        ("e.md", 4, "LNK001"),
        ("e.md", 5, "SUP001"),
        ("k.md", 10, "LNK001"),
        ("k.md", 10, "MRK001"),
    }


def test_nesting_prefixes_and_lowercase(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "a.md": HEAD
            + "<!-- guidelint-disable lnk001 -->\n"  # 4
            + "<!-- guidelint-disable MRK -->\n"  # 5
            + "[a](/n1) <!-- [GAP] a -->\n"  # 6: both silenced
            + "<!-- guidelint-enable LNK -->\n"  # 7: ends LNK001 (a longer code)
            + "[b](/n2) <!-- [GAP] b -->\n"  # 8: LNK001 back
            + "<!-- guidelint-enable -->\n"  # 9: ends MRK
            + "[c](/n3) <!-- [GAP] c -->\n"  # 10: both back
            + "<!-- guidelint-disable -->\n"  # 11: every rule
            + "<!-- guidelint-enable LNK001 -->\n"  # 12: cannot carve LNK001 out
            + "[d](/n4) <!-- [GAP] d -->\n",  # 13: silenced
        },
    )
    assert _found(site) == {
        ("a.md", 8, "LNK001"),
        ("a.md", 10, "LNK001"),
        ("a.md", 10, "MRK001"),
    }


def test_same_line_and_two_directives_on_one_line(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "a.md": HEAD
            + "[x](/n1) <!-- guidelint-disable-next-line LNK001 -->\n"  # 4: not silenced
            + "[y](/n2)\n"  # 5: silenced
            + "<!-- guidelint-disable-next-line LNK001 --><!-- guidelint-disable-next-line"
            + " MRK001 -- reason names LNK002 -->\n"  # 6
            + "[z](/n3) <!-- [GAP] z -->\n",  # 7: both silenced
        },
    )
    assert _found(site) == {("a.md", 4, "LNK001")}


def test_cross_page_findings_are_suppressed_in_their_page(tmp_path: Path) -> None:
    a = "---\ntitle: A\nnextpage: /b.html\n---\n"
    a_body = "[c](/c.html) and [b's part](/b.html#nowhere)\n"
    b = "---\ntitle: B\npreviouspage: /c.html\n---\n"
    site = _site(tmp_path, {"a.md": a + "\n\n" + a_body, "b.md": b + "\nB\n"})
    assert _found(site) == {
        ("a.md", 3, "NAV002"),
        ("a.md", 7, "LNK001"),
        ("a.md", 7, "LNK002"),
        ("b.md", 3, "NAV001"),
    }
    _write(
        site,
        {
            "a.md": a
            + "<!-- guidelint-disable-file NAV002 -- b points back next release -->\n"
            + "<!-- guidelint-disable-next-line LNK -->\n"
            + a_body,
            "b.md": b + "<!-- guidelint-disable-file NAV001 -->\nB\n",
        },
    )
    assert _found(site) == set()
    assert _found(site) == _found(site, use_cache=False)


def test_directives_in_templates_cover_only_templates(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "_includes/box.html": "<!-- guidelint-disable-file LNK001 -->\n<a href='/x1'>x</a>\n",
            "_layouts/default.html": "<!-- guidelint-disable-next-line -->\n"
            + "<a href='/x2'>y</a>\n{{ content }}\n<a href='/x3'>z</a>\n",
            "a.md": "---\ntitle: A\nlayout: default\n---\n{% include box.html %}\n[p](/x4)\n",
        },
    )
    assert _found(site) == {("_layouts/default.html", 4, "LNK001"), ("a.md", 6, "LNK001")}


def test_crlf_bom_and_non_utf8_pages(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "crlf.md": (
                HEAD + "<!-- guidelint-disable-next-line LNK001 -->\n[x](/n1)\n[y](/n2)\n"
            ).replace("\n", "\r\n"),
            "crlf-block.md": (
                HEAD + "<!--\nguidelint-disable\nLNK001\n-->\n[x](/n1)\n<!-- guidelint-enable -->\n"
                "[y](/n2)\n"
            ).replace("\n", "\r\n"),
            "bom.md": b"\xef\xbb\xbf---\ntitle: T\n---\n"
            b"<!-- guidelint-disable-file TXT002, FM001 -->\n[x](/n3)\n",
            "latin.md": b"---\ntitle: T\n---\n<!-- guidelint-disable-next-line TXT002 -->\n"
            b"caf\xe9 one\ncaf\xe9 two\n",
        },
    )
    assert _found(site) == {
        ("crlf.md", 6, "LNK001"),
        ("crlf-block.md", 10, "LNK001"),
        ("latin.md", 6, "TXT002"),
    }


def test_suppressions_survive_the_cache(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "a.md": HEAD + "<!-- guidelint-disable-next-line LNK001 -->\n[x](/n1)\n",
            "b.md": HEAD + "[x](/n2)\n",
        },
    )
    _run(site)
    b = site / "b.md"
    b.write_text(HEAD + "<!-- guidelint-disable-next-line LNK001 -->\n[x](/n2)\n", "utf-8")
    assert _codes(_same(site)) == {("a.md", 1, "NAV006"), ("b.md", 1, "NAV006")}
    (site / "a.md").write_text(HEAD + "<!-- guidelint-disable-next-line LNK001 -->\nok\n")
    assert ("a.md", 4, "SUP001") in _codes(_same(site))
    assert ("a.md", 4, "SUP001") not in _codes(_same(site, select=("MRK", "SUP")))


def test_the_editors_report_lists_markers_a_page_suppresses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SPEC 6: every MRK finding. Suppressions quiet `check`, as a baseline does; the
    report ignores the baseline because editors want every open item, so also these."""
    site = _site(
        tmp_path,
        {
            "a.md": HEAD
            + "<!-- guidelint-disable-file MRK -- tracked in the editors' report -->\n"
            + "<!-- [GAP] write the section on contracts -->\n"
        },
    )
    assert _found(site) == set()
    code, out, err = run_cli(capsys, "report", str(site), "--format", "json", "--jobs", "1")
    assert code == 0, err
    assert [(item["marker"], item["line"]) for item in json.loads(out)] == [("GAP", 5)]


# == baselines ===================================================================


def _baseline(site: Path, path: Path, **options: object) -> None:
    found = _run(site, use_baseline=False, **options)
    from guidelint import baseline

    baseline.write(path, found)


def test_baseline_with_select_does_not_count_unrun_rules_as_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path, {"a.md": "---\ntitle: T\nlayout: nope\n---\n[x](/gone)\n"})
    file = tmp_path / "b.json"
    assert run_cli(capsys, "check", str(site), "--write-baseline", str(file))[0] == 0
    code, out, err = run_cli(capsys, "check", str(site), "--baseline", str(file), "--select", "LNK")
    assert code == 0, out
    assert "no longer occur" not in err, err


def test_a_new_front_matter_problem_is_not_absorbed_by_an_old_one(tmp_path: Path) -> None:
    schema = dict(OWN_SCHEMA, required=["title", "owner"])
    site = _site(
        tmp_path,
        {
            ".guidelint.yaml": "schemas:\n  - path: '**'\n    schema: own.json\n",
            "own.json": json.dumps(schema),
            "a.md": "---\nowner: me\n---\nText.\n",
        },
    )
    file = tmp_path / "b.json"
    _baseline(site, file, select=("FM",))
    assert not _run(site, select=("FM",), baseline=file)
    (site / "a.md").write_text("---\ntitle: T\n---\nText.\n", "utf-8")  # title fixed, owner gone
    found = _run(site, select=("FM",), baseline=file)
    assert [(f.rule, f.message) for f in found] == [
        ("FM003", "required field 'owner' is missing (schema own.json)")
    ]


def test_a_links_offending_text_is_its_target(tmp_path: Path) -> None:
    """README: a link's finding is fingerprinted by its target, not by its line."""
    site = _site(tmp_path, {"a.md": HEAD + "See [the page](/gone) for more.\n"})
    file = tmp_path / "b.json"
    _baseline(site, file)
    assert not _run(site, baseline=file)
    (site / "a.md").write_text(HEAD + "Never see [that old page](/gone) again.\n", "utf-8")
    assert not _run(site, baseline=file), "reworded around the same broken target"
    (site / "a.md").write_text(HEAD + "Never see [that old page](/gone-too) again.\n", "utf-8")
    assert _codes(_run(site, baseline=file)) == {("a.md", 4, "LNK001")}


def test_baseline_paths_with_spaces_and_unicode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(
        tmp_path,
        {"guide é/page one ü.md": HEAD + "[x](/gone)\n", "naïve.md": HEAD + "CCG [y](/gone2)\n"},
    )
    file = tmp_path / "base line ø.json"
    assert run_cli(capsys, "check", str(site), "--write-baseline", str(file))[0] == 0
    data = json.loads(file.read_text("utf-8"))
    assert {e["path"] for e in data["findings"]} == {"guide é/page one ü.md", "naïve.md"}
    code, out, err = run_cli(capsys, "check", str(site), "--baseline", str(file))
    assert (code, err) == (0, ""), out + err
    page = site / "guide é" / "page one ü.md"
    page.write_text("New first line.\n\n" + page.read_text("utf-8").replace(HEAD, ""), "utf-8")
    page.write_text(HEAD + "Moved down.\n\n[x](/gone)\n", "utf-8")
    assert run_cli(capsys, "check", str(site), "--baseline", str(file))[0] == 0


def test_findings_without_source_text_and_twins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = "[x](/gone) and again [x](/gone)\n"
    site = _site(
        tmp_path,
        {
            "a.md": HEAD + "<!-- guidelint-disable-next-line MRK001 -->\nNothing.\n" + line,
            "b.md": HEAD + "Orphan.\n",
        },
    )
    file = tmp_path / "b.json"
    run_cli(capsys, "check", str(site), "--write-baseline", str(file), "--fail-on", "info")
    rules = sorted(e["rule"] for e in json.loads(file.read_text("utf-8"))["findings"])
    assert rules == ["LNK001", "LNK001", "NAV006", "NAV006", "SUP001"]
    code, out, _ = run_cli(capsys, "check", str(site), "--baseline", str(file), "--fail-on", "info")
    assert code == 0, out
    # Lines move: SUP001 and NAV006 (no source text) stay matched.
    (site / "a.md").write_text(
        HEAD + "Intro.\n\n<!-- guidelint-disable-next-line MRK001 -->\nNothing.\n" + line, "utf-8"
    )
    code, out, _ = run_cli(capsys, "check", str(site), "--baseline", str(file), "--fail-on", "info")
    assert code == 0, out
    # A third twin is one new finding.
    (site / "a.md").write_text(HEAD + line + "\n" + line, "utf-8")
    code, out, err = run_cli(
        capsys, "check", str(site), "--baseline", str(file), "--format", "json"
    )
    assert code == 1
    assert [(f["rule"], f["line"]) for f in json.loads(out)] == [("LNK001", 6), ("LNK001", 6)]
    assert "1 of 5 baseline entries no longer occur" in err


def test_deleting_a_page_with_baselined_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path, {"a.md": HEAD + "[x](/gone)\n", "b.md": HEAD + "[y](/gone)\n"})
    file = tmp_path / "b.json"
    run_cli(capsys, "check", str(site), "--write-baseline", str(file))
    (site / "a.md").unlink()
    code, out, err = run_cli(capsys, "check", str(site), "--baseline", str(file))
    assert code == 0, out + err
    assert "2 of 4 baseline entries no longer occur" in err
    (site / "b.md").unlink()
    code, out, err = run_cli(capsys, "check", str(site), "--baseline", str(file))
    assert code == 0 and "4 of 4" in err


def test_a_baseline_written_from_a_subfolder(tmp_path: Path) -> None:
    site = _guide(tmp_path)
    _write(site, {"index.md": HEAD + "[home](/g/nowhere)\n"})
    sub = site / "guide"
    done = _cli("check", "--write-baseline", "../base.json", cwd=sub)
    assert done.returncode == 0, done.stderr
    entries = json.loads((site / "base.json").read_text("utf-8"))["findings"]
    assert entries and all(not e["path"].startswith(("/", "..")) for e in entries)
    assert any(e["path"].startswith("guide/") for e in entries)
    assert any(not e["path"].startswith("guide/") for e in entries)
    # From the root, from the subfolder, and narrowed to one page: nothing new.
    for cwd, args in ((site, ()), (sub, ()), (sub, ("a.md",)), (tmp_path, ("site",))):
        base = os.path.relpath(site / "base.json", cwd)
        done = _cli("check", *args, "--baseline", base, cwd=cwd)
        assert done.returncode == 0, (cwd, args, done.stdout, done.stderr)
        assert "No problems" in done.stdout or done.stdout == "", done.stdout
    # The baseline inside the site is a static file, and that changes nothing.
    assert _cli("check", "--baseline", "base.json", cwd=site).returncode == 0


def test_a_baseline_named_in_config_inside_the_site(tmp_path: Path) -> None:
    site = _guide(tmp_path)
    (site / ".guidelint.yaml").write_text(
        GUIDE[".guidelint.yaml"] + "baseline: baselines/guide.json\n", "utf-8"
    )
    (site / "baselines").mkdir()
    # The configured file does not exist yet: writing one must still work.
    done = _cli("check", str(site), "--write-baseline", str(site / "baselines" / "guide.json"))
    assert done.returncode == 0, done.stderr
    done = _cli("check", str(site), "--format", "json")
    assert (done.returncode, json.loads(done.stdout)) == (0, []), done.stderr
    # Under pre-commit, on one page, the configured baseline applies as well.
    done = _cli("check", str(site / "guide" / "a.md"), PRE_COMMIT="1")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_baseline_beside_a_config_above_the_site(tmp_path: Path) -> None:
    site = _site(tmp_path, {"a.md": HEAD + "[x](/gone)\n"})
    (tmp_path / ".guidelint.yaml").write_text("baseline: base.json\n", "utf-8")
    other = tmp_path / "elsewhere"
    other.mkdir()
    done = _cli("check", str(site), "--write-baseline", str(tmp_path / "base.json"), cwd=other)
    assert done.returncode == 0, done.stderr
    for cwd in (other, site, tmp_path):
        done = _cli("check", os.path.relpath(site, cwd), cwd=cwd)
        assert done.returncode == 0, (cwd, done.stdout, done.stderr)
    # A warm run with the baseline reports what a cold one does.
    (site / "a.md").write_text(HEAD + "[x](/gone)\n[y](/new)\n", "utf-8")
    assert _codes(_same(site)) == {("a.md", 5, "LNK001")}


def test_baseline_and_write_baseline_together(tmp_path: Path) -> None:
    site = _site(tmp_path, {"a.md": HEAD + "[x](/gone)\n"})
    old = tmp_path / "old.json"
    new = tmp_path / "new.json"
    assert _cli("check", str(site), "--write-baseline", str(old)).returncode == 0
    (site / "a.md").write_text(HEAD + "[x](/gone)\n[y](/gone-too)\n", "utf-8")
    done = _cli("check", str(site), "--baseline", str(old), "--write-baseline", str(new))
    assert done.returncode == 0, done.stderr
    rules = [e["rule"] for e in json.loads(new.read_text("utf-8"))["findings"]]
    assert rules.count("LNK001") == 2, "a rewritten baseline records every current finding"
    # Rewriting the same file in place.
    done = _cli("check", str(site), "--baseline", str(old), "--write-baseline", str(old))
    assert done.returncode == 0, done.stderr
    assert _cli("check", str(site), "--baseline", str(old)).returncode == 0


def test_baseline_exit_codes(tmp_path: Path) -> None:
    site = _site(tmp_path, {"a.md": HEAD + "[x](/gone)\n"})
    file = tmp_path / "b.json"
    assert _cli("check", str(site), "--write-baseline", str(file)).returncode == 0
    assert _cli("check", str(site), "--baseline", str(file)).returncode == 0
    (site / "a.md").write_text(HEAD + "[x](/gone)\n\n<!-- [GAP] new -->\n", "utf-8")
    # Only a warning is new: below --fail-on error, at or above --fail-on warning.
    assert _cli("check", str(site), "--baseline", str(file)).returncode == 0
    done = _cli("check", str(site), "--baseline", str(file), "--fail-on", "warning")
    assert done.returncode == 1
    (site / "a.md").write_text(HEAD + "[x](/gone)\n\n<!-- [GAP] new -->\n[y](/gone-2)\n")
    assert _cli("check", str(site), "--baseline", str(file)).returncode == 1
    assert _cli("check", str(site), "--write-baseline", str(file)).returncode == 0
    assert _cli("check", str(site), "--baseline", str(file), "--fail-on", "info").returncode == 0


@pytest.mark.parametrize(
    ("content", "ok"),
    [
        ('{"format": 1, "findings": [], "tool": "guidelint", "version": "9"}', True),
        (
            '{"format": 1, "findings": [{"rule": "LNK001", "path": "a.md",'
            ' "fingerprint": "0000000000000000", "message": "x", "note": [1, 2]}]}',
            True,
        ),
        ('{"format": "1", "findings": []}', False),
        ('{"format": 2, "findings": []}', False),
        ('{"format": 1, "findings": {}}', False),
        ('{"format": 1, "findings": [null]}', False),
        ('{"format": 1, "findings": [["LNK001", "a.md", "x"]]}', False),
        ('{"format": 1, "findings": [{"rule": "LNK001", "path": "a.md"}]}', False),
        ('{"format": 1, "findings": [{"rule": "LNK001", "path": 3, "fingerprint": "x"}]}', False),
        ("null", False),
        ('"baseline"', False),
        ("\ufeff{}", False),
        ("", False),
    ],
    ids=lambda value: repr(value)[:40] if isinstance(value, str) else str(value),
)
def test_odd_baseline_files(tmp_path: Path, content: str, ok: bool) -> None:
    site = _site(tmp_path, {"a.md": HEAD + "Text.\n"})
    file = tmp_path / "b.json"
    file.write_text(content, "utf-8")
    done = _cli("check", str(site), "--baseline", str(file))
    if ok:
        assert done.returncode == 0, done.stderr
    else:
        _one_line_error(done)
        assert "internal error" not in done.stderr, done.stderr


def test_a_baseline_nested_too_deeply_is_named(tmp_path: Path) -> None:
    """An error while reading the baseline names it, as every input error names its file."""
    site = _site(tmp_path, {"a.md": HEAD + "Text.\n"})
    file = tmp_path / "deep.json"
    file.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    done = _cli("check", str(site), "--baseline", str(file))
    _one_line_error(done)
    assert "deep.json" in done.stderr, done.stderr


def test_a_huge_baseline_is_quick(tmp_path: Path) -> None:
    site = _site(tmp_path, {"a.md": HEAD + "[x](/gone)\n"})
    file = tmp_path / "b.json"
    entries = [
        {"rule": "LNK001", "path": f"p/{i}.md", "fingerprint": f"{i:016x}", "message": "m"}
        for i in range(200_000)
    ]
    file.write_text(json.dumps({"format": 1, "findings": entries}), "utf-8")
    started = time.perf_counter()
    result = engine.run(engine.Options(paths=(site,), jobs=1, baseline=file))
    assert time.perf_counter() - started < 10
    assert result.baseline is not None and result.baseline.entries == 200_000
    assert [f.rule for f in result.findings if f.rule != "NAV006"] == ["LNK001"]


# == never a traceback ===========================================================


@pytest.mark.parametrize(
    "args",
    [
        ("--baseline", "{tmp}"),  # a folder
        ("--baseline", "{tmp}/missing.json"),
        ("--write-baseline", "{tmp}/no/such/folder/b.json"),
        ("--write-baseline", "{tmp}"),  # a folder
        ("--today", "2026-13-40"),
        ("--select", "NOPE"),
        ("--config", "{tmp}/missing.yaml"),
    ],
)
def test_bad_options_stop_with_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    site = _site(tmp_path, {"a.md": HEAD + "Text.\n"})
    done = _cli("check", str(site), *(a.format(tmp=tmp_path) for a in args))
    _one_line_error(done)


def test_huge_numbers_in_front_matter_are_linted(tmp_path: Path) -> None:
    """Not one of the three features: a 5,000-digit YAML integer is valid front matter."""
    site = _site(tmp_path, {"a.md": "---\ntitle: T\nn: " + "9" * 5000 + "\n---\n[x](/gone)\n"})
    done = _cli("check", str(site), "--format", "json")
    assert done.returncode == 1, done.stderr
    assert sorted(f["rule"] for f in json.loads(done.stdout)) == ["LNK001", "NAV006"]


def test_a_file_name_that_is_not_utf8_is_linted(tmp_path: Path) -> None:
    """Not one of the three features: Linux allows any bytes in a name."""
    site = _site(tmp_path, {"ok.md": HEAD + "Text.\n"})
    (site / os.fsdecode(b"caf\xe9.md")).write_bytes(HEAD.encode() + b"[x](/gone)\n")
    done = _cli("check", str(site), "--format", "json")
    assert done.returncode == 1, done.stderr
    assert "internal error" not in done.stderr
