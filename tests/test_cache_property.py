"""Property: whatever sequence of edits a site goes through, a run with the cache
reports exactly what a run without it reports."""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidelint import engine
from guidelint.findings import Finding

PAGES = ("guide/a.md", "guide/b.md", "guide/c.md")
SNIPPETS = (
    "More prose.\n",
    "See [b]({{ site.baseurl }}/guide/b).\n",
    "See [nowhere](/guide/nowhere).\n",
    "Jump to [the part](/guide/a#part).\n",
    "## Part\n",
    "<!-- [GAP] fill this in -->\n",
    "<!-- guidelint-disable-next-line LNK001 -->\n",
    '{% include note.html text="hi" %}\n',
    '{% include note.html txt="hi" %}\n',
    "{% include_relative extra.md %}\n",
    "{% if x %}\n",
)


def _page(name: str, permalink: str, nextpage: str | None) -> str:
    chain = f"nextpage: {nextpage}\n" if nextpage else ""
    return f"---\ntitle: {name}\npermalink: {permalink}\n{chain}review_by: 2026-06-01\n---\n"


def _fresh(root: Path) -> None:
    (root / "_includes").mkdir(parents=True)
    (root / "guide").mkdir()
    (root / "_config.yml").write_text("title: t\nbaseurl: /site\n", "utf-8")
    (root / "_includes" / "note.html").write_text("<p>{{ include.text }}</p>\n", "utf-8")
    (root / "guide" / "a.md").write_text(_page("A", "/guide/a", "/guide/b"), "utf-8")
    (root / "guide" / "b.md").write_text(_page("B", "/guide/b", "/guide/c"), "utf-8")
    (root / "guide" / "c.md").write_text(_page("C", "/guide/c", None), "utf-8")


edits = st.one_of(
    st.tuples(st.just("append"), st.sampled_from(PAGES), st.sampled_from(SNIPPETS)),
    st.tuples(st.just("permalink"), st.sampled_from(PAGES), st.sampled_from(("x", "y"))),
    st.tuples(st.just("delete"), st.sampled_from(PAGES), st.just("")),
    st.tuples(st.just("restore"), st.sampled_from(PAGES), st.just("")),
    st.tuples(st.just("include"), st.just(""), st.sampled_from(("text", "txt"))),
    st.tuples(st.just("config"), st.just(""), st.sampled_from(("/site", "/other"))),
    st.tuples(st.just("extra"), st.just(""), st.sampled_from(("add", "remove"))),
    st.tuples(st.just("same-size"), st.sampled_from(PAGES), st.just("")),
    st.tuples(st.just("today"), st.just(""), st.sampled_from(("2026-05-01", "2026-07-01"))),
)


def _apply(root: Path, edit: tuple[str, str, str], state: dict[str, str]) -> None:
    kind, rel, arg = edit
    path = root / rel
    if kind == "append" and path.exists():
        path.write_text(path.read_text("utf-8") + arg, "utf-8")
    elif kind == "permalink" and path.exists():
        text = path.read_text("utf-8")
        old = text.split("permalink: ", 1)[1].split("\n", 1)[0]
        path.write_text(text.replace(f"permalink: {old}", f"permalink: {old}{arg}", 1))
    elif kind == "delete" and path.exists():
        path.unlink()
    elif kind == "restore" and not path.exists():
        name = Path(rel).stem.upper()
        path.write_text(_page(name, f"/guide/{Path(rel).stem}", None), "utf-8")
    elif kind == "include":
        note = root / "_includes" / "note.html"
        note.write_text(f"<p>{{{{ include.{arg} }}}}</p>\n", "utf-8")
    elif kind == "config":
        (root / "_config.yml").write_text(f"title: t\nbaseurl: {arg}\n", "utf-8")
    elif kind == "extra":
        extra = root / "guide" / "extra.md"
        if arg == "add":
            extra.write_text("Included text.\n", "utf-8")
        elif extra.exists():
            extra.unlink()
    elif kind == "same-size" and path.exists():
        # Another title letter, the same size, the times put back: only the bytes tell.
        before = path.stat()
        text = path.read_text("utf-8")
        at = text.index("title: ") + len("title: ")
        letter = "R" if text[at] == "Q" else "Q"
        path.write_text(text[:at] + letter + text[at + 1 :], "utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif kind == "today":
        state["today"] = arg


def _run(root: Path, cached: bool, today: str) -> list[tuple[object, ...]]:
    options = engine.Options(
        paths=(root,), jobs=1, use_cache=cached, today=datetime.date.fromisoformat(today)
    )
    found: list[Finding] = engine.run(options).findings
    return [(f, f.related, f.target, f.unreached, f.data) for f in found]


@pytest.fixture(autouse=True)
def _cache_in_site(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GUIDELINT_CACHE_DIR", raising=False)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(edits, min_size=1, max_size=6))
def test_cached_runs_agree_with_uncached_ones(steps: list[tuple[str, str, str]]) -> None:
    root = Path(tempfile.mkdtemp(prefix="guidelint-cache-property-")) / "site"
    try:
        _fresh(root)
        state = {"today": "2026-05-01"}
        _run(root, True, state["today"])  # fill the cache
        for edit in steps:
            _apply(root, edit, state)
            assert _run(root, True, state["today"]) == _run(root, False, state["today"]), edit
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)
