"""Checks that look across files — ids, references, vocabularies, codes.

Each check reports at the exact key that is wrong, thanks to the positions kept on
every loaded document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..rules import codes
from . import dates
from .errors import Issue, Severity, display_path
from .fields import ALL_TERRITORIES, is_identifier, is_vocab_value
from .geo import Geo
from .messages import did_you_mean
from .model import Dispositif, Lieu, Porteur, Territoire
from .reader import Loaded, RawDataset
from .vocab import Vocabularies
from .yamlsource import KeyPath, SourceDoc

WARN = Severity.WARNING


def check_dataset(data: RawDataset, vocab: Vocabularies, geo: Geo, today: date) -> Iterator[Issue]:
    porteur_ids = {p.item.id for p in data.porteurs} | data.invalid_ids["porteur"]
    territory_ids = {t.item.id for t in data.territoires} | data.invalid_ids["territoire"]
    scheme_ids = {d.item.id for d in data.dispositifs} | data.invalid_ids["dispositif"]
    place_ids = {p.item.id for p in data.lieux} | data.invalid_ids["lieu"]

    yield from _unique_ids(data.dispositifs, "dispositif")
    yield from _unique_ids(data.porteurs, "porteur")
    yield from _unique_ids(data.territoires, "territoire")
    yield from _unique_ids(data.lieux, "lieu")
    yield from _old_ids(data.dispositifs, scheme_ids)
    for loaded_p in data.porteurs:
        yield from _check_porteur(loaded_p, vocab, today)
    yield from _check_territories(data.territoires, vocab, geo, data.invalid_ids["territoire"])
    if not data.territoires and not data.invalid_ids["territoire"]:
        yield Issue(
            f"{data.root.name}/territoires",
            1,
            1,
            "",
            "aucun territoire : ajoutez les fichiers de territoires "
            "(offre import-territoires, ou scripts/build_provisional_territories.py).",
        )
    if not data.dispositifs and not data.invalid_ids["dispositif"]:
        # An empty catalogue has nothing to publish (and no search index to build).
        yield Issue(
            display_path(data.root / "dispositifs", data.root),
            1,
            1,
            "",
            "aucun dispositif : ajoutez au moins une fiche "
            "dispositifs/<porteur>/<identifiant>.yaml (voir LISEZMOI.md).",
        )
    refs = _Refs(porteur_ids, territory_ids, scheme_ids, place_ids)
    for loaded in data.dispositifs:
        yield from _check_scheme(SchemeView.of(loaded.item), loaded.doc, vocab, geo, refs)
        yield from _dates(loaded.doc, loaded.item, today)
    for loaded_l in data.lieux:
        yield from _check_place(PlaceView.of(loaded_l.item), loaded_l.doc, vocab, geo, refs)
        yield from _not_future(loaded_l.doc, "consulte_le", loaded_l.item.consulte_le, today)
        yield from _not_future(loaded_l.doc, "verifie_le", loaded_l.item.verifie_le, today)
    for doc in data.invalid_places:
        yield from _check_place(PlaceView.of_raw(doc.data), doc, vocab, geo, refs)
    for doc in data.invalid_schemes:
        yield from _check_scheme(SchemeView.of_raw(doc.data), doc, vocab, geo, refs)
    yield from _replacement_cycles(data.dispositifs)
    if data.reseaux is not None:
        yield from _check_networks(data, vocab, porteur_ids, today)


# ---------------------------------------------------------------------------- ids


def _unique_ids(
    items: list[Loaded[Dispositif]]
    | list[Loaded[Porteur]]
    | list[Loaded[Territoire]]
    | list[Loaded[Lieu]],
    kind: str,
) -> Iterator[Issue]:
    first: dict[str, SourceDoc] = {}
    for loaded in items:
        ident = loaded.item.id
        doc = loaded.doc
        if ident in first:
            other = first[ident]
            yield doc.issue(
                ("id",),
                f"identifiant « {ident} » déjà utilisé par {other.display}:"
                f"{other.pos(('id',)).line} : chaque {kind} doit avoir un identifiant unique.",
            )
        else:
            first[ident] = doc
        if doc.path.stem != ident:
            yield doc.issue(
                ("id",),
                f"le fichier s'appelle « {doc.path.name} » mais l'identifiant est « {ident} » : "
                f"renommez le fichier en « {ident}.yaml » pour qu'on le retrouve.",
                severity=WARN,
            )


def _old_ids(items: list[Loaded[Dispositif]], scheme_ids: set[str]) -> Iterator[Issue]:
    claimed: dict[str, tuple[str, SourceDoc, int]] = {}
    for loaded in items:
        for index, old in enumerate(loaded.item.anciens_identifiants):
            path: KeyPath = ("anciens_identifiants", index)
            if old in scheme_ids:
                owner = "cette fiche" if old == loaded.item.id else "un dispositif actuel"
                yield loaded.doc.issue(
                    path,
                    f"ancien identifiant « {old} » identique à l'identifiant de {owner} : "
                    "une adresse ne peut pas à la fois rediriger et afficher une fiche.",
                )
            elif old in claimed:
                other_id, other_doc, other_index = claimed[old]
                line = other_doc.pos(("anciens_identifiants", other_index)).line
                yield loaded.doc.issue(
                    path,
                    f"ancien identifiant « {old} » déjà revendiqué par « {other_id} » "
                    f"({other_doc.display}:{line}) : une ancienne adresse ne peut rediriger "
                    "que vers une seule fiche.",
                )
            else:
                claimed[old] = (loaded.item.id, loaded.doc, index)


# ---------------------------------------------------------------------------- vocabularies


def _vocab(
    doc: SourceDoc, path: KeyPath, value: str, kind: str, vocab: Vocabularies, label: str
) -> Iterator[Issue]:
    if vocab.get(kind, value) is None and kind not in vocab.unchecked:
        hint = did_you_mean(value, vocab.values(kind))
        yield doc.issue(
            path,
            f"valeur « {value} » absente du vocabulaire « {kind} ».{hint} "
            f"Liste complète : offre vocabulaires {kind}.",
        )


def _vocab_list(
    doc: SourceDoc, key: str, values: list[str], kind: str, vocab: Vocabularies, label: str
) -> Iterator[Issue]:
    seen: set[str] = set()
    for index, value in enumerate(values):
        path: KeyPath = (key, index) if "." not in key else (*key.split("."), index)
        if value in seen:
            yield doc.issue(
                path, f"« {value} » est déjà dans la liste : supprimez le doublon.", severity=WARN
            )
        seen.add(value)
        if value:  # "" stands for a non-text item, already reported by the file's checks
            yield from _vocab(doc, path, value, kind, vocab, label)


# ---------------------------------------------------------------------------- porteurs


def _check_porteur(loaded: Loaded[Porteur], vocab: Vocabularies, today: date) -> Iterator[Issue]:
    porteur = loaded.item
    yield from _not_future(loaded.doc, "consulte_le", porteur.consulte_le, today)
    yield from _not_future(loaded.doc, "verifie_le", porteur.verifie_le, today)
    if porteur.reseau:
        yield from _vocab(
            loaded.doc, ("reseau",), porteur.reseau, "reseaux_porteurs", vocab, "réseau"
        )


# ---------------------------------------------------------------------------- réseaux


def _check_networks(
    data: RawDataset, vocab: Vocabularies, porteur_ids: set[str], today: date
) -> Iterator[Issue]:
    """reseaux.yaml: known networks, one directory per network, known providers, and a
    warning for each network a scheme relies on that has no directory to fall back on."""
    assert data.reseaux is not None
    doc = data.reseaux.doc
    reseaux = data.reseaux.item
    listed: set[str] = set()
    urls: dict[str, int] = {}
    for index, annuaire in enumerate(reseaux.annuaires):
        if annuaire.consulte_le > today:
            yield doc.issue(
                ("annuaires", index, "consulte_le"),
                f"consulte_le ({annuaire.consulte_le.isoformat()}) est dans le futur.",
            )
        if annuaire.url in urls:
            line = doc.pos(("annuaires", urls[annuaire.url])).line
            yield doc.issue(
                ("annuaires", index, "url"),
                f"cet annuaire est déjà décrit ligne {line} : ajoutez plutôt les réseaux à "
                "cette entrée.",
            )
        urls.setdefault(annuaire.url, index)
        for n, network in enumerate(annuaire.reseaux):
            path: KeyPath = ("annuaires", index, "reseaux", n)
            yield from _vocab(doc, path, network, "reseaux_porteurs", vocab, "réseau")
        listed.update(annuaire.reseaux)
    aide = reseaux.aide_demarches
    if aide is not None:
        yield from _vocab(
            doc, ("aide_demarches", "reseau"), aide.reseau, "reseaux_porteurs", vocab, "réseau"
        )
        yield from _vocab_list(
            doc, "aide_demarches.reseaux", aide.reseaux, "reseaux_porteurs", vocab, "réseau"
        )
        for index, pid in enumerate(aide.porteurs):
            if pid not in porteur_ids:
                yield doc.issue(
                    ("aide_demarches", "porteurs", index),
                    f"porteur « {pid} » inconnu.{_hint(pid, porteur_ids, 'porteur')}",
                )
        if aide.reseau not in listed:
            yield doc.issue(
                ("aide_demarches", "reseau"),
                f"le réseau « {aide.reseau} » n'a pas d'annuaire : ajoutez-le dans « annuaires ».",
                severity=WARN,
            )
    used: dict[str, str] = {}
    for loaded_p in data.porteurs:
        if loaded_p.item.reseau:
            used.setdefault(loaded_p.item.reseau, f"porteur {loaded_p.item.id}")
    for loaded_d in data.dispositifs:
        if loaded_d.item.delivre_par is not None:
            for network in loaded_d.item.delivre_par.reseaux:
                used.setdefault(network, f"dispositif {loaded_d.item.id}")
    for network, user in sorted(used.items()):
        if network not in listed and vocab.get("reseaux_porteurs", network) is not None:
            yield doc.issue(
                ("annuaires",),
                f"le réseau « {network} » ({user}) n'a pas d'annuaire officiel : ajoutez-en un, "
                "sinon une fiche sans lieu connu n'offre que le site du porteur.",
                severity=WARN,
            )


# ---------------------------------------------------------------------------- territoires


def _check_territories(
    items: list[Loaded[Territoire]], vocab: Vocabularies, geo: Geo, invalid: set[str]
) -> Iterator[Issue]:
    owner_of_epci: dict[str, tuple[str, SourceDoc, int]] = {}
    owner_of_commune: dict[str, tuple[str, SourceDoc, int]] = {}
    for loaded in items:
        territoire, doc = loaded.item, loaded.doc
        for index, siren in enumerate(territoire.epci):
            path: KeyPath = ("epci", index)
            if not codes.is_siren(siren):
                yield doc.issue(path, f"« {siren} » n'est pas un code SIREN d'EPCI (9 chiffres).")
                continue
            if geo.epci(siren) is None:
                yield doc.issue(
                    path,
                    f"EPCI « {siren} » inconnu : aucun EPCI de la région n'a ce SIREN "
                    f"dans le référentiel géographique ({geo.source.get('version', '?')}).",
                )
                continue
            if siren in owner_of_epci:
                other, other_doc, other_index = owner_of_epci[siren]
                line = other_doc.pos(("epci", other_index)).line
                yield doc.issue(
                    path,
                    f"EPCI « {siren} » déjà rattaché au territoire « {other} » "
                    f"({other_doc.display}:{line}) : un EPCI appartient à un seul territoire.",
                )
            else:
                owner_of_epci[siren] = (territoire.id, doc, index)
        for index, code in enumerate(territoire.communes_hors_epci):
            path = ("communes_hors_epci", index)
            commune = geo.commune(code) if codes.is_insee_commune(code) else None
            if commune is None:
                yield doc.issue(path, f"commune « {code} » inconnue dans la région (code INSEE).")
                continue
            if commune.epci is not None:
                yield doc.issue(
                    path,
                    f"la commune {commune.nom} ({code}) appartient à l'EPCI {commune.epci} : "
                    "elle est déjà couverte par son EPCI ; retirez-la de communes_hors_epci.",
                )
                continue
            if code in owner_of_commune:
                other, _, _ = owner_of_commune[code]
                yield doc.issue(
                    path, f"commune « {code} » déjà rattachée au territoire « {other} »."
                )
            else:
                owner_of_commune[code] = (territoire.id, doc, index)
        yield from _vocab_list(
            doc, "priorites", territoire.priorites, "axes_clefop", vocab, "priorité"
        )
    if items and not invalid:  # a broken territory file would make every commune "uncovered"
        yield from _uncovered(items, geo, owner_of_epci, owner_of_commune)


def _uncovered(
    items: list[Loaded[Territoire]],
    geo: Geo,
    owner_of_epci: dict[str, tuple[str, SourceDoc, int]],
    owner_of_commune: dict[str, tuple[str, SourceDoc, int]],
) -> Iterator[Issue]:
    missing = [
        c
        for c in geo.communes
        if (c.epci is None and c.code not in owner_of_commune)
        or (c.epci is not None and c.epci not in owner_of_epci)
    ]
    if missing:
        names = ", ".join(f"{c.nom} ({c.code})" for c in missing[:5])
        more = f" et {len(missing) - 5} autres" if len(missing) > 5 else ""
        first = items[0].doc
        yield Issue(
            first.display.rsplit("/", 1)[0],
            1,
            1,
            "",
            f"{len(missing)} commune(s) de la région ne sont dans aucun territoire : "
            f"{names}{more}. La recherche par commune ne les trouvera pas.",
            WARN,
        )


# ---------------------------------------------------------------------------- dispositifs


@dataclass(frozen=True)
class SchemeView:
    """What the cross-file checks read from a scheme, valid or not.

    A file with a schema error still has many well-formed values (its provider, its
    vocabularies); checking those too means the editor sees every problem in one run.
    """

    id: str | None
    porteur: str | None
    co_porteurs: list[str]
    publics: list[str]
    situations: list[str]
    thematiques: list[str]
    type: str | None
    frais: str | None
    modes: list[str]
    mobilisable_par: list[str]
    axes: list[str]
    territoires: list[str]
    contact_territories: list[str]
    remplace_par: str | None
    delivre_reseaux: list[str]
    delivre_lieux: list[str]

    @classmethod
    def of(cls, d: Dispositif) -> SchemeView:
        m = d.modalites_mobilisation
        return cls(
            d.id,
            d.porteur,
            list(d.co_porteurs),
            list(d.publics),
            list(d.situations),
            list(d.thematiques),
            d.type,
            d.frais,
            list(m.modes),
            list(m.mobilisable_par),
            list(d.axes_clefop),
            list(d.territoires),
            list(d.contacts.territoires),
            d.remplace_par,
            list(d.delivre_par.reseaux) if d.delivre_par else [],
            list(d.delivre_par.lieux) if d.delivre_par else [],
        )

    @classmethod
    def of_raw(cls, raw: dict[str, Any]) -> SchemeView:
        mobilisation = raw.get("modalites_mobilisation")
        mobilisation = mobilisation if isinstance(mobilisation, dict) else {}
        contacts = raw.get("contacts")
        by_territory = contacts.get("territoires") if isinstance(contacts, dict) else None
        territoires = raw.get("territoires")
        delivre = raw.get("delivre_par")
        delivre = delivre if isinstance(delivre, dict) else {}
        # A value refused by the file's own checks (a malformed id, "jeunes\n") is not
        # checked again here: "unknown provider" would be a second error for one cause.
        return cls(
            _text(raw.get("id"), is_identifier),
            _text(raw.get("porteur"), is_identifier),
            _texts(raw.get("co_porteurs"), is_identifier),
            _texts(raw.get("publics"), is_vocab_value),
            _texts(raw.get("situations"), is_vocab_value),
            _texts(raw.get("thematiques"), is_vocab_value),
            _text(raw.get("type"), is_vocab_value),
            _text(raw.get("frais"), is_vocab_value),
            _texts(mobilisation.get("modes"), is_vocab_value),
            _texts(mobilisation.get("mobilisable_par"), is_vocab_value),
            _texts(raw.get("axes_clefop"), is_vocab_value),
            [ALL_TERRITORIES] if territoires == ALL_TERRITORIES else _texts(territoires, _code),
            list(by_territory) if isinstance(by_territory, dict) else [],
            _text(raw.get("remplace_par"), is_identifier),
            _texts(delivre.get("reseaux"), is_vocab_value),
            _texts(delivre.get("lieux"), is_identifier),
        )

    @property
    def everywhere(self) -> bool:
        return self.territoires == [ALL_TERRITORIES]


def _text(value: object, wellformed: Callable[[str], bool]) -> str | None:
    return value if isinstance(value, str) and wellformed(value) else None


def _texts(value: object, wellformed: Callable[[str], bool]) -> list[str]:
    # Non-text or malformed items were already reported by the file's own checks; skip
    # them here (an empty string keeps list positions aligned with the file).
    if not isinstance(value, list):
        return []
    return [v if isinstance(v, str) and wellformed(v) else "" for v in value]


def _code(value: str) -> bool:
    """A territory id or code as the model accepts it: one stripped line."""
    return bool(value) and value == value.strip() and "\n" not in value and "\t" not in value


def _check_scheme(
    d: SchemeView,
    doc: SourceDoc,
    vocab: Vocabularies,
    geo: Geo,
    refs: _Refs,
) -> Iterator[Issue]:
    if d.porteur is not None:
        if d.porteur not in refs.porteurs:
            yield doc.issue(
                ("porteur",),
                f"porteur « {d.porteur} » inconnu.{_hint(d.porteur, refs.porteurs, 'porteurs')}",
            )
        elif doc.path.parent.name not in (d.porteur, "dispositifs"):
            yield doc.issue(
                ("porteur",),
                f"la fiche est rangée dans « {doc.path.parent.name}/ » mais son porteur est "
                f"« {d.porteur} » : déplacez-la dans dispositifs/{d.porteur}/.",
                severity=WARN,
            )
    for index, co in enumerate(d.co_porteurs):
        if not co:
            continue
        if co not in refs.porteurs:
            yield doc.issue(
                ("co_porteurs", index),
                f"porteur « {co} » inconnu.{_hint(co, refs.porteurs, 'porteurs')}",
            )
        elif co == d.porteur:
            yield doc.issue(
                ("co_porteurs", index),
                f"« {co} » est déjà le porteur principal : retirez-le des co_porteurs.",
                severity=WARN,
            )
    yield from _vocab_list(doc, "publics", d.publics, "publics", vocab, "public")
    if "tous-publics" in d.publics and len(d.publics) > 1:
        yield doc.issue(("publics",), "« tous-publics » doit être seul dans la liste des publics.")
    yield from _vocab_list(doc, "situations", d.situations, "publics", vocab, "situation")
    if "tous-publics" in d.situations:
        yield doc.issue(
            ("situations",),
            "« tous-publics » n'est pas une situation : laissez la liste vide quand le "
            "dispositif ne demande pas de situation particulière.",
        )
    yield from _vocab_list(doc, "thematiques", d.thematiques, "thematiques", vocab, "thématique")
    if d.type is not None:
        yield from _vocab(doc, ("type",), d.type, "types", vocab, "type")
    if d.frais is not None:
        yield from _vocab(doc, ("frais",), d.frais, "frais", vocab, "frais")
    yield from _vocab_list(
        doc,
        "modalites_mobilisation.modes",
        d.modes,
        "modes_mobilisation",
        vocab,
        "mode",
    )
    yield from _vocab_list(
        doc,
        "modalites_mobilisation.mobilisable_par",
        d.mobilisable_par,
        "mobilisable_par",
        vocab,
        "valeur",
    )
    yield from _vocab_list(doc, "axes_clefop", d.axes, "axes_clefop", vocab, "axe")
    yield from _perimeter(doc, d, geo, refs.territoires)
    yield from _vocab_list(
        doc, "delivre_par.reseaux", d.delivre_reseaux, "reseaux_porteurs", vocab, "réseau"
    )
    for index, lid in enumerate(d.delivre_lieux):
        if lid and lid not in refs.lieux:
            yield doc.issue(
                ("delivre_par", "lieux", index),
                f"lieu « {lid} » inconnu.{_hint(lid, refs.lieux, 'lieux')}",
            )
    for tid in d.contact_territories:
        if tid not in refs.territoires:
            yield doc.issue(
                ("contacts", "territoires", tid),
                f"territoire « {tid} » inconnu.{_hint(tid, refs.territoires, 'territoires')}",
                at_key=True,
            )
    if d.remplace_par:
        if d.remplace_par == d.id:
            yield doc.issue(("remplace_par",), "un dispositif ne peut pas se remplacer lui-même.")
        elif d.remplace_par not in refs.dispositifs:
            hint = _hint(d.remplace_par, refs.dispositifs, "dispositifs")
            yield doc.issue(("remplace_par",), f"dispositif « {d.remplace_par} » inconnu.{hint}")


def _replacement_cycles(items: list[Loaded[Dispositif]]) -> Iterator[Issue]:
    """`remplace_par` chains must end: A → B → A would send readers round in circles."""
    by_id = {loaded.item.id: loaded for loaded in items}
    done: set[str] = set()
    for start in sorted(by_id):
        chain: list[str] = []
        current: str | None = start
        while current in by_id and current not in done and current not in chain:
            chain.append(current)
            current = by_id[current].item.remplace_par
        done.update(chain)
        if current is None or current not in chain or current == chain[-1]:
            continue  # the chain ends, or reaches a known one; self-reference is reported apart
        cycle = chain[chain.index(current) :]
        first = by_id[min(cycle)]
        loop = " → ".join([*_from_smallest(cycle), min(cycle)])
        yield first.doc.issue(
            ("remplace_par",),
            f"remplace_par forme une boucle ({loop}) : le dernier dispositif d'une chaîne de "
            "remplacements n'est pas « remplace » ; corrigez le statut ou le successeur de "
            "l'un d'eux.",
        )


def _from_smallest(cycle: list[str]) -> list[str]:
    """The cycle read from its smallest id, so the message is the same on every run."""
    start = cycle.index(min(cycle))
    return cycle[start:] + cycle[:start]


@dataclass(frozen=True)
class _Refs:
    porteurs: set[str]
    territoires: set[str]
    dispositifs: set[str]
    lieux: set[str]


def _hint(value: str, known: set[str], kind: str) -> str:
    hint = did_you_mean(value, known)
    return hint or f" Vérifiez l'identifiant dans le dossier {kind}/."


def _perimeter(doc: SourceDoc, d: SchemeView, geo: Geo, territory_ids: set[str]) -> Iterator[Issue]:
    if ALL_TERRITORIES in d.territoires and len(d.territoires) > 1:
        yield doc.issue(
            ("territoires",), "« tous » couvre déjà toute la région : il doit être seul."
        )
        return
    if d.everywhere:
        return
    for index, code in enumerate(d.territoires):
        if not code or code in territory_ids:
            continue
        problem = _zone_code_problem(code, geo)
        if problem is None and not codes.is_zone(code):
            problem = f"territoire « {code} » inconnu.{_hint(code, territory_ids, 'territoires')}"
        if problem is not None:
            yield doc.issue(("territoires", index), problem)


def _zone_code_problem(code: str, geo: Geo) -> str | None:
    """What is wrong with an EPCI, commune or département code a perimeter names (None
    when it is right, or when it is no such code: the caller says what it expected)."""
    if codes.is_siren(code):
        if geo.epci(code) is None:
            return f"EPCI « {code} » inconnu dans la région (code SIREN)."
    elif codes.is_insee_commune(code):
        if geo.commune(code) is None:
            return f"commune « {code} » inconnue dans la région (code INSEE)."
    elif codes.is_departement(code):
        departements = sorted(dep.code for dep in geo.departements)
        if code not in departements:
            return f"département « {code} » hors région : {', '.join(departements)}."
    return None


def _not_future(doc: SourceDoc, key: str, day: date | None, today: date) -> Iterator[Issue]:
    if day is not None and day > today:
        yield doc.issue((key,), f"{key} ({day.isoformat()}) est dans le futur.")


def _dates(doc: SourceDoc, d: Dispositif, today: date) -> Iterator[Issue]:
    for key in ("consulte_le", "verifie_le", "cree_le", "modifie_le"):
        yield from _not_future(doc, key, getattr(d, key), today)
    for index, source in enumerate(d.sources):
        if source.date_publication and dates.earliest(source.date_publication) > today:
            yield doc.issue(
                ("sources", index, "date_publication"),
                f"date_publication ({source.date_publication}) est dans le futur.",
            )
    m = d.modalites_mobilisation
    if d.statut == "actif" and not (m.modes or m.mobilisable_par or m.precisions or m.lien):
        yield doc.issue(
            ("modalites_mobilisation",),
            "dispositif actif sans modalités de mobilisation : indiquez au moins qui peut le "
            "mobiliser (mobilisable_par) ou comment (modes, precisions, lien).",
            severity=WARN,
        )
    if d.statut == "actif" and d.date_fin and dates.latest(d.date_fin) < today:
        yield doc.issue(
            ("statut",),
            f"date_fin ({d.date_fin}) est passée mais le statut est « actif » : "
            "passez-le à « termine » ou « remplace », ou corrigez la date.",
            severity=WARN,
        )


# ---------------------------------------------------------------------------- lieux


@dataclass(frozen=True)
class PlaceView:
    """What the cross-file checks read from a place, valid or not (as SchemeView)."""

    porteur: str | None
    reseaux: list[str]
    commune: str | None
    code_postal: str | None
    zone: list[str]
    dispositifs: list[str]

    @classmethod
    def of(cls, place: Lieu) -> PlaceView:
        return cls(
            place.porteur,
            list(place.reseaux_porteurs),
            place.adresse.commune,
            place.adresse.code_postal,
            list(place.zone_desservie),
            list(place.dispositifs),
        )

    @classmethod
    def of_raw(cls, raw: dict[str, Any]) -> PlaceView:
        address = raw.get("adresse")
        address = address if isinstance(address, dict) else {}
        return cls(
            _text(raw.get("porteur"), is_identifier),
            _texts(raw.get("reseaux_porteurs"), is_vocab_value),
            _text(address.get("commune"), _code),
            _text(address.get("code_postal"), _code),
            _texts(raw.get("zone_desservie"), _code),
            _texts(raw.get("dispositifs"), is_identifier),
        )


def _check_place(
    place: PlaceView, doc: SourceDoc, vocab: Vocabularies, geo: Geo, refs: _Refs
) -> Iterator[Issue]:
    if place.porteur is not None:
        if place.porteur not in refs.porteurs:
            hint = _hint(place.porteur, refs.porteurs, "porteurs")
            yield doc.issue(("porteur",), f"porteur « {place.porteur} » inconnu.{hint}")
        elif doc.path.parent.name not in (place.porteur, "lieux"):
            yield doc.issue(
                ("porteur",),
                f"le lieu est rangé dans « {doc.path.parent.name}/ » mais son porteur est "
                f"« {place.porteur} » : déplacez-le dans lieux/{place.porteur}/.",
                severity=WARN,
            )
    yield from _vocab_list(
        doc, "reseaux_porteurs", place.reseaux, "reseaux_porteurs", vocab, "réseau"
    )
    commune = geo.commune(place.commune) if place.commune else None
    if place.commune and commune is None and codes.is_insee_commune(place.commune):
        yield doc.issue(
            ("adresse", "commune"),
            f"commune « {place.commune} » inconnue dans la région (code INSEE) : "
            "vérifiez le code sur la fiche de la commune (ce n'est pas le code postal).",
        )
    elif (
        commune is not None
        and place.code_postal
        and codes.is_postcode(place.code_postal)
        and place.code_postal not in commune.codes_postaux
    ):
        known = ", ".join(commune.codes_postaux) or "aucun"
        yield doc.issue(
            ("adresse", "code_postal"),
            f"le code postal {place.code_postal} n'est pas celui de {commune.nom} "
            f"({known}) : vérifiez l'un des deux.",
            severity=WARN,
        )
    for index, code in enumerate(place.zone):
        if not code or code in refs.territoires:
            continue
        problem = _zone_code_problem(code, geo)
        if problem is None and not codes.is_zone(code):
            problem = (
                f"« {code} » n'est ni un code de commune, d'EPCI ou de département, ni un "
                f"territoire connu.{_hint(code, refs.territoires, 'territoires')}"
            )
        if problem is not None:
            yield doc.issue(("zone_desservie", index), problem)
    for index, did in enumerate(place.dispositifs):
        if did and did not in refs.dispositifs:
            hint = _hint(did, refs.dispositifs, "dispositifs")
            yield doc.issue(("dispositifs", index), f"dispositif « {did} » inconnu.{hint}")
