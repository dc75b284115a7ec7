"""`donnees/data-inclusion/{structures,services}.json`: the offer in data·inclusion v1.

One Structure per provider and one per place (reception point, with its address; its
id is `lieu-<id>`, as a place and a provider may share an id), one Service per scheme
that can be mobilised today (active or suspended): data·inclusion's consumers show
services people can use, so ended and replaced schemes, governance bodies and plans
(`nature` instance or plan) stay in offre.json only. A scheme whose status is to be
confirmed is exported with a note that opens its description (data·inclusion has no such
status: see `doubt_note`). Every record is checked with the official pydantic models of
the `data-inclusion-schema` package; a record they reject is left out and reported in the
build log, so a partner never receives a file that fails the schema. Nothing is left out
silently: each record not exported is a line of the build log with its reason, and one
line gives the counts.

data·inclusion's own dumps are bare lists; ours wrap the list in an object so that the
licence and the source travel with the data (`{"licence": …, "structures": […]}`).
Lists inside records are sorted (the official models use sets, whose order is not
stable), so two builds give the same bytes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from importlib.metadata import version
from typing import Any

from data_inclusion.schema import v1 as di
from pydantic import ValidationError

from ...catalog.catalog import Catalog
from ...data.model import CURRENT_STATUSES, Dispositif, Lieu, Porteur
from ...rules import display, urls
from ..richtext import plain_text
from .publication import LICENCE, TITLE, dumps

log = logging.getLogger("mkdocs.plugins.offre.exports")

SOURCE_ID = "offre-clefop-pdl"
SCHEMA_DOC_URL = "https://gip-inclusion.github.io/data-inclusion-schema/latest/"
DESCRIPTION_MAX = 10_000
ALL_PUBLICS = "tous-publics"
DOUBT_PREFIX = f"{display.DOUBT_LABEL}."
# Kinds of record (`nature`) that are not services: a committee, a plan or a programme.
NOT_SERVICES = ("instance", "plan")

# Our vocabulary kind → the data·inclusion enum its equivalents must belong to.
_ENUMS: dict[str, type[Enum]] = {
    "publics": di.Public,
    "thematiques": di.Thematique,
    "types": di.TypeService,
    "frais": di.Frais,
    "modes_mobilisation": di.ModeMobilisation,
    "mobilisable_par": di.PersonneMobilisatrice,
    "reseaux_porteurs": di.ReseauPorteur,
}


@dataclass
class Rejection:
    kind: str
    ident: str
    reason: str

    def message(self, *, exported: bool = False, excluded: bool = False) -> str:
        what = f"export data·inclusion : {self.kind} « {self.ident} »"
        if exported:
            return f"{what} exporté malgré un avertissement du schéma : {self.reason}"
        if excluded:
            return f"{what} écarté : {self.reason}"
        return f"{what} non exporté : {self.reason}"


@dataclass
class DataInclusionExport:
    structures: list[dict[str, Any]] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    # Values the official models would accept but warn about (kept in the export).
    warnings: list[Rejection] = field(default_factory=list)
    # Left out by design (ended or replaced schemes), each with its reason.
    excluded: list[Rejection] = field(default_factory=list)

    def summary(self) -> str:
        """One line with the counts, so nothing is left out without a number."""
        return (
            f"export data·inclusion : {len(self.structures)} structures et "
            f"{len(self.services)} services exportés ; {len(self.excluded)} dispositifs "
            f"écartés (ni actifs ni suspendus), {len(self.rejected)} fiches refusées (par le "
            f"schéma ou faute de structure exportée), {len(self.warnings)} exportées avec "
            "un avertissement du schéma."
        )


# ---------------------------------------------------------------------------- mapping


def equivalents(catalog: Catalog, kind: str, values: list[str]) -> list[str]:
    """data·inclusion values for our values; ours without a valid equivalent are dropped."""
    allowed = {member.value for member in _ENUMS[kind]}
    found: set[str] = set()
    for value in values:
        term = catalog.vocab.get(kind, value)
        equivalent = term.data_inclusion if term else None
        if equivalent is not None and equivalent in allowed:
            found.add(equivalent)
    return sorted(found)


def _one(catalog: Catalog, kind: str, value: str) -> str | None:
    mapped = equivalents(catalog, kind, [value])
    return mapped[0] if mapped else None


def publics(catalog: Catalog, scheme: Dispositif) -> list[str]:
    mapped = equivalents(catalog, "publics", scheme.publics)
    # data·inclusion: "tous-publics" cannot be combined; a scheme open to everyone is
    # open to everyone whatever other publics it also names.
    return [ALL_PUBLICS] if ALL_PUBLICS in mapped else mapped


def zone_eligibilite(catalog: Catalog, scheme: Dispositif) -> list[str]:
    """COG codes of where the scheme can be used, as precise as the data states it.

    A territory id becomes its EPCI (SIREN) and its communes outside any EPCI; EPCI,
    commune and département codes are COG codes already. The whole region is listed as
    its départements, as the schema asks.
    """
    if scheme.everywhere:
        return sorted(d.code for d in catalog.geo.departements)
    codes: set[str] = set()
    for code in scheme.territoires:
        territoire = catalog.territoires.get(code)
        if territoire is not None:
            codes.update(territoire.epci)
            codes.update(territoire.communes_hors_epci)
        else:
            codes.add(code)
    return sorted(codes)


def _name(text: str) -> str:
    """data·inclusion names do not end with a full stop (except "etc.")."""
    text = text.strip()
    while text.endswith(".") and not text.endswith("etc."):
        text = text[:-1].rstrip()
    return text


def _text(markdown: str | None, limit: int = DESCRIPTION_MAX) -> str | None:
    if not markdown:
        return None
    text = plain_text(markdown)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or None


def _phone(number: str | None) -> str | None:
    """E.164 for a French ten-digit number (the format data·inclusion prefers)."""
    if not number:
        return None
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) == 10 and digits.startswith("0"):
        return "+33" + digits[1:]
    return digits


def _conditions(scheme: Dispositif) -> str | None:
    items = [plain_text(c) for c in scheme.conditions]
    if not items:
        return None
    return items[0] if len(items) == 1 else "\n".join(f"- {item}" for item in items)


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional fields (the official models want lists with ≥ 1 item)."""
    return {key: value for key, value in record.items() if value not in (None, [], "")}


