"""SPEC section 9 (bad input), end to end through the real command line.

Every case builds a tiny Jekyll site in `tmp_path`, runs
`python -m guidelint check SITE --format json` in a subprocess and checks
three things: the exit code (0/1 for findings, 2 for a run-stopping error),
that no Python traceback ever reaches the user, and the exact finding the
bad input must give (rule, line, and where it matters column or message).
"""

from __future__ import annotations

import codecs
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TIMEOUT = 60  # seconds; every case must finish far inside this

CLEAN_PAGE = "---\ntitle: A clean page\nlayout: default\n---\nSome text.\n"


# -- helpers -------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One finished CLI run."""

    code: int
    stdout: str
    stderr: str
    elapsed: float

    @property
    def findings(self) -> list[dict[str, Any]]:
        """The JSON findings (only meaningful for exit codes 0 and 1)."""
        data = json.loads(self.stdout)
        assert isinstance(data, list)
        return data


def make_site(tmp_path: Path) -> Path:
    """A minimal Jekyll site: `_config.yml`, one layout and a `guide/` folder."""
    site = tmp_path / "site"
    (site / "_layouts").mkdir(parents=True)
    (site / "guide").mkdir()
    (site / "_config.yml").write_text("title: Bad input test site\n", encoding="utf-8")
    (site / "_layouts" / "default.html").write_text(
        "<main>{{ content }}</main>\n", encoding="utf-8"
    )
    return site


