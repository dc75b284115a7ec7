"""Every external address of the data checked, and the broken ones reported where they sit.

Standard library only (urllib + a bounded thread pool): the check runs on maintainers'
machines and in CI without extra dependencies. Each distinct address is requested once,
HEAD first (cheap), then GET when the server refuses HEAD. Redirects are followed by
hand so each hop is recorded: a page that moved still works but its new address should
go into the data.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from .. import __version__
from ..data.yamlsource import KeyPath, SourceDoc, format_key_path
from ..rules import folding
from .catalog import Catalog

USER_AGENT = (
    f"offre-clefop/{__version__} (verification des liens de l'offre de services "
    "des Clefop des Pays de la Loire)"
)
DEFAULT_WORKERS = 8
DEFAULT_TIMEOUT = 10.0
MAX_REDIRECTS = 10
# Servers that refuse HEAD often answer one of these; GET tells the truth.
HEAD_REFUSED = (403, 405, 501)

OK = "ok"
REDIRECT = "redirection"
NOT_FOUND = "introuvable"
ERROR = "erreur"
TIMEOUT = "delai_depasse"
UNREACHABLE = "injoignable"
LABELS = {
    OK: "ok",
    REDIRECT: "redirection",
    NOT_FOUND: "introuvable",
    ERROR: "erreur",
    TIMEOUT: "délai dépassé",
    UNREACHABLE: "injoignable",
}
BROKEN = (NOT_FOUND, ERROR, TIMEOUT, UNREACHABLE)
TERRITORIES_GROUP = "territoires"


@dataclass(frozen=True)
class Occurrence:
    """Where an address is written in the data."""

    url: str
    group: str  # provider id, or "territoires"
    owner: str  # id of the scheme, provider or territory
    file: str
    line: int
    col: int
    key: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass
class Result:
    url: str
    status: str
    code: int | None = None
    final_url: str | None = None
    redirects: list[tuple[int, str]] = field(default_factory=list)
    method: str = "HEAD"
    detail: str = ""

    @property
    def broken(self) -> bool:
        return self.status in BROKEN

    def describe(self) -> str:
        label = LABELS[self.status]
        if self.code is not None and self.status != TIMEOUT:
            label += f" ({self.code})"
        if self.status == REDIRECT:
            label += f" → {self.final_url}"
        if self.detail:
            label += f" : {self.detail}"
        return label


# ---------------------------------------------------------------------------- collecting


def collect(catalog: Catalog) -> list[Occurrence]:
    """Every external address of schemes, providers and territories, with its position.

    The catalogue must keep its positions (`load_catalog(root, positions=True)`).
    """
    found: list[Occurrence] = []
    for d in catalog.dispositifs.values():
        paths: list[tuple[KeyPath, str]] = [
            (("sources", i, "url"), s.url) for i, s in enumerate(d.sources)
        ]
        paths += [(("liens", i, "url"), lien.url) for i, lien in enumerate(d.liens)]
        if d.modalites_mobilisation.lien:
            paths.append((("modalites_mobilisation", "lien"), d.modalites_mobilisation.lien))
        if d.contacts.regional and d.contacts.regional.site:
            paths.append((("contacts", "regional", "site"), d.contacts.regional.site))
        for tid, contact in sorted(d.contacts.territoires.items()):
            if contact.site:
                paths.append((("contacts", "territoires", tid, "site"), contact.site))
        found += _occurrences(catalog.source("dispositif", d.id), paths, d.porteur, d.id)
    for p in catalog.porteurs.values():
        paths = [(("site",), p.site)] if p.site else []
        paths += [(("sources", i, "url"), s.url) for i, s in enumerate(p.sources)]
        found += _occurrences(catalog.source("porteur", p.id), paths, p.id, p.id)
    for t in catalog.territoires.values():
        paths = [(("source",), t.source)] if t.source else []
        paths += [(("contacts", i, "site"), c.site) for i, c in enumerate(t.contacts) if c.site]
        found += _occurrences(catalog.source("territoire", t.id), paths, TERRITORIES_GROUP, t.id)
    return found


def _occurrences(
    doc: SourceDoc, paths: list[tuple[KeyPath, str]], group: str, owner: str
) -> list[Occurrence]:
    out = []
    for key_path, url in paths:
        pos = doc.pos(key_path)
        out.append(
            Occurrence(url, group, owner, doc.display, pos.line, pos.col, format_key_path(key_path))
        )
    return out


# ---------------------------------------------------------------------------- checking


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Turn every redirect into an HTTPError, so `check_url` follows (and records) it."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _ascii_url(url: str) -> str:
    """http.client only sends ASCII: encode an accented host (IDNA) and path (percent)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        netloc = parts.netloc.replace(host, host.encode("idna").decode("ascii"))
    else:
        netloc = parts.netloc
    safe = "/%:@!$&'()*+,;=~-._"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe + "?"),
            "",  # the fragment never reaches the server
        )
    )


