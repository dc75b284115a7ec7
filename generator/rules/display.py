"""Display rules: how values are named, titled and sorted, wherever they are shown.

Pages, the search files and the exports all take these from here, so a label or an
order is defined once. What the browser needs of them is handed to it as data at build
time (`js_labels()`), never written a second time in JavaScript.

Sorting follows what a French reader expects of an index: accents, case and
punctuation do not count at first (« Étudiants » and « État » sit with the E, not after
Z), ligatures read as their letters (« Œuvre » with « Oe »). The key is
`folding.collation_key`, which the browser shares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from .folding import collation_key
from .statuses import CURRENT_STATUSES, STATUTS

STATUS_ORDER = STATUTS
STATUS_LABELS = {
    "actif": "Actif",
    "suspendu": "Suspendu",
    "termine": "Terminé",
    "remplace": "Remplacé",
}
DOUBT_STATUS = "a-confirmer"
"""Status shown instead of the recorded one when no recent source establishes it
(`evidence.status_doubt`): never « Actif » for a scheme whose evidence is in doubt."""
DOUBT_LABEL = "Statut à confirmer"
DOUBT_ADVICE = "à confirmer auprès du porteur"
"""The doubt where a short phrase says it (a feed entry, the compact booklet)."""
PERSON_DOUBT_LABEL = "À confirmer"
"""The doubt as a person's selection sheet says it, after « Statut : »."""
STATUS_TITLES = {
    "suspendu": "Dispositif suspendu",
    "termine": "Dispositif terminé",
    "remplace": "Dispositif remplacé",
}
"""Heading of the notice a scheme's page opens with when it is not active (and of the
feed entry announcing its end)."""
LEVEL_LABELS = {
    "national": "National",
    "regional": "Régional",
    "departemental": "Départemental",
    "local": "Local",
}
# How "mobilisable par" reads in a sentence (« Mobilisable par : un professionnel »), by
# whom the scheme is for (`destinataire`): the "user" of an employer's scheme is the
# employer. Other values use their vocabulary label.
MOBILISABLE_LABELS = {
    "personne": {"usagers": "la personne elle-même", "professionnels": "un professionnel"},
    "employeur": {"usagers": "l'employeur lui-même", "professionnels": "un professionnel"},
    "professionnel": {"usagers": "le professionnel lui-même", "professionnels": "un professionnel"},
}
AUDIENCE_LABELS = {
    "personne": "la personne",
    "employeur": "l'employeur",
    "professionnel": "le professionnel",
}
"""Whom a scheme is for (`destinataire`), as « Coût pour … » says it."""
AUDIENCE_BADGES = {"employeur": "Pour les employeurs", "professionnel": "Pour les professionnels"}
"""Badge of a scheme that is not for the person: the reader sees at once who it serves."""
PAYER_LABELS = {
    "personne": "la personne",
    "employeur": "l'employeur",
    "etat": "l'État",
    "region": "la Région",
    "departement": "le Département",
    "opco": "l'OPCO",
    "france-travail": "France Travail",
    "agefiph": "l'Agefiph",
    "autre": "un autre financeur",
}
"""Who bears the cost (`frais_a_la_charge_de`), in a sentence."""
PROVISIONAL_MARK = "provisoire"
"""Said after the name of a territory whose perimeter is provisional, wherever it is named."""
PROVISIONAL_PERIMETER = f"périmètre {PROVISIONAL_MARK}"
"""Said of such a territory where its perimeter is the subject (lists, embeds)."""
OTHER_KINDS_TITLE = "Instances, plans et services d'information"
"""Title of the section (and page) of the records that are not schemes to mobilise."""
LOCAL_BADGE = "Local"
"""Badge of a scheme that applies only in part of the region."""
# Kinds of record (`nature`): only schemes are what an adviser mobilises; the others are
# shown apart (search: one click away).
NATURE_ORDER = ("dispositif", "instance", "plan", "information")
NATURE_LABELS = {
    "dispositif": "Dispositif mobilisable",
    "instance": "Instance de gouvernance",
    "plan": "Plan ou programme",
    "information": "Service d'information",
}

T = TypeVar("T")


class Named(Protocol):
    """A record with a name and maybe an acronym (a provider)."""

    @property
    def nom(self) -> str: ...

    @property
    def sigle(self) -> str | None: ...