def run_cli(*args: str, cwd: Path | None = None, timeout: float = TIMEOUT) -> Run:
    """Run the real CLI in a subprocess, the way a user or pre-commit would."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PRE_COMMIT", None)
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "guidelint", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        cwd=cwd,
        env=env,
        check=False,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr, time.monotonic() - start)


def check_site(site: Path, *extra: str, cwd: Path | None = None, timeout: float = TIMEOUT) -> Run:
    """`guidelint check SITE --format json`, asserting it never shows a traceback.

    Orphan pages (NAV006, info) are left out: these one-page sites are all orphans.
    """
    run = run_cli(
        "check",
        str(site),
        "--format",
        "json",
        "--ignore",
        "NAV006",
        *extra,
        cwd=cwd,
        timeout=timeout,
    )
    assert "Traceback" not in run.stdout + run.stderr, run.stdout + run.stderr
    return run


def lint(
    site: Path, *extra: str, cwd: Path | None = None, timeout: float = TIMEOUT
) -> list[dict[str, Any]]:
    """Run a check that must end with findings or none (exit 0/1), never an error."""
    run = check_site(site, *extra, cwd=cwd, timeout=timeout)
    assert run.code in (0, 1), f"exit {run.code}; stderr: {run.stderr!r}"
    assert run.stderr == "", run.stderr
    findings = run.findings
    # exit 1 exactly when an error-severity finding exists (default --fail-on error)
    assert run.code == (1 if any(f["severity"] == "error" for f in findings) else 0)
    return findings


def assert_error_exit(run: Run) -> str:
    """Exit 2 with exactly one `guidelint: error:` line on stderr; returns that line."""
    assert "Traceback" not in run.stdout + run.stderr, run.stderr
    assert run.code == 2, f"exit {run.code}; stdout {run.stdout!r}; stderr {run.stderr!r}"
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("guidelint: error:"), lines[0]
    return lines[0]


def find(
    findings: list[dict[str, Any]],
    rule: str,
    path: str,
    line: int | None = None,
    column: int | None = None,
    contains: str | None = None,
) -> list[dict[str, Any]]:
    """The findings matching all the given fields; asserts there is at least one."""
    hits = [
        f
        for f in findings
        if f["rule"] == rule
        and f["path"] == path
        and (line is None or f["line"] == line)
        and (column is None or f["column"] == column)
        and (contains is None or contains in f["message"])
    ]
    assert hits, (
        f"no {rule} at {path}:{line}:{column} containing {contains!r}; got:\n"
        + json.dumps(findings, indent=1)
    )
    return hits


def rules_at(findings: list[dict[str, Any]], path: str) -> set[str]:
    return {f["rule"] for f in findings if f["path"] == path}


def write(site: Path, rel: str, data: bytes | str) -> Path:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


# -- encodings -----------------------------------------------------------------


def test_invalid_utf8_in_body(tmp_path: Path) -> None:
    """A cp1252 byte in the body is TXT002 at its line and column, naming the byte offset."""
    site = make_site(tmp_path)
    data = b"---\ntitle: T\nlayout: default\n---\nfine line\nbad \xff here\nlast line\n"
    write(site, "guide/bad.md", data)
    findings = lint(site)
    offset = data.index(b"\xff")
    find(findings, "TXT002", "guide/bad.md", line=6, column=5, contains=f"byte offset {offset}")
    assert rules_at(findings, "guide/bad.md") == {"TXT002"}


def test_invalid_utf8_in_front_matter_still_loads_yaml(tmp_path: Path) -> None:
    """A bad byte inside the YAML is TXT002, and the YAML is still read (FM004 proves it)."""
    site = make_site(tmp_path)
    data = b"---\ntitle: Caf\xe9 opening hours\nlayout: nosuchlayout\n---\nBody.\n"
    write(site, "guide/bad.md", data)
    findings = lint(site)
    offset = data.index(b"\xe9")
    find(findings, "TXT002", "guide/bad.md", line=2, column=11, contains=f"byte offset {offset}")
    # The layout key two lines later was read from the YAML: it is checked.
    find(findings, "FM004", "guide/bad.md", line=3, column=1, contains="nosuchlayout")
    assert "FM002" not in rules_at(findings, "guide/bad.md")


def test_utf8_bom_hides_front_matter(tmp_path: Path) -> None:
    """A UTF-8 BOM before `---` is TXT002 at line 1 and FM001: Jekyll copies the file raw."""
    site = make_site(tmp_path)
    write(site, "guide/bom.md", codecs.BOM_UTF8 + CLEAN_PAGE.encode("utf-8"))
    findings = lint(site)
    find(findings, "TXT002", "guide/bom.md", line=1, column=1, contains="byte-order mark")
    find(findings, "FM001", "guide/bom.md", line=1, contains="byte-order mark")


UTF16 = [
    pytest.param(codecs.BOM_UTF16_LE, "utf-16-le", id="utf16-le"),
    pytest.param(codecs.BOM_UTF16_BE, "utf-16-be", id="utf16-be"),
]


@pytest.mark.parametrize(("bom", "codec"), UTF16)
def test_utf16_with_bom(tmp_path: Path, bom: bytes, codec: str) -> None:
    """UTF-16 with a BOM is TXT002 at line 1 and nothing crashes."""
    site = make_site(tmp_path)
    write(site, "guide/wide.md", bom + CLEAN_PAGE.encode(codec))
    findings = lint(site)
    find(findings, "TXT002", "guide/wide.md", line=1, column=1, contains="UTF-16")


@pytest.mark.parametrize(("bom", "codec"), UTF16)
def test_utf16_page_is_copied_raw(tmp_path: Path, bom: bytes, codec: str) -> None:
    """Jekyll's front-matter test reads raw bytes: a UTF-16 page has none (FM001, like a BOM)."""
    site = make_site(tmp_path)
    write(site, "guide/wide.md", bom + CLEAN_PAGE.encode(codec))
    findings = lint(site)
    find(findings, "FM001", "guide/wide.md", line=1)


def test_replacement_character_in_valid_text(tmp_path: Path) -> None:
    """U+FFFD in otherwise valid UTF-8 means text was already lost: TXT002 at its line."""
    site = make_site(tmp_path)
    write(site, "guide/lost.md", "---\ntitle: T\nlayout: default\n---\nok\nit\ufffds gone\n")
    findings = lint(site)
    find(findings, "TXT002", "guide/lost.md", line=6, column=3, contains="U+FFFD")
    assert rules_at(findings, "guide/lost.md") == {"TXT002"}


# -- newlines ------------------------------------------------------------------


@pytest.mark.parametrize(
    "newlines",
    [
        pytest.param(["\r\n"] * 6, id="crlf"),
        pytest.param(["\r\n", "\n", "\r\n", "\n", "\r\n", "\n"], id="mixed"),
    ],
)
def test_crlf_front_matter_recognised(tmp_path: Path, newlines: list[str]) -> None:
    """CRLF (or mixed) newlines still open and close front matter; lines stay exact."""
    site = make_site(tmp_path)
    lines = ["---", "title: First", "layout: default", "title: Second", "---", "Body."]
    write(
        site, "guide/crlf.md", "".join(text + nl for text, nl in zip(lines, newlines, strict=True))
    )
    findings = lint(site)
    find(findings, "FM002", "guide/crlf.md", line=4, column=1, contains="duplicate key 'title'")
    find(findings, "FM002", "guide/crlf.md", line=4, contains="first on line 2")
    assert "FM001" not in rules_at(findings, "guide/crlf.md")


