"""Record which links of the link-check fixture sites really work once published.

For every site ``tests/fixtures/linkcheck/<site>/`` this

1. builds the site with the real Jekyll into ``<tmp>/www<baseurl>``, so the
   output tree mirrors the production URL space (``/docs/guide/a`` is
   ``<tmp>/www/docs/guide/a.html``);
2. runs the real html-proofer on ``<tmp>/www<baseurl>`` with ``--root-dir
   <tmp>/www`` (a root-relative link that lacks the baseurl lands outside the
   built site and is reported missing, as on the published site);
3. reads every ``<a href>`` and ``<img src>`` of the built HTML and maps it back
   to its source line through the unique label in its text (``L017``) or
   ``alt``;
4. judges every link as a reader of the published site would experience it
   (GitHub Pages serving rules, HTML fragment rules) and compares that with
   html-proofer's verdict: each disagreement must be explained in ``NOTES``
   below, and the reader's verdict is recorded;
5. writes ``tests/golden/linkcheck/<site>.json`` (every published link) and
   ``tests/golden/linkcheck/<site>.unpublished.json`` (labels that are in the
   source but not published as a link: code, comments, literal text).

Usage (from the repository root)::

    python3 tools/linkcheck_golden.py            # regenerate every site
    python3 tools/linkcheck_golden.py SITE ...   # regenerate some sites
    python3 tools/linkcheck_golden.py --check    # exit 1 if any file would change

Needs Debian's ``jekyll`` (4.3.1) and ``ruby-html-proofer`` (3.19.2) on PATH.
See ``tests/golden/linkcheck/README.md`` for the conventions.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from jekyll_build import jekyll_build

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "linkcheck"
GOLDEN = REPO / "tests" / "golden" / "linkcheck"
DUMP_NAME = "guidelint-linkcheck-dump.json"

# `L123`: a link that must be published; `C123`: a link-like text that must not be.
LABEL_RE = re.compile(r"(?<![A-Za-z0-9])([LC]\d{3})(?![A-Za-z0-9])")

OK, MISSING_PAGE, MISSING_ANCHOR = "ok", "missing-page", "missing-anchor"

# Where html-proofer's verdict differs from what a reader of the published
# site gets, the reader wins and the reason is written here, keyed by
# (site, label). The tool fails when a disagreement has no note, or a note
# no disagreement (so the table cannot go stale silently).
_ABOVE_ROOT = (
    "RFC 3986 drops `..` segments that would climb above the domain root, so the browser "
    "requests a page that exists; html-proofer resolves the path on disk, above the "
    "build folder, and reports it missing (with one `..` fewer its page-file-as-folder "
    "fallback happens to find the page, see the README)"
)
_FILE_AS_FOLDER = (
    "with --assume-extension, html-proofer 3.19 resolves a relative link that it finds "
    "neither from the site root nor from the page's folder a third time from the page "
    "*file* taken as a folder (`guide/a.html/../../about.html`), i.e. with one `..` "
    "fewer, and finds a page there; the browser climbs above the baseurl, outside this site"
)
_HREF_ONCE = (
    "html-proofer 3.19 checks the fragment of each distinct href string once for the "
    "whole site: the per-file tables are merged with Hash#merge!, so only the last "
    "file using the same string is checked, and another page where it resolves hides "
    "this broken one"
)
_NON_HTML_FRAGMENT = (
    "a fragment on a PDF is handed to the PDF viewer (`#page=2`), not matched against "
    "HTML ids; html-proofer parses the PDF as HTML and reports the fragment missing"
)
_EMPTY_FRAGMENT = (
    "an empty fragment (`#`) scrolls to the top of the page in a browser; html-proofer "
    '3.19 looks for an element with id="" and reports it (unless --allow-hash-href, '
    "and then only for a bare `#`)"
)
_PRE_REMOVED = (
    "html-proofer deletes every <pre>, <code> and <tt> element before checking a page, "
    "so an id on a <pre> is invisible to a same-page link (it is found from other "
    "pages, which are parsed afresh); the browser scrolls to it"
)
_CODE_SKIPPED = (
    "a raw-HTML link inside <code>/<pre> is clickable on the published page, but "
    "html-proofer deletes <code>/<pre>/<tt> elements before checking, so it never "
    "sees this link"
)
_NAME_NOT_A = (
    "html-proofer accepts a `name` attribute on any element as a fragment target; the "
    "HTML standard (and browsers) only use `name` on <a> elements, so the page opens "
    "at the top"
)
_MISSING_PAGE_HASH = (
    "the page does not exist; html-proofer only says the fragment is missing, "
    "because it searches the fragment in the missing file's (empty) HTML"
)
_TOP_CASE = (
    "browsers treat the fragment `top` case-insensitively (HTML standard: scroll to "
    "the top); html-proofer only accepts exactly `top`"
)

NOTES: dict[tuple[str, str], str] = {
    # site A: baseurl /docs
    ("baseurl", "L038"): _FILE_AS_FOLDER,
    ("baseurl", "L044"): _MISSING_PAGE_HASH,
    ("baseurl", "L046"): _EMPTY_FRAGMENT,
    ("baseurl", "L104"): _FILE_AS_FOLDER,
    ("baseurl", "L117"): _NAME_NOT_A,
    ("baseurl", "L130"): _NON_HTML_FRAGMENT,
    ("baseurl", "L132"): _MISSING_PAGE_HASH,
    ("baseurl", "L160"): _FILE_AS_FOLDER,
    ("baseurl", "L164"): _HREF_ONCE,
    ("baseurl", "L176"): _FILE_AS_FOLDER,
    ("baseurl", "L250"): _NAME_NOT_A,
    ("baseurl", "L251"): _PRE_REMOVED,
    ("baseurl", "L254"): _EMPTY_FRAGMENT,
    ("baseurl", "L289"): _CODE_SKIPPED,
    # site B: no baseurl, pretty permalinks
    ("pretty", "L045"): _TOP_CASE,
    ("pretty", "L105"): _ABOVE_ROOT,
    ("pretty", "L110"): _MISSING_PAGE_HASH,
}


# --------------------------------------------------------------------------- build


DUMP_PAGE = """---
layout: null
permalink: /guidelint-linkcheck-dump.json
---
{"baseurl": {{ site.baseurl | jsonify }}, "url": {{ site.url | jsonify }},
"jekyll_version": {{ jekyll.version | jsonify }},
"pages": [{% assign sep = "" %}{% for p in site.pages %}{{ sep }}
{"path": {{ p.path | jsonify }}, "url": {{ p.url | jsonify }}}{% assign sep = "," %}\
{% endfor %}{% for c in site.collections %}{% if c.output %}{% for d in c.docs %},
{"path": {{ d.relative_path | jsonify }}, "url": {{ d.url | jsonify }}}{% endfor %}\
{% endif %}{% endfor %}],
"sources": [{% assign sep = "" %}{% for p in site.pages %}{{ sep }}{{ p.path | jsonify }}\
{% assign sep = "," %}{% endfor %}{% for c in site.collections %}{% for d in c.docs %},
{{ d.relative_path | jsonify }}{% endfor %}{% endfor %}]}
"""


@dataclass(frozen=True)
class Build:
    """A built site: where it is and what Jekyll says about it."""

    www: Path  # the production URL root: www/<baseurl>/... holds the site
    site_root: Path  # www/<baseurl>
    baseurl: str  # "" or "/docs"
    host: str  # host of site.url, or "" when unset
    page_urls: dict[str, str]  # written .html file (relative to www) -> page URL with baseurl
    sources: frozenset[str]  # source paths Jekyll rendered (pages and collection documents)


def probe(site: Path, work: Path) -> dict[str, Any]:
    """Build once with the dump page to learn baseurl, url, page URLs and sources."""
    src, dest = work / "probe-src", work / "probe-dest"
    shutil.copytree(site, src, symlinks=True)
    (src / DUMP_NAME).write_text(DUMP_PAGE, encoding="utf-8")
    jekyll_build(src, dest)
    data: dict[str, Any] = json.loads((dest / DUMP_NAME).read_text(encoding="utf-8"))
    return data


def output_file(url: str) -> str:
    """The file Jekyll writes for a page URL (relative, no leading slash)."""
    path = unquote(url).lstrip("/")
    if url.endswith("/"):
        return path + "index.html"
    if not PurePosixPath(path).suffix:
        return path + ".html"
    return path


def build_site(site: Path, work: Path) -> Build:
    """Build ``site`` into ``work/www<baseurl>`` (the real URL space)."""
    dump = probe(site, work)
    baseurl = (dump["baseurl"] or "").rstrip("/")
    if baseurl and not baseurl.startswith("/"):
        sys.exit(f"{site}: baseurl must start with '/'")
    www = work / "www"
    site_root = www / baseurl.lstrip("/") if baseurl else www
    jekyll_build(site, site_root)
    page_urls: dict[str, str] = {}
    for page in dump["pages"]:
        name = output_file(page["url"])
        if not name.endswith(".html"):
            continue
        rel = (site_root / name).relative_to(www).as_posix()
        if not (www / rel).is_file():
            sys.exit(f"{site}: Jekyll reported {page['url']} but wrote no {rel}")
        page_urls[rel] = baseurl + page["url"]
    written = {p.relative_to(www).as_posix() for p in www.rglob("*.html")}
    if written != set(page_urls):
        sys.exit(f"{site}: HTML files without a known page: {sorted(written - set(page_urls))}")
    return Build(
        www=www,
        site_root=site_root,
        baseurl=baseurl,
        host=urlsplit(dump["url"] or "").netloc,
        page_urls=page_urls,
        sources=frozenset(p for p in dump["sources"] if p != DUMP_NAME),
    )


# ----------------------------------------------------------------- html-proofer


def proofer_command(build: Build) -> list[str]:
    """The html-proofer invocation (also documented in the README)."""
    cmd = [
        "htmlproofer",
        str(build.site_root),
        "--root-dir",
        str(build.www),
        "--assume-extension",
        "--disable-external",
        "--log-level",
        ":error",
    ]
    if build.host:
        cmd += ["--internal-domains", build.host]
    return cmd


@dataclass(frozen=True)
class Issue:
    """One html-proofer failure line."""

    file: str  # relative to www
    line: int
    desc: str
    content: str


ISSUE_RE = re.compile(r"^  \*  (?P<desc>.*?)(?: \(line (?P<line>\d+)\))?$")


def run_proofer(build: Build) -> list[Issue]:
    """Run html-proofer; return its distinct issues."""
    proc = subprocess.run(
        proofer_command(build),
        cwd=build.www.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    out = proc.stdout + proc.stderr
    issues: list[Issue] = []
    current: str | None = None
    lines = out.splitlines()
    for index, text in enumerate(lines):
        if text.startswith("- "):
            current = Path(text[2:]).resolve().relative_to(build.www.resolve()).as_posix()
            continue
        match = ISSUE_RE.match(text)
        if match is None or current is None:
            continue
        content = ""
        if index + 1 < len(lines) and lines[index + 1].startswith("     "):
            content = lines[index + 1][5:]
        desc = match["desc"].replace(str(build.www), "")  # no temp paths in the golden
        issues.append(Issue(current, int(match["line"] or 0), desc, content))
    if proc.returncode not in (0, 1) or (proc.returncode == 1) != bool(issues):
        sys.exit(f"unexpected html-proofer result ({proc.returncode}):\n{out}")
    # html-proofer 3.19 appends the last checked file's whole issue list once per
    # failing internal link, so the same issue is printed many times.
    return sorted(set(issues), key=lambda i: (i.file, i.line, i.desc))


def proofer_status(desc: str) -> str:
    """Classify an html-proofer message."""
    if desc.startswith("linking to internal hash #"):
        return MISSING_ANCHOR
    if (
        desc.startswith("internally linking to ")
        or (desc.startswith("internal image ") and desc.endswith(" does not exist"))
        or desc.startswith("trying to find hash of ")
    ):
        return MISSING_PAGE
    sys.exit(f"unknown html-proofer message: {desc}")


# ------------------------------------------------------------------ HTML reading


@dataclass
class Element:
    """A published ``<a href>`` or ``<img src>``."""

    file: str  # relative to www
    line: int
    tag: str  # "a" or "img"
    url: str  # href or src, as published (entities decoded)
    text: list[str] = field(default_factory=list)

    def label(self) -> str | None:
        """The first label in the link text (``<a>``) or alt text (``<img>``)."""
        found = LABEL_RE.findall("".join(self.text))
        return found[0] if found else None


class PageParser(HTMLParser):
    """Collect links, images, fragment targets and text by context."""

    CODE_TAGS = frozenset({"code", "pre", "tt"})
    UNSUPPORTED = frozenset(
        {"area", "audio", "embed", "iframe", "link", "object", "script", "source", "video"}
    )

    def __init__(self, file: str) -> None:
        super().__init__(convert_charrefs=True)
        self.file = file
        self.elements: list[Element] = []
        self.ids: set[str] = set()
        self.comments: list[str] = []
        self.code_text: list[str] = []
        self.other_text: list[str] = []
        self._code_depth = 0
        self._link: Element | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        line = self.getpos()[0]
        if tag in self.UNSUPPORTED and ("href" in values or "src" in values):
            sys.exit(f"{self.file}:{line}: <{tag}> links are not handled; keep fixtures to a/img")
        if tag == "a" and "href" in values:
            if self._link is not None:
                sys.exit(f"{self.file}:{line}: nested <a>")
            self._link = Element(self.file, line, "a", values["href"])
            self.elements.append(self._link)
        elif tag == "img":
            img = Element(self.file, line, "img", values.get("src", ""))
            img.text.append(values.get("alt", ""))
            self.elements.append(img)
        if tag in self.CODE_TAGS:
            self._code_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in self.CODE_TAGS:
            self._code_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._link = None
        if tag in self.CODE_TAGS and self._code_depth:
            self._code_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.text.append(data)
        (self.code_text if self._code_depth else self.other_text).append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def parse_pages(build: Build) -> dict[str, PageParser]:
    """Parse every written .html file."""
    parsed: dict[str, PageParser] = {}
    for rel in sorted(build.page_urls):
        parser = PageParser(rel)
        parser.feed((build.www / rel).read_text(encoding="utf-8"))
        parser.close()
        parsed[rel] = parser
    return parsed


# ------------------------------------------------------------- the reader model


@dataclass(frozen=True)
class Verdict:
    """What a reader gets from one link."""

    kind: str  # internal, site-absolute, external, mailto, tel, other
    status: str
    resolved: str  # production URL (path?query#fragment) for internal links


def serve(build: Build, path: str) -> Path | None:
    """The file GitHub Pages answers with for a decoded URL path, or None (404).

    Rules: a path ending in ``/`` serves that folder's ``index.html``; an
    existing file is served as is; a folder without the slash is redirected
    (301) to the slashed URL; otherwise ``<path>.html`` is served if it
    exists (extensionless URLs). Everything outside the baseurl is 404.
    """
    base = build.baseurl
    if base and path != base and not path.startswith(base + "/"):
        return None
    target = build.www / path.lstrip("/")
    if path.endswith("/"):
        index = target / "index.html"
        return index if index.is_file() else None
    html = target.with_name(target.name + ".html")
    if target.is_dir() and html.is_file():
        sys.exit(f"ambiguous: both {path}/ and {path}.html exist; avoid in fixtures")
    if target.is_file():
        return target
    if target.is_dir():
        index = target / "index.html"
        return index if index.is_file() else None
    if html.is_file():
        return html
    return None


def judge(build: Build, pages: dict[str, PageParser], element: Element) -> Verdict:
    """Judge ``element`` as a reader of the published site experiences it."""
    raw = element.url.strip()
    scheme = urlsplit(raw).scheme.lower()
    if scheme in ("mailto", "tel"):
        return Verdict(scheme, OK, "")
    if scheme not in ("", "http", "https"):
        return Verdict("other", OK, "")
    origin = f"https://{build.host or 'site.invalid'}"
    page_url = build.page_urls[element.file]
    absolute = urlsplit(urljoin(origin + page_url, raw))
    if absolute.netloc != urlsplit(origin).netloc:
        return Verdict("external", OK, "")
    kind = "internal" if not urlsplit(raw).netloc else "site-absolute"
    resolved = absolute.path + (f"?{absolute.query}" if absolute.query else "")
    if "#" in raw:
        resolved += "#" + absolute.fragment
    target = serve(build, unquote(absolute.path))
    if target is None:
        return Verdict(kind, MISSING_PAGE, resolved)
    fragment = absolute.fragment
    if not fragment or target.suffix != ".html":
        # no fragment, `#` (top of page), or a fragment on a non-HTML file
        return Verdict(kind, OK, resolved)
    ids = pages[target.relative_to(build.www).as_posix()].ids
    if fragment in ids or unquote(fragment) in ids or unquote(fragment).lower() == "top":
        return Verdict(kind, OK, resolved)
    return Verdict(kind, MISSING_ANCHOR, resolved)


# ------------------------------------------------------------- source mapping


@dataclass(frozen=True)
class Occurrence:
    """A label's place in the source."""

    path: str
    line: int
    text: str


