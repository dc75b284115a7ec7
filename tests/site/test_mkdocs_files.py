"""Generated pages as MkDocs files (site/mkdocs_files.py): escaped front matter, contents."""

from __future__ import annotations

import json

from generator.outputs.pages.page import GeneratedPage
from generator.site.mkdocs_files import front_matter, table_of_contents


def test_front_matter_escapes_every_text_once() -> None:
    page = GeneratedPage(
        "dispositifs/x/",
        'Piège </title><script>"',
        "",
        description="a & b",
        meta={"hide": ["toc"], "date_maj": "2026-01-01", "n": 3},
    )
    text = front_matter(page)
    assert text.startswith("---\n") and text.endswith("\n---\n")
    lines = dict(line.split(": ", 1) for line in text.strip("-\n").splitlines())
    assert json.loads(lines["title"]) == "Piège &lt;/title&gt;&lt;script&gt;&#34;"
    assert json.loads(lines["description"]) == "a &amp; b"
    assert json.loads(lines["hide"]) == ["toc"] and json.loads(lines["n"]) == 3


def test_table_of_contents_lists_the_sections() -> None:
    toc = table_of_contents('<h2 id="a">Un</h2><h2 id="b">Deux <b>(2)</b></h2>')
    assert [(item.id, item.title) for item in toc] == [("a", "Un"), ("b", "Deux (2)")]
