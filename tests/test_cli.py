"""The command line as users meet it: exit codes, options, formats, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guidelint import registry
from guidelint.cli import main
from tests.conftest import EXAMPLE, ROOT

GOLDEN = ROOT / "tests" / "golden" / "output"
UPDATE = os.environ.get("GUIDELINT_UPDATE_GOLDEN") == "1"  # never set in CI


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    old = sys.argv
    sys.argv = ["guidelint", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv = old
    out, err = capsys.readouterr()
    return code, out, err


def write_site(root: Path, pages: dict[str, str], config: str | None = None) -> Path:
    (root / "_config.yml").write_text("title: t\n", "utf-8")
    (root / "_layouts").mkdir()
    (root / "_layouts" / "default.html").write_text("{{ content }}", "utf-8")
    for rel, text in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    if config is not None:
        (root / ".guidelint.yaml").write_text(config, "utf-8")
    return root


@pytest.mark.parametrize(
    "fmt", ["text", "concise", "json", "github", "markdown", "sarif", "gitlab", "junit"]
)
def test_output_formats_match_golden_files(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(ROOT)  # paths in CI formats are relative to where the run starts
    code, out, _ = run_cli(
        capsys, "check", str(EXAMPLE), "--format", fmt, "--jobs", "1", "--today", "2026-11-27"
    )
    assert code == 1
    golden = GOLDEN / f"example.{fmt}"
    if UPDATE:
        golden.write_text(out, "utf-8")
    assert out == golden.read_text("utf-8")


def test_json_output_is_the_spec_shape(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "check", str(EXAMPLE), "--format", "json")
    findings = json.loads(out)
    keys = {"rule", "name", "severity", "path", "line", "column", "message", "fixable"}
    assert findings and all(set(f) >= keys for f in findings)
    assert all(not f["path"].startswith("/") and "\\" not in f["path"] for f in findings)
    assert all(f["line"] >= 1 and f["column"] >= 1 for f in findings)
    order = [(f["path"], f["line"], f["column"], f["rule"]) for f in findings]
    assert order == sorted(order)


def test_fail_on_decides_the_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = write_site(tmp_path, {"notes.md": "# only a warning (FM001)\n"})
    assert run_cli(capsys, "check", str(site))[0] == 0
    assert run_cli(capsys, "check", str(site), "--fail-on", "warning")[0] == 1
    assert run_cli(capsys, "check", str(EXAMPLE), "--select", "FM001")[0] == 0


def test_select_and_ignore_take_prefixes(capsys: pytest.CaptureFixture[str]) -> None:
    def codes(*args: str) -> set[str]:
        _, out, _ = run_cli(capsys, "check", str(EXAMPLE), "--format", "json", *args)
        return {f["rule"] for f in json.loads(out)}

    assert codes("--select", "FM") == {"FM001", "FM002", "FM003", "FM004"}
    assert codes("--select", "FM00", "--ignore", "FM003,FM004") == {"FM001", "FM002"}
    assert codes("--select", "txt") == {"TXT001", "TXT002"}


def test_paths_narrow_what_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(
        capsys, "check", str(EXAMPLE / "guide" / "05-training.md"), "--format", "json"
    )
    # 05's permalink form (`/guide/training/`) also breaks its neighbours' chain
    # keys: findings it causes elsewhere are reported with it (SPEC section 3).
    found = {(f["path"], f["rule"]) for f in json.loads(out)}
    assert {path for path, _ in found} == {
        "guide/05-training.md",
        "guide/04-data-migration.md",
        "guide/06-cutover-planning.md",
    }
    assert ("guide/04-data-migration.md", "NAV001") in found
    assert ("guide/04-data-migration.md", "FM002") not in found  # 04's own problem


def test_no_paths_lints_the_site_around_the_current_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLE / "guide")
    code, out, _ = run_cli(capsys, "check", "--format", "json")
    assert code == 1
    assert "guide/05-training.md" in {f["path"] for f in json.loads(out)}


def test_output_file_and_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run_cli(
        capsys, "check", str(EXAMPLE), "--format", "json", "--output", str(target)
    )
    assert code == 1 and out == ""
    assert json.loads(target.read_text("utf-8"))
    code, out, _ = run_cli(capsys, "check", str(EXAMPLE), "--quiet")
    assert code == 1 and out == ""


def test_statistics(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "check", str(EXAMPLE), "--statistics")
    assert "     3  FM003  frontmatter-schema" in out


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        ("colour: red\n", "unknown config key 'colour'"),
        ("chain:\n  keyz: [a]\n", "unknown config key 'keyz' in 'chain'"),
        ("select: 3\n", "'select'"),
        ("markers: [GAP]\n", "'markers'"),
        ("schemas:\n  - layout: x\n    schema: nope.json\n", "schema 'nope.json'"),
        ("a: [\n", "YAML error"),
    ],
)
def test_bad_config_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, fragment: str
) -> None:
    site = write_site(tmp_path, {"index.md": "---\ntitle: t\n---\n"}, config)
    code, out, err = run_cli(capsys, "check", str(site))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("guidelint: error:")
    assert fragment in err


def test_config_severity_and_precommit_severity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = "severity: {FM001: error}\nprecommit_severity: {FM001: info}\n"
    site = write_site(tmp_path, {"notes.md": "# raw\n"}, config)
    assert run_cli(capsys, "check", str(site))[0] == 1
    monkeypatch.setenv("PRE_COMMIT", "1")
    code, out, _ = run_cli(capsys, "check", str(site), "--format", "json")
    assert code == 0 and json.loads(out)[0]["severity"] == "info"


def test_per_file_ignores_and_config_ignore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = {"archive/old.md": "# raw\n", "notes.md": "# raw\n", "x.md": "---\n- a\n---\n"}
    config = "per_file_ignores:\n  'archive/**': [FM]\nignore: [FM002, NAV006]\n"
    site = write_site(tmp_path, pages, config)
    _, out, _ = run_cli(capsys, "check", str(site), "--format", "json")
    assert [(f["path"], f["rule"]) for f in json.loads(out)] == [("notes.md", "FM001")]


def test_explicit_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = write_site(tmp_path, {"notes.md": "# raw\n"})
    other = tmp_path / "strict.yaml"
    other.write_text("ignore: [FM001]\n", "utf-8")
    assert run_cli(capsys, "check", str(site), "--fail-on", "info", "--config", str(other))[0] == 0
    code, _, err = run_cli(capsys, "check", str(site), "--config", str(tmp_path / "missing.yaml"))
    assert code == 2 and "config file not found" in err


def test_unknown_selector_and_missing_path_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "check", str(EXAMPLE), "--select", "NOPE")
    assert code == 2 and "NOPE" in err
    code, _, err = run_cli(capsys, "check", str(tmp_path / "absent"))
    assert code == 2 and "no such file" in err


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "rules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [r.code for r in registry.RULES]


def test_rule_explains_from_the_rules_own_docs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "rule", "FM003")
    assert code == 0
    rule = registry.lookup("FM003")
    assert rule is not None
    for title, body in rule.sections.items():
        assert title in out and body.splitlines()[0] in out
    assert run_cli(capsys, "rule", "frontmatter-schema")[1] == out
    assert run_cli(capsys, "rule", "XX999")[0] == 2


def test_every_rule_is_documented() -> None:
    """A rule without its four doc sections fails here, whoever adds it."""
    codes = set()
    for rule in registry.RULES:
        assert rule.code not in codes
        codes.add(rule.code)
        assert set(rule.sections) >= {
            "What it checks",
            "Why it matters",
            "Example",
            "How to fix",
        }, rule.code
        assert all(body.strip() for body in rule.sections.values()), rule.code
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.summary and not rule.summary.endswith(".")


def test_python_dash_m_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "guidelint", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("guidelint, version ")


def test_rules_reference_is_generated_and_fresh() -> None:
    """docs/rules.md comes from the rules' metadata; regenerate it when a rule changes."""
    from guidelint.docs import reference

    committed = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert committed == reference(), "run: python -m guidelint.docs > docs/rules.md"


def test_sarif_has_the_2_1_0_structure(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "check", str(EXAMPLE), "--format", "sarif", "--today", "2026-11-27")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_junit_is_well_formed_xml(capsys: pytest.CaptureFixture[str]) -> None:
    import xml.etree.ElementTree as ET

    _, out, _ = run_cli(capsys, "check", str(EXAMPLE), "--format", "junit", "--today", "2026-11-27")
    suite = ET.fromstring(out)
    failures = suite.findall("./testcase/failure")
    assert suite.tag == "testsuite" and int(suite.get("failures", "0")) == len(failures) > 0
