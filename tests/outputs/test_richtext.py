"""Editor Markdown → safe HTML and plain text (richtext.py), shared by pages and exports."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from generator.outputs.richtext import plain_text, render_inline, render_markdown


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[clic](javascript:alert(1))",
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<p style="color:red" onclick="alert(1)">x</p>',
    ],
)
def test_markup_can_format_but_never_run(markdown: str) -> None:
    html = render_markdown(markdown)
    for forbidden in ("<script", "onerror", "onclick", "javascript:", "data:", "style="):
        assert forbidden not in html, (markdown, html)


def test_links_keep_their_words_and_safe_schemes() -> None:
    html = render_markdown("[un site](https://exemple.fr/) et [refusé](javascript:x)")
    assert '<a href="https://exemple.fr/" rel="noopener noreferrer">un site</a>' in html
    assert "refusé" in html and "javascript" not in html
    assert 'href="mailto:a@exemple.fr"' in render_markdown("[écrire](mailto:a@exemple.fr)")


def test_editor_headings_sit_below_the_page_sections() -> None:
    html = render_markdown("# Titre\n\n## Sous-titre\n\n###### Fin")
    assert "<h3>Titre</h3>" in html and "<h4>Sous-titre</h4>" in html
    assert "<h6>Fin</h6>" in html and "<h1>" not in html and "<h2>" not in html


def test_tables_are_kept() -> None:
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in html and "<td>1</td>" in html


def test_inline_text_has_no_wrapping_paragraph() -> None:
    assert render_inline("Être **inscrit**") == "Être <strong>inscrit</strong>"
    # Two paragraphs stay two paragraphs.
    assert render_inline("un\n\ndeux").count("<p>") == 2


def test_plain_text_keeps_lists_and_links_and_drops_markup() -> None:
    text = plain_text("Un **texte** avec [un lien](https://exemple.fr/a?b=1&c=2).\n\n- un\n- deux")
    assert text == "Un texte avec un lien (https://exemple.fr/a?b=1&c=2).\n\n- un\n- deux"
    assert plain_text("<script>alert(1)</script>Reste") == "Reste"


def test_plain_text_does_not_repeat_a_link_that_shows_its_address() -> None:
    assert plain_text("<https://exemple.fr/>") == "https://exemple.fr/"
    assert plain_text("L&#39;apostrophe &amp; co") == "L'apostrophe & co"


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("`<details open ontoggle=alert(1)>`", "&lt;details open ontoggle=alert(1)>"),
        ("&lt;img src=x onerror=alert(2)&gt; écrit", "&lt;img src=x onerror=alert(2)> écrit"),
        ("Code : `</script><script>alert(3)</script>`", "Code : &lt;/script>&lt;script>"),
        ("`<!-- commentaire -->`", "&lt;!-- commentaire -->"),
        ("Âge < 26 ans & moins de 3 ans", "Âge < 26 ans & moins de 3 ans"),
        ("Jeunes de 16 à 25 ans (< 26)", "Jeunes de 16 à 25 ans (< 26)"),
    ],
)
def test_plain_text_never_turns_escaped_markup_back_into_a_tag(markdown: str, text: str) -> None:
    plain = plain_text(markdown)
    assert plain.startswith(text)
    assert "<details" not in plain and "<img" not in plain and "<script" not in plain
    assert "<!--" not in plain and "</script" not in plain


def test_prerendered_texts_are_the_ones_later_calls_find() -> None:
    from generator.data.processes import MIN_ITEMS, map_on_two_cores
    from generator.outputs import richtext

    texts = [f"Étape **{n}** : voir [le site](https://exemple.fr/{n})" for n in range(MIN_ITEMS)]
    asked: list[list[str]] = []

    def mapper(render: Callable[[str], str], todo: Sequence[str]) -> list[str]:
        asked.append(list(todo))
        return map_on_two_cores(render, todo)

    richtext.prerender([*texts, texts[0]], mapper)
    assert asked == [texts]  # each text once
    for text in texts:
        assert richtext.render_markdown(text) == richtext._render(text)
    richtext.prerender(texts, mapper)
    assert asked[-1] == []  # already done
