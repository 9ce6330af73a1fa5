"""The GitHub Action (`action.yml`): its shape, and its scripts run for real.

GitHub runs a composite action's `run` steps as
`bash --noprofile --norc -eo pipefail FILE`, with `${{ inputs.NAME }}`
expressions already replaced and `GITHUB_ACTION_PATH` and
`GITHUB_STEP_SUMMARY` set. The test does the same, skipping the steps that
set up Python and install guidelint (both are here already). The README's
CI snippets are checked against SchemaStore's schemas for GitHub workflows
and GitLab CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests import schemastore
from tests.conftest import ROOT

ACTION = ROOT / "action.yml"
GOLDEN = ROOT / "tests" / "golden" / "output"
_EXPR = re.compile(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}")

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is needed")


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe", pure=True).load(ACTION.read_text("utf-8"))
    return loaded


def test_it_is_a_composite_action_with_documented_inputs() -> None:
    spec = action()
    assert set(spec) <= {"name", "description", "author", "branding", "inputs", "outputs", "runs"}
    assert spec["name"] == "guidelint" and spec["description"].strip()
    inputs = spec["inputs"]
    assert set(inputs) == {"path", "args", "python-version"}
    assert all(i["description"].strip() and "default" in i for i in inputs.values())
    assert inputs["path"]["default"] == "." and inputs["args"]["default"] == ""
    assert inputs["python-version"]["default"] == "3.12"
    assert spec["runs"]["using"] == "composite"


def test_it_is_valid_against_the_action_metadata_schema() -> None:
    """SchemaStore's schema for `action.yml`: among others, a composite `run` needs `shell`."""
    url = "https://json.schemastore.org/github-action.json"
    assert schemastore.errors(url, action()) == []
    broken = action()
    next(step for step in broken["runs"]["steps"] if "run" in step).pop("shell")
    assert schemastore.errors(url, broken)


def test_every_step_is_well_formed() -> None:
    steps = action()["runs"]["steps"]
    assert steps
    for step in steps:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            # A composite step has no default shell: GitHub rejects one without.
            assert step["shell"] == "bash", step
        else:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", step["uses"]), step
    [setup] = [s for s in steps if "uses" in s]
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    [install] = [s for s in steps if "pip install" in s.get("run", "")]
    assert '"$GITHUB_ACTION_PATH"' in install["run"]


