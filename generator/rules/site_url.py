"""The public address a build was given, and the warning when it is still a placeholder.

mkdocs.yml ships `https://offre-clefop.invalid/` (`.invalid` is reserved, RFC 2606) so
that a build without an address works for a preview. While the address is that
placeholder, nothing meant to be read, printed or copied elsewhere carries it: pages
(their printed footer), booklets, embeds and their code, feeds and open data get no
address (`public_url` is None, so they use site-relative links or leave it out) instead
of a wrong one. Only MkDocs' own sitemap.xml and the 404 page's links keep it, and the
build warns.
"""

from __future__ import annotations

from urllib.parse import urlsplit

PLACEHOLDER_DOMAIN = ".invalid"


def is_placeholder(site_url: str | None) -> bool:
    host = urlsplit(site_url or "").hostname or ""
    return not host or f".{host}".endswith(PLACEHOLDER_DOMAIN)


def public_url(site_url: str | None) -> str | None:
    """The address to print in the site's pages and files: None while a placeholder."""
    return None if is_placeholder(site_url) else site_url


def placeholder_warning(site_url: str | None) -> str | None:
    """One French warning naming what carries the address, or None if it is real."""
    if not is_placeholder(site_url):
        return None
    shown = site_url or "(aucune)"
    return (
        f"Avertissement : l'adresse publique du site est encore provisoire ({shown}). "
        "Les pages, livrets, extraits à intégrer, flux et données ouvertes la laissent de "
        "côté (liens relatifs), mais le plan du site (sitemap.xml) la porte : ce site ne "
        "doit pas être mis en ligne tel quel. Donnez l'adresse réelle au moment de construire, par "
        "exemple `OFFRE_URL_SITE=https://exemple.fr/offre/ scripts/build`, ou réglez "
        "`site_url` dans mkdocs.yml."
    )