DEFINITION_RE = re.compile(r"^ {0,3}\[(?P<ref>[^\]]+)\]:")


def source_files(site: Path) -> Iterator[Path]:
    """Text files of the fixture site."""
    for path in sorted(site.rglob("*")):
        if path.is_file() and "_site" not in path.relative_to(site).parts:
            yield path


def scan_labels(site: Path) -> dict[str, list[Occurrence]]:
    """Every label occurrence in the site's source files."""
    found: dict[str, list[Occurrence]] = {}
    for path in source_files(site):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        rel = path.relative_to(site).as_posix()
        for number, line in enumerate(text.splitlines(), start=1):
            for label in LABEL_RE.findall(line):
                found.setdefault(label, []).append(Occurrence(rel, number, line))
    return found


def normalise_ref(ref: str) -> str:
    """Reference names match case-insensitively, with whitespace collapsed."""
    return " ".join(ref.split()).lower()


def locate(label: str, occurrences: list[Occurrence], site: Path) -> tuple[Occurrence, str]:
    """The golden source line of a published label, and the link's source form.

    A reference-style link is placed on its definition line (``[ref]: url``).
    """
    uses = [o for o in occurrences if not DEFINITION_RE.match(o.text)]
    if len(uses) != 1 or len(occurrences) > 2:
        sys.exit(f"{site.name}: label {label} must occur once, found {occurrences}")
    use = uses[0]
    line = use.text
    esc = re.escape(label)
    ref = re.search(r"\[(?P<text>[^\[\]]*" + esc + r"[^\]]*)\]\s?\[(?P<ref>[^\]]*)\]", line)
    if ref is not None:
        # `[text][]` (collapsed) uses the link text as the reference name
        return find_definition(site, use.path, ref["ref"] or ref["text"]), "reference"
    if len(occurrences) != 1:
        sys.exit(f"{site.name}: label {label} must occur once, found {occurrences}")
    if "{% include" in line:
        return use, "include"
    if re.search(r"alt=[\"']" + esc, line):
        return use, "html-img"
    if re.search(r"!\[" + esc, line):
        return use, "markdown-image"
    if re.search(r"<a\s[^>]*>[^<]*" + esc, line, re.IGNORECASE):
        return use, "html"
    return use, "markdown"


