"""« Ma sélection »: the schemes and places an adviser keeps for the person in front of them.

No account and no server: the selection lives in the page's address (after `#`, so it
is never even sent to the host) and, for the session, in the browser's sessionStorage.
The page is a shell its script fills from data made here (what the person needs of
each scheme and place: how to ask, what to bring, where to go), split in parts so it
loads only those holding the selection's records, plus the commune and places tables
the search already ships. Every file is content-hashed like the search files, so a
CDN may cache it forever.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...catalog.catalog import Catalog
from ...data.model import Contact, Dispositif, Lieu
from ...rules import display, urls
from ..richtext import plain_text
from ..search.compact_json import dumps
from .context import SelectionContext
from .page import GeneratedPage
from .place_helpers import PlaceHelpers
from .renderer import Renderer

SCRIPT = Path(__file__).parent / "js" / "selection.js"
# The QR code of the selection's address, drawn in the browser (the address exists only
# there): qrcode-generator 2.0.4 from npm, MIT, no dependency, copied unchanged with its
# licence, which is served beside it.
QR_FOLDER = Path(__file__).parent / "js" / "vendor" / "qrcode-generator"
# Files the page needs, by the name pages know them by (the commune and places tables
# and the text helpers are the search's).
SELECTION_ASSETS = (
    "texte",
    "commune",
    "communes",
    "lieux",
    "qrcode",
    "selection",
    "selection_donnees",
)


def _contact(contact: Contact | None) -> dict[str, str] | None:
    if contact is None:
        return None
    fields = {
        "nom": contact.nom,
        "telephone": contact.telephone,
        "courriel": contact.courriel,
        "site": contact.site,
        "adresse": contact.adresse,
        "precisions": contact.precisions,
    }
    kept = {key: str(value) for key, value in fields.items() if value}
    return kept or None


def _person_status(shown: str) -> str:
    if shown == display.DOUBT_STATUS:
        return display.PERSON_DOUBT_LABEL
    return display.status_label(shown)


def _cost(catalog: Catalog, scheme: Dispositif) -> str:
    label = catalog.vocab.label("frais", scheme.frais)
    if scheme.frais_a_la_charge_de:
        label += f" ; financé par {display.payers_text(scheme.frais_a_la_charge_de)}"
    if scheme.precisions_frais:
        return f"{label} — {scheme.precisions_frais}"
    # Said to the person: an unknown cost is a question to ask, not a blank.
    return f"{label} : demandez-le lors de la démarche" if scheme.frais == "non-precise" else label


def _scheme(catalog: Catalog, scheme: Dispositif) -> dict[str, Any]:
    """What the person needs of a scheme: no internal notes (`a_verifier`), no sources."""
    vocab = catalog.vocab
    porteur = catalog.porteurs.get(scheme.porteur)
    mobilisation = scheme.modalites_mobilisation
    shown = catalog.shown_status(scheme)
    territories = {
        tid: found
        for tid, contact in sorted(scheme.contacts.territoires.items())
        if (found := _contact(contact))
    }
    lids = catalog.scheme_places.get(scheme.id, [])
    by_territory: dict[str, list[str]] = {}
    for lid in lids:
        for tid in catalog.place_territories.get(lid, []):
            by_territory.setdefault(tid, []).append(lid)
    summary: dict[str, Any] = {
        "titre": scheme.titre,
        "sigle": display.shown_acronym(scheme.titre, scheme.sigle),
        "resume": scheme.resume,
        "porteur": display.short_name(porteur) if porteur else scheme.porteur,
        # Said to the person: « À confirmer », « Suspendu »… (nothing when active).
        "statut": _person_status(shown) if display.status_note(shown) else "",
        "publics": scheme.precisions_publics or "",
        # Whose cost it is, as the scheme page says it (« Coût pour l'employeur »).
        "frais_titre": display.cost_heading(scheme.destinataire),
        "frais": _cost(catalog, scheme),
        "conditions": [plain_text(c) for c in scheme.conditions],
        "modes": [vocab.label("modes_mobilisation", m) for m in mobilisation.modes],
        "par": [
            display.mobilisable_label(who, scheme.destinataire)
            or vocab.label("mobilisable_par", who)
            for who in mobilisation.mobilisable_par
        ],
        "demarche": plain_text(mobilisation.precisions) if mobilisation.precisions else "",
        "lien": str(mobilisation.lien) if mobilisation.lien else "",
        "contact": _contact(scheme.contacts.regional),
        "contacts_territoires": territories,
        "lieux": lids,
        # For a commune no known place says it serves: the places of its territory.
        "lieux_par_territoire": dict(sorted(by_territory.items())),
    }
    return summary


def _place(catalog: Catalog, helpers: PlaceHelpers, place: Lieu) -> dict[str, Any]:
    return {
        "nom": place.nom,
        "adresse": helpers.address_lines(place),
        "telephone": place.telephone or "",
        "courriel": str(place.courriel or ""),
        "site": str(place.site_web or ""),
        "horaires": helpers.hours(place),
        "territoires": catalog.place_territories.get(place.id, []),
    }


# Records per part file: the page loads only the parts holding what the selection
# names, so its cost stays a few small files at 10,000 schemes (one file of 9.8 MB
# otherwise, measured on `offre synth 10000`).
PART_SIZE = 100


def part_of(ident: str, parts: int) -> int:
    """The part holding a record: FNV-1a (32 bits) of its id, modulo the number of parts.
    selection.js computes the same (a browser test compares both)."""
    value = 0x811C9DC5
    for byte in ident.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % parts


def _parts(records: dict[str, Any], part_size: int) -> list[dict[str, Any]]:
    count = max(1, -(-len(records) // part_size))
    parts: list[dict[str, Any]] = [{} for _ in range(count)]
    for ident, record in records.items():
        parts[part_of(ident, count)][ident] = record
    return parts


def selection_records(catalog: Catalog) -> tuple[dict[str, Any], dict[str, Any]]:
    """What the person needs of each scheme and of each place, by id."""
    helpers = PlaceHelpers(catalog)
    schemes = {
        did: _scheme(catalog, scheme)
        for did, scheme in sorted(catalog.dispositifs.items())
        if scheme.is_scheme
    }
    places = {lid: _place(catalog, helpers, place) for lid, place in sorted(catalog.lieux.items())}
    return schemes, places


def selection_files(
    catalog: Catalog, part_size: int = PART_SIZE
) -> tuple[dict[str, str | bytes], dict[str, str]]:
    """The page's scripts, its index file and the parts it lists, content-hashed, and
    the names pages know them by."""
    folder = urls.SEARCH_ASSETS_FOLDER
    files: dict[str, str | bytes] = {}
    schemes, places = selection_records(catalog)
    listed: dict[str, list[str]] = {}
    for kind, records in (("dispositifs", schemes), ("lieux", places)):
        listed[kind] = []
        for number, part in enumerate(_parts(records, part_size)):
            content = dumps(part)
            path = urls.hashed_path(folder, f"selection-{kind}-{number}", content, ".json")
            files[path] = content
            listed[kind].append(path.rsplit("/", 1)[1])  # beside the index
    index = dumps(
        {
            "version": 2,
            "adresses": urls.js_patterns(),
            "parties": listed,
            "territoires": {tid: t.nom for tid, t in sorted(catalog.territoires.items())},
            # Former scheme ids and the current one: a selection's link never breaks.
            "anciens": dict(sorted(catalog.redirects.items())),
        }
    )
    script = SCRIPT.read_bytes()
    qr = (QR_FOLDER / "qrcode.js").read_bytes()
    script_path = urls.hashed_path(folder, "selection", script, ".js")
    index_path = urls.hashed_path(folder, "selection", index, ".json")
    qr_path = urls.hashed_path(folder, "qrcode-generator", qr, ".js")
    files.update(
        {
            script_path: script,
            index_path: index,
            qr_path: qr,
            urls.QR_LICENCE_FILE: (QR_FOLDER / "LICENSE").read_bytes(),
        }
    )
    return files, {"selection": script_path, "selection_donnees": index_path, "qrcode": qr_path}


def selection_page(renderer: Renderer) -> GeneratedPage:
    here = urls.SELECTION_URL
    context = SelectionContext(assets=renderer.require(SELECTION_ASSETS, "page « Ma sélection »"))
    return GeneratedPage(
        here,
        "Ma sélection",
        renderer.deferred("selection.html.j2", here, context),
        description="Les dispositifs et lieux retenus pendant un rendez-vous, à imprimer "
        "ou à envoyer à la personne.",
        meta={"hide": ["navigation", "toc"]},
    )
