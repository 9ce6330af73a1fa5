"""The pipeline: disk -> pages -> rules -> findings. Returns data, never prints.

The whole site is always loaded so cross-page rules stay right; the paths
given only narrow what is reported.
"""

from __future__ import annotations

import datetime
import gc
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from guidelint import baseline, navdata, registry, suppress
from guidelint import config as config_mod
from guidelint import facts as facts_mod
from guidelint.anchors import IdOptions
from guidelint.baseline import Outcome
from guidelint.cache import PageCache, Record, context_key, digest, stable_repr
from guidelint.checks import suppression_unused
from guidelint.context import Context
from guidelint.errors import GuidelintError
from guidelint.findings import Finding, Severity
from guidelint.globs import glob_match
from guidelint.history import previous_pages
from guidelint.model import Kind, Page, SiteFile
from guidelint.packs import load_packs
from guidelint.parse import read_source
from guidelint.rule import Rule
from guidelint.site import SiteFiles, find_root, load_config, walk
from guidelint.siteindex import NavEntry, SiteIndex
from guidelint.suppress import Directive
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
    use_cache: bool = True
    baseline: Path | None = None  # default: the config's `baseline:`
    use_baseline: bool = True  # False when writing one
    use_suppressions: bool = True  # False for the editors' report: every open item


@dataclass
class Result:
    root: Path
    findings: list[Finding]
    rules: tuple[Rule, ...]
    files_read: int
    baseline: Outcome | None = None  # set when a baseline was applied
    narrowed: bool = False  # paths narrowed what is reported


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
        day=options.today or datetime.date.today(),
        terms=load_packs(
            config.rule_packs, config.path.parent if config.path else None, config.disabled_terms
        ),
        rule_codes=frozenset(registry.by_code()),
    )
    page_rules = tuple(rule for rule in rules if rule.check is not None)
    site_rules = tuple(rule for rule in rules if rule.site_check is not None)
    # Templates first: pages' include links and anchors depend on them.
    templates = [f for f in files.sources if f.kind in (Kind.LAYOUT, Kind.INCLUDE)]
    template_reads = [_guarded(item, partial(read_source, site, item)) for item in templates]
    template_pages = [read.page for read in template_reads]
    ctx.templates = Templates.from_pages(template_pages, site.includes_dir, site.layouts_dir)
    ctx.site_files = frozenset(
        [*(f.path for f in files.sources), *files.static, *files.others, *files.data_files]
    )
    findings = [
        finding
        for item, page in zip(templates, template_pages, strict=True)
        for finding in _guarded(item, partial(_page_findings, ctx, page_rules, page))
    ]
    directives = {page.path: page.body.suppressions for page in template_pages}
    key = _context_key(ctx, rules, templates, [read.digest for read in template_reads])
    store = PageCache.open(root, key, options.use_cache)
    rest = [f for f in files.sources if f.kind not in (Kind.LAYOUT, Kind.INCLUDE)]
    data_files = files.data_files if site_rules else None
    records, nav = _check_pages(ctx, page_rules, rest, options.jobs, data_files, store)
    for item, record in records:
        found, page_directives = pickle.loads(record.result)
        findings.extend(found)
        if page_directives:
            directives[item.path] = page_directives
    if site_rules:
        findings.extend(_cross_page(ctx, site_rules, records, template_pages, files, nav, store))
    store.save()
    findings, outcome = _settle(findings, directives, rules, config, options)
    wanted = _given(root, options.paths)
    reported = _narrow(findings, ctx, wanted, files) if wanted is not None else findings
    reported.sort()
    return Result(
        root=root,
        findings=reported,
        rules=rules,
        files_read=len(files.sources),
        baseline=outcome,
        narrowed=wanted is not None,
    )


