"""Rule packs: stale terms as data (`rules/*.yml`), loaded and compiled once a run.

A pack is validated by `schemas/rule-pack.json`; a broken pack stops the
run with one line naming it, like a broken config. Each entry becomes one
regular expression with its forms (`CCGs`, `CCG's`) and word boundaries.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guidelint import resources
from guidelint.errors import GuidelintError
from guidelint.textfile import decode
from guidelint.yamlload import load


@dataclass(frozen=True)
class Term:
    pack: str
    id: str
    pattern: re.Pattern[str]
    replacement: tuple[str, ...]
    reason: str
    source: str
    since: str
    safe: bool
    scopes: frozenset[str]
    literal: str | None = (
        None  # text every match contains (lower-cased if nocase): a cheap pre-check
    )
    nocase: bool = False


def load_packs(names: tuple[str, ...], base: Path | None, disabled: frozenset[str]) -> list[Term]:
    """The terms of the packs a config enables (shipped by name, or by path)."""
    terms: list[Term] = []
    for name in names:
        path = _locate(name, base)
        data = _read(path)
        for entry in data["terms"]:
            if entry["id"] in disabled or f"{data['name']}:{entry['id']}" in disabled:
                continue
            terms.append(_term(data["name"], entry))
    return terms


def _locate(name: str, base: Path | None) -> Path:
    if "/" in name or name.endswith((".yml", ".yaml")):
        path = (base / name) if base is not None else Path(name)
    else:
        path = resources.folder("rules") / f"{name}.yml"
    if not path.is_file():
        raise GuidelintError(f"rule pack {name!r}: no such pack ({path})")
    return path


def _read(path: Path) -> dict[str, Any]:
    loaded = load(decode(path.read_bytes()).text)
    if loaded.problems:
        problem = loaded.problems[0]
        raise GuidelintError(f"{path}:{problem.line}: {problem.message}")
    schema = json.loads(resources.schema_path("rule-pack.json").read_text("utf-8"))
    import jsonschema  # 50 ms to import: only runs with packs pay

    validator = jsonschema.Draft202012Validator(schema)
    error = next(iter(validator.iter_errors(loaded.data)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the pack"
        raise GuidelintError(f"{path}: {where}: {error.message}")
    data: dict[str, Any] = loaded.data
    return data


def _term(pack: str, entry: dict[str, Any]) -> Term:
    body = entry["term"] if entry.get("regex") else re.escape(entry["term"])
    forms = entry.get("forms", ["plural", "possessive"])
    tail = ""
    if "plural" in forms and "possessive" in forms:
        tail = "(?:s['\u2019]|s|['\u2019]s)?"
    elif "plural" in forms:
        tail = "s?"
    elif "possessive" in forms:
        tail = "(?:['\u2019]s)?"
    expression = f"(?:{body}){tail}"
    if entry.get("whole_word", True):
        expression = rf"(?<![\w-]){expression}(?![\w-])"
    flags = 0 if entry.get("case_sensitive", True) else re.IGNORECASE
    replacement = entry["replacement"]
    return Term(
        pack=pack,
        id=entry["id"],
        pattern=re.compile(expression, flags),
        replacement=tuple(replacement) if isinstance(replacement, list) else (replacement,),
        reason=entry["reason"],
        source=entry["source"],
        since=str(entry.get("since", "")),
        safe=bool(entry.get("safe", False)),
        scopes=frozenset(entry.get("scopes", ["text"])),
        literal=None
        if entry.get("regex")
        else entry["term"]
        if entry.get("case_sensitive", True)
        else entry["term"].lower(),
        nocase=not entry.get("case_sensitive", True),
    )
