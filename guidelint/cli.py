"""The command line: parses options, calls the engine, prints, picks the exit code.

No linting logic lives here. Every error a user can cause ends as one line
on stderr and exit code 2; so does any unexpected internal error.
"""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from guidelint import __version__, baseline, docs, engine, registry, report_formats
from guidelint import config as config_mod
from guidelint import report as report_mod
from guidelint.errors import GuidelintError
from guidelint.findings import Severity
from guidelint.packs import load_packs
from guidelint.reporters import REPORTERS
from guidelint.reporters.base import Report

F = TypeVar("F", bound=Callable[..., Any])


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """`--select FM,NAV001 --select LNK` -> ('FM', 'NAV001', 'LNK')."""
    return tuple(
        part.strip().upper() for value in values for part in value.split(",") if part.strip()
    )


_paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
_config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Config file (default: .guidelint.yaml found upward from the site root).",
)
_no_cache_option = click.option(
    "--no-cache", is_flag=True, help="Parse every page afresh; neither read nor write the cache."
)
_output_option = click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file instead of standard output.",
)


def _emit(text: str, output: Path | None, quiet: bool = False) -> None:
    """Write a report to `output`, or print it unless `quiet`.

    A file name that is not UTF-8 reaches a report as surrogates for its
    raw bytes; they are written as `\udce9` escapes, so every report stays
    valid UTF-8 (and valid JSON).
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise GuidelintError(f"{output}: cannot write: {exc.strerror}") from None
    elif not quiet:
        click.echo(text, nl=False)


def _prefix(root: Path) -> str:
    """The site root relative to the current folder (`docs/`), for CI annotations."""
    try:
        relative = root.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return ""
    return "" if relative == "." else relative + "/"


def _day(text: str | None) -> datetime.date | None:
    """`--today`: a YYYY-MM-DD date, or None for the real today."""
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise GuidelintError(f"--today {text!r} is not a date (use YYYY-MM-DD)") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="guidelint")
def cli() -> None:
    """Lint documentation guides kept as Jekyll sources."""


@cli.command()
@_paths_argument
@_config_option
@click.option(
    "--select", multiple=True, help="Only these rule codes or prefixes (FM, LNK0, NAV001)."
)
@click.option("--ignore", multiple=True, help="Skip these rule codes or prefixes.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@_output_option
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes (default: one per core).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing; only the exit code tells.")
@click.option("--statistics", is_flag=True, help="Count findings by rule after the list.")
@click.option("--today", help="The date date rules use (YYYY-MM-DD; default: today).")
@_no_cache_option
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report only findings not recorded in this baseline (default: the config's).",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Record every current finding in this file and exit 0.",
)
def check(
    paths: tuple[Path, ...],
    config_file: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fmt: str,
    output: Path | None,
    fail_on: str,
    jobs: int,
    quiet: bool,
    statistics: bool,
    today: str | None,
    no_cache: bool,
    baseline_file: Path | None,
    write_baseline: Path | None,
) -> None:
    """Lint the site around PATHS (default: the current folder).

    The whole site is loaded; PATHS narrow what is reported.
    """
    if config_file is not None and not config_file.is_file():
        raise GuidelintError(f"{config_file}: config file not found")
    options = engine.Options(
        paths=paths,
        config_file=config_file,
        select=_codes(select),
        ignore=_codes(ignore),
        jobs=jobs,
        precommit=os.environ.get("PRE_COMMIT") == "1",
        today=_day(today),
        use_cache=not no_cache,
        baseline=baseline_file,
        use_baseline=write_baseline is None,
    )
    result = engine.run(options)
    if write_baseline is not None:
        if result.narrowed:
            raise GuidelintError("--write-baseline records the whole site: give no paths")
        baseline.write(write_baseline, result.findings)
        if not quiet:
            click.echo(
                f"guidelint: wrote {len(result.findings)} findings to {write_baseline}", err=True
            )
        sys.exit(0)
    to_terminal = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    report = Report(
        result.findings,
        result.files_read,
        color=to_terminal,
        statistics=statistics,
        path_prefix=_prefix(result.root),
    )
    text = REPORTERS[fmt](report)
    _emit(text, output, quiet)
    if result.baseline is not None and result.baseline.fixed and not quiet:
        outcome = result.baseline
        click.echo(
            f"guidelint: {outcome.fixed} of {outcome.entries} baseline entries no longer occur; "
            "tighten the baseline with --write-baseline",
            err=True,
        )
    sys.exit(engine.exit_code(result.findings, Severity.parse(fail_on)))


@cli.command()
@_paths_argument
@_config_option
@click.option("--marker", "markers", multiple=True, help="Only these markers (GAP, UPLIFT).")
@click.option("--older-than", help="Only items older than this (90d, 12w).")
@click.option("--path", "path_glob", help="Only files matching this glob (guide/**).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(report_formats.FORMATS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@_output_option
@click.option("--today", help="The date ages are counted to (YYYY-MM-DD; default: today).")
@click.option("--all", "everything", is_flag=True, help="Add stale-reference and text findings.")
@click.option("--jobs", type=click.IntRange(min=0), default=0, help="Worker processes.")
@_no_cache_option
def report(
    paths: tuple[Path, ...],
    config_file: Path | None,
    markers: tuple[str, ...],
    older_than: str | None,
    path_glob: str | None,
    fmt: str,
    output: Path | None,
    today: str | None,
    everything: bool,
    jobs: int,
    no_cache: bool,
) -> None:
    """The editors' list of open markers, oldest first, with their age from git."""
    day = _day(today) or datetime.date.today()
    try:
        age = report_mod.parse_age(older_than) if older_than else None
    except ValueError as exc:
        raise GuidelintError(str(exc)) from None
    select = report_mod.MARKER_RULES + (report_mod.OTHER_FAMILIES if everything else ())
    # A baseline or a suppression quiets `check`; editors still want every open item.
    options = engine.Options(
        paths=paths,
        config_file=config_file,
        select=select,
        jobs=jobs,
        today=day,
        use_baseline=False,
        use_suppressions=False,
        use_cache=not no_cache,
    )
    result = engine.run(options)
    found = report_mod.items_from(result.findings, everything)
    items = report_mod.with_history(found, result.root, day)
    items = report_mod.select(items, _codes(markers), age, path_glob)
    text = report_formats.FORMATS[fmt](items)
    _emit(text, output)


