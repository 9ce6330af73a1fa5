"""guidelint: a content linter for documentation guides kept as Jekyll sources."""

from __future__ import annotations

__version__ = "0.1.0"
