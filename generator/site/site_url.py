"""The public address a build was given, and the warning when it is still a placeholder.

mkdocs.yml ships `https://offre-clefop.invalid/` (`.invalid` is reserved, RFC 2606) so
that a build without an address works for a preview; published as is, every absolute
address in the site points nowhere.
"""

from __future__ import annotations

from urllib.parse import urlsplit

PLACEHOLDER_DOMAIN = ".invalid"


def is_placeholder(site_url: str | None) -> bool:
    host = urlsplit(site_url or "").hostname or ""
    return not host or f".{host}".endswith(PLACEHOLDER_DOMAIN)


def placeholder_warning(site_url: str | None) -> str | None:
    """One French warning naming what carries the address, or None if it is real."""
    if not is_placeholder(site_url):
        return None
    shown = site_url or "(aucune)"
    return (
        f"Avertissement : l'adresse publique du site est encore provisoire ({shown}). "
        "Elle figure dans les flux Atom, les extraits à intégrer, les liens canoniques, "
        "le plan du site (sitemap.xml) et les liens de la page 404 : ce site ne doit pas "
        "être mis en ligne tel quel. Donnez l'adresse réelle au moment de construire, par "
        "exemple `OFFRE_URL_SITE=https://exemple.fr/offre/ scripts/build`, ou réglez "
        "`site_url` dans mkdocs.yml."
    )
