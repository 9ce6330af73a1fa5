"""Body structure: blocks with file lines, and every code and comment region."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guidelint.markdown import line_of, parse_body

SAMPLE = """Intro `code <!-- x -->` and <!-- [GAP] a
note --> done.

```yaml
---
a: 1
```

* item one
* item two

  ```
  nested code
  ```

> quote
> ```
> quoted code
> ```

    indented code

## Heading {#h}
Para ``a ` b`` end <!--[if IE]> x <![endif]-->
"""


def _regions(first_line: int = 10) -> list[tuple[str, int, str]]:
    s = parse_body(SAMPLE, first_line, markdown=True)
    return [(r.kind, s.position(r.start)[0], SAMPLE[r.start : r.end]) for r in s.regions]


def test_code_and_comment_regions_with_file_lines() -> None:
    assert _regions() == [
        ("code-span", 10, "`code <!-- x -->`"),
        ("comment", 10, "<!-- [GAP] a\nnote -->"),
        ("code-block", 13, "```yaml\n---\na: 1\n```\n"),
        ("code-block", 21, "  ```\n  nested code\n  ```\n"),
        ("code-block", 26, "> ```\n> quoted code\n> ```\n"),
        ("code-block", 30, "    indented code\n"),
        ("code-span", 33, "``a ` b``"),
        ("conditional", 33, "<!--[if IE]> x <![endif]-->"),
    ]


def test_blocks_carry_file_lines() -> None:
    s = parse_body(SAMPLE, 10, markdown=True)
    starts = [(b.type, b.start_line) for b in s.blocks]
    assert ("paragraph", 18) in starts and ("paragraph", 19) in starts
    assert ("heading", 32) in starts
    assert ("code", 13) in starts and ("code", 21) in starts


def test_region_lookup() -> None:
    s = parse_body(SAMPLE, 1, markdown=True)
    inside = SAMPLE.index("nested code")
    region = s.region_at(inside)
    assert region is not None and region.kind == "code-block"
    assert s.region_at(SAMPLE.index("Intro")) is None


def test_html_pages_have_comments_but_no_markdown_blocks() -> None:
    s = parse_body("<p>x</p>\n<!-- [GAP] y -->\n    not code\n", 5, markdown=False)
    assert s.blocks == ()
    assert [(r.kind, s.position(r.start)) for r in s.regions] == [("comment", (6, 1))]


def test_unclosed_comment_runs_to_the_end() -> None:
    s = parse_body("a <!-- open\nb\n", 1, markdown=True)
    assert s.regions[0].end == len("a <!-- open\nb\n")


def test_line_of() -> None:
    assert line_of("a\r\nb\nc", 2) == "b"
    assert line_of("a\nb", 3) == ""
    assert line_of("a", 0) == ""


MARKDOWNISH = st.lists(
    st.sampled_from(
        [
            "```",
            "~~~",
            "`",
            "<!--",
            "-->",
            "> ",
            "* ",
            "1. ",
            "    ",
            "\n",
            "\n\n",
            "# ",
            "x",
            "[a](b)",
            "{% x %}",
            "\t",
        ]
    ),
    max_size=50,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(MARKDOWNISH)
def test_any_markdown_parses_with_sane_regions(text: str) -> None:
    s = parse_body(text, 3, markdown=True)
    previous_end = 0
    for region in s.regions:
        assert 0 <= region.start < region.end <= len(text)
        assert region.start >= previous_end  # sorted and never overlapping
        previous_end = region.end
    last = 3 + text.count("\n")
    for block in s.blocks:
        assert 3 <= block.start_line <= block.end_line <= last + 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses(text: str) -> None:
    parse_body(text, 1, markdown=True)
