"""`python -m guidelint`."""

from __future__ import annotations

from guidelint.cli import main

if __name__ == "__main__":
    main()
