"""Suppression comments in pages: what they silence, and what is said about them."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from guidelint import engine
from guidelint.markdown import parse_body
from guidelint.suppress import scan

HEAD = "---\ntitle: T\n---\n"  # body starts on line 4


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    (tmp_path / "_config.yml").write_text("title: t\n", "utf-8")
    for rel, text in pages.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    return tmp_path


def _found(site: Path, **options: object) -> set[tuple[str, int, str]]:
    result = engine.run(engine.Options(paths=(site,), jobs=1, **options))  # type: ignore[arg-type]
    return {(f.path, f.line, f.rule) for f in result.findings if f.rule != "NAV006"}


def test_next_line_block_and_file_directives(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "a.md": HEAD
            + "<!-- guidelint-disable-next-line LNK001 -- the page lands next release -->\n"
            + "[one](/nope-1)\n"  # 5: silenced
            + "[two](/nope-2)\n"  # 6: reported
            + "<!-- guidelint-disable LNK -->\n"  # 7
            + "[three](/nope-3)\n"  # 8: silenced (prefix)
            + "<!-- [GAP] still open -->\n"  # 9: MRK001 not silenced
            + "<!-- guidelint-enable -->\n"  # 10
            + "[four](/nope-4)\n",  # 11: reported
            "b.md": HEAD + "<!-- guidelint-disable-file MRK001 -->\n\n<!-- [GAP] a -->\n",
        },
    )
    assert _found(site) == {
        ("a.md", 6, "LNK001"),
        ("a.md", 9, "MRK001"),
        ("a.md", 11, "LNK001"),
    }


def test_enable_with_codes_ends_only_those(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "a.md": HEAD
            + "<!-- guidelint-disable LNK001, MRK001 -->\n"  # 4
            + "[one](/nope-1) <!-- [GAP] a -->\n"  # 5: both silenced
            + "<!-- guidelint-enable LNK001 -->\n"  # 6
            + "[two](/nope-2) <!-- [GAP] b -->\n",  # 7: LNK001 back, MRK001 still off
        },
    )
    assert _found(site) == {("a.md", 7, "LNK001")}


def test_a_directive_that_silences_nothing_is_reported(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "a.md": HEAD
            + "<!-- guidelint-disable-next-line LNK001 -->\n"  # 4: nothing on line 5
            + "Fine text.\n"
            + "<!-- guidelint-disable-file MRK001, LNK001 -->\n"  # 6: LNK001 used, MRK001 not
            + "[x](/nope)\n",
        },
    )
    assert _found(site) == {("a.md", 4, "SUP001"), ("a.md", 6, "SUP001")}
    result = engine.run(engine.Options(paths=(site,), jobs=1))
    messages = {f.line: f.message for f in result.findings if f.rule == "SUP001"}
    assert messages[4] == (
        "`guidelint-disable-next-line LNK001`: no LNK001 finding on the next line to "
        "suppress; remove it"
    )
    assert "no MRK001 finding in this file" in messages[6]
    # Rules that did not run are not judged.
    assert _found(site, select=("MRK", "SUP")) == {("a.md", 6, "SUP001")}
    assert _found(site, ignore=("SUP001",)) == set()


def test_invalid_directives_and_codes_are_named(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "a.md": HEAD
            + "<!-- guidelint-disable-nextline LNK001 -->\n"  # 4
            + "<!-- guidelint-disable-next-line LINK001 -->\n"  # 5
            + "[x](/nope)\n",  # 6: not silenced
        },
    )
    result = engine.run(engine.Options(paths=(site,), jobs=1))
    by_line = {(f.line, f.rule): f.message for f in result.findings}
    assert "did you mean guidelint-disable-next-line?" in by_line[(4, "SUP002")]
    assert "`LINK001`" in by_line[(5, "SUP002")]
    assert (6, "LNK001") in by_line


def test_directives_shown_in_code_are_examples(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "a.md": HEAD
            + "```html\n<!-- guidelint-disable-file LNK001 -->\n```\n"
            + "Use `<!-- guidelint-disable-next-line LNK001 -->` above the line.\n"
            + "[x](/nope)\n",  # 8
        },
    )
    assert _found(site) == {("a.md", 8, "LNK001")}


def test_suppressions_in_templates_and_in_html(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "_includes/note.html": "<!-- guidelint-disable-next-line -->\n<a href='/nope'>x</a>\n",
            "_layouts/default.html": "{{ content }}\n<a href='/gone'>y</a>\n",
            "page.html": HEAD + "{% include note.html %}\n",
        },
    )
    assert _found(site) == {("_layouts/default.html", 2, "LNK001")}


def test_a_multi_line_directive_applies_after_its_end(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {"a.md": HEAD + "<!--\n  guidelint-disable-next-line LNK001\n-->\n[x](/nope)\n"},
    )
    assert _found(site) == set()
    site = _site(
        tmp_path,
        {"a.md": HEAD + "<!-- guidelint-disable-next-line\n     LNK001 -->\n[x](/nope)\n"},
    )
    assert _found(site) == set()


@given(st.text(alphabet="<!->guidelnt-sabxfLNK0 ,\n`", max_size=120))
def test_scanning_never_fails(text: str) -> None:
    structure = parse_body(text, 1, markdown=True)
    for directive in scan(text, structure, 1):
        assert directive.line <= directive.end_line