# ---------------------------------------------------------------------------- labels


def status_label(statut: str) -> str:
    """Label of a recorded status, or of the shown one (`DOUBT_STATUS` included)."""
    return DOUBT_LABEL if statut == DOUBT_STATUS else STATUS_LABELS[statut]


def shown_status(statut: str, in_doubt: bool) -> str:
    """The status pages and exports show: `DOUBT_STATUS` for an active or suspended
    scheme whose status no recent source establishes, else the recorded one."""
    return DOUBT_STATUS if in_doubt and statut in CURRENT_STATUSES else statut


def status_note(shown: str) -> str:
    """The shown status as a list note says it (« suspendu », « statut à confirmer »);
    nothing for an active scheme, the case that goes without saying."""
    return "" if shown == STATUS_ORDER[0] else status_label(shown).lower()


def shown_status_order() -> tuple[str, ...]:
    """Every status a page or an export may show, the doubt read right after active."""
    return (STATUS_ORDER[0], DOUBT_STATUS, *STATUS_ORDER[1:])


def cost_heading(destinataire: str) -> str:
    """« Coût pour la personne », « Coût pour l'employeur »…"""
    return f"Coût pour {AUDIENCE_LABELS[destinataire]}"


def mobilisable_label(value: str, destinataire: str) -> str | None:
    """Who mobilises, in a sentence, for a scheme meant for `destinataire`; None when
    the vocabulary's label is the right one."""
    return MOBILISABLE_LABELS[destinataire].get(value)


def payers_text(payers: Iterable[str]) -> str:
    """`l'État et l'employeur`, `la Région, l'OPCO et l'employeur`."""
    names = [PAYER_LABELS[p] for p in payers]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}"


PLURAL_FROM = 2
"""French counts: zero and one take the singular (« 0 dispositif », « 1 dispositif »),
two and more the plural. The browser receives this number with the labels."""


def is_plural(count: int) -> bool:
    return count >= PLURAL_FROM


def agree(count: int, one: str, many: str) -> str:
    """The word (or words) agreeing with `count`: `agree(2, "lieu", "lieux")` → `lieux`."""
    return many if is_plural(count) else one


def plural(count: int, one: str, many: str) -> str:
    """A count and its agreeing word: `plural(0, "erreur", "erreurs")` → `0 erreur`."""
    return f"{count} {agree(count, one, many)}"


def territory_label(name: str, provisional: bool) -> str:
    """A territory's name as text, marked when its perimeter is provisional."""
    return f"{name} ({PROVISIONAL_MARK})" if provisional else name


class _Territory(Protocol):
    @property
    def nom(self) -> str: ...
    @property
    def is_provisional(self) -> bool: ...


def territory_name(territoire: _Territory) -> str:
    """`territory_label` of a territory record."""
    return territory_label(territoire.nom, territoire.is_provisional)


def shown_acronym(title: str, acronym: str | None) -> str | None:
    """The acronym to show after a title: none when the title already contains it."""
    return acronym if acronym and acronym not in title else None


def title_with_acronym(title: str, acronym: str | None) -> str:
    """`Contrat d'engagement jeune (CEJ)`; the title alone when it names the acronym."""
    shown = shown_acronym(title, acronym)
    return f"{title} ({shown})" if shown else title


def short_name(record: Named) -> str:
    """A provider as badges and facets name it: its acronym, else its name."""
    return record.sigle or record.nom


def js_labels() -> dict[str, object]:
    """The labels the browser shows, as data for the search and embed scripts."""
    return {
        "statuts": [[statut, STATUS_LABELS[statut]] for statut in STATUS_ORDER],
        "local": LOCAL_BADGE,
        "a_confirmer": DOUBT_LABEL,
        "natures": [[nature, NATURE_LABELS[nature]] for nature in NATURE_ORDER],
    }


# ---------------------------------------------------------------------------- collation


def initial(text: str) -> str:
    """Letter a text is listed under in an A–Z index (`#` for a digit or a symbol)."""
    first = collation_key(text)[0][:1].upper()
    return first if first.isalpha() else "#"


def sorted_by_name(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """Items in French alphabetical order of `name(item)` (stable for equal names)."""
    return sorted(items, key=lambda item: collation_key(name(item)))