@pytest.mark.parametrize(
    "separator", [pytest.param("\u2028", id="U+2028"), pytest.param("\x85", id="NEL")]
)
def test_unicode_line_separator_in_value_keeps_lines(tmp_path: Path, separator: str) -> None:
    """A U+2028 or NEL inside a quoted value must not shift the lines of later keys."""
    site = make_site(tmp_path)
    text = f'---\ntitle: "a{separator}b"\nlayout: default\ntitle: c\n---\nBody.\n'
    write(site, "guide/sep.md", text)
    findings = lint(site)
    find(findings, "FM002", "guide/sep.md", line=4, column=1, contains="duplicate key 'title'")


# -- empty, unclosed, binary, huge ----------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    """A 0-byte Markdown page has no front matter: FM001 (a warning, so exit 0)."""
    site = make_site(tmp_path)
    write(site, "guide/empty.md", b"")
    findings = lint(site)
    find(findings, "FM001", "guide/empty.md", line=1, column=1)


def test_only_opening_fence(tmp_path: Path) -> None:
    """A file that is just `---` opens front matter and never closes it: FM002 line 1."""
    site = make_site(tmp_path)
    write(site, "guide/open.md", "---\n")
    findings = lint(site)
    find(findings, "FM002", "guide/open.md", line=1, contains="not closed")


def _random_bytes(size: int, nul: bool) -> bytes:
    data = random.Random(20240131).randbytes(size)
    return data if nul else data.replace(b"\x00", b"\x01")


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        pytest.param(b"---\ntitle: T\n---\nab\x00cd\n", "NUL byte", id="nul-in-text"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "NUL byte", id="png"
        ),
        pytest.param(_random_bytes(8192, nul=True), "NUL byte", id="random-with-nul"),
        pytest.param(_random_bytes(8192, nul=False), "invalid UTF-8", id="random-no-nul"),
    ],
)
def test_binary_file_with_md_name(tmp_path: Path, data: bytes, fragment: str) -> None:
    """Binary content named `.md` is TXT002, and no other rule trips over it."""
    site = make_site(tmp_path)
    write(site, "guide/image.md", data)
    findings = lint(site)
    find(findings, "TXT002", "guide/image.md", contains=fragment)


def test_nul_byte_line_is_named(tmp_path: Path) -> None:
    """The binary finding stands at the line of the first NUL byte."""
    site = make_site(tmp_path)
    data = b"---\ntitle: T\n---\nline four\nab\x00cd\n"
    write(site, "guide/nul.md", data)
    findings = lint(site)
    offset = data.index(b"\x00")
    find(findings, "TXT002", "guide/nul.md", line=5, contains=f"byte {offset}")


