"""Errors that stop a run: each becomes one line on stderr and exit code 2."""

from __future__ import annotations


class GuidelintError(Exception):
    """A usage, config or input problem the user can fix; printed as one line."""
