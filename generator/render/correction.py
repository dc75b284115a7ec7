"""The "Proposer une correction" link, whose target the operator sets in mkdocs.yml.

The plugin option `correction` is a `mailto:` or form address where `{id}` stands for
the record's id and `{url}` for the page's address (public when the site's address is
known, else site-relative); both are URL-encoded. Unset, pages show no link at all:
the site never invents a contact address.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

PLACEHOLDERS = ("{id}", "{url}")


def correction_target(template: str, ident: str, page_address: str) -> str:
    """`template` with its placeholders filled, each value URL-encoded."""
    return template.replace("{id}", quote(ident, safe="")).replace(
        "{url}", quote(page_address, safe="")
    )


@dataclass(frozen=True)
class Correction:
    """`correction(ident)` in templates: the link for the page being rendered, or nothing."""

    template: str | None
    page_address: str

    def __call__(self, ident: str) -> Markup:
        if not self.template:
            return Markup("")
        href = correction_target(self.template, ident, self.page_address)
        return Markup(
            '<p class="offre-correction"><a href="{}">Proposer une correction</a> '
            '<span class="offre-note">(une information manque ou est inexacte ?)</span></p>'
        ).format(href)
