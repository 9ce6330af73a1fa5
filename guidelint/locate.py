"""Steps 1 and 2 of resolving a link: Liquid, then the browser.

Liquid: `{{ site.baseurl }}`, `{{ 'x' | relative_url }}` and `{% link p.md %}`
(which already carries the baseurl in Jekyll 4) become text; any other
Liquid makes the link unknowable, so it is not judged. The browser: a
relative URL resolves against the page's published URL (`/b/` and `/b`
differ), and dot segments stop at the domain root.

Needs only the site's configuration, so it runs in the worker that parsed
the page; `{% link %}` needs every page's URL and waits for the parent.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from collections.abc import Callable
from typing import NamedTuple

from guidelint.site import SiteConfig

_LIQUID = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}|\{%-?\s*(link|post_url)\s+(.*?)\s*-?%\}", re.S)
_QUOTED_FILTER = re.compile(r"""^(["'])(.*?)\1\s*\|\s*(relative_url|absolute_url)\s*$""")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_BASEURL_TAGS = ("{{ site.baseurl }}", "{{site.baseurl}}")
_EXTERNAL_PREFIXES = ("http://", "https://", "HTTP://", "HTTPS://", "mailto:", "tel:", "//")


class Location(NamedTuple):
    """A link after Liquid and the browser, before the server: a production path.

    `status`: `path` (see `path`, `fragment`), `here` (a fragment on the
    page itself), `skip`, `missing` (Liquid that fails Jekyll's build,
    `reason` says why) or `defer` (it needs the site index: `{% link %}`).
    """

    status: str
    path: str = ""
    fragment: str | None = None
    relative: bool = False
    page_url: str = ""
    reason: str = ""


SKIP_LOCATION = Location("skip")
_DEFER = Location("defer")
LinkUrl = Callable[[str], "str | None"]


class Locator:
    """Steps 1 and 2, which need only the site's configuration.

    Runs in the worker that parsed the page, so the parent process only
    looks paths up.
    """

    def __init__(self, site: SiteConfig) -> None:
        self.baseurl = site.baseurl
        parsed = _split(site.url) if site.url else None
        self.host = parsed.netloc.lower() if parsed and parsed.netloc else None
        self.site_url = site.url.rstrip("/")
        self._base_urls: dict[str | None, str] = {}

    def render(
        self, target: str, page_url: str | None, link_url: LinkUrl | None
    ) -> tuple[str | None, str]:
        """The link with its Liquid evaluated, or (None, why) when it cannot be.

        `link_url` gives the URL of a source path for `{% link %}`; without
        it such a link raises `_Deferred`.
        """
        problem = ""

        def replace(m: re.Match[str]) -> str:
            nonlocal problem
            if m.group(2):  # {% link path %} / {% post_url name %}
                if m.group(2) != "link":
                    raise _Unknown
                if link_url is None:
                    raise _Deferred
                source = m.group(3).strip().strip("\"'")
                url = link_url(source)
                if url is None:
                    problem = f"`{{% link {source} %}}` names no page or document (Jekyll stops)"
                    raise _Unknown
                return self.baseurl + url
            expr = m.group(1).strip()
            if expr in ("site.baseurl", "site.baseurl | default: ''"):
                return self.baseurl
            if expr == "site.url":
                return self.site_url
            if expr == "page.url" and page_url is not None:
                return page_url
            quoted = _QUOTED_FILTER.match(expr)
            if quoted:
                relative = self.relative_url(quoted.group(2))
                return relative if quoted.group(3) == "relative_url" else self.site_url + relative
            raise _Unknown

        try:
            return _LIQUID.sub(replace, target), ""
        except _Unknown:
            return None, problem

    def relative_url(self, value: str) -> str:
        """Jekyll's `relative_url` filter."""
        if _EXTERNAL.match(value):
            return value
        path = value if value.startswith("/") else "/" + value
        return (self.baseurl + path) if self.baseurl else path

    def locate(
        self,
        written: str,
        page_url: str | None,
        published: bool,
        site_path: bool = False,
        link_url: LinkUrl | None = None,
    ) -> Location:
        """Where the browser goes for `written`, a link on the page at `page_url`."""
        target = written.strip()
        if target.startswith(_EXTERNAL_PREFIXES) and (
            self.host is None or not target.startswith(("http", "HTTP"))
        ):
            return SKIP_LOCATION  # external: not ours to check
        if target.startswith(_BASEURL_TAGS):  # the commonest Liquid by far
            tag_end = target.index("}}") + 2
            if "{" not in target[tag_end:]:
                target = self.baseurl + target[tag_end:]
        if "{{" in target or "{%" in target:
            try:
                rendered, problem = self.render(target, page_url, link_url)
            except _Deferred:
                return _DEFER
            if rendered is None:
                return Location("missing", reason=problem) if problem else SKIP_LOCATION
            target = rendered
        if site_path:
            target = self.relative_url(target)
        if not target:
            return SKIP_LOCATION
        if target[0] != "/" and _EXTERNAL.match(target):
            own = self._own_site(target)
            if own is None:
                return SKIP_LOCATION
            target = own
        rest, hashed, fragment_text = target.partition("#")
        fragment = _unquote(fragment_text) if hashed else None
        raw_path = rest.partition("?")[0]
        if not raw_path:
            return Location("here", fragment=fragment) if published else SKIP_LOCATION
        path = _unquote(raw_path)
        base_url = self._base_urls.get(page_url)
        if base_url is None:  # one string per page, shared by its links
            base_url = self._base_urls[page_url] = _unquote(self.baseurl + (page_url or "/"))
        if path.startswith("/"):
            return Location("path", _join("/", path), fragment, False, base_url)
        if page_url is None or not published:
            return SKIP_LOCATION  # relative links in templates and unpublished documents vary
        return Location("path", _join(base_url, path), fragment, True, base_url)

    def _own_site(self, target: str) -> str | None:
        """The path of an absolute URL on the site's own host, else None (external)."""
        if self.host is None:
            return None
        split = _split(target)
        if (
            split is None
            or split.scheme not in ("http", "https")
            or split.netloc.lower() != self.host
        ):
            return None
        rest = split.path or "/"
        if split.query:
            rest += "?" + split.query
        if split.fragment:
            rest += "#" + split.fragment
        return rest


class _Unknown(Exception):
    """Liquid in a link that cannot be evaluated without running Jekyll."""


class _Deferred(Exception):
    """`{% link %}` met where the site index is not at hand."""


def _unquote(text: str) -> str:
    return urllib.parse.unquote(text) if "%" in text else text


def _split(url: str) -> urllib.parse.SplitResult | None:
    """`urlsplit`, or None for a URL it rejects (`https://[x`): such a link is not ours."""
    try:
        return urllib.parse.urlsplit(url)
    except ValueError:
        return None


def _join(base_url: str, relative: str) -> str:
    """A browser's resolution of a relative path against a page URL."""
    if relative.startswith("/"):
        folder = ""
    else:
        folder = base_url if base_url.endswith("/") else base_url.rpartition("/")[0] + "/"
    if "." not in relative and "//" not in relative and "//" not in folder:
        return folder + relative  # nothing for the browser to normalise
    joined = posixpath.normpath(folder + relative)
    while joined.startswith("//"):
        joined = joined[1:]
    if relative.endswith("/") and not joined.endswith("/"):
        joined += "/"
    if relative in (".", "./", "..") or relative.endswith(("/.", "/..")):
        joined = joined.rstrip("/") + "/"
    return joined if joined.startswith("/") else "/" + joined