def test_huge_clean_page(tmp_path: Path) -> None:
    """A clean 5 MB page is linted quickly and gives no findings."""
    site = make_site(tmp_path)
    line = "A long guide paragraph about planning the migration, repeated many times.\n"
    body = line * (5 * 1024 * 1024 // len(line) + 1)
    write(site, "guide/huge.md", CLEAN_PAGE + body)
    run = check_site(site)
    assert run.code == 0, run.stderr
    assert run.findings == []
    assert run.elapsed < 20, f"5 MB page took {run.elapsed:.1f}s"


def test_over_size_limit_is_named_not_parsed(tmp_path: Path) -> None:
    """A page over the size limit (20 MB) is named by TXT002 instead of being parsed."""
    site = make_site(tmp_path)
    write(site, "guide/enormous.md", CLEAN_PAGE.encode() + b"x" * (21 * 1024 * 1024))
    findings = lint(site)
    find(findings, "TXT002", "guide/enormous.md", line=1, contains="not linted")


def test_huge_non_utf8_page_is_fast(tmp_path: Path) -> None:
    """A large page saved as cp1252 (a bad byte on every line) must not hang the run."""
    site = make_site(tmp_path)
    body = ("Caf\xe9 opening hours are listed below for each site.\n" * 40_000).encode("cp1252")
    write(site, "guide/latin1.md", b"---\ntitle: T\nlayout: default\n---\n" + body)
    try:
        run = check_site(site, timeout=8)
    except subprocess.TimeoutExpired:
        pytest.fail("a 2 MB cp1252 page took over 8 seconds")
    assert run.code == 1
    find(run.findings, "TXT002", "guide/latin1.md", line=5, column=4, contains="byte offset")


# -- front matter shapes and hostile YAML ---------------------------------------


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        pytest.param("--- \n just text\n---\nBody.\n", "a single value", id="scalar"),
        pytest.param("---\n- one\n- two\n---\nBody.\n", "a list", id="list"),
    ],
)
def test_front_matter_not_a_mapping(tmp_path: Path, text: str, shape: str) -> None:
    """Front matter that is a scalar or a list is FM002 at the YAML's first line."""
    site = make_site(tmp_path)
    write(site, "guide/shape.md", text)
    findings = lint(site)
    find(findings, "FM002", "guide/shape.md", line=2, contains=f"front matter is {shape}")


def test_alias_bomb(tmp_path: Path) -> None:
    """Billion laughs (9 levels of 9 aliases) is refused quickly as FM002, not expanded."""
    site = make_site(tmp_path)
    lines = ["---", 'lol0: &lol0 "lol"']
    for level in range(1, 10):
        refs = ", ".join([f"*lol{level - 1}"] * 9)
        lines.append(f"lol{level}: &lol{level} [{refs}]")
    lines += ["---", "Body."]
    write(site, "guide/bomb.md", "\n".join(lines) + "\n")
    run = check_site(site)
    assert run.code == 1, run.stderr
    find(run.findings, "FM002", "guide/bomb.md", line=2, contains="alias bomb")
    assert run.elapsed < 15, f"alias bomb took {run.elapsed:.1f}s"


@pytest.mark.parametrize(
    ("value", "tag", "line"),
    [
        pytest.param(
            '!!python/object/apply:os.system ["touch PWNED"]',
            "!!python/object/apply:os.system",
            3,
            id="object-apply",
        ),
        pytest.param("!!python/name:os.system", "!!python/name:os.system", 3, id="name"),
        pytest.param(
            '!!python/object/new:os.system ["touch PWNED"]',
            "!!python/object/new:os.system",
            3,
            id="object-new",
        ),
    ],
)
def test_python_tags_never_constructed(tmp_path: Path, value: str, tag: str, line: int) -> None:
    """A `!!python/...` tag is FM002 naming the tag, and is never executed."""
    site = make_site(tmp_path)
    write(site, "guide/evil.md", f"---\ntitle: T\nrun: {value}\nlayout: default\n---\nBody.\n")
    findings = lint(site, cwd=site)
    find(findings, "FM002", "guide/evil.md", line=line, contains=tag)
    for folder in (site, site / "guide", tmp_path, Path.cwd()):
        assert not (folder / "PWNED").exists(), f"the tag was executed: {folder / 'PWNED'}"


def _deep_flow(depth: int) -> str:
    return "---\nkey: " + "[" * depth + "]" * depth + "\n---\nBody.\n"


def _deep_block_mapping(depth: int) -> str:
    # one space per level keeps 5,000 levels at ~12 MB, under the 20 MB size limit
    return (
        "---\n"
        + "".join(" " * i + f"k{i}:\n" for i in range(depth))
        + " " * depth
        + "v\n---\nBody.\n"
    )


def _deep_block_sequence(depth: int) -> str:
    # compact nested sequences: deep nesting without any indentation
    return "---\n" + "- " * depth + "x\n---\nBody.\n"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_deep_flow(5000), id="flow"),
        pytest.param(_deep_block_mapping(5000), id="block-mapping"),
        pytest.param(_deep_block_sequence(5000), id="block-sequence"),
    ],
)
def test_deep_nesting(tmp_path: Path, text: str) -> None:
    """5,000 levels of nesting are FM002, never a RecursionError or a crash."""
    site = make_site(tmp_path)
    write(site, "guide/deep.md", text)
    run = check_site(site)
    assert "RecursionError" not in run.stdout + run.stderr
    assert run.code == 1, run.stderr
    find(run.findings, "FM002", "guide/deep.md", line=2, contains="nested more than")