def _settle(
    findings: list[Finding],
    directives: dict[str, tuple[Directive, ...]],
    rules: tuple[Rule, ...],
    config: config_mod.Config,
    options: Options,
) -> tuple[list[Finding], Outcome | None]:
    """What the site says about its findings: suppressions, severities, ignores, baseline.

    Suppressions come first, so SUP001 findings take severities and ignores too.
    """
    if options.use_suppressions:
        rules_narrowed = bool(options.select or options.ignore)
        findings = _apply_suppressions(findings, directives, rules, rules_narrowed)
    findings = _apply_severities(findings, config, options.precommit)
    findings = _apply_per_file_ignores(findings, config.per_file_ignores)
    baseline_file = options.baseline or config.baseline
    if not options.use_baseline or baseline_file is None:
        return findings, None
    ran = frozenset(rule.code for rule in rules)
    return baseline.apply(findings, baseline.load(baseline_file), ran.__contains__)


def _cross_page(
    ctx: Context,
    rules: tuple[Rule, ...],
    records: list[tuple[SiteFile, Record]],
    template_pages: list[Page],
    files: SiteFiles,
    nav: list[NavEntry] | None,
    store: PageCache,
) -> list[Finding]:
    """The cross-page rules' findings: reused while no page's facts changed.

    Most edits (prose, a typo) leave a page's facts as they were, and the
    cross-page rules read nothing else of pages.
    """
    templates = [facts_mod.build(page, ctx) for page in template_pages]
    data = context_key(
        part for rel in files.data_files for part in (rel, store.content_digest(rel) or b"")
    )
    parts: list[bytes | str] = [store.key, data, "\n".join(files.static)]
    parts.append("\n".join(files.others))
    parts.extend(part for item, record in records for part in (item.path, record.facts_digest))
    parts.append(pickle.dumps(templates, pickle.HIGHEST_PROTOCOL))
    site_digest = context_key(parts)
    cached = store.site_findings(site_digest)
    if cached is not None:
        found: list[Finding] = pickle.loads(cached)
        return found
    facts = [pickle.loads(record.facts) for _, record in records]
    if nav is None:
        known = store.nav(data)
        if known is not None:
            nav = pickle.loads(known)
        else:
            nav = navdata.entries(ctx.site, files.data_files)
    store.store_nav(data, pickle.dumps(nav, pickle.HIGHEST_PROTOCOL))
    index = SiteIndex(ctx.site, [*facts, *templates], files.static, files.others, nav)
    found = _site_findings(ctx, rules, index)
    store.store_site(site_digest, pickle.dumps(found, pickle.HIGHEST_PROTOCOL))
    return found


def _context_key(
    ctx: Context, rules: tuple[Rule, ...], templates: list[SiteFile], digests: list[bytes]
) -> bytes:
    """What every page's result depends on besides the page (see `cache`)."""
    config = ctx.config
    parts: list[bytes | str] = [
        str(ctx.site.root),
        stable_repr(ctx.site),
        stable_repr(config),
        stable_repr(ctx.terms),
        " ".join(rule.code for rule in rules),
        " ".join(sorted(ctx.layouts)),
    ]
    for choice in config.schemas:  # the site's own schemas, which may change
        try:
            parts.append(choice.schema.read_bytes())
        except OSError:
            parts.append(str(choice.schema))
    for item, found in zip(templates, digests, strict=True):
        parts.extend((item.path, found))
    return context_key(parts)


def _apply_suppressions(
    findings: list[Finding],
    directives: dict[str, tuple[Directive, ...]],
    rules: tuple[Rule, ...],
    rules_narrowed: bool,
) -> list[Finding]:
    """Drop what pages' `guidelint-disable` comments silence; report those that silence nothing.

    A code is judged only when every rule it names ran (`LNK` under
    `--select LNK001` is not); a code-less directive only when the command
    line did not narrow the rules. SUP findings are never silenced in a page
    (SUP002 says so), so codes naming them are not judged either.
    """
    ran = frozenset(rule.code for rule in rules)
    every = registry.by_code()

    def judged(code: str | None) -> bool:
        if code is None:
            return not rules_narrowed
        named = [c for c in every if c.startswith(code)]
        return bool(named) and not code.startswith("SUP") and all(c in ran for c in named)

    unused = suppression_unused.finding if suppression_unused.RULE in rules else None
    return suppress.apply(findings, directives, judged, unused)


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


