"""The report as one self-contained HTML file: a sortable, filterable table.

Inline CSS and JavaScript, nothing fetched from the network, so it can be
attached to a CI run or mailed. Built for people: real table headers,
sort buttons in them, labelled filters, keyboard use, and a layout that
stays readable on a phone.
"""

from __future__ import annotations

import html
import json

from guidelint.report import Item, totals

_STYLE = """
body{font:16px/1.5 system-ui,"Segoe UI",Arial,sans-serif;margin:0;padding:1rem;color:#212b32}
h1{font-size:1.5rem;margin:0 0 .5rem}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem;padding:0;list-style:none}
.counts li{background:#f0f4f5;border-radius:4px;padding:.25rem .5rem}
form{display:flex;flex-wrap:wrap;gap:1rem;margin-bottom:1rem}
label{display:flex;flex-direction:column;font-weight:600}
input,select{font:inherit;padding:.25rem}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #d8dde0;padding:.5rem;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:700;background:none;border:0;padding:0;cursor:pointer}
th button:focus,input:focus,select:focus{outline:3px solid #ffeb3b}
.visible{color:#d5281b;font-weight:700}
@media (max-width:640px){thead{display:none}tr{display:block;border-bottom:2px solid #d8dde0}
td{display:block;border:0;padding:.15rem 0}
td::before{content:attr(data-label) ": ";font-weight:700}}
"""

_SCRIPT = """
(function(){
  var rows=[].slice.call(document.querySelectorAll('#items tbody tr'));
  var body=document.querySelector('#items tbody');
  var marker=document.getElementById('marker'), search=document.getElementById('search');
  var shown=document.getElementById('shown');
  function filter(){
    var m=marker.value, q=search.value.toLowerCase(), n=0;
    rows.forEach(function(r){
      var ok=(!m||r.dataset.marker===m)&&(!q||r.textContent.toLowerCase().indexOf(q)>=0);
      r.hidden=!ok; if(ok)n++;
    });
    shown.textContent=n;
  }
  marker.addEventListener('change',filter); search.addEventListener('input',filter);
  [].forEach.call(document.querySelectorAll('th button'),function(b){
    b.addEventListener('click',function(){
      var key=b.dataset.key, th=b.parentNode, asc=th.getAttribute('aria-sort')!=='ascending';
      [].forEach.call(document.querySelectorAll('th'),function(h){h.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      rows.sort(function(a,b2){
        var x=a.dataset[key], y=b2.dataset[key];
        if(key==='age'){x=x===''?-1:+x; y=y===''?-1:+y;}
        return (x<y?-1:x>y?1:0)*(asc?1:-1);
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  filter();
})();
"""

_COLUMNS = (("age", "Age (days)"), ("added", "Added"), ("marker", "Marker"), ("where", "Where"),
            ("author", "Author"), ("note", "Note"))  # fmt: skip


def render(items: list[Item]) -> str:
    """The whole page."""
    by_marker, by_page = totals(items)
    esc = html.escape
    options = "".join(f'<option value="{esc(m)}">{esc(m)}</option>' for m in sorted(by_marker))
    rows = "\n".join(_row(item) for item in items)
    heads = "".join(
        f'<th scope="col"><button type="button" data-key="{key}">{esc(label)}</button></th>'
        for key, label in _COLUMNS
    )
    marker_counts = "".join(f"<li>{esc(m)}: {n}</li>" for m, n in sorted(by_marker.items()))
    page_counts = "".join(f"<li>{esc(p)}: {n}</li>" for p, n in by_page.most_common())
    data = json.dumps({"items": len(items)})
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Open editorial items</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>Open editorial items</h1>
<p><span id="shown">{len(items)}</span> of {len(items)} shown.</p>
<h2>By marker</h2>
<ul class="counts" id="by-marker">{marker_counts}</ul>
<h2>By page</h2>
<ul class="counts" id="by-page">{page_counts}</ul>
<form role="search" onsubmit="return false">
<label for="marker">Marker
<select id="marker"><option value="">All</option>{options}</select></label>
<label for="search">Search<input id="search" type="search"></label>
</form>
<table id="items" data-summary='{data}'>
<caption>Open items, oldest first</caption>
<thead><tr>{heads}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
</main>
<script>{_SCRIPT}</script>
</body>
</html>
"""


def _row(item: Item) -> str:
    esc = html.escape
    where = f"{item.path}:{item.line}"
    where_html = (
        f'<a href="{esc(item.url)}">{esc(where)}</a>' if item.url else f"<code>{esc(where)}</code>"
    )
    age = "" if item.age_days is None else str(item.age_days)
    added = item.added.isoformat() if item.added else ""
    marker = esc(item.marker) + (' <span class="visible">(visible)</span>' if item.visible else "")
    note = esc(item.text or "(no text)")
    if item.why_no_date:
        note += f" <em>({esc(item.why_no_date)})</em>"
    cells = (
        ("Age (days)", age or "-"), ("Added", added or "-"), ("Marker", marker),
        ("Where", where_html), ("Author", esc(item.author or "-")), ("Note", note),
    )  # fmt: skip
    tds = "".join(f'<td data-label="{label}">{value}</td>' for label, value in cells)
    attrs = (
        f'data-age="{age}" data-added="{added}" data-marker="{esc(item.marker)}" '
        f'data-where="{esc(where)}" data-author="{esc(item.author or "")}" '
        f'data-note="{esc(item.text)}"'
    )
    return f"<tr {attrs}>{tds}</tr>"
