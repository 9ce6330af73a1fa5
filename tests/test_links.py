"""Link extraction (`links.scan`) and the first two steps of resolution (`locate`).

Pages are built from bytes with the real parser; the front matter takes
lines 1-4, so a body's first line is line 5 of the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from guidelint import engine
from guidelint.errors import GuidelintError
from guidelint.links import scan
from guidelint.locate import Location, Locator, _join
from guidelint.model import Kind, Page, SiteFile
from guidelint.parse import parse_page
from guidelint.site import SiteConfig

SITE = SiteConfig(
    root=Path("/nonexistent-site"), baseurl="/guide-site", url="https://guides.example.org"
)
FRONT = "title: A page\npermalink: /guide/page\n"
# button.html adds the baseurl to `link` (relative_url); card.html writes `href` as given.
PARAMS = {"button.html": {"link": True}, "card.html": {"href": False}}

Found = tuple[int, int, str, str]  # line, column, form, target


def make_page(body: str, path: str = "guide/page.md", front: str = FRONT) -> Page:
    raw = f"---\n{front}---\n{body}".encode()
    return parse_page(SITE, SiteFile(path, Kind.PAGE), raw)


def links(body: str, path: str = "guide/page.md") -> list[Found]:
    found, _ = scan(make_page(body, path), PARAMS)
    return [(link.line, link.column, link.form, link.target) for link in found]


def targets(body: str, path: str = "guide/page.md") -> list[str]:
    return [target for *_, target in links(body, path)]


def problems(body: str) -> list[tuple[int, int, str]]:
    _, found = scan(make_page(body), PARAMS)
    return [(p.line, p.column, p.message) for p in found]


# -- every link form -----------------------------------------------------------


def test_inline_link_with_its_place() -> None:
    assert links("Read [the plan](/guide/plan) now.\n") == [(5, 17, "inline", "/guide/plan")]


@pytest.mark.parametrize(
    ("body", "target"),
    [
        ('[t](/x "A title")', "/x"),
        ("[t](/x 'A title')", "/x"),
        ("[t](</with space>)", "/with space"),
        ("[t](/x_(1))", "/x_(1)"),
        ("[t]({{ site.baseurl }}/x)", "{{ site.baseurl }}/x"),
        ('[t]({{ site.baseurl }}/x "title")', "{{ site.baseurl }}/x"),
        ("[t]({{ '/x' | relative_url }})", "{{ '/x' | relative_url }}"),
        ("[t]({% link guide/a.md %}#part)", "{% link guide/a.md %}#part"),
        ("[t]( /padded )", "/padded"),
        ("[`code` in text](/x)", "/x"),
    ],
)
def test_inline_destination_forms(body: str, target: str) -> None:
    assert targets(body + "\n") == [target]


def test_image_and_linked_image() -> None:
    assert targets("![Logo](/logo.png)\n") == ["/logo.png"]
    assert targets("[![Logo](/logo.png)](/home)\n") == ["/logo.png", "/home"]


def test_image_has_the_image_form() -> None:
    assert links("![Logo](/logo.png)\n") == [(5, 9, "image", "/logo.png")]


def test_reference_definitions_with_liquid_holding_spaces() -> None:
    body = (
        "The [plan][p] and the [checks][].\n"
        "\n"
        '[p]: {{ site.baseurl }}/guide/plan "The plan"\n'
        "[checks]: <{{ site.baseurl }}/guide/checks>\n"
    )
    assert links(body) == [
        (7, 6, "reference", "{{ site.baseurl }}/guide/plan"),
        (8, 12, "reference", "{{ site.baseurl }}/guide/checks"),
    ]
    assert problems(body) == []


def test_raw_html_attributes() -> None:
    body = (
        "<a href=\"/double\">a</a> <img src='/single.png'> <a href=/bare>b</a>\n"
        '<a class="x"\n   href="/on-its-line">c</a>\n'
    )
    assert links(body) == [
        (5, 10, "html", "/double"),
        (5, 35, "html", "/single.png"),
        (5, 57, "html", "/bare"),
        (7, 10, "html", "/on-its-line"),
    ]


def test_include_parameters_that_templates_turn_into_links() -> None:
    body = (
        '{% include button.html title="Go" link="/guide/plan" %}\n'
        "{% include card.html href='/guide/card' %}\n"
        "{% include button.html\n"
        '   title="Over lines"\n'
        '   link="/guide/lines" %}\n'
        '{% include button.html title="/not-a-link-param" %}\n'
        "{% include button.html link=page.url %}\n"
        '{% include other.html link="/unknown-template" %}\n'
    )
    found, _ = scan(make_page(body), PARAMS)
    assert [(x.line, x.column, x.form, x.target, x.site_path) for x in found] == [
        (5, 41, "include", "/guide/plan", True),
        (6, 28, "include", "/guide/card", False),
        (9, 10, "include", "/guide/lines", True),
    ]


def test_link_text_over_lines_is_placed_at_its_url() -> None:
    body = "See [the migration\nchecklist, which is\nlong](/guide/checks).\n"
    assert links(body) == [(7, 7, "inline", "/guide/checks")]


def test_links_in_lists_and_quotes() -> None:
    body = "* item [a](/in-list)\n\n> quoted [b](/in-quote)\n"
    assert targets(body) == ["/in-list", "/in-quote"]


def test_html_page_has_no_markdown_links() -> None:
    body = '[not markdown](/md)\n<a href="/html">x</a>\n'
    assert links(body, path="guide/page.html") == [(6, 10, "html", "/html")]


# -- what is not published as a link -------------------------------------------

HIDDEN_BODY = """\
A code span `[span](/span) <a href="/span-html">`.
Comments <!-- [c](/comment) <a href="/comment-html">x</a> --> and
<!-- over [two](/c1)
lines <a href="/c2">x</a> -->.
{% comment %}[liquid](/liquid) <a href="/liquid-html">x</a>
{% include button.html link="/liquid-include" %}{% endcomment %}
<!--[if IE]><a href="/ie">old browsers</a><![endif]-->

