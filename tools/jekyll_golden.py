"""Record golden site-model data from the real Jekyll.

For every case folder ``tests/golden/jekyll/<case>/site/`` this copies the site
to a temporary directory, adds a Liquid dump page, runs ``jekyll build --safe``
and writes ``tests/golden/jekyll/<case>/expected.json``.

Usage (from the repository root)::

    python3 tools/jekyll_golden.py            # regenerate every case
    python3 tools/jekyll_golden.py CASE ...   # regenerate some cases
    python3 tools/jekyll_golden.py --check    # exit 1 if any file would change

Needs Jekyll on PATH (Debian: ``apt-get install jekyll``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from jekyll_build import jekyll_build

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "jekyll"
DUMP_NAME = "guidelint-golden-dump.json"
# Cases whose rendered .html output is also recorded, as evidence of how
# Jekyll split front matter from body (e.g. YAML leaking into the body).
RECORD_BODIES = frozenset({"frontmatter-edge"})

# A separator variable rather than forloop.last, because documents come from
# nested loops (collections -> docs) and must form one flat JSON array.
DUMP_PAGE = """---
layout: null
permalink: /guidelint-golden-dump.json
---
{"jekyll_version": {{ jekyll.version | jsonify }},
"pages": [{% assign sep = "" %}{% for p in site.pages %}{{ sep }}
{"path": {{ p.path | jsonify }}, "url": {{ p.url | jsonify }},
 "layout": {{ p.layout | jsonify }}, "title": {{ p.title | jsonify }},
 "permalink": {{ p.permalink | jsonify }}}{% assign sep = "," %}{% endfor %}],
"documents": [{% assign sep = "" %}{% for c in site.collections %}\
{% for d in c.docs %}{{ sep }}
{"path": {{ d.relative_path | jsonify }}, "collection": {{ c.label | jsonify }},
 "url": {{ d.url | jsonify }}, "output": {{ c.output | jsonify }},
 "layout": {{ d.layout | jsonify }}, "title": {{ d.title | jsonify }}}\
{% assign sep = "," %}{% endfor %}{% endfor %}],
"static_files": [{% assign sep = "" %}{% for f in site.static_files %}{{ sep }}
{{ f.path | jsonify }}{% assign sep = "," %}{% endfor %}\
{% for c in site.collections %}{% for f in c.files %},
{{ f.path | jsonify }}{% endfor %}{% endfor %}]}
"""


def case_dirs(names: list[str]) -> list[Path]:
    """Return the case folders to process, all of them if ``names`` is empty."""
    found = sorted(p.parent for p in GOLDEN.glob("*/site") if p.is_dir())
    if not names:
        return found
    wanted = [GOLDEN / n for n in names]
    missing = [p.name for p in wanted if p not in found]
    if missing:
        sys.exit(f"unknown case(s): {', '.join(missing)}")
    return wanted


def read_exact(path: Path) -> str:
    """Read UTF-8 text keeping CR/LF exactly as written."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def run_jekyll(site: Path, work: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """Build a copy of ``site`` in ``work``; return the dump and written files.

    Written files map their path relative to the destination to their text
    (empty unless the file is .html and ``site``'s case records bodies).
    """
    src, dest = work / "src", work / "dest"
    shutil.copytree(site, src, symlinks=True)
    (src / DUMP_NAME).write_text(DUMP_PAGE, encoding="utf-8")
    jekyll_build(src, dest)
    dump_file = dest / DUMP_NAME
    dump: dict[str, Any] = json.loads(dump_file.read_text(encoding="utf-8"))
    bodies = site.parent.name in RECORD_BODIES
    written = {
        p.relative_to(dest).as_posix(): (read_exact(p) if bodies and p.suffix == ".html" else "")
        for p in dest.rglob("*")
        if p.is_file() and p != dump_file
    }
    return dump, written


def expected_for(site: Path) -> dict[str, Any]:
    """Build ``site`` with Jekyll and return the normalised golden record."""
    with tempfile.TemporaryDirectory(prefix="guidelint-golden-") as tmp:
        dump, written = run_jekyll(site, Path(tmp))
    pages = [p for p in dump["pages"] if p["path"] != DUMP_NAME]
    result: dict[str, Any] = {
        "jekyll_version": dump["jekyll_version"],
        "pages": sorted(pages, key=lambda p: p["path"]),
        "documents": sorted(dump["documents"], key=lambda d: (d["collection"], d["path"])),
        "static_files": sorted(set(dump["static_files"])),
        "written": sorted(written),
    }
    if site.parent.name in RECORD_BODIES:
        result["html_bodies"] = {k: v for k, v in written.items() if v}
    return result


def render(data: dict[str, Any]) -> str:
    """Serialise deterministically: sorted keys, two-space indent, newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or with --check, verify) every expected.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case folder names")
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if any file would change",
    )
    args = parser.parse_args(argv)
    if shutil.which("jekyll") is None:
        sys.exit("jekyll not found on PATH (apt-get install jekyll)")
    stale: list[str] = []
    for case in case_dirs(args.cases):
        target = case / "expected.json"
        text = render(expected_for(case / "site"))
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if text == old:
            print(f"ok       {case.name}")
        elif args.check:
            stale.append(case.name)
            print(f"STALE    {case.name}")
        else:
            target.write_text(text, encoding="utf-8")
            print(f"written  {case.name}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