@cli.command(name="rules")
def list_rules() -> None:
    """List every rule: code, name, default severity and summary."""
    for rule in registry.RULES:
        fix = " (fixable)" if rule.fixable else ""
        click.echo(f"{rule.code}  {rule.name:<22} {rule.severity!s:<8} {rule.summary}{fix}")


@cli.command(name="rule")
@click.argument("code")
def explain_rule(code: str) -> None:
    """Explain one rule (by code or name): what, why, example, fix, config."""
    rule = registry.lookup(code)
    if rule is None:
        raise GuidelintError(f"no rule '{code}'; `guidelint rules` lists them")
    click.echo(docs.rule_page(rule), nl=False)
    if rule.code == "STL001":
        click.echo(_enabled_terms(), nl=False)


def _enabled_terms() -> str:
    """The terms the config found from the current folder enables, for `rule STL001`."""
    config_path = config_mod.find(Path.cwd())
    config = config_mod.load_config(config_path)
    terms = load_packs(
        config.rule_packs, config_path.parent if config_path else None, config.disabled_terms
    )
    if not terms:
        return "\nNo rule pack is enabled here (`rule_packs:` in .guidelint.yaml).\n"
    lines = [f"\nEnabled here ({config_path}):"]
    for term in terms:
        lines.append(
            f"  {term.pack}:{term.id}  /{term.pattern.pattern}/ -> {' or '.join(term.replacement)}"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    """Entry point: run the CLI and turn every failure into one line and exit 2."""
    try:
        cli.main(standalone_mode=False, prog_name="guidelint")
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("guidelint: aborted", err=True)
        sys.exit(2)
    except GuidelintError as exc:
        click.echo(f"guidelint: error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(1)
    except RecursionError:
        click.echo("guidelint: internal error: input nested too deeply", err=True)
        sys.exit(2)
    except Exception as exc:  # never a traceback for any input
        click.echo(f"guidelint: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(2)