def _request(
    opener: urllib.request.OpenerDirector, url: str, method: str, timeout: float
) -> tuple[int, Message]:
    request = urllib.request.Request(
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    try:
        # The body is never read: the status says what we need.
        with opener.open(request, timeout=timeout) as response:
            return int(response.status), response.headers
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, exc.headers


def check_url(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> Result:
    """Request one address (following redirects) and classify the answer."""
    opener = urllib.request.build_opener(_NoRedirect)
    current = url
    redirects: list[tuple[int, str]] = []
    for _ in range(MAX_REDIRECTS + 1):
        method = "HEAD"
        try:
            target = _ascii_url(current)
            code, headers = _request(opener, target, method, timeout)
            if code in HEAD_REFUSED:
                method = "GET"
                code, headers = _request(opener, target, method, timeout)
        except TimeoutError:
            return Result(
                url, TIMEOUT, None, current, redirects, method, f"plus de {seconds_fr(timeout)} s"
            )
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                return Result(
                    url,
                    TIMEOUT,
                    None,
                    current,
                    redirects,
                    method,
                    f"plus de {seconds_fr(timeout)} s",
                )
            return Result(url, UNREACHABLE, None, current, redirects, method, str(exc.reason))
        except (http.client.HTTPException, OSError) as exc:
            return Result(url, UNREACHABLE, None, current, redirects, method, _reason(exc))
        except ValueError as exc:
            return Result(url, ERROR, None, current, redirects, method, f"adresse invalide ({exc})")
        if 300 <= code < 400:
            location = headers.get("Location")
            if not location:
                return Result(
                    url, ERROR, code, current, redirects, method, "redirection sans adresse"
                )
            current = urljoin(current, location)
            redirects.append((code, current))
            continue
        return _classify(url, code, current, redirects, method)
    return Result(url, ERROR, None, current, redirects, "HEAD", "trop de redirections")


def seconds_fr(value: float) -> str:
    """`0.5` → `0,5` (French decimal comma)."""
    return f"{value:g}".replace(".", ",")


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _classify(
    url: str, code: int, final: str, redirects: list[tuple[int, str]], method: str
) -> Result:
    if 200 <= code < 300:
        if redirects and final != url:
            return Result(url, REDIRECT, redirects[0][0], final, redirects, method)
        return Result(url, OK, code, final, redirects, method)
    if code in (404, 410):
        return Result(url, NOT_FOUND, code, final, redirects, method)
    return Result(url, ERROR, code, final, redirects, method)


Checker = Callable[[str], Result]


def check_all(
    addresses: Iterable[str],
    *,
    workers: int = DEFAULT_WORKERS,
    timeout: float = DEFAULT_TIMEOUT,
    checker: Checker | None = None,
) -> dict[str, Result]:
    """Check each distinct address once, at most `workers` at a time."""
    unique = sorted(set(addresses))
    check: Checker = checker or (lambda u: check_url(u, timeout=timeout))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(zip(unique, pool.map(check, unique), strict=True))


# ---------------------------------------------------------------------------- reporting


@dataclass
class LinkReport:
    occurrences: list[Occurrence]
    results: dict[str, Result]
    group_names: dict[str, str]

    @property
    def broken(self) -> list[Result]:
        return [r for r in self.results.values() if r.broken]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(LABELS, 0)
        for result in self.results.values():
            counts[result.status] += 1
        return counts

    def groups(self) -> list[tuple[str, str, list[Occurrence]]]:
        """(group id, name, occurrences) per provider (territories last)."""
        by_group: dict[str, list[Occurrence]] = defaultdict(list)
        for occ in self.occurrences:
            by_group[occ.group].append(occ)
        order = sorted(
            by_group,
            key=lambda g: (g == TERRITORIES_GROUP, folding.collation_key(self.name(g)), g),
        )
        return [(g, self.name(g), sorted(by_group[g], key=_position)) for g in order]

    def name(self, group: str) -> str:
        return self.group_names.get(group) or group

    def as_dict(self) -> dict[str, object]:
        where: dict[str, list[Occurrence]] = defaultdict(list)
        for occ in self.occurrences:
            where[occ.url].append(occ)
        return {
            "resume": self.counts(),
            "adresses": [
                {
                    "url": url,
                    "etat": result.status,
                    "libelle": LABELS[result.status],
                    "code": result.code,
                    "methode": result.method,
                    "adresse_finale": result.final_url,
                    "redirections": [{"code": c, "url": u} for c, u in result.redirects],
                    "detail": result.detail,
                    "occurrences": [
                        {
                            "fichier": o.file,
                            "ligne": o.line,
                            "colonne": o.col,
                            "cle": o.key,
                            "porteur": o.group,
                            "fiche": o.owner,
                        }
                        for o in sorted(where[url], key=_position)
                    ],
                }
                for url, result in sorted(self.results.items())
            ],
        }


def _position(occ: Occurrence) -> tuple[str, int, int]:
    return (occ.file, occ.line, occ.col)


def render_text(report: LinkReport) -> str:
    lines: list[str] = []
    for _group, name, occurrences in report.groups():
        distinct = {o.url for o in occurrences}
        problems = [o for o in occurrences if report.results[o.url].status != OK]
        ok = sum(1 for u in distinct if report.results[u].status == OK)
        lines.append(f"{name} — {len(distinct)} adresse{'s' * (len(distinct) > 1)}, {ok} ok")
        for occ in problems:
            result = report.results[occ.url]
            lines.append(f"  {occ.where}: {result.describe()}")
            lines.append(f"      {occ.url}  ({occ.owner}, {occ.key})")
        lines.append("")
    counts = report.counts()
    total = len(report.results)
    summary = ", ".join(f"{counts[k]} {LABELS[k]}" for k in LABELS if counts[k])
    lines.append(
        f"Résumé : {total} adresse{'s' * (total > 1)} distincte{'s' * (total > 1)} "
        f"vérifiée{'s' * (total > 1)} ({len(report.occurrences)} occurrences) : "
        f"{summary or 'aucune'}."
    )
    broken = len(report.broken)
    if broken:
        lines.append(
            f"{broken} lien{'s' * (broken > 1)} cassé{'s' * (broken > 1)} : corrigez "
            "les adresses aux emplacements indiqués (ou vérifiez-les dans un navigateur)."
        )
    elif counts[REDIRECT]:
        lines.append(
            "Aucun lien cassé. Les redirections fonctionnent, mais mettez à jour les "
            "adresses avec leur nouvelle destination."
        )
    else:
        lines.append("Aucun lien cassé.")
    return "\n".join(lines) + "\n"


def render_json(report: LinkReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"