@pytest.mark.parametrize(
    ("yaml", "expect"),
    [
        pytest.param("1: one\n2: two", None, id="integer-keys"),
        pytest.param("true: yes\nfalse: no", None, id="bool-keys"),
        pytest.param("title: null", None, id="null-title"),
        pytest.param("title: ~\nlayout:", None, id="null-layout"),
        pytest.param("2024-01-31: a date key", None, id="date-key"),
        pytest.param("1.5: float key\n.inf: infinity key", None, id="float-keys"),
        pytest.param("? [a, b]\n: list key", ("FM002", 2, "plain value"), id="list-key"),
        pytest.param("? {a: 1}\n: map key", ("FM002", 2, "plain value"), id="mapping-key"),
        pytest.param("title: [1, 2]", ("FM003", 2, "'title'"), id="list-title"),
        pytest.param("layout: 7", ("FM004", 2, "'7'"), id="integer-layout"),
    ],
)
def test_odd_key_and_value_types(
    tmp_path: Path, yaml: str, expect: tuple[str, int, str] | None
) -> None:
    """Keys and values of unusual YAML types give findings or silence, never a crash."""
    site = make_site(tmp_path)
    write(site, "guide/odd.md", f"---\n{yaml}\n---\nBody.\n")
    findings = lint(site)
    if expect is None:
        assert rules_at(findings, "guide/odd.md") == set(), findings
    else:
        rule, line, fragment = expect
        find(findings, rule, "guide/odd.md", line=line, contains=fragment)


def test_duplicate_key_nested(tmp_path: Path) -> None:
    """A duplicate key inside a nested mapping is FM002 at the second key's line and column."""
    site = make_site(tmp_path)
    text = "---\ntitle: T\nmeta:\n  owner: a\n  team: b\n  owner: c\nlayout: default\n---\nBody.\n"
    write(site, "guide/dup.md", text)
    findings = lint(site)
    find(findings, "FM002", "guide/dup.md", line=6, column=3, contains="duplicate key 'owner'")
    find(findings, "FM002", "guide/dup.md", line=6, contains="first on line 4")


# -- files that cannot or must not be read ----------------------------------------


