"""Reporters turn findings into text; one module per format, chosen by name."""

from __future__ import annotations

from collections.abc import Callable

from guidelint.reporters import concise, github, gitlab, json_format, junit, markdown, sarif, text
from guidelint.reporters.base import Report

Reporter = Callable[[Report], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "concise": concise.render,
    "json": json_format.render,
    "github": github.render,
    "markdown": markdown.render,
    "sarif": sarif.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
}
