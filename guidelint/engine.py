"""The pipeline: disk -> pages -> rules -> findings. Returns data, never prints.

The whole site is always loaded so cross-page rules stay right; the paths
given only narrow what is reported.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from guidelint import config as config_mod
from guidelint import registry
from guidelint.context import Context
from guidelint.errors import GuidelintError
from guidelint.findings import Finding, Severity
from guidelint.globs import glob_match
from guidelint.model import Page, SiteFile
from guidelint.parse import read_page
from guidelint.rule import Rule
from guidelint.site import find_root, load_config, walk

PARALLEL_MIN_FILES = 300  # below this, starting workers costs more than it saves


@dataclass(frozen=True)
class Options:
    paths: tuple[Path, ...] = ()
    config_file: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    jobs: int = 0  # 0: one per core
    precommit: bool = False


@dataclass
class Result:
    root: Path
    findings: list[Finding]
    rules: tuple[Rule, ...]
    files_read: int


class InternalError(GuidelintError):
    """A bug in guidelint met while reading one file: reported with that file."""


def site_root(paths: Sequence[Path]) -> Path:
    """The Jekyll root around `paths`, or their common folder when there is none."""
    targets = [p.resolve() for p in paths] or [Path.cwd().resolve()]
    for target in targets:
        if not target.exists():
            raise GuidelintError(f"{target}: no such file or folder")
    roots = {find_root(t) for t in targets}
    if len(roots) > 1:
        if None in roots:
            raise GuidelintError(
                "the paths given are inside and outside a Jekyll site; lint one site a run"
            )
        raise GuidelintError(
            "the paths given belong to different Jekyll sites; lint one site a run"
        )
    root = roots.pop()
    if root is not None:
        return root
    folders = [t if t.is_dir() else t.parent for t in targets]
    return Path(os.path.commonpath(folders))


def run(options: Options) -> Result:
    root = site_root(options.paths)
    site = load_config(root)
    config_path = options.config_file or config_mod.find(root)
    config = config_mod.load_config(config_path)
    select = options.select or config.select
    ignore = (*config.ignore, *options.ignore)
    unknown = registry.unknown_selectors([*select, *ignore])
    if unknown:
        raise GuidelintError(f"unknown rule code or prefix: {', '.join(unknown)}")
    rules = tuple(registry.enabled(select, ignore))
    files = walk(site)
    ctx = Context(site=site, config=config, layouts=frozenset(files.layouts))
    pages, findings = _check_pages(ctx, rules, files.sources, options.jobs)
    findings = _apply_severities(findings, config, options.precommit)
    findings = _apply_per_file_ignores(findings, config.per_file_ignores)
    findings = _narrow(findings, root, options.paths)
    findings.sort()
    return Result(root=root, findings=findings, rules=rules, files_read=len(pages))


def _apply_severities(
    findings: list[Finding], config: config_mod.Config, precommit: bool
) -> list[Finding]:
    """Config `severity` overrides, then `precommit_severity` under pre-commit."""
    overrides = dict(config.severity)
    if precommit:
        overrides.update(config.precommit_severity)
    if not overrides:
        return findings
    return [replace(f, severity=overrides[f.rule]) if f.rule in overrides else f for f in findings]


# -- page checks, in parallel --------------------------------------------------

_WORKER: tuple[Context, tuple[Rule, ...]] | None = None


def _init_worker(ctx: Context, rules: tuple[Rule, ...]) -> None:
    global _WORKER  # noqa: PLW0603 - per-process state set once by the pool
    _WORKER = (ctx, rules)


def _check_chunk(items: list[SiteFile]) -> list[tuple[Page, list[Finding]]]:
    assert _WORKER is not None
    ctx, rules = _WORKER
    return [_check_one(ctx, rules, item) for item in items]


def _check_one(ctx: Context, rules: tuple[Rule, ...], item: SiteFile) -> tuple[Page, list[Finding]]:
    try:
        page = read_page(ctx.site, item)
        found: list[Finding] = []
        for rule in rules:
            found.extend(rule.check(page, ctx))
        return page, found
    except GuidelintError:
        raise
    except Exception as exc:  # a bug must name the file, never dump a traceback
        raise InternalError(
            f"internal error while reading {item.path}: {type(exc).__name__}: {exc}"
        ) from exc


def _check_pages(
    ctx: Context, rules: tuple[Rule, ...], items: list[SiteFile], jobs: int
) -> tuple[list[Page], list[Finding]]:
    workers = jobs or os.cpu_count() or 1
    if (
        workers <= 1
        or len(items) < PARALLEL_MIN_FILES
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        results = [_check_one(ctx, rules, item) for item in items]
    else:
        size = max(16, len(items) // (workers * 8))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        mp_context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context, _init_worker, (ctx, rules)) as pool:
            results = [pair for chunk in pool.map(_check_chunk, chunks) for pair in chunk]
    pages = [page for page, _ in results]
    findings = [finding for _, found in results for finding in found]
    return pages, findings


# -- narrowing -----------------------------------------------------------------


def _apply_per_file_ignores(
    findings: list[Finding], per_file: dict[str, tuple[str, ...]]
) -> list[Finding]:
    if not per_file:
        return findings
    return [
        f
        for f in findings
        if not any(
            glob_match(glob, f.path) and registry.matches(f.rule, codes)
            for glob, codes in per_file.items()
        )
    ]


def _narrow(findings: list[Finding], root: Path, paths: Iterable[Path]) -> list[Finding]:
    """Keep findings in the given paths (all when none, or the root itself, is given)."""
    wanted: list[str] = []
    for path in paths:
        rel = path.resolve().relative_to(root).as_posix() if path.resolve() != root else ""
        if not rel:
            return findings
        wanted.append(rel)
    if not wanted:
        return findings
    return [f for f in findings if any(f.path == w or f.path.startswith(w + "/") for w in wanted)]


def exit_code(findings: Iterable[Finding], fail_on: Severity) -> int:
    """0 when nothing reaches `fail_on`, else 1 (2 is for errors that stop a run)."""
    return 1 if any(f.severity >= fail_on for f in findings) else 0
