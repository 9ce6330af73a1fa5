"""The Liquid tokenizer: Liquid's own token boundaries, and no input can break it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guidelint.liquid import tokenize


def _names(text: str) -> list[tuple[str, str, bool]]:
    return [(t.kind, t.name or t.markup, t.closed) for t in tokenize(text)]


def test_tags_outputs_and_whitespace_control() -> None:
    text = "a {{ x }} {%- capture n -%}hi{%- endcapture -%}"
    assert _names(text) == [
        ("output", "x", True),
        ("tag", "capture", True),
        ("tag", "endcapture", True),
    ]
    capture = tokenize(text)[1]
    assert capture.markup == "n" and text[capture.markup_start :].startswith("n")


def test_multi_line_tag_keeps_its_markup_and_place() -> None:
    text = 'x\n{% include inset.html content=note\n   accessibility_text="A" %}\n'
    [token] = tokenize(text)
    assert token.name == "include" and token.start == 2
    assert token.markup == 'inset.html content=note\n   accessibility_text="A"'


def test_a_tag_ends_at_its_first_close_quotes_or_not() -> None:
    # Liquid does the same: the rest of the quoted string is page text.
    [token] = tokenize('{% assign a = "%}" %}')
    assert token.markup == 'a = "' and token.end == len('{% assign a = "%}')


def test_raw_content_is_not_tokenized_comment_content_is() -> None:
    raw = tokenize("{% raw %}{% if %}{{ x{% endraw %}{{ y }}")
    assert [t.name or t.markup for t in raw] == ["raw", "endraw", "y"]
    comment = tokenize("{% comment %}{% if x %}{% endcomment %}")
    assert [t.name for t in comment] == ["comment", "if", "endcomment"]


def test_unterminated_tokens_are_marked_not_lost() -> None:
    assert _names("{{ x } y") == [("output", "x", False)]
    assert _names("a {% if b") == [("tag", "if", False)]
    assert _names("{{ x") == [("output", "x", False)]


LIQUIDISH = st.lists(
    st.sampled_from(
        ["{%", "%}", "{{", "}}", "}", "-", " raw ", " endraw ", " comment ", "if", "x", "\n", '"']
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(LIQUIDISH)
def test_any_text_tokenizes_in_order(text: str) -> None:
    previous_end = 0
    for token in tokenize(text):
        assert previous_end <= token.start < token.end <= len(text)
        assert text.startswith(("{%", "{{"), token.start)
        previous_end = token.end


INCLUDEISH = st.lists(
    st.sampled_from(
        ["{% include ", "{% include_relative ", "%}", "x.html", " a=", "b", '"q"', "'s'", "{{ v }}",
         "\n", " ", "=", "{% comment %}", "{% endcomment %}", "-"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(INCLUDEISH)
def test_include_calls_never_raise_and_place_their_parts(text: str) -> None:
    from guidelint.includes import definitions, include_calls, uses

    tokens = tokenize(text)
    for call in include_calls(tokens):
        assert text.startswith(call.file, call.file_offset)
        for param in call.params:
            assert text.startswith(param.name, param.name_offset)
            assert text.startswith(param.value, param.value_offset)
    definitions(tokens)
    for token in tokens:
        uses(token)
