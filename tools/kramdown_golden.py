"""Record golden heading-ID data from the real Jekyll and kramdown.

Every case below is written out as ``tests/golden/kramdown/<case>.md`` (a
complete Jekyll page, front matter included), built into a one-page site with
``jekyll build`` and recorded as ``tests/golden/kramdown/<case>.json``: every
element that carries an ``id`` (and every ``<a name>``) in the published HTML,
with the source line kramdown reports for it. The layout of the JSON is
described in ``tests/golden/kramdown/README.md``.

How the lines are found: a small plugin (generated here, loaded from the
temporary site's ``_plugins``) wraps kramdown's HTML converter and notes, for
each element it converts, ``el.options[:location]`` and the start tag it
wrote. Jekyll hands kramdown the page body after Liquid ran, so a location is a
line of the body; the body starts after the front matter, and the script checks
that Liquid did not change the number of lines. Elements that kramdown never
sees as elements (tags nested in a raw HTML block) are placed by finding their
attribute in the source, which must then be unique.

As a cross-check, the Liquid-rendered body is converted a second time by plain
``Kramdown::Document`` with Jekyll's kramdown options spelled out by hand; the
ids must be the same as in the page ``jekyll build`` wrote.

Usage (from the repository root)::

    python3 tools/kramdown_golden.py            # regenerate every case
    python3 tools/kramdown_golden.py CASE ...   # regenerate some cases
    python3 tools/kramdown_golden.py --check    # exit 1 if any file would change

Needs Jekyll 4.3 with kramdown 2.4 and kramdown-parser-gfm on PATH
(Debian: ``apt-get install jekyll``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import string
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from jekyll_build import jekyll_build

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "kramdown"
RECORD_ENV = "GUIDELINT_KRAMDOWN_RECORD"

# Wraps the converters and writes what kramdown saw. Types whose output does
# not start with their own tag are skipped.
RECORDER_PLUGIN = r"""
require "json"

module GuidelintGolden
  CONVERSIONS = []
  SKIP = %i[root text blank raw xml_comment xml_pi comment entity smart_quote
            typographic_sym br abbreviation eob].freeze

  # kramdown's converter dispatches children straight to convert_<type>, so
  # each of those is wrapped (not Html#convert, which only sees the root).
  module HtmlRecorder
    Kramdown::Converter::Html.instance_methods.grep(/\Aconvert_/).each do |name|
      next if SKIP.include?(name.to_s.delete_prefix("convert_").to_sym)
      define_method(name) do |el, *args|
        return super(el, *args) if GuidelintGolden::CONVERSIONS.empty?
        ial = el.options[:ial]
        slot = {"type" => el.type.to_s, "location" => el.options[:location],
                "ial_id" => (ial.is_a?(Hash) ? ial["id"] : nil),
                "ial_refs" => (ial.is_a?(Hash) ? ial[:refs] : nil),
                "raw_text" => (el.type == :header ? el.options[:raw_text] : nil)}
        GuidelintGolden::CONVERSIONS.last["elements"] << slot
        out = super(el, *args)
        slot["start_tag"] = out[/\A\s*(<[^>]*>)/m, 1]
        out
      end
    end
  end

  module MarkdownRecorder
    def convert(content)
      GuidelintGolden::CONVERSIONS << {"content" => content, "elements" => []}
      super
    end
  end
end

Kramdown::Converter::Html.prepend(GuidelintGolden::HtmlRecorder)
Jekyll::Converters::Markdown::KramdownParser.prepend(GuidelintGolden::MarkdownRecorder)

Jekyll::Hooks.register :site, :post_write do |_site|
  File.write(ENV.fetch("GUIDELINT_KRAMDOWN_RECORD"), JSON.generate(GuidelintGolden::CONVERSIONS))