def find_definition(site: Path, path: str, name: str) -> Occurrence:
    """The line of ``[name]: url`` in ``path``."""
    wanted = normalise_ref(name)
    text = (site / path).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        match = DEFINITION_RE.match(line)
        if match and normalise_ref(match["ref"]) == wanted:
            return Occurrence(path, number, line)
    sys.exit(f"{site.name}: no definition for [{name}] in {path}")


# ------------------------------------------------------------------ assembling


def proofer_matches(issue: Issue, element: Element, label: str) -> bool:
    """Whether ``issue`` is about ``element`` (same file and line, same link)."""
    if issue.file != element.file or issue.line != element.line:
        return False
    if element.tag == "a":
        return label in issue.content and issue.content.startswith("<a")
    return issue.desc.startswith("internal image ") and f" {element.url} " in issue.desc


LIQUID_COMMENT_RE = re.compile(r"\{%-?\s*(end)?comment\s*-?%\}")


def in_liquid_comment(site: Path, place: Occurrence, label: str) -> bool:
    """Whether ``label`` at ``place`` lies inside a ``{% comment %}`` block."""
    lines = (site / place.path).read_text(encoding="utf-8").splitlines()
    before = "\n".join([*lines[: place.line - 1], place.text[: place.text.index(label)]])
    tags = LIQUID_COMMENT_RE.findall(before)
    return bool(tags) and tags[-1] == ""


