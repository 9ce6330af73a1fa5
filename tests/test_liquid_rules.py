"""LIQ and INC rules on the cases `jekyll build` was seen to stop on, and on some it accepts.

Each verdict here was checked with Debian's Jekyll 4.3.1 (Liquid 5.4.0):
a case marked as stopping the build made it fail with a Liquid error, the
others built.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import places

CASES = [
    ("{% comment %}{% if x %}{% endcomment %}", {"LIQ001"}),
    ("{% comment %}{% foo %}{% endcomment %} ok", set()),
    ("{% foo %} x", {"LIQ002"}),
    ("{% if x %} x", {"LIQ001"}),
    ("{% endif %} x", {"LIQ001"}),
    ("{{ x ", {"LIQ002"}),
    ("{{ x } y", {"LIQ002"}),
    ("<!-- {% if x %} -->", {"LIQ001"}),
    ("{% raw %}{% if %}{% endraw %}", set()),
    ("{% raw %} unclosed", {"LIQ001"}),
    ("{% comment %} unclosed", {"LIQ001"}),
    ("{% else %}", {"LIQ002"}),
    ("{% if a %}{% else %}{% elsif b %}{% endif %}", set()),
    ("{% case a %}{% when 1 %}{% endcase %}", set()),
    ("{% highlight ruby %}x{% endhighlight %}", set()),
    ("{% echo 'a' %}{% increment n %}{% cycle 'a', 'b' %}", set()),
    ("{% include x.html a={{ page.title }} %}", {"INC001"}),
    ('{% include x.html a="{{ page.title }}" %}', {"INC001"}),
    ("{% include ../x.html %}", {"INC001"}),
    ("{% include {{ page.inc }} %}", set()),
    ('{% include x.html a = "1" b = 2 %}', set()),
    ("{% include x.html a=page.title %}", set()),
]


@pytest.mark.parametrize(("body", "codes"), CASES)
def test_what_stops_jekyll_is_reported(tmp_path: Path, body: str, codes: set[str]) -> None:
    (tmp_path / "_config.yml").write_text("title: t\n", "utf-8")
    (tmp_path / "_includes").mkdir()
    (tmp_path / "_includes" / "x.html").write_text("{{ include.a }}{{ include.b }}\n", "utf-8")
    (tmp_path / "a.md").write_text(f"---\ntitle: T\ninc: x.html\n---\n{body}\n", "utf-8")
    found = {code for _, _, code in places(tmp_path, select=("LIQ", "INC001"))}
    assert found == codes
