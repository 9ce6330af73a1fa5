"""The site index: every published file and page, looked up in O(1).

Cross-page rules ask three questions many thousand times: which page
publishes this URL (chain keys compare URLs exactly, as templates do),
which file the server answers for this path (links), and what the nearest
existing URL is when there is none (messages). All three are dictionary
lookups here; near misses search only a page's own folder.
"""

from __future__ import annotations

import difflib
import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from guidelint import urls
from guidelint.facts import PageFacts
from guidelint.site import SiteConfig, static_output


@dataclass(frozen=True)
class NavEntry:
    """A URL in a `_data` file (navigation), with its place."""

    path: str
    line: int
    column: int
    key: str
    value: str
    source: str


class SiteIndex:
    def __init__(
        self,
        site: SiteConfig,
        facts: Iterable[PageFacts],
        static: Iterable[str] = (),
        others: Iterable[str] = (),
        nav: Iterable[NavEntry] = (),
    ) -> None:
        self.site = site
        self.pages: list[PageFacts] = sorted(facts, key=lambda f: f.path)
        self.by_path = {f.path: f for f in self.pages}
        self.nav = list(nav)
        self.by_url: dict[str, list[PageFacts]] = defaultdict(list)
        self.by_output: dict[str, list[PageFacts]] = defaultdict(list)
        self.outputs: dict[str, PageFacts | None] = {}  # output file -> its page, if a page
        for fact in self.pages:
            if fact.url is not None and fact.published:
                self.by_url[fact.url].append(fact)
            if fact.output_path is not None:
                key = fact.output_path.lstrip("/")
                self.by_output[key].append(fact)
                self.outputs.setdefault(key, fact)
        for rel in static:
            out = static_output(site, rel)
            if out is not None:
                self.outputs.setdefault(out, None)
        for rel in others:
            stem, ext = posixpath.splitext(rel)
            self.outputs.setdefault(stem + urls.output_ext(ext), None)
        self._folders: dict[str, list[str]] | None = None
        self._lower: dict[str, str] | None = None
        self._url_folders: dict[str, list[str]] | None = None
        self._lower_urls: dict[str, str] | None = None
        self.cache: dict[str, Any] = {}  # results shared by several rules, e.g. resolved links

    # -- pages by URL, exactly (chain keys) --------------------------------------

    def page_at_url(self, url: str) -> PageFacts | None:
        found = self.by_url.get(url)
        return found[0] if found else None

    # -- what the server answers (links) ------------------------------------------

    def serve(self, site_path: str) -> str | None:
        """The output file a GitHub-Pages-like server answers for a site path.

        `/x/` serves `x/index.html`; `/x` serves `x`, else `x.html`, else
        redirects to `/x/`. Anything else is a 404.
        """
        rel = site_path.lstrip("/")
        if not rel or site_path.endswith("/"):
            candidate = rel + "index.html"
            return candidate if candidate in self.outputs else None
        for candidate in (rel, rel + ".html", rel + "/index.html"):
            if candidate in self.outputs:
                return candidate
        return None

    def page_for_output(self, output: str) -> PageFacts | None:
        return self.outputs.get(output)

    # -- near misses (messages only) ----------------------------------------------

    def near_miss(self, site_path: str) -> str | None:
        """The existing site path a reader probably meant, for a path that is missing."""
        rel = site_path.lstrip("/")
        if site_path.endswith("/") and rel:
            bare = rel.rstrip("/")
            if bare in self.outputs or bare + ".html" in self.outputs:
                return "/" + bare
        lower = self._lowered().get(rel.lower().rstrip("/"))
        if lower is not None:
            return lower
        folder, _, name = rel.rstrip("/").rpartition("/")
        siblings = self._folder_index().get(folder, [])
        close = difflib.get_close_matches(name, siblings, n=1, cutoff=0.75)
        if close:
            return "/" + posixpath.join(folder, close[0]) if folder else "/" + close[0]
        return None

    def near_url(self, url: str) -> str | None:
        """The page URL nearest to `url` (a trailing slash, case, a typo in its folder)."""
        for variant in (url.rstrip("/"), url + "/", url.rstrip("/") + ".html"):
            if variant != url and variant in self.by_url:
                return variant
        if self._lower_urls is None:
            self._lower_urls = {u.lower(): u for u in self.by_url}
        if url.lower() in self._lower_urls:
            return self._lower_urls[url.lower()]
        folder, _, name = url.rstrip("/").rpartition("/")
        names = [u.rstrip("/").rpartition("/")[2] for u in self._urls_in(folder)]
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
        if close:
            for candidate in self._urls_in(folder):
                if candidate.rstrip("/").endswith("/" + close[0]):
                    return candidate
        return None

    def _urls_in(self, folder: str) -> list[str]:
        if self._url_folders is None:
            grouped: dict[str, list[str]] = defaultdict(list)
            for url in self.by_url:
                grouped[url.rstrip("/").rpartition("/")[0]].append(url)
            self._url_folders = grouped
        return self._url_folders.get(folder, [])

    def _folder_index(self) -> dict[str, list[str]]:
        if self._folders is None:
            grouped: dict[str, list[str]] = defaultdict(list)
            for out in self.outputs:
                folder, _, name = out.rpartition("/")
                if name == "index.html":
                    parent, _, leaf = folder.rpartition("/")
                    grouped[parent].append(leaf)
                else:
                    grouped[folder].append(name.removesuffix(".html"))
            self._folders = grouped
        return self._folders

    def _lowered(self) -> dict[str, str]:
        if self._lower is None:
            lowered: dict[str, str] = {}
            for out in self.outputs:
                site_path = "/" + out.removesuffix("index.html").removesuffix(".html")
                lowered.setdefault(out.lower().removesuffix(".html"), site_path)
                lowered.setdefault(out.lower().removesuffix("/index.html"), site_path)
            self._lower = lowered
        return self._lower