def doubt_note(catalog: Catalog, scheme: Dispositif) -> str | None:
    """The note a service in doubt opens its description with.

    data·inclusion has no "status to confirm": such a service is kept (it most likely
    still exists, and leaving it out would hide it from every partner's tool) and says
    so first, where every consumer that shows a description shows it, before any cut.
    """
    doubt = catalog.doubt_text(scheme)
    if doubt is None:
        return None
    return f"{DOUBT_PREFIX} {doubt} Vérifiez auprès du porteur qu'il est toujours ouvert."


def cost_precisions(scheme: Dispositif) -> str | None:
    """`frais_precisions`: whom `frais` is about when it is not the person, and who pays.

    data·inclusion's `frais` says whether the service is free for its user; it has no
    field for an employer's or a professional's scheme, nor for who bears the cost, so
    both are said here, before the record's own details.
    """
    parts = []
    if scheme.destinataire != "personne":
        parts.append(f"{display.cost_heading(scheme.destinataire)} (pas pour la personne).")
    if scheme.frais_a_la_charge_de:
        parts.append(f"Financé par {display.payers_text(scheme.frais_a_la_charge_de)}.")
    if scheme.precisions_frais:
        parts.append(scheme.precisions_frais)
    return " ".join(parts) or None


def exported_nature(scheme: Dispositif) -> bool:
    """Governance bodies and plans are not services a person can use: not exported."""
    return scheme.nature not in NOT_SERVICES


def service_record(catalog: Catalog, scheme: Dispositif, site_url: str | None) -> dict[str, Any]:
    mobilisation = scheme.modalites_mobilisation
    contact = scheme.contacts.regional
    description = "\n\n".join(
        part
        for part in (doubt_note(catalog, scheme), scheme.resume, plain_text(scheme.description))
        if part
    )
    return _compact(
        {
            "source": SOURCE_ID,
            "structure_id": scheme.porteur,
            "id": scheme.id,
            "nom": _name(scheme.titre),
            "description": _text(description),
            "lien_source": urls.absolute_url(site_url, urls.page_url("dispositif", scheme.id))
            if site_url
            else None,
            "date_maj": scheme.updated_on.isoformat(),
            "type": _one(catalog, "types", scheme.type),
            "thematiques": equivalents(catalog, "thematiques", scheme.thematiques),
            "frais": _one(catalog, "frais", scheme.frais),
            "frais_precisions": _text(cost_precisions(scheme)),
            "publics": publics(catalog, scheme),
            "publics_precisions": _text(scheme.precisions_publics),
            "conditions_acces": _conditions(scheme),
            "telephone": _phone(contact.telephone) if contact else None,
            "courriel": contact.courriel if contact else None,
            "zone_eligibilite": zone_eligibilite(catalog, scheme),
            "lien_mobilisation": mobilisation.lien,
            "modes_mobilisation": equivalents(catalog, "modes_mobilisation", mobilisation.modes),
            "mobilisable_par": equivalents(
                catalog, "mobilisable_par", mobilisation.mobilisable_par
            ),
            "mobilisation_precisions": _text(mobilisation.precisions),
        }
    )


def provider_date(catalog: Catalog, porteur: Porteur) -> date | None:
    """Latest date the provider's record or one of its schemes was read or confirmed."""
    candidates = [
        catalog.dispositifs[did].consulte_le for did in catalog.provider_schemes.get(porteur.id, [])
    ]
    candidates += [d for d in (porteur.consulte_le, porteur.verifie_le) if d]
    return max(candidates) if candidates else None