```html
[fenced](/fenced) <a href="/fenced-html">x</a>
{% include button.html link="/fenced-include" %}
```

    [indented](/indented)

<div class="note">
[Markdown in a raw HTML block stays text](/html-block) [x] (/y) [e]()
<a href="/html-in-block">but HTML is HTML</a>
</div>

\\[escaped](/escaped)
{% raw %}{% include button.html link="/raw-include" %}{% endraw %}
"""


def test_code_comments_and_html_blocks_hide_links() -> None:
    assert targets(HIDDEN_BODY) == ["/html-in-block"]
    assert problems(HIDDEN_BODY) == []


def test_an_expect_comment_after_a_link_changes_nothing() -> None:
    plain = "[a](/x) and [b] (/y)\n"
    commented = "[a](/x) and [b] (/y) <!-- expect: LNK005 -->\n"
    assert links(commented) == links(plain)
    assert problems(commented) == problems(plain)


def test_markdown_attribute_enables_links_in_html_block() -> None:
    assert targets('<div markdown="1">\n[plan](/guide/plan)\n</div>\n') == ["/guide/plan"]


# -- LNK005: link syntax readers see as text -----------------------------------


def test_malformed_links() -> None:
    body = (
        "Read [the plan] (/guide/plan) first.\n"
        "Also [the checks] ({{ site.baseurl }}/guide/checks).\n"
        "An [empty link]() here.\n"
        "See [the standard][dcb0160].\n"
        "See [the glossary][].\n"
        "An [open link](/guide/plan\n"
        "\n"
        "Fine: [a defined one][Ref] and [prose] (in parentheses).\n"
        "\n"
        "[ref]: /r\n"
    )
    assert [(line, column) for line, column, _ in problems(body)] == [
        (5, 15),  # each at the `]` the reader sees
        (6, 17),
        (7, 15),
        (8, 18),
        (9, 18),
        (10, 14),
    ]
    messages = [message for *_, message in problems(body)]
    assert "space between" in messages[0] and "space between" in messages[1]
    assert "empty target" in messages[2]
    assert "[dcb0160] is not defined" in messages[3]
    assert "[the glossary] is not defined" in messages[4]
    assert "not closed" in messages[5]
    # Malformed links are not links.
    assert targets(body) == ["/r"]


def test_spaced_undefined_reference_is_malformed() -> None:
    assert len(problems("See [the standard] [dcb0160] first.\n")) == 1


@pytest.mark.parametrize(
    "body",
    [
        "Read [the plan]({{\nsite.baseurl }}/guide/plan) first.\n",
        "Read [the plan](\n/guide/plan) first.\n",
    ],
    ids=["liquid-wrapped", "url-on-next-line"],
)
def test_destination_over_two_lines_is_a_link(body: str) -> None:
    assert problems(body) == []
    assert len(targets(body)) == 1


# -- locate: the browser's resolution of relative paths ---------------------------


@pytest.mark.parametrize(
    ("base", "relative", "joined"),
    [
        ("/a/b", "c", "/a/c"),
        ("/a/b/", "c", "/a/b/c"),
        ("/a/b/", "../x", "/a/x"),
        ("/a/b", "../x", "/x"),
        ("/a/b/", "./", "/a/b/"),
        ("/a/b", "./", "/a/"),
        ("/a/b/", ".", "/a/b/"),
        ("/a/b", ".", "/a/"),
        ("/a/b/", "../", "/a/"),
        ("/a/b", "c/", "/a/c/"),
        ("/a/b/", "./c/../d", "/a/b/d"),
        ("/a/", "../../x", "/x"),
        ("/", "../x", "/x"),
        ("/a/", "../../..", "/"),
    ],
)
def test_join(base: str, relative: str, joined: str) -> None:
    assert _join(base, relative) == joined


def test_join_dot_dot_keeps_the_folder_slash() -> None:
    assert _join("/a/b/", "..") == "/a/"


# -- locate: Liquid, fragments, external and own-site URLs ------------------------

LOCATOR = Locator(SITE)
PAGE_URL = "/guide/page"


def path_of(written: str, page_url: str = PAGE_URL, **kwargs: object) -> Location:
    return LOCATOR.locate(written, page_url, True, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "written",
    [
        "{{ site.baseurl }}/x",
        "{{site.baseurl}}/x",
        "{{- site.baseurl -}}/x",
        "{{ site.baseurl | default: '' }}/x",
        "{{ '/x' | relative_url }}",
        '{{ "x" | relative_url }}',
        "{{ '/x' | absolute_url }}",
        "{{ site.url }}{{ site.baseurl }}/x",
        "/guide-site/x",
        "  /guide-site/x  ",
    ],
)
def test_liquid_baseurl_forms(written: str) -> None:
    located = path_of(written)
    assert (located.status, located.path, located.relative) == ("path", "/guide-site/x", False)
    assert located.page_url == "/guide-site/guide/page"


def test_link_tag_waits_for_the_site_index() -> None:
    assert path_of("{% link guide/a.md %}").status == "defer"
    found = path_of("{% link guide/a.md %}#step", link_url=lambda source: "/guide/a")
    assert (found.status, found.path, found.fragment) == ("path", "/guide-site/guide/a", "step")
    missing = path_of("{% link guide/gone.md %}", link_url=lambda source: None)
    assert missing.status == "missing"
    assert "guide/gone.md" in missing.reason


@pytest.mark.parametrize("written", ["{{ page.nextpage }}", "{% post_url 2024-01-01-a %}"])
def test_liquid_that_cannot_be_evaluated_is_skipped(written: str) -> None:
    assert path_of(written).status == "skip"


def test_page_url_variable_has_no_baseurl() -> None:
    located = path_of("{{ page.url }}#top")
    assert (located.path, located.fragment) == ("/guide/page", "top")


def test_query_and_fragment() -> None:
    located = path_of("{{ site.baseurl }}/x?view=print#step-2")
    assert (located.path, located.fragment) == ("/guide-site/x", "step-2")
    assert path_of("/a%20b#caf%C3%A9").path == "/a b"
    assert path_of("/a%20b#caf%C3%A9").fragment == "café"
    assert path_of("?view=print") == Location("here")


def test_fragment_only() -> None:
    assert path_of("#step-2") == Location("here", fragment="step-2")
    assert path_of("#") == Location("here", fragment="")
    # A template or an unpublished document: the page it lands on varies.
    assert LOCATOR.locate("#step-2", PAGE_URL, False).status == "skip"


@pytest.mark.parametrize(
    "written",
    [
        "https://example.org/guide/x",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/X",
        "mailto:team@example.org",
        "tel:+441234567890",
        "//cdn.example.org/x.js",
        "javascript:void(0)",
        "ftp://files.example.org/x",
        "data:text/plain,x",
        "",
        "   ",
    ],
)
def test_external_and_empty_are_skipped(written: str) -> None:
    assert path_of(written).status == "skip"


@pytest.mark.parametrize(
    ("written", "path", "fragment"),
    [
        ("https://guides.example.org/guide-site/x#y", "/guide-site/x", "y"),
        ("HTTPS://GUIDES.EXAMPLE.ORG/guide-site/x", "/guide-site/x", None),
        ("http://guides.example.org", "/", None),
        ("https://guides.example.org/x?q=1", "/x", None),
    ],
)
def test_own_site_absolute_urls_are_checked(written: str, path: str, fragment: str | None) -> None:
    located = path_of(written)
    assert (located.status, located.path, located.fragment) == ("path", path, fragment)


def test_own_site_is_external_without_a_site_url() -> None:
    plain = Locator(SiteConfig(root=Path("/nonexistent-site"), baseurl="/guide-site"))
    assert plain.locate("https://guides.example.org/guide-site/x", "/", True).status == "skip"


def test_relative_paths_resolve_from_the_page_url() -> None:
    from_file = path_of("x/y")
    assert (from_file.path, from_file.relative) == ("/guide-site/guide/x/y", True)
    assert from_file.page_url == "/guide-site/guide/page"
    assert path_of("x/y", page_url="/guide/page/").path == "/guide-site/guide/page/x/y"
    assert path_of("../../../x").path == "/x"  # dot segments stop at the domain root
    assert LOCATOR.locate("x/y", None, True).status == "skip"
    assert LOCATOR.locate("x/y", PAGE_URL, False).status == "skip"


def test_site_paths_get_the_baseurl() -> None:
    """An include parameter passed through relative_url."""
    assert path_of("/guide/plan", site_path=True).path == "/guide-site/guide/plan"
    assert path_of("guide/plan", site_path=True).path == "/guide-site/guide/plan"


def test_bracket_in_absolute_url_does_not_raise() -> None:
    assert path_of("https://[docs.example.org/x").status == "skip"


def test_bracket_in_absolute_url_does_not_stop_the_run(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text('url: "https://guides.example.org"\n', "utf-8")
    (tmp_path / "index.md").write_text(
        "---\ntitle: Home\n---\nSee [the docs](https://[docs.example.org).\n", "utf-8"
    )
    try:
        engine.run(engine.Options(paths=(tmp_path,), jobs=1))
    except GuidelintError as exc:
        pytest.fail(f"the run stopped: {exc}")


# -- LNK004 on dot-segment links ------------------------------------------------


def _style_findings(tmp_path: Path, body: str) -> set[tuple[int, str]]:
    """(column, rule) of LNK001/LNK004 on line 5 of a page under `trailing_slash: never`."""
    (tmp_path / "guide").mkdir()
    (tmp_path / "_config.yml").write_text("title: t\n", "utf-8")
    (tmp_path / ".guidelint.yaml").write_text("links:\n  trailing_slash: never\n", "utf-8")
    (tmp_path / "guide" / "index.md").write_text("---\ntitle: Guide\n---\nx\n", "utf-8")
    (tmp_path / "guide" / "sub.md").write_text(
        f"---\ntitle: Sub\npermalink: /guide/sub/\n---\n{body}\n", "utf-8"
    )
    result = engine.run(engine.Options(paths=(tmp_path,), jobs=1, select=("LNK001", "LNK004")))
    return {(f.column, f.rule) for f in result.findings if f.path == "guide/sub.md"}


def test_dot_segments_are_not_page_links_for_the_slash_convention(tmp_path: Path) -> None:
    assert _style_findings(tmp_path, "[up](..) [here](.)") == set()


def test_dot_segments_with_a_slash_are_not_page_links_either(tmp_path: Path) -> None:
    assert _style_findings(tmp_path, "[up](../) [here](./)") == set()


# -- properties ----------------------------------------------------------------

MARKDOWNISH = st.lists(
    st.sampled_from(
        [
            "[",
            "]",
            "(",
            ")",
            "![",
            "](",
            "] (",
            "][",
            "{{",
            "}}",
            "{%",
            "%}",
            " site.baseurl ",
            "{% link a.md %}",
            '{% include button.html link="/a" %}',
            "{% comment %}",
            "{% endcomment %}",
            "{% raw %}",
            "<a href=",
            "<img src='",
            '"',
            "'",
            ">",
            "<div>",
            "</div>",
            "`",
            "```",
            "<!--",
            "-->",
            "[r]: ",
            "    ",
            "> ",
            "* ",
            "\n",
            "\n\n",
            "\r\n",
            " ",
            "x",
            "/",
            "#",
            "\\",
            "https://",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKDOWNISH, st.sampled_from(["guide/page.md", "guide/page.html"]))
def test_scan_never_raises_and_places_are_true(body: str, path: str) -> None:
    page = make_page(body, path)
    found, malformed = scan(page, PARAMS)
    lines = page.text.split("\n")
    for link in found:
        assert 5 <= link.line <= len(lines) and link.column >= 1
        offset = sum(len(line) + 1 for line in lines[: link.line - 1]) + link.column - 1
        assert page.text.startswith(link.target, offset)  # the place is where the URL is
    for problem in malformed:
        assert 5 <= problem.line <= len(lines) and problem.column >= 1


URLISH = st.lists(
    st.sampled_from(
        [
            *"/.#?%:[]{}|'\" -_aZ09@",
            *("http://", "https://", "guides.example.org", "{{", "}}", "{%", "%}"),
            *("site.baseurl", "| relative_url", "link", ".."),
        ]
    ),
    max_size=20,
).map("".join) | st.text(max_size=40)


@settings(max_examples=300, deadline=None)
@given(URLISH, st.sampled_from(["/guide/page", "/guide/page/", "/", None]), st.booleans())
def test_locate_never_raises_without_a_site_url(
    written: str, page_url: str | None, site_path: bool
) -> None:
    plain = Locator(SiteConfig(root=Path("/nonexistent-site"), baseurl="/guide-site"))
    located = plain.locate(written, page_url, True, site_path, lambda source: None)
    if located.status == "path":
        assert located.path.startswith("/")


@settings(max_examples=300, deadline=None)
@given(URLISH, st.sampled_from(["/guide/page", "/guide/page/", "/", None]), st.booleans())
@example("https://[docs", "/guide/page", False)
def test_locate_never_raises(written: str, page_url: str | None, site_path: bool) -> None:
    located = LOCATOR.locate(written, page_url, True, site_path, lambda source: None)
    if located.status == "path":
        assert located.path.startswith("/")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", ""]), max_size=4).map(lambda p: "/" + "/".join(p)),
    st.lists(st.sampled_from(["..", ".", "c", ""]), min_size=1, max_size=5).map("/".join),
)
def test_join_stays_an_absolute_path_without_dot_segments(base: str, relative: str) -> None:
    joined = _join(base, relative)
    assert joined.startswith("/")
    assert "/./" not in joined + "/" and "/../" not in joined + "/"


def test_html_attribute_holding_liquid_with_its_own_quotes() -> None:
    body = (
        '<link href="{{ "/css/site.css" | relative_url }}">\n'
        "<a href='{{ '/x' | relative_url }}'>x</a>\n"
    )
    assert targets(body) == ['{{ "/css/site.css" | relative_url }}', "{{ '/x' | relative_url }}"]