def test_inputs_used_are_declared_and_never_spliced_into_scripts() -> None:
    spec = action()
    used = set(_EXPR.findall(ACTION.read_text("utf-8")))
    assert used == set(spec["inputs"])
    for step in spec["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), "pass inputs through env:, not the script text"


def run_action(
    tmp_path: Path, inputs: dict[str, str], cwd: Path = ROOT
) -> tuple[int, str, str, str]:
    """The action's own steps after the install, as GitHub runs them.

    Returns the exit code of the last step run, its stdout and stderr, and
    what the steps wrote to the job summary.
    """
    spec = action()
    values = {name: i["default"] for name, i in spec["inputs"].items()} | inputs
    summary = tmp_path / "step_summary.md"
    summary.write_text("", "utf-8")
    base = {
        **os.environ,
        # guidelint as installed here, found the way the installed one is on a runner.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_WORKSPACE": str(cwd),
    }

    def expand(text: str) -> str:
        return _EXPR.sub(lambda m: values[m.group(1)], text)

    code, out, err = 0, "", ""
    ran = 0
    for number, step in enumerate(spec["runs"]["steps"]):
        if "uses" in step or "pip install" in step["run"]:
            continue
        script = tmp_path / f"step{number}.sh"
        script.write_text(expand(step["run"]), "utf-8")
        env = base | {k: expand(str(v)) for k, v in step.get("env", {}).items()}
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        code, out, err = proc.returncode, proc.stdout, proc.stderr
        ran += 1
        if code:
            break
    assert ran, "the action has no step to run after the install"
    return code, out, err, summary.read_text("utf-8")


def test_the_action_annotates_and_summarises_the_example_guide(tmp_path: Path) -> None:
    code, out, err, summary = run_action(
        tmp_path, {"path": "examples/migration-guide", "args": "--today 2026-11-27"}
    )
    assert code == 1, err
    # Exactly what the formats give run by hand (the golden files): annotations
    # on stdout with paths from the workspace root, the table in the summary.
    assert out == (GOLDEN / "example.github").read_text("utf-8")
    assert "::error file=examples/migration-guide/guide/" in out
    assert summary == (GOLDEN / "example.markdown").read_text("utf-8")
    assert summary.startswith("## guidelint\n") and "| Rule | Findings |" in summary


def test_args_are_passed_through_and_decide_the_exit_code(tmp_path: Path) -> None:
    site = {"path": "examples/migration-guide"}
    # Only a warning-level rule: clean at the default --fail-on error ...
    args = "--select STL002   --today 2026-11-27"
    code, out, _, summary = run_action(tmp_path, site | {"args": args})
    assert code == 0
    assert out.startswith("::warning file=examples/migration-guide/guide/01-kick-off.md,line=8")
    assert "STL002 review-overdue | 1 |" in summary
    # ... and failing at --fail-on warning.
    code, _, _, summary = run_action(tmp_path, site | {"args": f"{args} --fail-on warning"})
    assert code == 1
    assert "STL002 review-overdue | 1 |" in summary


def test_a_clean_site_in_a_folder_with_a_space_passes(tmp_path: Path) -> None:
    workspace = tmp_path / "work space"
    site = workspace / "my docs"
    site.mkdir(parents=True)
    (site / "_config.yml").write_text("title: t\n", "utf-8")
    (site / "index.md").write_text("---\ntitle: Home\n---\nHello.\n", "utf-8")
    code, out, err, summary = run_action(tmp_path, {"path": "my docs"}, cwd=workspace)
    assert code == 0, err
    assert out.startswith("No problems") and "::" not in out
    assert summary.startswith("## guidelint\n") and "No problems" in summary
    assert "|" not in summary  # no table when there is nothing to list


def test_a_stopped_run_fails_the_step_with_its_reason(tmp_path: Path) -> None:
    code, out, err, _ = run_action(tmp_path, {"path": "no-such-site"})
    assert code == 2
    assert "::error" not in out and err.strip() and "Traceback" not in err


WORKFLOW = "https://json.schemastore.org/github-workflow.json"
GITLAB_CI = (
    "https://gitlab.com/gitlab-org/gitlab/-/raw/master/app/assets/javascripts/editor/schema/ci.json"
)


def readme_ci_snippets() -> list[dict[str, Any]]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("\n## In CI\n", 1)[1].split("\n## ", 1)[0]
    yaml = YAML(typ="safe", pure=True)
    return [yaml.load(block) for block in re.findall(r"```yaml\n(.*?)```", section, re.S)]


def test_the_readme_ci_snippets_are_valid_workflows_and_pipelines() -> None:
    """Each snippet against SchemaStore's schema for what it is (a partial one completed)."""
    snippets = readme_ci_snippets()
    kinds = []
    for snippet in snippets:
        if "jobs" in snippet or "steps" in snippet:
            jobs = snippet.get("jobs") or {"lint": {"runs-on": "ubuntu-latest", **snippet}}
            workflow = {"on": snippet.get("on", "push"), **snippet, "jobs": jobs}
            workflow.pop("steps", None)
            assert schemastore.errors(WORKFLOW, workflow) == []
            kinds.append("github")
        else:
            assert schemastore.errors(GITLAB_CI, snippet) == []
            kinds.append("gitlab")
    assert kinds == ["github", "github", "github", "gitlab"]
    uses = [
        step.get("uses", "")
        for snippet in snippets
        for job in snippet.get("jobs", {}).values()
        for step in job.get("steps", [])
    ]
    assert "OWNER/guidelint@v1" in uses and "github/codeql-action/upload-sarif@v4" in uses
    [gitlab] = snippets[-1].values()
    assert set(gitlab["artifacts"]["reports"]) == {"codequality", "junit"}