def _init_worker(ctx: Context, rules: tuple[Rule, ...], want_facts: bool) -> None:
    global _WORKER  # noqa: PLW0603 - per-process state set once by the pool
    _WORKER = (ctx, rules, want_facts)
    # Each page makes thousands of short-lived objects that reference
    # counting frees; collect cycles rarely, and never rescan what came
    # from the parent.
    gc.freeze()
    gc.set_threshold(50_000, 50, 50)
    gc.enable()


def _check_chunk(items: list[SiteFile]) -> list[Record]:
    assert _WORKER is not None
    ctx, rules, want_facts = _WORKER
    return [_check_one(ctx, rules, item, want_facts) for item in items]


def _page_findings(ctx: Context, rules: tuple[Rule, ...], page: Page) -> list[Finding]:
    found: list[Finding] = []
    for rule in rules:
        assert rule.check is not None
        found.extend(rule.check(page, ctx))
    return found


def _check_one(ctx: Context, rules: tuple[Rule, ...], item: SiteFile, want_facts: bool) -> Record:
    """Parse one file, run the page rules, and sum it up for the site index.

    The result travels pickled, as the cache keeps it: only the compact
    facts leave a worker, never the page text.
    """

    def work() -> Record:
        ctx.begin_page()
        page, found_digest, found_signature = read_source(ctx.site, item)
        found = _page_findings(ctx, rules, page)
        facts = facts_mod.build(page, ctx) if want_facts else None
        facts_bytes = pickle.dumps(facts, pickle.HIGHEST_PROTOCOL)
        return Record(
            kind=item.kind,
            digest=found_digest,
            deps=ctx.page_deps(),
            facts=facts_bytes,
            facts_digest=digest(facts_bytes),
            signature=found_signature,
            result=pickle.dumps((found, page.body.suppressions), pickle.HIGHEST_PROTOCOL),
        )

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
    data_files: list[str] | None,
    store: PageCache,
) -> tuple[list[tuple[SiteFile, Record]], list[NavEntry] | None]:
    """Each page's result, from the cache or checked, in parallel when it pays.

    `data_files` is None when no cross-page rule runs: pages are then not
    summed up. With workers, one of them also reads the navigation in
    `data_files` meanwhile; otherwise that is left to the caller, who may
    not need it.
    """
    want_facts = data_files is not None
    day, site_files = ctx.day, ctx.site_files
    found: dict[int, Record] = {}
    missing: list[int] = []
    for number, item in enumerate(items):
        record = store.lookup(item.path, item.kind, day, site_files)
        if record is None:
            missing.append(number)
        else:
            found[number] = record
    todo = [items[number] for number in missing]
    workers = jobs or os.cpu_count() or 1
    nav: list[NavEntry] | None = None
    if (
        workers <= 1
        or len(todo) < PARALLEL_MIN_FILES
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        checked = [_check_one(ctx, rules, item, want_facts) for item in todo]
    else:
        size = max(16, len(todo) // (workers * 32))
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        mp_context = multiprocessing.get_context("fork")
        init = (ctx, rules, want_facts)
        with ProcessPoolExecutor(workers, mp_context, _init_worker, init) as pool:
            reading = pool.submit(navdata.entries, ctx.site, data_files) if data_files else None
            checked = [record for chunk in pool.map(_check_chunk, chunks) for record in chunk]
            nav = reading.result() if reading is not None else ([] if want_facts else None)
    for number, record in zip(missing, checked, strict=True):
        found[number] = record
        store.store(items[number].path, record)
    return [(item, found[number]) for number, item in enumerate(items)], nav


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


def _given(root: Path, paths: Iterable[Path]) -> list[str] | None:
    """The site paths given, or None for the whole site (no paths, or the root among them)."""
    wanted: list[str] = []
    for path in paths:
        resolved = path.resolve()
        if resolved == root:
            return None
        wanted.append(resolved.relative_to(root).as_posix())
    return wanted or None


def _narrow(
    findings: list[Finding], ctx: Context, wanted: list[str], files: SiteFiles
) -> list[Finding]:
    """Keep findings in the `wanted` site paths (files or folders).

    A cross-page finding elsewhere is kept too when a given file caused it:
    it names a given file as involved, its missing URL is one a given file
    published at git's HEAD (a renamed permalink), or its unreached page is
    one a given file linked to then (a removed link).
    """

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
