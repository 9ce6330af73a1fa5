"""The report's formats: a terminal table, Markdown, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable

from guidelint import report_html
from guidelint.report import Item, totals

_HEAD = ("age", "added", "marker", "where", "author", "note")


def _row(item: Item) -> tuple[str, ...]:
    return (
        f"{item.age_days}d" if item.age_days is not None else "-",
        item.added.isoformat() if item.added else "-",
        item.marker + (" (visible!)" if item.visible else ""),
        f"{item.path}:{item.line}",
        item.author or "-",
        item.text or "(no text)",
    )


def _totals_lines(items: list[Item]) -> list[str]:
    by_marker, by_page = totals(items)
    markers = ", ".join(f"{name} {count}" for name, count in sorted(by_marker.items()))
    lines = [f"{len(items)} open item(s): {markers}" if items else "No open items."]
    for page, count in by_page.most_common():
        lines.append(f"  {count:>4}  {page}")
    undated = _undated_reasons(items)
    lines.extend(f"no date for {count}: {reason}" for reason, count in undated)
    return lines


def _undated_reasons(items: list[Item]) -> list[tuple[str, int]]:
    """Why some items have no date, and how many."""
    reasons: dict[str, int] = {}
    for item in items:
        if item.why_no_date:
            reasons[item.why_no_date] = reasons.get(item.why_no_date, 0) + 1
    return sorted(reasons.items())


def text(items: list[Item]) -> str:
    """An aligned table; on a terminal the note column is cut to fit its width."""
    rows = [_HEAD, *(_row(i) for i in items)]
    widths = [max(len(r[c]) for r in rows) for c in range(len(_HEAD) - 1)]
    columns = shutil.get_terminal_size((0, 0)).columns  # 0: not a terminal, nothing to fit
    room = max(columns - sum(widths) - 2 * len(widths), 20) if columns else 0
    out: list[str] = []
    for r in rows:
        note = r[-1] if not room or len(r[-1]) <= room else r[-1][: room - 3] + "..."
        cells = "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=False))
        out.append(f"{cells}  {note}".rstrip())
    out.append("")
    out.extend(_totals_lines(items))
    return "\n".join(out) + "\n"


def markdown(items: list[Item]) -> str:
    """A table for a pull-request comment or a CI job summary."""

    def cell(value: str) -> str:
        return value.replace("|", "\\|").replace("\n", " ")

    out = ["| Age | Added | Marker | Where | Author | Note |", "|---|---|---|---|---|---|"]
    for item in items:
        age, added, marker, where, author, note = _row(item)
        where_cell = f"[{where}]({item.url})" if item.url else f"`{where}`"
        out.append(
            f"| {age} | {added} | {cell(marker)} | {where_cell} | {cell(author)} | {cell(note)} |"
        )
    out.append("")
    out.extend(
        line if not line.startswith("  ") else "- " + line.strip() for line in _totals_lines(items)
    )
    return "\n".join(out) + "\n"


def json_format(items: list[Item]) -> str:
    return json.dumps([item.to_json() for item in items], indent=2, ensure_ascii=False) + "\n"


def csv_format(items: list[Item]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    fields = list(items[0].to_json()) if items else list(Item("", "", 0, "", "", False).to_json())
    writer.writerow(fields)
    for item in items:
        writer.writerow(["" if v is None else v for v in item.to_json().values()])
    return buffer.getvalue()


FORMATS: dict[str, Callable[[list[Item]], str]] = {
    "text": text,
    "markdown": markdown,
    "json": json_format,
    "csv": csv_format,
    "html": report_html.render,
}
