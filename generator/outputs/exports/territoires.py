"""`donnees/territoires/<id>.json`: what one territory's partners need on their own site.

Every scheme mobilisable in the territory, open or not (with its status, so a widget
can show or hide closed ones), summarised; the full records are in offre.json. The
contact is the territory's own when the scheme has one, else the regional one.
"""

from __future__ import annotations

from typing import Any

from ...catalog.catalog import Catalog
from ...data.model import Dispositif
from ...rules import urls
from .offre_json import territory_record
from .publication import LICENCE, SOURCE, dumps, provider_name, shown_status_fields, support_note


def _summary(catalog: Catalog, scheme: Dispositif, tid: str) -> dict[str, Any]:
    contact = scheme.contacts.territoires.get(tid) or scheme.contacts.regional
    return {
        "id": scheme.id,
        "titre": scheme.titre,
        "sigle": scheme.sigle,
        "statut": scheme.statut,
        **shown_status_fields(catalog, scheme),
        "remplace_par": scheme.remplace_par,
        "porteur": scheme.porteur,
        "porteur_nom": provider_name(catalog, scheme.porteur),
        "resume": scheme.resume,
        "type": scheme.type,
        "destinataire": scheme.destinataire,
        "frais": scheme.frais,
        "frais_a_la_charge_de": list(scheme.frais_a_la_charge_de),
        "appui_sources": support_note(catalog, scheme),
        "publics": list(scheme.publics),
        "thematiques": list(scheme.thematiques),
        "toute_la_region": scheme.everywhere,
        "date_debut": scheme.date_debut,
        "date_fin": scheme.date_fin,
        "consulte_le": scheme.consulte_le.isoformat(),
        "verifie_le": scheme.verifie_le.isoformat() if scheme.verifie_le else None,
        "modifie_le": scheme.modifie_le.isoformat() if scheme.modifie_le else None,
        "contact": contact.model_dump(mode="json") if contact else None,
        "url": urls.page_url("dispositif", scheme.id),
    }


def territory_document(catalog: Catalog, tid: str, site_url: str | None) -> dict[str, Any]:
    schemes = sorted(catalog.territory_schemes.get(tid, []))
    return {
        "licence": dict(LICENCE),
        "source": SOURCE,
        "url_site": site_url,
        "date_generation": catalog.latest_date().isoformat(),
        "catalogue_complet": urls.OPEN_DATA_JSON_URL,
        "territoire": territory_record(catalog, catalog.territoires[tid]),
        "dispositifs": [_summary(catalog, catalog.dispositifs[did], tid) for did in schemes],
    }


def territory_files(catalog: Catalog, site_url: str | None) -> dict[str, str | bytes]:
    return {
        urls.territory_data_url(tid): dumps(territory_document(catalog, tid, site_url))
        for tid in sorted(catalog.territoires)
    }
