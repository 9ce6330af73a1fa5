"""The pipeline: disk -> pages -> rules -> findings. Returns data, never prints.

The whole site is always loaded so cross-page rules stay right; the paths
given only narrow what is reported.
"""

from __future__ import annotations

import datetime
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from guidelint import config as config_mod
from guidelint import facts as facts_mod
from guidelint import navdata, registry
from guidelint.anchors import IdOptions
from guidelint.context import Context
from guidelint.errors import GuidelintError
from guidelint.facts import PageFacts
from guidelint.findings import Finding, Severity
from guidelint.globs import glob_match
from guidelint.history import previous_pages
from guidelint.model import Kind, Page, SiteFile
from guidelint.packs import load_packs
from guidelint.parse import read_page
from guidelint.rule import Rule
from guidelint.site import SiteFiles, find_root, load_config, walk
from guidelint.siteindex import NavEntry, SiteIndex
from guidelint.templates import Templates

PARALLEL_MIN_FILES = 300  # below this, starting workers costs more than it saves


@dataclass(frozen=True)
class Options:
    paths: tuple[Path, ...] = ()
    config_file: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    jobs: int = 0  # 0: one per core
    precommit: bool = False
    today: datetime.date | None = None  # the date date rules use (default: today)


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
    """Lint the site around `options.paths`.

    The parent process holds one summary per page, millions of small
    objects that all live to the end: the cyclic garbage collector would
    rescan them again and again for nothing, so it pauses for the run
    (workers run with it on).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(options)
    finally:
        if was_enabled:
            gc.enable()


def _run(options: Options) -> Result:
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
    ctx = Context(
        site=site,
        config=config,
        layouts=frozenset(files.layouts),
        id_options=IdOptions.from_config(site.kramdown),
        today=options.today or datetime.date.today(),
        terms=load_packs(
            config.rule_packs, config.path.parent if config.path else None, config.disabled_terms
        ),
    )
    page_rules = tuple(rule for rule in rules if rule.check is not None)
    site_rules = tuple(rule for rule in rules if rule.site_check is not None)
    # Templates first: pages' include links and anchors depend on them.
    templates = [f for f in files.sources if f.kind in (Kind.LAYOUT, Kind.INCLUDE)]
    template_pages = [_guarded(item, partial(read_page, site, item)) for item in templates]
    ctx.templates = Templates.from_pages(template_pages, site.includes_dir, site.layouts_dir)
    ctx.site_files = frozenset(
        [*(f.path for f in files.sources), *files.static, *files.others, *files.data_files]
    )
    findings = [
        finding
        for item, page in zip(templates, template_pages, strict=True)
        for finding in _guarded(item, partial(_page_findings, ctx, page_rules, page))
    ]
    rest = [f for f in files.sources if f.kind not in (Kind.LAYOUT, Kind.INCLUDE)]
    data_files = files.data_files if site_rules else []
    facts, found, nav = _check_pages(
        ctx, page_rules, rest, options.jobs, bool(site_rules), data_files
    )
    findings.extend(found)
    if site_rules:
        facts.extend(facts_mod.build(page, ctx) for page in template_pages)
        index = SiteIndex(site, facts, files.static, files.others, nav)
        findings.extend(_site_findings(ctx, site_rules, index))
    findings = _apply_severities(findings, config, options.precommit)
    findings = _apply_per_file_ignores(findings, config.per_file_ignores)
    findings = _narrow(findings, ctx, options.paths, files)
    findings.sort()
    return Result(root=root, findings=findings, rules=rules, files_read=len(files.sources))


def _site_findings(ctx: Context, rules: tuple[Rule, ...], index: SiteIndex) -> list[Finding]:
    """Cross-page rules, once, on the index of the whole site."""
    found: list[Finding] = []
    for rule in rules:
        assert rule.site_check is not None
        try:
            found.extend(rule.site_check(index, ctx))
        except GuidelintError:
            raise
        except Exception as exc:  # a bug must name the rule, never dump a traceback
            raise InternalError(
                f"internal error in rule {rule.code}: {type(exc).__name__}: {exc}"
            ) from exc
    return found


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

_WORKER: tuple[Context, tuple[Rule, ...], bool] | None = None
Checked = tuple[PageFacts | None, list[Finding]]


def _init_worker(ctx: Context, rules: tuple[Rule, ...], want_facts: bool) -> None:
    global _WORKER  # noqa: PLW0603 - per-process state set once by the pool
    _WORKER = (ctx, rules, want_facts)
    # Each page makes thousands of short-lived objects that reference
    # counting frees; collect cycles rarely, and never rescan what came
    # from the parent.
    gc.freeze()
    gc.set_threshold(50_000, 50, 50)
    gc.enable()


def _check_chunk(items: list[SiteFile]) -> list[Checked]:
    assert _WORKER is not None
    ctx, rules, want_facts = _WORKER
    return [_check_one(ctx, rules, item, want_facts) for item in items]


def _page_findings(ctx: Context, rules: tuple[Rule, ...], page: Page) -> list[Finding]:
    found: list[Finding] = []
    for rule in rules:
        assert rule.check is not None
        found.extend(rule.check(page, ctx))
    return found


def _check_one(ctx: Context, rules: tuple[Rule, ...], item: SiteFile, want_facts: bool) -> Checked:
    """Parse one file, run the page rules, and sum it up for the site index.

    Only the compact facts travel back from a worker, never the page text.
    """

    def work() -> Checked:
        page = read_page(ctx.site, item)
        found = _page_findings(ctx, rules, page)
        return (facts_mod.build(page, ctx) if want_facts else None), found

    return _guarded(item, work)


T = TypeVar("T")


def _guarded(item: SiteFile, work: Callable[[], T]) -> T:
    """Run `work` on `item`; a bug names the file instead of dumping a traceback."""
    try:
        return work()
    except GuidelintError:
        raise
    except Exception as exc:
        raise InternalError(
            f"internal error while reading {item.path}: {type(exc).__name__}: {exc}"
        ) from exc


def _check_pages(
    ctx: Context,
    rules: tuple[Rule, ...],
    items: list[SiteFile],
    jobs: int,
    want_facts: bool,
    data_files: list[str],
) -> tuple[list[PageFacts], list[Finding], list[NavEntry]]:
    """Check every page, in parallel when it pays, and sum pages up when `want_facts`.

    The navigation in `data_files` is read by a worker meanwhile.
    """
    workers = jobs or os.cpu_count() or 1
    if (
        workers <= 1
        or len(items) < PARALLEL_MIN_FILES
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        results = [_check_one(ctx, rules, item, want_facts) for item in items]
        nav = navdata.entries(ctx.site, data_files)
    else:
        size = max(16, len(items) // (workers * 32))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        mp_context = multiprocessing.get_context("fork")
        init = (ctx, rules, want_facts)
        with ProcessPoolExecutor(workers, mp_context, _init_worker, init) as pool:
            reading = pool.submit(navdata.entries, ctx.site, data_files)
            results = [pair for chunk in pool.map(_check_chunk, chunks) for pair in chunk]
            nav = reading.result()
    facts = [fact for fact, _ in results if fact is not None]
    findings = [finding for _, found in results for finding in found]
    return facts, findings, nav


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


def _narrow(
    findings: list[Finding], ctx: Context, paths: Iterable[Path], files: SiteFiles
) -> list[Finding]:
    """Keep findings in the given paths (all when none, or the root itself, is given).

    A cross-page finding elsewhere is kept too when a given file caused it:
    it names a given file as involved, its missing URL is one a given file
    published at git's HEAD (a renamed permalink), or its unreached page is
    one a given file linked to then (a removed link).
    """
    root = ctx.site.root
    wanted: list[str] = []
    for path in paths:
        rel = path.resolve().relative_to(root).as_posix() if path.resolve() != root else ""
        if not rel:
            return findings
        wanted.append(rel)
    if not wanted:
        return findings

    def given(path: str) -> bool:
        return any(path == w or path.startswith(w + "/") for w in wanted)

    before: tuple[set[str], set[str]] | None = None
    kept: list[Finding] = []
    for finding in findings:
        if given(finding.path) or any(given(p) for p in finding.related):
            kept.append(finding)
        elif finding.target or finding.unreached:
            if before is None:
                before = _before(ctx, [item for item in files.sources if given(item.path)])
            published, linked = before
            if _url_key(finding.target) in published or _url_key(finding.unreached) in linked:
                kept.append(finding)
    return kept


def _before(ctx: Context, items: list[SiteFile]) -> tuple[set[str], set[str]]:
    """Site URLs the given files published, and linked to, at git's HEAD (compared loosely)."""
    published: set[str] = set()
    linked: set[str] = set()
    base = ctx.site.baseurl
    for page in previous_pages(ctx.site, items):
        if page.url is not None:
            published.add(_url_key(page.url))
        for link in facts_mod.build(page, ctx).links:
            location = link.location
            if location is not None and location.status == "path":
                path = location.path
                linked.add(_url_key(path[len(base) :] if base and path.startswith(base) else path))
    published.discard("")
    linked.discard("")
    return published, linked


def _url_key(url: str) -> str:
    """A URL compared loosely: `/a`, `/a/` and `/a.html` are one page that moved."""
    return url.split("#", 1)[0].removesuffix(".html").rstrip("/")


def exit_code(findings: Iterable[Finding], fail_on: Severity) -> int:
    """0 when nothing reaches `fail_on`, else 1 (2 is for errors that stop a run)."""
    return 1 if any(f.severity >= fail_on for f in findings) else 0