def unpublished_reason(
    site: Path, build: Build, place: Occurrence, label: str, pages: Iterable[PageParser]
) -> str:
    """Why a label's link-like text is not a link in the output."""
    for where, reason in (
        ("comments", "html-comment"),
        ("code_text", "code"),
        ("other_text", "literal-text"),
    ):
        if any(label in t for p in pages for t in getattr(p, where)):
            return reason
    top = place.path.split("/")[0]
    if place.path not in build.sources and top not in ("_includes", "_layouts"):
        return "file-not-built"
    if in_liquid_comment(site, place, label):
        return "liquid-comment"
    sys.exit(f"{site.name}: cannot tell why {label} is not published")


def record_site(site: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Build, check and judge ``site``; return (links, unpublished)."""
    with tempfile.TemporaryDirectory(prefix="guidelint-linkcheck-") as tmp:
        build = build_site(site, Path(tmp))
        issues = run_proofer(build)
        pages = parse_pages(build)
        elements = [e for p in pages.values() for e in p.elements]
        verdicts = {id(e): judge(build, pages, e) for e in elements}
    occurrences = scan_labels(site)
    by_label: dict[str, Element] = {}
    for element in elements:
        label = element.label()
        if label is None or not label.startswith("L"):
            sys.exit(f"{site.name}: {element.file}:{element.line}: unlabelled {element.tag}")
        if label in by_label:
            sys.exit(f"{site.name}: label {label} published twice")
        by_label[label] = element
    used: set[Issue] = set()
    problems: list[str] = []
    links: list[dict[str, Any]] = []
    for label, element in by_label.items():
        where, form = locate(label, occurrences.get(label, []), site)
        mine = [i for i in issues if proofer_matches(i, element, label)]
        used.update(mine)
        messages = sorted({i.desc for i in mine})
        from_proofer = OK
        if messages:
            kinds = {proofer_status(m) for m in messages}
            from_proofer = MISSING_PAGE if MISSING_PAGE in kinds else MISSING_ANCHOR
        verdict = verdicts[id(element)]
        note = NOTES.get((site.name, label))
        if verdict.status != from_proofer and note is None:
            problems.append(
                f"{site.name}: {label} ({element.url}): reader {verdict.status}, "
                f"html-proofer {from_proofer} {messages}: explain it in NOTES"
            )
        if verdict.status == from_proofer and note is not None:
            problems.append(f"{site.name}: {label}: NOTES entry but no disagreement")
        entry: dict[str, Any] = {
            "path": where.path,
            "line": where.line,
            "label": label,
            "href": element.url,
            "status": verdict.status,
            "proofer": "; ".join(messages),
            "kind": verdict.kind,
            "form": form,
            "tag": element.tag,
            "page": build.page_urls[element.file],
            "resolved": verdict.resolved,
        }
        if note is not None:
            entry["note"] = f"html-proofer: {from_proofer}; reader: {verdict.status}. {note}"
        links.append(entry)
    stray = [i for i in issues if i not in used]
    if stray:
        problems.append(f"{site.name}: html-proofer issues not matched to a link: {stray}")
    for site_name, label in NOTES:
        if site_name == site.name and label not in by_label:
            problems.append(f"{site.name}: NOTES names {label}, which is not published")
    if problems:
        sys.exit("\n".join(problems))
    unpublished: list[dict[str, Any]] = []
    for label, places in occurrences.items():
        if label.startswith("L"):
            if label not in by_label:
                sys.exit(f"{site.name}: {label} is not published as a link: {places}")
            continue
        if len(places) != 1:
            sys.exit(f"{site.name}: label {label} must occur once, found {places}")
        unpublished.append(
            {
                "path": places[0].path,
                "line": places[0].line,
                "label": label,
                "reason": unpublished_reason(site, build, places[0], label, pages.values()),
            }
        )
    key = lambda e: (e["path"], e["line"], e["label"])  # noqa: E731
    return sorted(links, key=key), sorted(unpublished, key=key)


def render(data: Any) -> str:
    """Serialise deterministically."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def site_dirs(names: list[str]) -> list[Path]:
    """The fixture sites to process, all of them if ``names`` is empty."""
    found = sorted(p.parent for p in FIXTURES.glob("*/_config.yml"))
    if not names:
        return found
    wanted = [FIXTURES / n for n in names]
    missing = [p.name for p in wanted if p not in found]
    if missing:
        sys.exit(f"unknown site(s): {', '.join(missing)}")
    return wanted


def summary(links: list[dict[str, Any]]) -> str:
    """One line of counts for the console."""
    counts: dict[str, int] = {}
    for entry in links:
        counts[entry["status"]] = counts.get(entry["status"], 0) + 1
    overridden = sum(1 for e in links if "note" in e)
    parts = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    return f"{len(links)} links ({parts}; {overridden} overriding html-proofer)"


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or with --check, verify) the golden files."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sites", nargs="*", help="fixture site folder names")
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if any file would change"
    )
    args = parser.parse_args(argv)
    for tool in ("jekyll", "htmlproofer"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found on PATH (apt-get install jekyll ruby-html-proofer)")
    for tool in ("jekyll", "htmlproofer"):
        version = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True)
        print(f"using    {version.stdout.strip()}")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    stale: list[str] = []
    for site in site_dirs(args.sites):
        links, unpublished = record_site(site)
        for target, data in (
            (GOLDEN / f"{site.name}.json", links),
            (GOLDEN / f"{site.name}.unpublished.json", unpublished),
        ):
            text = render(data)
            old = target.read_text(encoding="utf-8") if target.exists() else None
            if text == old:
                state = "ok"
            elif args.check:
                state = "STALE"
                stale.append(target.name)
            else:
                target.write_text(text, encoding="utf-8")
                state = "written"
            print(f"{state:8} {target.relative_to(REPO)}")
        print(f"         {site.name}: {summary(links)}, {len(unpublished)} unpublished")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
