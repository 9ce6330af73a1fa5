"""Splitting front matter from the body, with Jekyll's rules and exact lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guidelint.frontmatter import split, starts_with_front_matter


def test_plain_split_keeps_line_numbers() -> None:
    parts = split("---\ntitle: A\nlayout: b\n---\nBody\n")
    assert parts.has_front_matter and parts.closed
    assert parts.yaml == "title: A\nlayout: b\n"
    assert (parts.yaml_line, parts.close_line, parts.body_line) == (2, 4, 5)
    assert parts.body == "Body\n"


def test_dots_close_and_trailing_spaces() -> None:
    assert split("--- \ntitle: A\n...\nBody").body == "Body"
    assert split("---\ntitle: A\n---   \nBody").closed


def test_crlf() -> None:
    parts = split("---\r\ntitle: A\r\n---\r\nBody\r\n")
    assert parts.closed and parts.body == "Body\r\n" and parts.body_line == 4


def test_empty_front_matter() -> None:
    parts = split("---\n---\nBody\n")
    assert parts.closed and parts.yaml == "" and parts.body_line == 3


def test_not_front_matter_as_jekyll_decides() -> None:
    # Each of these was copied raw by Jekyll 4.3 (tests/golden/jekyll/frontmatter-edge).
    for text in (
        "--- # comment\ntitle: A\n---\n",
        "\n---\ntitle: A\n---\n",
        " ---\n---\n",
        "----\n---\n",
    ):
        assert not starts_with_front_matter(text)
        assert not split(text).has_front_matter


def test_unclosed() -> None:
    parts = split("---\ntitle: A\nBody\n")
    assert parts.has_front_matter and not parts.closed


def test_four_dashes_do_not_close() -> None:
    parts = split("---\ntitle: A\n----\n---\nBody\n")
    assert parts.close_line == 4 and parts.yaml == "title: A\n----\n"


@given(st.text(alphabet=st.sampled_from(["-", ".", "\n", "\r", " ", "a", ":"]), max_size=80))
def test_split_is_total_and_lossless(text: str) -> None:
    """No input raises, and the parts always add back up to the file."""
    parts = split(text)
    if parts.closed:
        assert text.endswith(parts.body)
        assert parts.yaml in text
        assert parts.body_line == parts.close_line + 1
    elif not parts.has_front_matter:
        assert parts.body == text
