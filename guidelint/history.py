"""What the given files were before this change: their versions at git's HEAD.

Under pre-commit only the changed files are given, but a changed permalink
breaks links in pages that were not touched, and a removed link can leave
a page that nothing reaches. To report those, the run needs what the given
files published and linked to before; git has it. Without git (or outside
a repository) there is simply no history.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from guidelint.model import Kind, Page, SiteFile
from guidelint.parse import parse_page
from guidelint.site import SiteConfig

_TIMEOUT = 60


def previous_pages(site: SiteConfig, items: Iterable[SiteFile]) -> list[Page]:
    """The given page files as they were at HEAD (under any old name), parsed."""
    wanted = [item for item in items if item.kind in (Kind.PAGE, Kind.DOCUMENT)]
    if not wanted:
        return []
    top = _git(site.root, ["rev-parse", "--show-toplevel"])
    if top is None:
        return []
    prefix = site.root.resolve().relative_to(Path(top.decode().strip()).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    moved = _renamed(site.root)  # a file moved with `git mv` was at its old path
    old_paths = [moved.get(prefix + item.path, prefix + item.path) for item in wanted]
    request = "".join(f"HEAD:{path}\n" for path in old_paths).encode()
    output = _git(site.root, ["cat-file", "--batch"], request)
    if output is None:
        return []
    found: list[Page] = []
    pos = 0
    for item, old_path in zip(wanted, old_paths, strict=True):
        end = output.find(b"\n", pos)
        if end < 0:
            break
        header = output[pos:end].split()
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # missing at HEAD: a new file
        size = int(header[2])
        blob = output[pos : pos + size]
        pos += size + 1
        old_item = SiteFile(old_path.removeprefix(prefix), item.kind, item.collection)
        found.append(parse_page(site, old_item, blob))
    return found


def _renamed(root: Path) -> dict[str, str]:
    """New path -> path at HEAD, for files renamed since (relative to the repository)."""
    listing = _git(root, ["diff", "-M", "--name-status", "-z", "HEAD", "--"])
    if not listing:
        return {}
    fields = listing.decode("utf-8", "replace").split("\0")
    moved: dict[str, str] = {}
    index = 0
    while index < len(fields):
        status = fields[index]
        if status.startswith(("R", "C")) and index + 2 < len(fields):
            moved[fields[index + 2]] = fields[index + 1]
            index += 3
        else:
            index += 2
    return moved


def _git(root: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            input=stdin,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