end
"""

# The options Jekyll 4.3 passes to kramdown (Jekyll::Configuration::DEFAULTS
# plus what KramdownParser#setup adds), written out by hand on purpose: the
# cross-check is only worth something if it does not ask Jekyll.
CROSS_CHECK = r"""
require "json"
require "kramdown"
require "kramdown-parser-gfm"
data = JSON.parse(File.read(ARGV[0]))
opts = {
  "auto_ids" => true, "toc_levels" => (1..6).to_a, "entity_output" => "as_char",
  "smart_quotes" => "lsquo,rsquo,ldquo,rdquo", "input" => "GFM", "hard_wrap" => false,
  "guess_lang" => true, "footnote_nr" => 1, "show_warnings" => false,
  "syntax_highlighter" => "rouge", "syntax_highlighter_opts" => {"guess_lang" => true},
}
data["kramdown"].each { |k, v| opts[k] = v unless v.nil? }
puts Kramdown::Document.new(data["content"], opts).to_html
"""


# --------------------------------------------------------------------------
# The cases


@dataclass
class Case:
    """One golden page: its config, front matter, and body."""

    name: str
    about: str
    kramdown: dict[str, Any] = field(default_factory=dict)
    site: dict[str, Any] = field(default_factory=dict)
    page: dict[str, Any] = field(default_factory=dict)
    # Simple cases are only heading lines (each optionally followed by one
    # IAL line), link definitions and blank lines: the unit tests rebuild
    # every id from the heading records alone.
    simple: bool = True
    lines: list[str] = field(default_factory=list)
    headings: list[dict[str, Any]] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)

    def atx(self, content: str, level: int = 2, ial: str | None = None, sep: str = " ") -> None:
        """Add an ATX heading `content` (the text after the opening #s)."""
        self._heading("atx", "#" * level + sep + content, content, ial, [])

    def setext(self, content: str, underline: str = "---", ial: str | None = None) -> None:
        """Add a setext heading (text line plus underline)."""
        self._heading("setext", content, content.lstrip(" "), ial, [underline])

    def _heading(
        self, kind: str, first: str, content: str, ial: str | None, more: list[str]
    ) -> None:
        if self.lines:
            self.lines.append("")
        self.headings.append(
            {"line": len(self.lines) + 1, "kind": kind, "content": content, "ial": ial}
        )
        self.lines.extend([first, *more])
        if ial is not None:
            self.lines.append(ial)

    def raw(self, text: str) -> None:
        """Add raw Markdown lines (only for context cases and link definitions)."""
        if self.lines:
            self.lines.append("")
        self.lines.extend(text.split("\n"))


def gfm_basic() -> Case:
    c = Case("gfm-basic", "Plain text, unicode, punctuation, digits, duplicates, ATX and setext.")
    for text in [
        "Introduction",
        "Getting started",
        "Getting Started",
        "GETTING STARTED",
        "Step 1: Install the tools",
        "Step 2 - Configure",
        "What is new?",
        "FAQ and tips",
        "A/B testing",
        "C++ and C#",
        "Node.js 18.x",
        "e.g. an example",
        "Price: $5 (approx.)",
        "50% off!",
        "2023-05-01 release notes",
        "1. Numbered heading",
        "3 ways to win",
        "404",
        "-leading dash",
        "trailing dash-",
        "multiple   inner   spaces",
        "Tab\tinside",
        "Hello, world!",
        "x = y + z",
        "snake_case_name",
        "kebab-case-name",
        "CamelCaseName",
        "MiXeD CaSe",
        "Ends with a period.",
        "Colon: then text",
        "Semi; colon",
        "Comma, separated, list",
    ]:
        c.atx(text)
    for char in string.punctuation:
        c.atx(f"Sign a{char}b")
    for text in ["???", "!!!", "(1)", "1", "2.0", "3.14", "10%", "-", "--", "+", "=", "@@"]:
        c.atx(text)
    for text in [
        "Café crème",
        "Ärger über Öl",
        "Straße",
        "ΟΔΟΣ ΚΑΙ ΣΟΦΙΑ",  # noqa: RUF001
        "İstanbul",
        "Ω ohm",
        "Привет мир",
        "日本語の見出し",
        "中文标题",
        "한국어 제목",
        "עברית",
        "العربية",
        "हिन्दी शीर्षक",
        "ไทย",
        "Emoji 🎉 party",
        "🚀",
        "❤️ love",
        "Coder 👩‍💻",
        "Ⓐ circled",
        "Ⅻ roman",
        "½ half",
        "x² squared",
        "ﬁ ligature",
        "ＦＵＬＬ width",  # noqa: RUF001
        "naïve façade",
        "Ǆ digraph",
        "cafe\u0301 combining",
        "nbsp\u00a0here",
        "em\u2003space",
        "zero\u200bwidth",
        "soft\u00adhyphen",
        "Ａ１ fullwidth digit",  # noqa: RUF001
        "٣ arabic digit",
        "x\u2060y joiner",
        "a\u203fb undertie",
    ]:
        c.atx(text)
    # Duplicates: the counter is keyed on the id before its suffix.
    for text in ["Overview", "Overview", "Overview", "Overview-1", "Overview 1", "Overview-2"]:
        c.atx(text)
    for text in ["Setup", "setup", "SETUP!", "Set up", "set-up"]:
        c.atx(text)
    for text in ["", "#", "##", "## ##"]:
        if text:
            c.atx(text)
    c.atx("Closing ##")
    c.atx("Closing hashes #####")
    c.atx("C#")
    c.atx("C #")
    c.atx("Title \\#")
    c.atx("Hash#tag")
    c.atx("Six levels", level=6)
    c.atx("One level", level=1)
    c.atx("Tab separated", level=1, sep="\t")
    c.atx("Many spaces   ##   ", sep="   ")
    c.atx("Trailing spaces   ")
    c.setext("Setext one", "===")
    c.setext("Setext two", "---")
    c.setext("Setext two", "---")
    c.setext("Setext with hashes ##", "---")
    c.setext("   Indented setext", "===")
    c.setext("Mixed underline", "=-=-")
    c.setext("Long underline", "-" * 40)
    c.setext("Setext 42", "=")
    return c


def gfm_inline() -> Case:
    c = Case("gfm-inline", "Inline Markdown in headings: what kramdown keeps for the id.")
    for text in [
        # emphasis
        "*em* text",
        "_em_ text",
        "**strong** text",
        "__strong__ text",
        "***both*** text",
        "snake_case_word here",
        "_leading_underscore",
        "a_b_c",
        "2_3_4",
        "foo-_bar_",
        "*unclosed emphasis",
        "_unclosed underscore",
        "** spaced **",
        "x * y * z",
        "~~strike~~ text",
        "~~ no strike ~~",
        "~single~ tilde",
        "*nested _inner_ em*",
        # code spans
        "`code` span",
        "``double `tick` code``",
        "`a--b` dashes in code",
        "`<div>` tag in code",
        "`&amp;` entity in code",
        "`` spaced ``",
        "unclosed `code",
        "The `_private` method",
        "`snake_case` and `CamelCase`",
        "` lone ` backtick",
        # links and images
        "[Link text](http://example.com/a_b)",
        '[Link](http://example.com "Title here")',
        "[Link](<url with spaces>)",
        "[Ref link][ref1]",
        "[Shortcut ref]",
        "[Undefined ref][nope]",
        "[Empty ref][]",
        "[Nested [brackets]](x)",
        "[*Emph link*](x)",
        "![Image alt](pic.png) caption",
        "[![Badge](b.svg)](x) badge",
        "![Ref image][ref1] after",
        "![Undefined image][nope2] after",
        "Autolink <https://example.com/some_path>",
        "Mail <user.name@example.com>",
        "[Paren (inner) text](x)",
        "[Broken link](",
        # HTML
        "<em>HTML em</em> text",
        '<span class="x">Span</span> text',
        "Text<br>break",
        "<code>_raw_ &amp;</code> code tag",
        "<kbd>Ctrl</kbd>+<kbd>C</kbd>",
        '<a href="#x">anchor</a> link',
        '<a name="legacy-anchor"></a>Legacy anchor',
        '<a id="inline-id"></a>Inline id anchor',
        "Comment <!-- hidden --> here",
        "<div> block tag",
        "<foo>_unknown_</foo> tag",
        "<span>unclosed span",
        "a < b > c",
        "x<y",
        "<3 love",
        '<abbr title="HyperText">HTML</abbr> abbr',
        "<sup>2</sup> squared",
        '<img src="x.png" alt="pic"> image',
        "</span> stray close",
        "<span>_em inside span_</span>",
        # entities
        "&amp; ampersand",
        "&copy; 2024",
        "&eacute;t&eacute;",
        "&#233;t&#233;",
        "&#x41;BC",
        "&nbsp;nbsp",
        "&unknown; entity",
        "&#150; cp1252 dash",
        "&#138;S cp1252 letter",
        "&lt;tag&gt;",
        "&ldquo;quoted&rdquo;",
        "AT&T",
        "a&b;c",
        "&Ouml;l &Alpha;&beta;",
        "&apos;apos",
        # escapes
        "\\*not em\\*",
        "\\_not em\\_",
        "\\`not code\\`",
        "\\# hash",
        "\\[not link\\]",
        "\\<span\\>",
        "back\\\\slash",
        "\\~tilde",
        "\\|pipe",
        "\\-\\- dashes",
        "\\@ at",
        "\\& amp",
        "\\{\\#id\\}",
        "\\$\\$ dollars",
        "\\\"quote\\'",
        # quotes and typographic symbols
        "It's here",
        '"Double" quotes',
        "'Single' quotes",
        "don't stop",
        "the 90's era",
        "a -- b",
        "a---b",
        "pre--post",
        "wait...",
        "<< guillemets >>",
        "a >> b",
        "a<<b",
        "\\<< escaped",
        "1--2",
        # math, span IALs, extensions, mixtures
        "$$E=mc^2$$ formula",
        "*Em*{: .cls} text",
        "Text {: #not-ial}",
        "`code`{: #codeid} after",
        '"Quote"{: .q} ial',
        "{::comment}hidden{:/comment} visible",
        "{::nomarkdown}<b>raw</b>{:/} raw",
        "**Bold** and `code` and [link](x)",
        "Footnote[^nodef] marker",
    ]:
        c.atx(text)
    c.raw(
        "[ref1]: http://example.com/ref\n"
        "[shortcut ref]: http://example.com/short\n"
        "[empty ref]: http://example.com/empty"
    )
    c.refs = ["ref1", "shortcut ref", "empty ref"]
    return c


def gfm_explicit() -> Case:
    c = Case("gfm-explicit", "{#id} headers, IALs on headings and how they count for duplicates.")
    for text in [
        "Title {#custom-id}",
        "Title {#Custom_ID}",
        "Title {#a.b:c}",
        "Title {#1abc}",
        "Title {#-x}",
        "Title {#_under}",
        "Title {#:colon}",
        "Title {#é-accent}",
        "Title {#ok} extra",
        "Title{#nospace}",
        "Title\t{#tabbed}",
        "Title {#with space}",
        "Title {#}",
        "Title {#a}{#b}",
        "Title {#x-closing} ##",
        "Title ## {#y-closing}",
        "Title {#trailing-space}   ",
        "{#only-id}",
        "Custom ID",
        "Explicit dup {#dup-id}",
        "Another {#dup-id}",
        "Repeat",
        "Repeat",
        "Repeat-1",
        "Repeat {#repeat-2}",
        "Repeat",
    ]:
        c.atx(text)
    c.atx("IAL heading", ial="{: #ial-id}")
    c.atx("IAL with class", ial="{: .cls #ial-two}")
    c.atx("IAL only class", ial="{: .cls}")
    c.atx("IAL kv", ial='{: id="kv-id"}')
    c.atx("IAL digit kv", ial='{: id="9kv"}')
    c.atx("IAL two ids", ial="{: #first #second}")
    c.atx("IAL bad id", ial="{: #1bad}")
    c.atx("IAL no space", ial="{:#nospace-ial}")
    c.atx("IAL glued", ial="{: .a#glued.b}")
    c.atx("Explicit and IAL {#exp}", ial="{: #ial-wins}")
    c.atx("Counter")
    c.atx("Counter", ial="{: #ial-counter}")
    c.atx("Counter")
    c.setext("Setext IAL", "---", ial="{: #setext-ial}")
    c.setext("Setext explicit {#setext-id}", "===")
    c.setext("Setext bad {#9}", "===")
    return c


def liquid() -> Case:
    c = Case(
        "liquid",
        "Liquid output in headings, rendered by Jekyll before kramdown sees the page.",
        site={
            "title": "Site *Title* & Co",
            "version": 2.5,
            "steps": 3,
            "empty": "",
            "baseurl": "/docs",
            "anchor_suffix": "{#from-liquid}",
            "product": {"name": "Widget Pro"},
            "padded": "  pad  ",
            "flag": True,
        },
        page={"title": "Über `Code` Guide", "layout": None},
    )
    for text in [
        "{{ site.title }}",
        "{{site.title}}",
        "About {{ page.title }}",
        "{{ page.title }} again",
        "Version {{ site.version }}",
        "{{ site.steps }} steps",
        "{{ site.product.name }} setup",
        "Trim {{- site.title -}} end",
        "Pre {{- site.title }}",
        "{{ site.title }}   {{- site.steps }}",
        "{{ site.title | upcase }}",
        "{{ site.title | downcase }} lower",
        "{{ 'literal' }} string",
        '{{ "double" }} string',
        "{% raw %}{{ raw }}{% endraw %} raw",
        "{{ page.title }} {#liquid-explicit}",
        "Title {{ site.empty }}",
        "[Home]({{ site.baseurl }}/) link",
        "Heading {{ site.anchor_suffix }}",
        "{{ page.title | upcase }}",
        "{{ site.title | capitalize }} cap",
        "{{ page.title | escape }} esc",
        "{{ site.padded | strip }} stripped",
        "{{ site.padded }}edges",
        "{{ site.flag }} flag",
        "a{% comment %}hidden{% endcomment %}b",
        "Raw {%- raw %} {{ x }} {% endraw -%} after",
        "{{ site.title }}",
    ]:
        c.atx(text)
    return c


def kramdown_input() -> Case:
    c = Case(
        "kramdown-input",
        "input: kramdown, the non-GFM id algorithm (ASCII only, leading non-letters cut).",
        kramdown={"input": "kramdown"},
    )
    for text in [
        "1 Leading digit",
        "123",
        "2nd Edition",
        "Über alles",
        "Café",
        "日本語",
        "!!!",
        "???",
        "Section",
        "_under_score",
        "snake_case",
        "*Em* and `code`",
        "[Link](http://x.y/z)",
        "A--B",
        "A -- B",
        "Dup",
        "Dup",
        "Dup",
        "Dup-1",
        "C#",
        "C #",
        "Title {#explicit-k}",
        "Title {#1bad}",
        "&amp; entity &eacute;",
        "Tab\there",
        "-dash first",
        "Trailing ##   ",
        "Hello, World!",
        "x = y + z",
        "Step 1: Install",
        "a_b-c d",
        "'Quoted' \"text\"",
        "<span>HTML</span> tag",
    ]:
        c.atx(text)
    c.atx("NoSpace", level=1, sep="")
    c.atx("IAL in kramdown", ial="{: #k-ial}")
    c.atx("Dup", ial="{: #dup-ial}")
    c.atx("Dup")
    c.setext("Setext kramdown", "===")
    c.setext("1 setext digit", "---")
    return c


def options_prefix() -> Case:
    c = Case(
        "options-prefix",
        "GFM with auto_id_prefix, auto_id_stripping and transliterated_header_ids.",
        kramdown={
            "auto_id_prefix": "id-",
            "auto_id_stripping": True,
            "transliterated_header_ids": True,
        },
    )
    for text in [
        "Intro",
        "Intro",
        "1 Digit",
        "Café Über",
        "???",
        "???",
        "*Em* and `code` &amp;",
        "Explicit {#exp}",
        "a -- b",
    ]:
        c.atx(text)
    c.atx("IAL", ial="{: #ial}")
    return c


def kramdown_options() -> Case:
    c = Case(
        "kramdown-options",
        # Not transliterated_header_ids: with input kramdown it makes kramdown
        # load the stringex gem, which Debian does not ship, and the build fails.
        "input: kramdown with auto_id_prefix and auto_id_stripping.",
        kramdown={"input": "kramdown", "auto_id_prefix": "k-", "auto_id_stripping": True},
    )
    for text in [
        "*Em* `code` [link](x) &amp;",
        "Café Über",
        "1 Digit",
        "???",
        "???",
        "a >> b",
        "A--B",
        "Dup",
        "Dup",
        "&#65;&#x42;C entity letters",
        "'Quoted' \"text\"",
        "<span>HTML</span> tag",
        "$$math$$ formula",
        "Explicit {#exp-k}",
    ]:
        c.atx(text)
    return c


def auto_ids_off() -> Case:
    c = Case("auto-ids-off", "GFM with auto_ids: false.", kramdown={"auto_ids": False})
    c.atx("No id here")
    c.atx("Explicit {#kept}")
    c.atx("IAL", ial="{: #ial-kept}")
    c.atx("Plain again")
    c.atx("Plain again")
    return c


def kramdown_auto_ids_off() -> Case:
    c = Case(
        "kramdown-auto-ids-off",
        "input: kramdown with auto_ids: false.",
        kramdown={"input": "kramdown", "auto_ids": False},
    )
    c.atx("No id here")
    c.atx("Explicit {#kept-k}")
    c.atx("IAL", ial="{: #ial-kept-k}")
    return c


GFM_BLOCKS = """\
## Top heading

```
## Not a heading in backticks
```

~~~
## Not a heading in tildes
~~~

````markdown
```
## Still inside the four-backtick fence
```
````

    ## Not a heading: indented code

  ## Indented two spaces

#NoSpace is a paragraph

#5 bolts

####### Seven hashes

##

Paragraph line
## Heading right after a paragraph line

> ## In a blockquote
>
> Quote text
> ## Quote heading after text

> Quote setext
> ---

- ## In a list item
- Item
  ## Nested after item text

1. ## Ordered list heading

Lazy paragraph
Setext after paragraph
---

<div id="html-div">
<span id="inner-span">inner</span>
<h2>Raw heading without id</h2>
</div>

<h3 id="raw-h3">Raw H3</h3>

<section id='single-quoted'>
</section>

<div id=unquoted-id></div>

<div id=unquoted></div>

<DIV ID="Upper-Case">upper</DIV>

<div
  id="multi-line-tag">
</div>

<div class="a" data-id="not-an-id" id="after-data">x</div>

<a name="block-anchor"></a>

Paragraph with <a name="para-anchor">named</a> and <span id="para-span">span</span>.

<!-- <div id="commented-out"> -->

<div markdown="1">
## Inside markdown div
## Inside markdown div
## `code` punct!? é
## ???
</div>

## Inside markdown div

<details id="details-id" markdown="1">
<summary>Summary</summary>

## In details
</details>

{: #ial-before}
## Heading with IAL before

{: #ial-lost}

## Heading after a blank line

## Heading with IAL after
{: #ial-after .cls}

Paragraph with IAL
{: #para-ial .note}

{:ref: #ald-id}
## Heading with ALD
{: ref}

- List with IAL
{: #list-ial}

> Quote with IAL
{: #quote-ial}

```
code with IAL
```
{: #code-ial}

Inline *em*{: #em-ial} and `code`{: #code-span-ial}.

| Table | Head |
|-------|------|
| a     | b    |
{: #table-ial}

## Heading *with* <a name="named-in-heading"></a>anchor

```html
<div id="in-fenced-html"></div>
```

`<span id="in-code-span">`

## Last
"""

# Fences kramdown does not recognise: an info string with a space in it, and a
# closer that does not match the opener. The opener line then reads as the
# text of a setext heading underlined by the YAML `---`, and the closing fence
# opens a new code block that runs on.
GFM_FENCE_QUIRKS = """\
## Before

```yaml
---
closed: properly
```

## Between

```yaml title="config.yml"
---
key: value
```

## Inside the runaway fence

```

## After the runaway fence

```
---
never: closed
~~~

## After the unclosed fence
"""

KRAMDOWN_BLOCKS = """\
## Top

Paragraph line
## Not a heading after a paragraph line in kramdown

#NoSpace

  ## Indented two

##

## ##

```
## Fenced
```

~~~
## Tilde fenced
~~~

> ## Quoted

<div markdown="1">
## In div
</div>

## In div

{: #k-before}
## With IAL before
"""


def gfm_blocks() -> Case:
    c = Case(
        "gfm-blocks",
        "Block contexts with Jekyll defaults: code, quotes, lists, HTML, IALs, fence quirks.",
        simple=False,
    )
    c.raw(GFM_BLOCKS.rstrip("\n"))
    return c


def gfm_fence_quirks() -> Case:
    c = Case(
        "gfm-fence-quirks",
        "Fences kramdown GFM does not take as fences: the opener becomes a setext heading.",
        simple=False,
    )
    c.raw(GFM_FENCE_QUIRKS.rstrip("\n"))
    return c


def kramdown_blocks() -> Case:
    c = Case(
        "kramdown-blocks",
        "Block contexts with input: kramdown.",
        kramdown={"input": "kramdown"},
        simple=False,
    )
    c.raw(KRAMDOWN_BLOCKS.rstrip("\n"))
    return c


CASES = [
    gfm_basic,
    gfm_inline,
    gfm_explicit,
    liquid,
    kramdown_input,
    options_prefix,
    kramdown_options,
    auto_ids_off,
    kramdown_auto_ids_off,
    gfm_blocks,
    gfm_fence_quirks,
    kramdown_blocks,
]


# --------------------------------------------------------------------------
# Building and recording


def yaml_scalar(value: Any) -> str:
    """A YAML flow value for `value` (JSON is valid YAML flow syntax)."""
    return json.dumps(value, ensure_ascii=False)


def front_matter(case: Case) -> list[str]:
    lines = ["---"]
    lines += [f"{key}: {yaml_scalar(val)}" for key, val in case.page.items()]
    lines.append("---")
    return lines


def page_text(case: Case) -> str:
    return "\n".join([*front_matter(case), *case.lines]) + "\n"


def config_text(case: Case) -> str:
    config: dict[str, Any] = {"title": "Golden"}
    config.update(case.site)
    if case.kramdown:
        config["kramdown"] = case.kramdown
    return "".join(f"{key}: {yaml_scalar(val)}\n" for key, val in config.items())


class _IdCollector(HTMLParser):
    """Every id attribute and every <a name> in an HTML page, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.found.append((tag, name, value))

    handle_startendtag = handle_starttag


def html_anchors(html: str) -> list[tuple[str, str, str]]:
    collector = _IdCollector()
    collector.feed(html)
    collector.close()
    return collector.found


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stdout}{proc.stderr}")
    return proc.stdout


def build(case: Case, work: Path) -> tuple[str, list[dict[str, Any]], str]:
    """Build the case's site; return (published html, recorded elements, body)."""
    src, dest = work / "src", work / "dest"
    (src / "_plugins").mkdir(parents=True)
    (src / "_config.yml").write_text(config_text(case), encoding="utf-8")
    (src / "index.md").write_text(page_text(case), encoding="utf-8")
    (src / "_plugins" / "golden_recorder.rb").write_text(RECORDER_PLUGIN, encoding="utf-8")
    record = work / "record.json"
    # Not --safe: the recorder is a plugin.
    jekyll_build(src, dest, safe=False, **{RECORD_ENV: str(record)})
    conversions = json.loads(record.read_text(encoding="utf-8"))
    if len(conversions) != 1:
        sys.exit(f"{case.name}: expected one Markdown conversion, got {len(conversions)}")
    html = (dest / "index.html").read_text(encoding="utf-8")
    return html, conversions[0]["elements"], conversions[0]["content"]


def cross_check(case: Case, body: str, work: Path) -> str:
    """Convert the Liquid-rendered body with plain kramdown and Jekyll's options."""
    data = work / "cross.json"
    data.write_text(json.dumps({"content": body, "kramdown": case.kramdown}), encoding="utf-8")
    script = work / "cross.rb"
    script.write_text(CROSS_CHECK, encoding="utf-8")
    return run(["ruby", str(script), str(data)], work, dict(os.environ, LC_ALL="C.UTF-8"))


def tag_attrs(start_tag: str | None) -> list[tuple[str, str, str]]:
    return html_anchors(start_tag) if start_tag else []


IAL_LINE = re.compile(r"^ {0,3}\{:(?!:|/)(?:\\\}|[^}])+\}\s*$")


def source_line_of(lines: list[str], name: str, value: str, case: str) -> int:
    """The one source line holding attribute `name` = `value` (for unrecorded tags)."""
    pattern = re.compile(
        rf"""\b{name}\s*=\s*(?:"{re.escape(value)}"|'{re.escape(value)}'|{re.escape(value)}\b)""",
        re.IGNORECASE,
    )
    hits = [i + 1 for i, line in enumerate(lines) if pattern.search(line)]
    if len(hits) != 1:
        sys.exit(f"{case}: {name}={value!r} found on lines {hits}, need exactly one")
    return hits[0]


def ial_line_of(lines: list[str], value: str) -> int | None:
    """The one block IAL line that sets id `value` (None: none, or not one)."""
    token = re.compile(rf"""#{re.escape(value)}(?=[\s.#}}])|id=["']{re.escape(value)}["']""")
    hits = [
        number
        for number, line in enumerate(lines, start=1)
        if IAL_LINE.match(line) and token.search(line)
    ]
    return hits[0] if len(hits) == 1 else None


def heading_line_ok(lines: list[str], number: int) -> bool:
    """Whether file line `number` looks like the first line of a heading."""
    text = re.sub(r"^\s*(?:(?:>|[-*+]|\d+\.)\s*)*", "", lines[number - 1])
    if text.startswith("#"):
        return True
    return number < len(lines) and re.match(r"^(?:>\s*)*\s*[-=]+\s*$", lines[number]) is not None


def record(case: Case, work: Path) -> dict[str, Any]:
    """Build `case` and return its golden record."""
    html, elements, body = build(case, work)
    file_lines = page_text(case).split("\n")[:-1]
    offset = len(front_matter(case))
    if body.count("\n") != len(case.lines):
        sys.exit(f"{case.name}: Liquid changed the number of lines; locations would be off")

    published = html_anchors(html)
    checked = html_anchors(cross_check(case, body, work))
    if published != checked:
        sys.exit(f"{case.name}: jekyll build and plain kramdown disagree:\n{published}\n{checked}")

    recorded: list[tuple[tuple[str, str, str], dict[str, Any]]] = [
        (attr, el) for el in elements for attr in tag_attrs(el.get("start_tag"))
    ]
    ids: list[dict[str, Any]] = []
    rec_i = 0
    for tag, name, value in published:
        entry: dict[str, Any] = {"tag": tag, name: value}
        if rec_i < len(recorded) and recorded[rec_i][0] == (tag, name, value):
            el = recorded[rec_i][1]
            rec_i += 1
            line = el["location"] + offset
            if el["type"] == "header":
                if not heading_line_ok(file_lines, line):
                    sys.exit(f"{case.name}: header location {line} is not a heading line")
                if el.get("ial_id") == value:
                    entry["via"] = "ial"
                elif el.get("ial_refs") and el.get("ial_id") is None:
                    entry["via"] = "ald"
                elif re.search(rf"[\t ]\{{#{re.escape(value)}\}}\s*$", file_lines[line - 1]):
                    entry["via"] = "explicit"
                else:
                    entry["via"] = "auto"
            elif el["type"] == "html_element":
                entry["via"] = "html"
            else:
                entry["via"] = "ial"
            if entry["via"] == "ial":
                ial_line = ial_line_of(file_lines, value)
                if ial_line is not None:
                    entry["ial_line"] = ial_line
        else:
            line = source_line_of(file_lines, name, value, case.name)
            entry["via"] = "html"
        entry["line"] = line
        ids.append(entry)
    if rec_i != len(recorded):
        sys.exit(f"{case.name}: recorded elements not all published: {recorded[rec_i:]}")

    # Headings kramdown published without an id (it came out empty): they
    # still move GFM's duplicate counter.
    no_id = [
        {"tag": f"h{el['start_tag'][2]}", "line": el["location"] + offset}
        for el in elements
        if el["type"] == "header" and not any(n == "id" for _, n, _ in tag_attrs(el["start_tag"]))
    ]
    result: dict[str, Any] = {
        "about": case.about,
        "kramdown": case.kramdown,
        "ids": ids,
        "no_id": no_id,
    }
    if case.site or case.page:
        result["site"] = case.site
        result["page"] = case.page
    if case.simple:
        result["headings"] = simple_headings(case, elements, offset)
        result["refs"] = case.refs
    return result


def simple_headings(
    case: Case, elements: list[dict[str, Any]], offset: int
) -> list[dict[str, Any]]:
    """The declared headings with the id kramdown gave each (null: none published)."""
    headers = {el["location"] + offset: el for el in elements if el["type"] == "header"}
    out = []
    for heading in case.headings:
        line = heading["line"] + offset
        el = headers.pop(line, None)
        if el is None:
            sys.exit(f"{case.name}: line {line} {heading['content']!r} is not a heading")
        attrs = [value for _, name, value in tag_attrs(el["start_tag"]) if name == "id"]
        out.append(
            {**heading, "line": line, "raw_text": el["raw_text"], "id": attrs[0] if attrs else None}
        )
    if headers:
        sys.exit(f"{case.name}: undeclared headings at lines {sorted(headers)}")
    return out


def render(data: dict[str, Any]) -> str:
    """Serialise deterministically: two-space indent, newline at the end."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or with --check, verify) every case."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case names")
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if any file would change"
    )
    args = parser.parse_args(argv)
    if shutil.which("jekyll") is None:
        sys.exit("jekyll not found on PATH (apt-get install jekyll)")
    cases = [make() for make in CASES]
    known = {c.name for c in cases}
    unknown = sorted(set(args.cases) - known)
    if unknown:
        sys.exit(f"unknown case(s): {', '.join(unknown)}")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    stale: list[str] = []
    for case in cases:
        if args.cases and case.name not in args.cases:
            continue
        with tempfile.TemporaryDirectory(prefix="guidelint-kramdown-") as tmp:
            data = record(case, Path(tmp))
        outputs = {
            GOLDEN / f"{case.name}.md": page_text(case),
            GOLDEN / f"{case.name}.json": render(data),
        }
        changed = [
            p for p, text in outputs.items() if not p.exists() or p.read_text("utf-8") != text
        ]
        count = len(data.get("headings", [])) or len(data["ids"])
        if not changed:
            print(f"ok       {case.name} ({count})")
        elif args.check:
            stale.append(case.name)
            print(f"STALE    {case.name}")
        else:
            for path in changed:
                path.write_text(outputs[path], encoding="utf-8")
            print(f"written  {case.name} ({count})")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
