#!/usr/bin/env python3
"""Give a copy of the example guide a git history, to show `guidelint report`.

    python3 tools/example_history.py DEST

Copies examples/migration-guide to DEST (which must not exist) and commits
its files in three batches, dated and by two authors, as a guide grows:
the report then shows markers of different ages. Then try:

    guidelint report DEST --today 2026-11-27
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "migration-guide"
BATCHES = (  # (date, author, files matching these prefixes)
    ("2024-03-04", "Priya Shah", ("_config.yml", "_layouts", "_includes", "_data", "assets",
                                  "index.md", "guide/index.md", "guide/01", "guide/02")),
    ("2025-01-20", "Tom Okafor", ("guide/03", "guide/04", "guide/05", "_steps")),
    ("2025-10-02", "Priya Shah", ("",)),
)  # fmt: skip


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    dest = Path(sys.argv[1])
    if dest.exists():
        print(f"{dest} exists; give a new folder", file=sys.stderr)
        return 2
    shutil.copytree(EXAMPLE, dest)
    git(dest, "init", "-q")
    for date, author, prefixes in BATCHES:
        files = [
            p.relative_to(dest).as_posix()
            for p in sorted(dest.rglob("*"))
            if p.is_file() and ".git" not in p.parts
        ]
        chosen = [f for f in files if f.startswith(prefixes)]
        git(dest, "add", "--", *chosen)
        git(dest, "commit", "-q", "-m", f"Guide pages as of {date}", author=author, date=date)
    return 0


def git(repo: Path, *args: str, author: str = "", date: str = "") -> None:
    env = dict(os.environ)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T10:00:00+00:00"
    name = author or "Example"
    email = name.lower().replace(" ", ".") + "@example.nhs.uk"
    command = ["git", "-c", f"user.name={name}", "-c", f"user.email={email}", *args]
    subprocess.run(command, cwd=repo, env=env, check=True)


if __name__ == "__main__":
    sys.exit(main())
