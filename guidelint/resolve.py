"""Step 3 of resolving a link: what the server answers, on the site index.

The baseurl must lead the path; `/x/` serves `x/index.html`; `/x` serves
`x`, `x.html`, or redirects to `x/` (as GitHub Pages does). Steps 1 and 2
(Liquid, the browser) are in `locate.py` and mostly ran in the workers.
"""

from __future__ import annotations

from typing import NamedTuple

from guidelint.facts import PageFacts
from guidelint.links import Link
from guidelint.locate import Location, Locator
from guidelint.siteindex import NavEntry, SiteIndex


class Target(NamedTuple):
    """Where a link lands.

    `status`: `ok`, `missing`, `skip` (external, unknowable or not a page
    link). For `ok`, `output` is the file served and `fragment` the `#id`
    asked for. For `missing`, `reason` says why, with a near miss.
    """

    status: str
    output: str | None = None
    fragment: str | None = None
    reason: str = ""
    site_path: str = ""  # the path without the baseurl, for a missing target


SKIP = Target("skip")


class Resolver:
    """Step 3, on the site index: what the server answers for each link."""

    def __init__(self, index: SiteIndex) -> None:
        self.index = index
        self.locator = Locator(index.site)
        self.baseurl = index.site.baseurl
        # Where each absolute path lands (without its fragment): most links
        # share a few targets.
        self.served: dict[str, Target] = {}

    def _link_url(self, source: str) -> str | None:
        fact = self.index.by_path.get(source)
        return None if fact is None else fact.url

    def resolve(self, link: Link, page: PageFacts) -> Target:
        """Where `link` (on `page`) lands on the published site."""
        location = link.location
        if location is None or location.status == "defer":
            location = self.locator.locate(
                link.target, page.url, page.output_path is not None, link.site_path, self._link_url
            )
        return self._land(location, page)

    def _land(self, location: Location, page: PageFacts | None) -> Target:
        if location.status == "path":
            return self._serve(
                location.path, location.fragment, location.relative, location.page_url
            )
        if location.status == "here" and page is not None and page.output_path is not None:
            return Target("ok", page.output_path.lstrip("/"), location.fragment)
        if location.status == "missing":
            return Target("missing", reason=location.reason)
        return SKIP

    def resolve_site_path(self, value: str) -> Target:
        """Where a site path that templates prefix with the baseurl lands (navigation data)."""
        target = value.strip()
        if not target or target.startswith("#"):
            return SKIP
        location = self.locator.locate(
            target, None, False, "{{" not in target and "{%" not in target, self._link_url
        )
        return self._land(location, None)

    def _serve(self, path: str, fragment: str | None, relative: bool, page_url: str) -> Target:
        known = self.served.get(path)
        if known is None:
            known = self.served[path] = self._serve_path(path, False, "")
        if known.status == "ok":
            return known if fragment is None else Target("ok", known.output, fragment)
        # Rare: a broken link. A relative one's message names the page it is on.
        return self._serve_path(path, True, page_url) if relative else known

    def _serve_path(self, path: str, relative: bool, page_url: str) -> Target:
        base = self.baseurl
        bare = (path[len(base) :] or "/") if base and path.startswith(base + "/") else path
        how = f" (resolved from the page's URL {page_url} to {path})" if relative else ""
        if base and not (path == base or path.startswith(base + "/")):
            if self.index.serve(path) is not None:
                return Target(
                    "missing",
                    site_path=bare,
                    reason=f"{path} lacks the baseurl {base}: on the published site it is "
                    f"{base}{path}{how}",
                )
            return Target(
                "missing",
                site_path=bare,
                reason=f"{path} is outside the site's baseurl {base}{how}",
            )
        site_path = path[len(base) :] or "/"
        if base and (site_path == base or site_path.startswith(base + "/")):
            inner = site_path[len(base) :] or "/"
            if self.index.serve(inner) is not None:
                return Target(
                    "missing",
                    site_path=bare,
                    reason=f"the baseurl {base} is doubled in {path}{how}",
                )
        served = self.index.serve(site_path)
        if served is not None:
            return Target("ok", served)
        near = self.index.near_miss(site_path)
        if near is not None and site_path.endswith("/") and near == site_path.rstrip("/"):
            reason = (
                f"{path} has a trailing slash, but the page is published as "
                f"{base}{near} (no folder index){how}"
            )
        elif near is not None:
            reason = f"no page or file at {path}{how}; did you mean {base}{near}?"
        else:
            reason = f"no page or file at {path}{how}"
        return Target("missing", reason=reason, site_path=bare)


def resolved_links(index: SiteIndex) -> list[tuple[PageFacts, Link, Target]]:
    """Every link of every page with where it lands; resolved once per run.

    The hot loop of cross-page checking: a link to a path already known to
    work is one dictionary lookup.
    """
    cached = index.cache.get("links")
    if cached is None:
        resolve = Resolver(index).resolve
        cached = [(page, link, resolve(link, page)) for page in index.pages for link in page.links]
        index.cache["links"] = cached
    return list(cached)


def nav_targets(index: SiteIndex) -> list[tuple[NavEntry, Target]]:
    """Navigation entries and URL fields with where they land; resolved once per run."""
    cached = index.cache.get("nav")
    if cached is None:
        resolver = Resolver(index)
        entries = list(index.nav)
        entries.extend(
            NavEntry(page.path, ref.line, ref.column, ref.key, ref.value, ref.source)
            for page in index.pages
            for ref in page.url_fields
        )
        cached = [(entry, resolver.resolve_site_path(entry.value)) for entry in entries]
        index.cache["nav"] = cached
    return list(cached)
