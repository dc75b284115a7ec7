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
SCHEMES = ("mailto:", "https://", "http://")


def correction_problem(template: str | None) -> str | None:
    """What is wrong with the operator's `correction` option, in French (None if fine)."""
    if template is None:
        return None
    if not template.strip():
        return "valeur vide : retirez l'option, ou donnez une adresse."
    if not template.startswith(SCHEMES):
        return (
            f"« {template} » n'est ni une adresse « mailto: » ni une adresse web "
            "(« https://… ») ; exemple : "
            "« mailto:offre@exemple.fr?subject=Correction%20{id} »."
        )
    if any(char in template for char in '<>"\n'):
        return (
            f"« {template} » contient un caractère interdit dans une adresse "
            '(<, >, ", saut de ligne).'
        )
    return None


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
