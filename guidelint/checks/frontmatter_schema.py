"""Front matter that breaks the JSON Schema chosen for the page.

## What it checks
Each page's front matter, after `_config.yml` `defaults` are merged under
it, against a JSON Schema (draft 2020-12): one finding per violation, at
the offending key's line, naming the field path (`subtitle`,
`authors[1].name`). A missing required key is reported at the front
matter's first line. YAML dates are checked in their ISO form, so a schema
says `"format": "date"` for them.

## Why it matters
Layouts and include templates read these fields. A `subtitle` given as a
list renders as run-together words, a permalink with a trailing slash
publishes at a URL that the page chain does not use, and a review date that
is not a date is never noticed as overdue.

## Example
```yaml
---
title: Training
subtitle:
  - Plan the sessions
permalink: /guide/training/
review_by: 31/12/2024
---
```

## How to fix
Give each field the type and form the schema names: a string subtitle, a
permalink with a leading and no trailing slash, an unquoted `YYYY-MM-DD`
date. `guidelint rule FM003` lists the shipped schemas.

## How to configure
Choose schemas per page in `.guidelint.yaml`; the first match wins, and
pages that match none use the lenient `default-page.json`:

```yaml
schemas:
  - layout: page_with_sidebar
    schema: guide-page.json        # a shipped schema
  - path: "guide/**"
    schema: schemas/guide.json     # or a file beside the config
  - collection: steps
    schema: schemas/step.json
```
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import Kind, Page
from guidelint.rule import Rule

if TYPE_CHECKING:
    import jsonschema


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in (Kind.PAGE, Kind.DOCUMENT) or page.front_matter is None:
        return
    schema_file, validator = ctx.schema_for(page)
    instance = json_view(page.data)
    for error in sorted(validator.iter_errors(instance), key=_order):
        path = tuple(error.absolute_path)
        line, column, note = _place(page, error, path)
        message = f"{_describe(error, path)} (schema {schema_file.name}){note}"
        yield RULE.finding(page, line, column, message)


def _order(error: jsonschema.ValidationError) -> tuple[str, ...]:
    return tuple(str(p) for p in error.absolute_path)


def _place(
    page: Page, error: jsonschema.ValidationError, path: tuple[Any, ...]
) -> tuple[int, int, str]:
    if error.validator == "required":
        if path:
            position = page.key_position(path)
            return position.line, position.column, ""
        return 1, 1, ""
    if path and path[0] in page.from_defaults:
        return 1, 1, " (the value comes from `defaults` in _config.yml)"
    position = page.key_position(path)
    return position.line, position.column, ""


def field_name(path: tuple[Any, ...]) -> str:
    """`authors[1].name` for ('authors', 1, 'name')."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(error: jsonschema.ValidationError, path: tuple[Any, ...]) -> str:
    name = field_name(path)
    value = _short(error.instance)
    kind = error.validator
    expected: Any = error.validator_value
    instance: Any = error.instance
    if kind == "required":
        missing = [p for p in expected if p not in (instance or {})]
        where = f" in '{name}'" if name else ""
        return f"required field '{missing[0] if missing else '?'}' is missing{where}"
    if kind == "type":
        expected = " or ".join(expected) if isinstance(expected, list) else str(expected)
        return f"'{name}' must be {_article(expected)}, not {_type_of(error.instance)} {value}"
    if kind == "pattern" or (kind in ("anyOf", "oneOf") and _pattern_in(error)):
        return f"'{name}' has the wrong form: {value}{_pattern_hint(error)}"
    if kind == "format":
        return f"'{name}' is not a valid {expected}: {value}"
    if kind == "enum":
        allowed = ", ".join(repr(v) for v in expected)
        return f"'{name}' must be one of {allowed}, not {value}"
    if kind == "additionalProperties":
        return f"'{name or 'front matter'}': {error.message}"
    prefix = f"'{name}': " if name else ""
    return prefix + _short(error.message, 120)


def _pattern_in(error: jsonschema.ValidationError) -> bool:
    return any(sub.validator == "pattern" for sub in error.context or ())


def _pattern_hint(error: jsonschema.ValidationError) -> str:
    schemas = [*(sub.schema for sub in error.context or ()), error.schema]
    for schema in schemas:
        if isinstance(schema, dict) and schema.get("description"):
            return f" ({schema['description'].rstrip('.')})"
    return ""


def _article(expected: str) -> str:
    return ("an " if expected[:1] in "aeio" else "a ") + expected


def _type_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a string"


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def json_view(value: Any) -> Any:
    """Front matter as JSON Schema sees it: YAML dates and times as ISO strings."""
    if isinstance(value, dict):
        return {k: json_view(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_view(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


RULE = Rule(
    code="FM003",
    name="frontmatter-schema",
    summary="Front matter breaks the page's JSON Schema",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
