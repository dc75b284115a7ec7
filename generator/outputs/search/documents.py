"""What the search knows of each scheme: the texts its fields are indexed from, and the
fiche a result shows (title, badges, the passages a snippet is cut from).

Kept apart from the scoring so that what a scheme says, and how it is cut into fields
and passages, is read in one place; the fiches are written here too, in groups of
`FICHES_GROUP` sharing one hash in their names (`fiches/<n>.<hash>.json`).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from ...catalog.catalog import Catalog
from ...data.model import Dispositif
from ...data.vocab import category_of
from ...rules import text, urls
from ..richtext import render_markdown
from .compact_json import dumps

FICHES_GROUP = 64  # schemes whose fiches share one hash
FICHES_MODEL = "fiches/{n}.{h}.json"


@lru_cache(maxsize=32768)
def plain_paragraphs(markdown: str) -> tuple[str, ...]:
    """Editor Markdown as plain paragraphs and list items (through the same sanitiser
    as the pages, so pasted markup never reaches the index as text)."""
    safe = render_markdown(markdown)
    safe = re.sub(r"</(p|li|h[1-6]|tr|blockquote)>|<br\s*/?>", "\n", safe)
    plain = html.unescape(re.sub(r"<[^>]+>", " ", safe))
    return tuple(" ".join(line.split()) for line in plain.splitlines() if line.strip())


def _territory_names(d: Dispositif, catalog: Catalog) -> list[str]:
    if d.everywhere:
        return []
    names = [catalog.territoires[t].nom for t in catalog.scheme_territories.get(d.id, [])]
    geo = catalog.geo
    for code in d.territoires:
        epci = geo.epci(code)
        commune = geo.commune(code)
        departement = geo.departement(code)
        for place in (epci, commune, departement):
            if place is not None:
                names.append(place.nom)
    return names


def _precisions(d: Dispositif) -> list[str]:
    return [
        t
        for t in (d.precisions_publics, d.precisions_frais, d.modalites_mobilisation.precisions)
        if t
    ]


def document_segments(d: Dispositif, catalog: Catalog) -> dict[str, list[str]]:
    """The texts each field is indexed from; a two-word phrase never spans two texts."""
    vocab = catalog.vocab
    providers = []
    for pid in (d.porteur, *d.co_porteurs):
        porteur = catalog.porteurs.get(pid)
        providers += [porteur.nom, porteur.sigle or ""] if porteur else [pid]
    labels = [vocab.label("publics", p) for p in d.publics]
    labels += [vocab.label("thematiques", t) for t in d.thematiques]
    labels += [vocab.label("categories_thematiques", category_of(vocab, t)) for t in d.thematiques]
    labels.append(vocab.label("types", d.type))
    labels += [vocab.label("axes_clefop", a) for a in d.axes_clefop]
    texts = [
        *plain_paragraphs(d.description),
        *(p for c in d.conditions for p in plain_paragraphs(c)),
        *(p for t in _precisions(d) for p in plain_paragraphs(t)),
    ]
    return {
        "titre": [d.titre],
        "mots": [d.sigle or "", *d.mots_cles],
        "resume": [d.resume],
        "libelles": [*providers, *labels, *_territory_names(d, catalog)],
        "texte": texts,
    }


def fiche(d: Dispositif, catalog: Catalog) -> dict[str, Any]:
    """What a result shows: title, badges, and the passages its snippet is cut from."""
    passages = [{"champ": "resume", "texte": d.resume}]
    passages += [{"champ": "description", "texte": p} for p in plain_paragraphs(d.description)]
    passages += [
        {"champ": "conditions", "texte": p} for c in d.conditions for p in plain_paragraphs(c)
    ]
    for name, value in (
        ("publics", d.precisions_publics),
        ("frais", d.precisions_frais),
        ("mobilisation", d.modalites_mobilisation.precisions),
    ):
        if value:
            passages += [{"champ": name, "texte": p} for p in plain_paragraphs(value)]
    if d.mots_cles:
        passages.append({"champ": "mots", "texte": "Mots-clés : " + ", ".join(d.mots_cles)})
    vocab = catalog.vocab
    for name, intro, labels in (
        ("publics", "Publics", [vocab.label("publics", p) for p in d.publics]),
        ("thematiques", "Thématiques", [vocab.label("thematiques", t) for t in d.thematiques]),
        ("axes", "Priorités Clefop", [vocab.label("axes_clefop", a) for a in d.axes_clefop]),
    ):
        if labels:
            passages.append({"champ": name, "texte": f"{intro} : " + " ; ".join(labels)})
    porteur = catalog.porteurs.get(d.porteur)
    return {
        "id": d.id,
        "titre": d.titre,
        "sigle": d.sigle or "",
        "porteur": (porteur.sigle or porteur.nom) if porteur else d.porteur,
        "type": catalog.vocab.label("types", d.type),
        "local": not d.everywhere,
        "passages": passages,
    }


def ordered_schemes(catalog: Catalog) -> list[Dispositif]:
    """Schemes in French alphabetical order of their titles: their number in the index."""
    return sorted(catalog.dispositifs.values(), key=lambda d: (text.collation_key(d.titre), d.id))


def fiche_files(schemes: list[Dispositif], catalog: Catalog) -> tuple[dict[str, str], list[str]]:
    """Each scheme's fiche, by number, and the hash of each group of `FICHES_GROUP`."""
    files: dict[str, str] = {}
    groups = []
    for start in range(0, len(schemes), FICHES_GROUP):
        contents = [dumps(fiche(d, catalog)) for d in schemes[start : start + FICHES_GROUP]]
        digest = urls.group_digest(contents)
        groups.append(digest)
        for offset, content in enumerate(contents):
            files[FICHES_MODEL.replace("{n}", str(start + offset)).replace("{h}", digest)] = content
    return files, groups
