"""Tags moved from a page's content into its <head> (site/head.py)."""

from __future__ import annotations

import re

from generator.rules import urls
from generator.site.head import hoist_head_tags
from tests.support.datasets import BuiltSite

PAGE = """<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8">
    <title>Recherche</title>
    <link rel="stylesheet" href="main.css">
    <script>var inline = 1;</script>
  </head>
  <body>
    <article>
<link rel="preload" href="index.abc.json" as="fetch" crossorigin="anonymous" data-offre-tete>
<script src="recherche.abc.js" data-index="index.abc.json" async data-offre-tete></script>
<div id="offre-recherche"></div>
    </article>
    <script src="bundle.js"></script>
  </body>
</html>
"""


def test_marked_tags_go_before_the_first_stylesheet_in_order_and_unmarked() -> None:
    html = hoist_head_tags(PAGE)
    head, body = html.split("<body>")
    preload = head.index('<link rel="preload" href="index.abc.json"')
    script = head.index('<script src="recherche.abc.js" data-index="index.abc.json" async>')
    assert preload < script < head.index('<link rel="stylesheet" href="main.css">')
    assert head.index("<title>") < preload
    assert "data-offre-tete" not in html
    assert "index.abc.json" not in body.replace('data-index="index.abc.json"', "")
    assert "recherche.abc.js" not in body
    # Everything else stays where it was.
    assert '<div id="offre-recherche"></div>' in body
    assert '<script src="bundle.js"></script>' in body
    assert html.count("<script") == PAGE.count("<script")


def test_a_page_without_marked_tags_is_left_as_it_is() -> None:
    plain = PAGE.replace(" data-offre-tete", "")
    assert hoist_head_tags(plain) == plain


def test_a_marked_tag_already_in_head_or_a_fragment_is_left_alone() -> None:
    fragment = '<link rel="preload" href="a.json" as="fetch" data-offre-tete><p>x</p>'
    assert hoist_head_tags(fragment) == fragment
    in_head = (
        PAGE.replace(
            "<title>Recherche</title>",
            '<title>Recherche</title><link rel="preload" href="h.json" as="fetch" data-offre-tete>',
        )
        .replace(" data-offre-tete>\n<script", ">\n<script")
        .replace(" async data-offre-tete", " async")
    )
    assert hoist_head_tags(in_head) == in_head


def test_a_page_without_stylesheet_gets_the_tags_at_the_end_of_head() -> None:
    page = PAGE.replace('    <link rel="stylesheet" href="main.css">\n', "")
    head = hoist_head_tags(page).split("<body>")[0]
    assert head.index('<script src="recherche.abc.js"') < head.index("</head>")
    assert head.index("var inline") < head.index('<script src="recherche.abc.js"')


def test_the_built_search_page_asks_for_its_engine_and_index_before_the_stylesheets(
    built_site: BuiltSite,
) -> None:
    html = (built_site.site / urls.SEARCH_URL / "index.html").read_text(encoding="utf-8")
    head, body = html.split("</head>")
    first_stylesheet = head.index('<link rel="stylesheet"')
    index = re.search(r'<link rel="preload" href="(index\.[0-9a-f]{12}\.json)" as="fetch"', head)
    engine = re.search(
        r'<script src="moteur\.[0-9a-f]{12}\.js" data-index="([^"]+)" async '
        r'fetchpriority="high"></script>',
        head,
    )
    page = re.search(r'<script src="recherche\.[0-9a-f]{12}\.js" async></script>', head)
    assert index and engine and page, head
    assert index.start() < engine.start() < page.start() < first_stylesheet
    assert engine.group(1) == index.group(1)
    # The CSP's own <meta> stays first; the block ends with the marker depart.js waits for.
    assert head.index("Content-Security-Policy") < index.start()
    assert "moteur." not in body and 'src="recherche.' not in body
    assert body.index('id="offre-recherche"') < body.index('<div id="offre-recherche-fin" hidden>')
