"""The one place that finds the shipped `schemas/` and `rules/` folders.

In a wheel they are force-included inside the package (`guidelint/schemas`);
in a source checkout or an editable install they sit at the repository top,
beside the package, and the wheel layout is not there.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

_PACKAGE_DIR = Path(__file__).resolve().parent

Folder = Literal["schemas", "rules"]
CONFIG_SCHEMA = "guidelint-config.json"  # validates .guidelint.yaml; not a page schema
PACK_SCHEMA = "rule-pack.json"  # validates rules/*.yml; not a page schema


@cache
def folder(name: Folder) -> Path:
    """Return the folder holding the shipped `name` files."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"guidelint is installed without its {name}/ folder")


def schema_path(file_name: str) -> Path:
    """Path of a shipped JSON Schema, e.g. `guide-page.json`."""
    return folder("schemas") / file_name


def shipped_schema_names() -> list[str]:
    """Names of the shipped page schemas (the config and rule-pack schemas are not)."""
    return sorted(
        p.name
        for p in folder("schemas").glob("*.json")
        if p.name not in (CONFIG_SCHEMA, PACK_SCHEMA)
    )