def structure_record(catalog: Catalog, porteur: Porteur, site_url: str | None) -> dict[str, Any]:
    updated = provider_date(catalog, porteur)
    reseaux = equivalents(catalog, "reseaux_porteurs", [porteur.reseau] if porteur.reseau else [])
    return _compact(
        {
            "source": SOURCE_ID,
            "id": porteur.id,
            "nom": _name(porteur.nom),
            "date_maj": updated.isoformat() if updated else None,
            "description": _text(porteur.description),
            "lien_source": urls.absolute_url(site_url, urls.page_url("porteur", porteur.id))
            if site_url
            else None,
            "site_web": porteur.site,
            "reseaux_porteurs": reseaux,
        }
    )


def place_structure_id(lid: str) -> str:
    return f"lieu-{lid}"


def place_structure_record(catalog: Catalog, place: Lieu, site_url: str | None) -> dict[str, Any]:
    """A place as a data·inclusion Structure: a reception point with its address."""
    adresse = place.adresse
    commune = catalog.geo.commune(adresse.commune)
    return _compact(
        {
            "source": SOURCE_ID,
            "id": place_structure_id(place.id),
            "nom": _name(place.nom),
            "date_maj": place.updated_on.isoformat(),
            "description": _text(place.description),
            "lien_source": urls.absolute_url(site_url, urls.page_url("lieu", place.id))
            if site_url
            else None,
            "commune": commune.nom if commune else None,
            "code_postal": adresse.code_postal,
            "code_insee": adresse.commune,
            "adresse": adresse.ligne,
            "complement_adresse": adresse.complement,
            "telephone": _phone(place.telephone),
            "courriel": place.courriel,
            "site_web": place.site_web,
            "horaires_accueil": place.horaires_osm,
            "accessibilite_lieu": place.accessibilite,
            "reseaux_porteurs": equivalents(catalog, "reseaux_porteurs", place.reseaux_porteurs),
        }
    )


# ---------------------------------------------------------------------------- checking


def _reason(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "fiche"
        parts.append(f"{where} : {error['msg']}")
    return " ; ".join(parts)


def _check(
    model: type[di.Structure] | type[di.Service],
    kind: str,
    record: dict[str, Any],
    export: DataInclusionExport,
) -> bool:
    """Whether the official model accepts the record; its warnings are noted, not fatal."""
    ident = str(record.get("id", "?"))
    try:
        model.model_validate(record)
    except ValidationError as exc:
        export.rejected.append(Rejection(kind, ident, _reason(exc)))
        return False
    try:
        model.model_validate(record, context={"ignore_warnings": False})
    except ValidationError as exc:
        export.warnings.append(Rejection(kind, ident, _reason(exc)))
    return True


def build_data_inclusion(catalog: Catalog, site_url: str | None) -> DataInclusionExport:
    export = DataInclusionExport()
    accepted: set[str] = set()
    for pid in sorted(catalog.porteurs):
        record = structure_record(catalog, catalog.porteurs[pid], site_url)
        if _check(di.Structure, "structure", record, export):
            export.structures.append(record)
            accepted.add(pid)
    for lid in sorted(catalog.lieux):
        record = place_structure_record(catalog, catalog.lieux[lid], site_url)
        if _check(di.Structure, "structure", record, export):
            export.structures.append(record)
    for did in sorted(catalog.dispositifs):
        scheme = catalog.dispositifs[did]
        if scheme.statut not in CURRENT_STATUSES:
            export.excluded.append(
                Rejection(
                    "service",
                    did,
                    f"statut « {scheme.statut} » (data·inclusion ne recense que les "
                    "dispositifs actifs ou suspendus ; la fiche reste dans offre.json)",
                )
            )
            continue
        if not exported_nature(scheme):
            export.excluded.append(
                Rejection(
                    "service",
                    did,
                    f"nature « {scheme.nature} » (une instance ou un plan n'est pas un "
                    "service qu'une personne mobilise ; la fiche reste dans offre.json)",
                )
            )
            continue
        if scheme.porteur not in accepted:
            export.rejected.append(
                Rejection("service", did, f"sa structure « {scheme.porteur} » n'est pas exportée")
            )
            continue
        record = service_record(catalog, scheme, site_url)
        if _check(di.Service, "service", record, export):
            export.services.append(record)
    return export


def _envelope(catalog: Catalog, key: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "licence": dict(LICENCE),
        "source": SOURCE_ID,
        "producteur": TITLE,
        "schema": f"data·inclusion v1 ({SCHEMA_DOC_URL})",
        "version_schema": version("data-inclusion-schema"),
        "date_generation": catalog.latest_date().isoformat(),
        key: items,
    }


def data_inclusion_files(catalog: Catalog, site_url: str | None) -> dict[str, str | bytes]:
    export = build_data_inclusion(catalog, site_url)
    # INFO, not WARNING: a record the official schema refuses is a data-quality note for
    # maintainers, and `mkdocs build --strict` must not fail on it.
    for note in export.rejected:
        log.info(note.message())
    for note in export.warnings:
        log.info(note.message(exported=True))
    for note in export.excluded:
        log.info(note.message(excluded=True))
    log.info(export.summary())
    return {
        urls.DATA_INCLUSION_STRUCTURES_URL: dumps(
            _envelope(catalog, "structures", export.structures)
        ),
        urls.DATA_INCLUSION_SERVICES_URL: dumps(_envelope(catalog, "services", export.services)),
    }
