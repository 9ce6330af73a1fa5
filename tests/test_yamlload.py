"""Front-matter YAML: Psych-compatible values, positions, and safety limits."""

from __future__ import annotations

import datetime
import math
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidelint.yamlload import Loaded, Position, load, resolve_plain


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", None),
        ("~", None),
        ("null", None),
        ("yes", True),
        ("On", True),
        ("TRUE", True),
        ("no", False),
        ("off", False),
        ("42", 42),
        ("-7", -7),
        ("1_000", 1000),
        ("0x1F", 31),
        ("0b101", 5),
        ("017", 15),
        ("3.5", 3.5),
        ("1e3", "1e3"),  # YAML 1.1 floats need a dot
        ("1.5e3", 1500.0),
        (".inf", math.inf),
        ("2024-01-31", datetime.date(2024, 1, 31)),
        ("2024-1-5", datetime.date(2024, 1, 5)),
        ("2024-02-30", "2024-02-30"),  # Psych keeps an impossible date as text
        ("31/12/2024", "31/12/2024"),
        ("/guide/x", "/guide/x"),
        ("CCG", "CCG"),
    ],
)
def test_plain_scalars_resolve_as_psych_does(text: str, value: Any) -> None:
    assert resolve_plain(text) == value


def test_timestamp_with_zone() -> None:
    value = resolve_plain("2001-12-14t21:59:43.10-05:00")
    assert isinstance(value, datetime.datetime)
    assert value.utcoffset() == datetime.timedelta(hours=-5)


def test_quoted_values_stay_strings() -> None:
    loaded = load("a: 'yes'\nb: \"2024-01-31\"\nc: !!str 12\nd: !!int '12'\n")
    assert loaded.data == {"a": "yes", "b": "2024-01-31", "c": "12", "d": 12}
    assert loaded.problems == []


def test_every_key_has_its_file_position() -> None:
    loaded = load("title: T\nauthors:\n  - name: A\n    role: B\nsubtitle: S\n", first_line=2)
    assert loaded.keys[("title",)] == Position(2, 1)
    assert loaded.keys[("authors", 0)] == Position(4, 5)
    assert loaded.keys[("authors", 0, "role")] == Position(5, 5)
    assert loaded.keys[("subtitle",)] == Position(6, 1)
    assert loaded.values[("subtitle",)] == Position(6, 11)


def test_duplicate_key_is_a_problem_at_the_second_key() -> None:
    loaded = load("title: A\nnested:\n  x: 1\n  x: 2\ntitle: B\n", first_line=2)
    lines = sorted((p.line, p.message) for p in loaded.problems)
    assert [line for line, _ in lines] == [5, 6]
    assert "first on line 4" in lines[0][1]
    assert loaded.data["title"] == "B"


def test_syntax_error_position() -> None:
    loaded = load("title: A\n breadcrumbparent: /guide\n", first_line=2)
    assert loaded.data is None
    assert loaded.problems[0].line == 3


@pytest.mark.parametrize(
    "text",
    [
        "x: !!python/object/apply:os.system ['true']\n",
        "x: !!python/name:os.system\n",
        "x: !ruby/object:Gem::Installer\n  a: 1\n",
        "x: !custom value\n",
    ],
)
def test_tags_are_never_constructed(text: str) -> None:
    loaded = load(text)
    assert any("tag" in p.message for p in loaded.problems)
    assert isinstance(loaded.data, dict)
    assert all(isinstance(v, str | dict | list) for v in loaded.data.values())


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    started = time.perf_counter()
    loaded = load("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2
    assert loaded.data is None
    assert "alias" in loaded.problems[0].message


def test_small_aliases_and_merge_keys_work() -> None:
    loaded = load("base: &b {layout: page}\npage:\n  <<: *b\n  title: T\nlist: [*b]\n")
    assert loaded.data["page"] == {"layout": "page", "title": "T"}
    assert loaded.data["list"] == [{"layout": "page"}]


def test_recursive_alias_is_refused() -> None:
    loaded = load("a: &a [*a]\n")
    assert loaded.data is None
    assert loaded.problems


@pytest.mark.parametrize(
    "text",
    ["[" * 5000 + "]" * 5000, "".join(" " * i + "k:\n" for i in range(0, 10000, 2))],
)
def test_deep_nesting_is_refused(text: str) -> None:
    loaded = load(text)
    assert loaded.data is None
    assert "nested" in loaded.problems[0].message


def test_odd_keys_become_text() -> None:
    loaded = load("1: a\ntrue: b\n2024-01-01: c\n~: d\n")
    assert loaded.data == {"1": "a", "true": "b", "2024-01-01": "c", "~": "d"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_loads_without_raising(text: str) -> None:
    _assert_well_formed(load(text, first_line=2), text)


YAMLISH = st.lists(
    st.sampled_from(
        [
            "a:",
            " b:",
            "- ",
            "[",
            "]",
            "{",
            "}",
            "&x ",
            "*x",
            "!!str ",
            "'",
            '"',
            "<<: ",
            "? ",
            "\n",
            " ",
            "x",
            "1",
            "#",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(YAMLISH)
def test_yaml_shaped_text_loads_without_raising(text: str) -> None:
    _assert_well_formed(load(text, first_line=2), text)


PLAIN_TYPES = (dict, list, str, int, float, bool, datetime.date, type(None))


def _assert_well_formed(loaded: Loaded, text: str) -> None:
    """Plain values only, and every problem and key inside the text's lines."""
    assert isinstance(loaded.data, PLAIN_TYPES)
    last_line = 2 + text.count("\n") + 1
    for problem in loaded.problems:
        assert 2 <= problem.line <= last_line
    for position in loaded.keys.values():
        assert 2 <= position.line <= last_line