def test_unreadable_file(tmp_path: Path) -> None:
    """A page that cannot be read is TXT002 ('cannot read'), and the run goes on."""
    site = make_site(tmp_path)
    page = write(site, "guide/locked.md", CLEAN_PAGE)
    write(site, "guide/ok.md", CLEAN_PAGE)
    page.chmod(0)
    try:
        if os.access(page, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading")
        findings = lint(site)
        find(findings, "TXT002", "guide/locked.md", line=1, contains="cannot read")
    finally:
        page.chmod(0o644)


def test_dangling_symlink(tmp_path: Path) -> None:
    """A page that is a dangling symlink is skipped or named, never a crash."""
    site = make_site(tmp_path)
    (site / "guide" / "dangling.md").symlink_to(site / "guide" / "nowhere.md")
    write(site, "guide/ok.md", CLEAN_PAGE)
    findings = lint(site)
    assert rules_at(findings, "guide/dangling.md") <= {"TXT002"}
    assert rules_at(findings, "guide/ok.md") == set()


def test_symlinks_outside_site_not_read(tmp_path: Path) -> None:
    """A file or folder symlinked from outside the site is never read or reported."""
    site = make_site(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = "---\ntitle: SECRET-SENTINEL\nlayout: nosuchlayout\nbroken: [\n---\n"
    (outside / "secret.md").write_text(secret, encoding="utf-8")
    (site / "guide" / "outside.md").symlink_to(outside / "secret.md")
    (site / "guide" / "ext").symlink_to(outside, target_is_directory=True)
    write(site, "guide/ok.md", CLEAN_PAGE)
    run = check_site(site)
    assert run.code == 0, run.stdout + run.stderr
    assert run.findings == []
    assert "SECRET-SENTINEL" not in run.stdout + run.stderr


def test_directory_symlink_loop(tmp_path: Path) -> None:
    """`guide/loop -> .` must not make the walk go round for ever."""
    site = make_site(tmp_path)
    (site / "guide" / "loop").symlink_to(".", target_is_directory=True)
    write(site, "guide/bad.md", "---\ntitle: T\ntitle: U\n---\n")
    run = check_site(site)
    assert run.code == 1, run.stderr
    find(run.findings, "FM002", "guide/bad.md", line=3)
    assert not any("loop" in f["path"] for f in run.findings)
    assert run.elapsed < 15


def test_file_symlink_loop(tmp_path: Path) -> None:
    """`a.md -> b.md`, `b.md -> a.md` is skipped (or named); the rest is still linted."""
    site = make_site(tmp_path)
    (site / "guide" / "a.md").symlink_to("b.md")
    (site / "guide" / "b.md").symlink_to("a.md")
    write(site, "guide/bad.md", "---\ntitle: T\ntitle: U\n---\n")
    findings = lint(site)
    find(findings, "FM002", "guide/bad.md", line=3)
    assert rules_at(findings, "guide/a.md") | rules_at(findings, "guide/b.md") <= {"TXT002"}


def test_never_writes_to_site(tmp_path: Path) -> None:
    """A run over many bad files leaves every byte of the site as it was (but its cache)."""
    site = make_site(tmp_path)
    write(site, "guide/bom.md", codecs.BOM_UTF8 + CLEAN_PAGE.encode())
    write(site, "guide/crlf.md", CLEAN_PAGE.replace("\n", "\r\n"))
    write(site, "guide/latin1.md", b"---\ntitle: Caf\xe9\n---\n\xe9t\xe9\n")
    write(site, "guide/open.md", "---\ntitle: T\n")
    write(site, "guide/binary.md", _random_bytes(2048, nul=True))
    write(site, "guide/dup.md", "---\ntitle: a\ntitle: b\n---\n")

    def contents() -> dict[Path, bytes]:
        return {
            p: p.read_bytes()
            for p in sorted(site.rglob("*"))
            if p.is_file() and ".guidelint-cache" not in p.parts
        }

    before = contents()
    lint(site)
    assert contents() == before


# -- errors that stop the run ------------------------------------------------------


def test_path_does_not_exist(tmp_path: Path) -> None:
    """A path on the command line that does not exist: exit 2, one clear line."""
    site = make_site(tmp_path)
    run = check_site(site / "guide" / "no-such-page.md")
    line = assert_error_exit(run)
    assert "no-such-page.md" in line
    assert run.stdout == ""


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        pytest.param("select: [FM]\nbogus_key: 1\n", "bogus_key", id="unknown-key"),
        pytest.param("select: [FM\nignore: NAV\n", "YAML error", id="invalid-yaml"),
        pytest.param("- select\n- ignore\n", ".guidelint.yaml", id="list"),
    ],
)
def test_bad_guidelint_config(tmp_path: Path, config: str, fragment: str) -> None:
    """A broken `.guidelint.yaml` stops the run: exit 2 with one line naming the problem."""
    site = make_site(tmp_path)
    write(site, "guide/ok.md", CLEAN_PAGE)
    write(site, ".guidelint.yaml", config)
    line = assert_error_exit(check_site(site))
    assert fragment in line


@pytest.mark.parametrize(
    "config",
    [
        pytest.param(b"title: [unclosed\nbaseurl: /x\n", id="invalid-yaml"),
        pytest.param(b"- a\n- b\n", id="list"),
        pytest.param(b"title: !!python/object/apply:os.system ['touch PWNED']\n", id="python-tag"),
    ],
)
def test_broken_site_config(tmp_path: Path, config: bytes) -> None:
    """A broken `_config.yml` stops the run (Jekyll would not build): exit 2, one line."""
    site = make_site(tmp_path)
    write(site, "guide/ok.md", CLEAN_PAGE)
    write(site, "_config.yml", config)
    line = assert_error_exit(check_site(site, cwd=site))
    assert "_config.yml" in line
    assert not (site / "PWNED").exists()


def test_unknown_select(tmp_path: Path) -> None:
    """`--select NOPE` is a usage error: exit 2 naming the code."""
    site = make_site(tmp_path)
    write(site, "guide/ok.md", CLEAN_PAGE)
    line = assert_error_exit(check_site(site, "--select", "NOPE"))
    assert "NOPE" in line
