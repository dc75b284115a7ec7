"""`donnees/offre.csv`: one row per scheme, and `donnees/lieux.csv`: one per place.

Written for Excel as French users have it: UTF-8 with a byte order mark (without it
Excel reads accents as Windows-1252), `;` as separator (the list separator of French
locales, so double-clicking the file splits the columns), CRLF line ends. Lists are
joined with ` | `, which no value contains. Column names are the keys of offre.json.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to
Excel and LibreOffice, which a hostile value could use to run commands or leak data
(CSV injection): such a cell gets a leading `'`, as OWASP advises, so it shows as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ...catalog.catalog import Catalog
from ...data import opening_hours
from ...data.model import Dispositif, Lieu
from ...rules import urls
from .publication import (
    LICENCE_NAME,
    provider_name,
    provisional_territories,
    shown_status_fields,
    support_note,
)

LIST_SEPARATOR = " | "
COLUMNS = (
    "id",
    "titre",
    "sigle",
    "porteur",
    "porteur_nom",
    "statut",
    "statut_affiche",
    "motif_statut_a_confirmer",
    "type",
    "destinataire",
    "frais",
    "frais_a_la_charge_de",
    "publics",
    "thematiques",
    "territoires",
    "territoires_couverts",
    "territoires_provisoires",
    "date_debut",
    "date_fin",
    "consulte_le",
    "verifie_le",
    "modifie_le",
    "resume",
    "url",
    "sources",
    "appui_sources",
    # The licence is repeated on every row: a CSV has no place for metadata that Excel
    # (or any reader that expects a header on the first line) would not break on, and a
    # column survives filtering, sorting and copying rows into another sheet.
    "licence",
)


PLACE_COLUMNS = (
    "id",
    "nom",
    "porteur",
    "porteur_nom",
    "reseaux_porteurs",
    "adresse_ligne",
    "adresse_complement",
    "code_postal",
    "commune",
    "commune_nom",
    "telephone",
    "courriel",
    "site_web",
    "horaires",
    "horaires_osm",
    "rendez_vous",
    "accueil_precisions",
    "accessibilite",
    "zone_desservie",
    "territoires_couverts",
    "territoires_provisoires",
    "dispositifs_delivres",
    "consulte_le",
    "verifie_le",
    "origine_source",
    "origine_producteur",
    "origine_identifiant",
    "origine_date",
    "url",
    "sources",
    "licence",
)
# OWASP, "CSV Injection": the characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """The cell as text: a leading `'` when a spreadsheet would take it for a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _join(values: list[str]) -> str:
    return LIST_SEPARATOR.join(values)


def scheme_row(catalog: Catalog, scheme: Dispositif, site_url: str | None) -> dict[str, str]:
    return {
        "id": scheme.id,
        "titre": scheme.titre,
        "sigle": scheme.sigle or "",
        "porteur": scheme.porteur,
        "porteur_nom": provider_name(catalog, scheme.porteur),
        "statut": scheme.statut,
        **{key: value or "" for key, value in shown_status_fields(catalog, scheme).items()},
        "type": scheme.type,
        "destinataire": scheme.destinataire,
        "frais": scheme.frais,
        "frais_a_la_charge_de": _join(list(scheme.frais_a_la_charge_de)),
        "publics": _join(scheme.publics),
        "thematiques": _join(scheme.thematiques),
        "territoires": _join(scheme.territoires),
        "territoires_couverts": _join(catalog.scheme_territories.get(scheme.id, [])),
        "territoires_provisoires": _join(
            provisional_territories(catalog, catalog.scheme_territories.get(scheme.id, []))
        ),
        "date_debut": scheme.date_debut or "",
        "date_fin": scheme.date_fin or "",
        "consulte_le": scheme.consulte_le.isoformat(),
        "verifie_le": scheme.verifie_le.isoformat() if scheme.verifie_le else "",
        "modifie_le": scheme.modifie_le.isoformat() if scheme.modifie_le else "",
        "resume": scheme.resume,
        # Absolute: a spreadsheet has no page to resolve a relative address against.
        "url": urls.absolute_url(site_url, urls.page_url("dispositif", scheme.id)),
        "sources": _join([source.url for source in scheme.sources]),
        "appui_sources": support_note(catalog, scheme) or "",
        "licence": LICENCE_NAME,
    }


def place_row(catalog: Catalog, place: Lieu, site_url: str | None) -> dict[str, str]:
    commune = catalog.geo.commune(place.adresse.commune)
    origin = place.origine
    hours = place.horaires or (
        " ; ".join(opening_hours.to_french(place.horaires_osm)) if place.horaires_osm else ""
    )
    return {
        "id": place.id,
        "nom": place.nom,
        "porteur": place.porteur,
        "porteur_nom": provider_name(catalog, place.porteur),
        "reseaux_porteurs": _join(place.reseaux_porteurs),
        "adresse_ligne": place.adresse.ligne or "",
        "adresse_complement": place.adresse.complement or "",
        "code_postal": place.adresse.code_postal or "",
        "commune": place.adresse.commune,
        "commune_nom": commune.nom if commune else "",
        "telephone": place.telephone or "",
        "courriel": place.courriel or "",
        "site_web": place.site_web or "",
        "horaires": hours,
        "horaires_osm": place.horaires_osm or "",
        "rendez_vous": place.rendez_vous or "",
        "accueil_precisions": place.accueil_precisions or "",
        "accessibilite": place.accessibilite or "",
        "zone_desservie": _join(place.zone_desservie),
        "territoires_couverts": _join(catalog.place_territories.get(place.id, [])),
        "territoires_provisoires": _join(
            provisional_territories(catalog, catalog.place_territories.get(place.id, []))
        ),
        "dispositifs_delivres": _join(catalog.place_schemes.get(place.id, [])),
        "consulte_le": place.consulte_le.isoformat(),
        "verifie_le": place.verifie_le.isoformat() if place.verifie_le else "",
        # An imported place: the data set, its producer, the record and the date of its data.
        "origine_source": origin.source if origin else "",
        "origine_producteur": (origin.producteur or "") if origin else "",
        "origine_identifiant": origin.identifiant if origin else "",
        "origine_date": origin.date_maj.isoformat() if origin and origin.date_maj else "",
        "url": urls.absolute_url(site_url, urls.page_url("lieu", place.id)),
        "sources": _join([source.url for source in place.sources]),
        "licence": LICENCE_NAME,
    }


def _csv(columns: tuple[str, ...], rows: Iterable[dict[str, str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(
        buffer, fieldnames=columns, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writeheader()
    writer.writerows({column: neutralise(value) for column, value in row.items()} for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def catalogue_csv(catalog: Catalog, site_url: str | None) -> bytes:
    return _csv(
        COLUMNS,
        (
            scheme_row(catalog, catalog.dispositifs[d], site_url)
            for d in sorted(catalog.dispositifs)
        ),
    )


def places_csv(catalog: Catalog, site_url: str | None) -> bytes:
    return _csv(
        PLACE_COLUMNS,
        (place_row(catalog, catalog.lieux[lid], site_url) for lid in sorted(catalog.lieux)),
    )


def csv_files(catalog: Catalog, site_url: str | None) -> dict[str, str | bytes]:
    return {
        urls.OPEN_DATA_CSV_URL: catalogue_csv(catalog, site_url),
        urls.OPEN_DATA_PLACES_CSV_URL: places_csv(catalog, site_url),
    }
