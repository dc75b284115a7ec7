"""`offre synth`: a complete, valid synthetic dataset of N schemes, for measurements.

The dataset copies the real geography, vocabularies and territories of a source data
folder, then writes ~40 invented providers and N invented schemes whose French text is
assembled from the banks in `synth_banks.py`. It must pass `offre validate` with no
error, so the build and the search can be measured at 100, 1,000 or 10,000 schemes.

Determinism: scheme number i is drawn from its own generator, seeded with (seed, i), and
only looks back at earlier schemes (for a unique id, or for the scheme that replaces
it). So the same N and seed give byte-identical files, and the dataset for N=100 is
exactly the first 100 schemes of the dataset for N=10,000: a given scheme page can be
compared across sizes.
"""

from __future__ import annotations

import random
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from devtools import synth_banks as banks
from generator.data.errors import UserError
from generator.data.geo import Geo, load_geo
from generator.data.model import Dispositif, VocabulairesLocaux
from generator.data.reader import GEO_FILE, NETWORKS_FILE, VOCABULARY_FILE
from generator.data.synonyms import SYNONYMS_FILE
from generator.data.vocab import Vocabularies, build_vocabularies
from generator.rules import folding

MAX_SCHEMES = 200_000
EXAMPLE_HOST = "https://exemple.invalid"
DATA_ENTRIES = frozenset(
    {
        "dispositifs",
        "porteurs",
        "territoires",
        "geo",
        "schemas",
        VOCABULARY_FILE,
        SYNONYMS_FILE,
        "LISEZMOI.md",
        "lieux",
        NETWORKS_FILE,
    }
)
MAX_PLACES = 200_000
# Telephone numbers the ARCEP keeps for fiction (02 61 91 xx xx): no counter answers them.
FICTION_PHONE = "02 61 91"
REGIONAL_SHARE = {"national": 0.6, "regional": 0.6, "departemental": 0.1, "local": 0.1}
VERIFIED_FROM = date(2025, 1, 1)
VERIFIED_DAYS = (date(2026, 10, 31) - VERIFIED_FROM).days
PROVIDERS_VERIFIED = date(2026, 1, 15)
_ARTICLE_CONTRACTIONS = {
    ("à", "le"): "au ",
    ("à", "les"): "aux ",
    ("de", "le"): "du ",
    ("de", "les"): "des ",
}
_INDEFINITE = {"m": "un", "f": "une", "mp": "des", "fp": "des"}
_GENDER_INDEX = {"m": 0, "f": 1, "mp": 2, "fp": 3}
_DESTINE = ("destiné", "destinée", "destinés", "destinées")
_DANGLING = frozenset(
    {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour", "sur"}
)
_SMALL_WORDS = frozenset(
    {"pour", "dans", "avec", "sans", "des", "les", "aux", "sur", "une", "du", "de", "la", "le"}
)


@dataclass(frozen=True)
class SynthSummary:
    """What `synthesize` wrote, for the command's message and the benchmarks."""

    folder: Path
    schemes: int
    providers: int
    territories: int
    regional: int
    closed: int
    first_scheme_id: str
    scheme_ids: list[str] = field(repr=False)
    places: int = 0


@dataclass(frozen=True)
class _Territory:
    id: str
    nom: str
    departement: str
    epci: tuple[str, ...]


@dataclass
class _Context:
    """Everything the drawing of one scheme reads; built once from the source data."""

    territories: list[_Territory]
    epci_names: dict[str, str]
    epci_territory: dict[str, str]
    communes: dict[str, list[tuple[str, str]]]  # territory id → [(name, postal code)]
    themes: dict[str, list[str]]  # category → theme values
    axes: list[str]
    modes: list[str]
    home: dict[str, list[_Territory]]  # provider id → territories it works in
    category_names: list[str]
    category_weights: list[int]


@dataclass
class _History:
    """What a scheme may look back at: ids already taken and the last open scheme."""

    taken: set[str] = field(default_factory=set)
    last_open: str | None = None


# ---------------------------------------------------------------------------- entry point


def synthesize(
    n: int,
    target: Path,
    *,
    source: Path,
    seed: int = 1,
    overwrite: bool = False,
    places: int = 0,
) -> SynthSummary:
    """Write a dataset of `n` synthetic schemes (and `places` reception points) into
    `target` (see the module docstring)."""
    if n < 1 or n > MAX_SCHEMES:
        raise UserError(f"nombre de dispositifs invalide ({n}) : entre 1 et {MAX_SCHEMES}.")
    if places < 0 or places > MAX_PLACES:
        raise UserError(f"nombre de lieux invalide ({places}) : entre 0 et {MAX_PLACES}.")
    _check_source(source)
    _prepare_target(target, source, overwrite=overwrite)
    geo = load_geo(source / GEO_FILE)
    vocab = _vocabularies(source)
    territories = _territories(source, geo)
    context = _context(geo, vocab, territories)

    shutil.copytree(source / GEO_FILE.parent, target / GEO_FILE.parent)
    shutil.copyfile(source / VOCABULARY_FILE, target / VOCABULARY_FILE)
    if (source / SYNONYMS_FILE).exists():  # the search's synonyms, as the real data has them
        shutil.copyfile(source / SYNONYMS_FILE, target / SYNONYMS_FILE)
    shutil.copytree(source / "territoires", target / "territoires")
    (target / "LISEZMOI.md").write_text(_readme(n, seed, places), encoding="utf-8")

    providers_dir = target / "porteurs"
    providers_dir.mkdir()
    for spec in banks.PROVIDERS:
        _write(providers_dir / f"{spec.id}.yaml", _provider(spec))
    if places:
        # The official directories and the France services rule, as the real data has
        # them: the "Où s'adresser" box then offers what it offers on the real site.
        if (source / NETWORKS_FILE).exists():
            _write_networks(source / NETWORKS_FILE, target / NETWORKS_FILE)
        for spec in banks.PLACE_PROVIDERS:
            _write(providers_dir / f"{spec.id}.yaml", _provider(spec))

    history = _History()
    ids: list[str] = []
    regional = closed = 0
    folders: set[str] = set()
    for number in range(n):
        rng = random.Random(f"offre-synth:{seed}:{number}")
        scheme = _scheme(rng, context, history)
        ids.append(scheme["id"])
        regional += scheme["territoires"] == "tous"
        closed += scheme["statut"] != "actif"
        folder = target / "dispositifs" / scheme["porteur"]
        if scheme["porteur"] not in folders:
            folder.mkdir(parents=True, exist_ok=True)
            folders.add(scheme["porteur"])
        _write(folder / f"{scheme['id']}.yaml", scheme)
    if places:
        _write_places(places, target / "lieux", geo, context, ids, seed)
    return SynthSummary(
        folder=target,
        schemes=n,
        providers=len(banks.PROVIDERS) + (len(banks.PLACE_PROVIDERS) if places else 0),
        territories=len(territories),
        regional=regional,
        closed=closed,
        first_scheme_id=ids[0],
        scheme_ids=ids,
        places=places,
    )


def _check_source(source: Path) -> None:
    missing = [
        str(source / part)
        for part in (GEO_FILE, Path(VOCABULARY_FILE), Path("territoires"))
        if not (source / part).exists()
    ]
    if missing:
        raise UserError(
            "données source incomplètes : il manque " + ", ".join(missing) + " (option --donnees)."
        )


def _prepare_target(target: Path, source: Path, *, overwrite: bool) -> None:
    if target.exists() and not target.is_dir():
        raise UserError(f"{target} existe et n'est pas un dossier.")
    if target.is_dir() and any(target.iterdir()):
        if not overwrite:
            raise UserError(
                f"le dossier {target} n'est pas vide : choisissez un dossier vide ou "
                "ajoutez --ecraser pour remplacer son contenu."
            )
        if target.resolve() == source.resolve():
            raise UserError(f"{target} est le dossier des données source : il ne sera pas écrasé.")
        foreign = sorted(p.name for p in target.iterdir() if p.name not in DATA_ENTRIES)
        if foreign:
            raise UserError(
                f"le dossier {target} contient autre chose qu'un jeu de données "
                f"({', '.join(foreign[:5])}) : il ne sera pas écrasé, même avec --ecraser."
            )
        shutil.rmtree(target)
    target.mkdir(parents=True, exist_ok=True)


def _readme(n: int, seed: int, places: int = 0) -> str:
    if not places:
        return (
            "# Jeu de données synthétique\n\n"
            f"Écrit par `offre synth {n} <dossier> --graine {seed}` : {n} dispositifs et "
            f"{len(banks.PROVIDERS)} porteurs inventés (textes assemblés au hasard, adresses "
            "`exemple.invalid`), avec la géographie, les vocabulaires et les territoires "
            "réels.\n"
            "Il sert uniquement à mesurer la construction du site et la recherche : ne le "
            "publiez pas.\n"
        )
    return (
        "# Jeu de données synthétique\n\n"
        f"Écrit par `offre synth {n} <dossier> --graine {seed} --lieux {places}` : {n} "
        f"dispositifs, {places} lieux d'accueil et "
        f"{len(banks.PROVIDERS) + len(banks.PLACE_PROVIDERS)} porteurs inventés (textes "
        "assemblés au hasard, sites `exemple.invalid`, courriels `example.org`, téléphones "
        f"de la plage réservée à la fiction {FICTION_PHONE} xx xx), avec la géographie, les "
        "vocabulaires, les territoires et les annuaires officiels réels.\n"
        "Il sert uniquement à mesurer la construction du site et la recherche : ne le "
        "publiez pas.\n"
    )


# ---------------------------------------------------------------------------- source data


def _vocabularies(source: Path) -> Vocabularies:
    raw = yaml.load((source / VOCABULARY_FILE).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    vocab, _ = build_vocabularies(VocabulairesLocaux.model_validate(raw or {}))
    return vocab


def _territories(source: Path, geo: Geo) -> list[_Territory]:
    territories = []
    for path in sorted((source / "territoires").glob("*.yaml")):
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        epci = tuple(str(code) for code in raw.get("epci", []) if geo.epci(str(code)))
        departements: dict[str, int] = defaultdict(int)
        for code in epci:
            for commune in geo.communes_of_epci(code):
                departements[commune.departement] += 1
        main = max(sorted(departements), key=lambda d: departements[d]) if departements else ""
        territories.append(_Territory(str(raw["id"]), str(raw["nom"]), main, epci))
    if not territories:
        raise UserError(f"aucun territoire dans {source / 'territoires'}.")
    return territories


def _context(geo: Geo, vocab: Vocabularies, territories: list[_Territory]) -> _Context:
    themes: dict[str, list[str]] = defaultdict(list)
    for value in vocab.values("thematiques"):
        if "--" in value:
            themes[value.split("--", 1)[0]].append(value)
    categories = [c for c in banks.CATEGORY_WEIGHTS if themes.get(c)]
    communes: dict[str, list[tuple[str, str]]] = {}
    epci_territory: dict[str, str] = {}
    for territory in territories:
        found = []
        for code in territory.epci:
            epci_territory[code] = territory.id
            for commune in geo.communes_of_epci(code):
                found.append(
                    (commune.nom, commune.codes_postaux[0] if commune.codes_postaux else "")
                )
        communes[territory.id] = sorted(found)
    home: dict[str, list[_Territory]] = {}
    for position, spec in enumerate(banks.PROVIDERS):
        if spec.departement is None:
            home[spec.id] = territories
            continue
        local = [t for t in territories if t.departement == spec.departement] or territories
        if spec.niveau == "local":
            start = position % len(local)
            local = [local[start], local[(start + 1) % len(local)]]
        home[spec.id] = local
    return _Context(
        territories=territories,
        epci_names={e.siren: e.nom for e in geo.epcis},
        epci_territory=epci_territory,
        communes=communes,
        themes=dict(themes),
        axes=vocab.values("axes_clefop"),
        modes=vocab.values("modes_mobilisation"),
        home=home,
        category_names=categories,
        category_weights=[banks.CATEGORY_WEIGHTS[c] for c in categories],
    )


# ---------------------------------------------------------------------------- providers


def _provider(spec: banks.ProviderSpec) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": spec.id, "nom": spec.nom}
    if spec.sigle:
        doc["sigle"] = spec.sigle
    doc["niveau"] = spec.niveau
    doc["site"] = f"{EXAMPLE_HOST}/porteurs/{spec.id}/"
    if spec.reseau:
        doc["reseau"] = spec.reseau
    doc["description"] = spec.description
    doc["sources"] = [
        {"url": f"{EXAMPLE_HOST}/porteurs/{spec.id}/presentation", "titre": "Site du porteur"}
    ]
    doc["consulte_le"] = PROVIDERS_VERIFIED
    return doc


# ---------------------------------------------------------------------------- schemes


def _scheme(rng: random.Random, ctx: _Context, history: _History) -> dict[str, Any]:
    spec = rng.choice(banks.PROVIDERS)
    regional = rng.random() < REGIONAL_SHARE[spec.niveau]
    category = rng.choices(ctx.category_names, ctx.category_weights)[0]
    themes = _themes(rng, ctx, category)
    kind = _weighted_first(rng, banks.CATEGORY_TYPES[category])
    publics = _publics(rng, category)
    perimeter: list[str] = []
    places: list[str] = []
    territory_ids: list[str] = []
    if not regional:
        perimeter, places, territory_ids = _perimeter(rng, ctx, spec.id)
    place = places[0] if places else None

    head = rng.choice(banks.HEADS[kind])
    adjective = ""
    if rng.random() < 0.3:
        adjective = " " + rng.choice(banks.ADJECTIVES)[_GENDER_INDEX[head.gender]]
    det, noun = _topic(rng, category)
    core = f"{head.text}{adjective} {_with_prep(head.prep, det, noun)}"
    public_phrase = banks.PUBLIC_PHRASES[publics[0]]
    title = core
    if rng.random() < 0.45 and publics[0] != "tous-publics":
        title += f" des {public_phrase}" if head.prep == "pour" else f" pour les {public_phrase}"
    if place and rng.random() < 0.85:
        title += f" – {place}"
    if len(title) > 150:
        title = core[:150]
    ident = _unique_id(_slug(title), history)

    status = _status(rng, history)
    lieu = f"sur le territoire de {place}" if place else "dans toute la région"
    slots = {
        "titre": title,
        "porteur": spec.nom if len(spec.nom) < 45 or not spec.sigle else spec.sigle,
        "public": public_phrase,
        "goal": rng.choice(banks.GOALS),
        "partenaire": rng.choice(banks.PARTNERS),
        "lieu": lieu,
        "lieu_court": place or "les pôles d'emploi de la région",
        "metier": rng.choice(banks.TRADES),
        "secteur": rng.choice(banks.SECTORS),
        "duree": rng.choice(banks.DURATIONS),
        "frequence": rng.choice(banks.FREQUENCIES),
        "nombre": str(rng.randrange(40, 900, 10)),
    }

    doc: dict[str, Any] = {"id": ident, "titre": title}
    if rng.random() < 0.15:
        sigle = _acronym(core)
        if sigle:
            doc["sigle"] = sigle
    doc["porteur"] = spec.id
    if rng.random() < 0.12:
        other = rng.choice(banks.PROVIDERS)
        if other.id != spec.id:
            doc["co_porteurs"] = [other.id]
    doc["resume"] = _summary(rng, head, core, slots)
    doc["description"] = _description(rng, kind, slots)
    doc["publics"] = publics
    if rng.random() < 0.35:
        doc["precisions_publics"] = rng.choice(banks.PRECISIONS_PUBLICS)
    doc["thematiques"] = themes
    doc["type"] = kind
    doc["frais"] = "payant" if rng.random() < 0.15 else "gratuit"
    if rng.random() < (0.9 if doc["frais"] == "payant" else 0.1):
        doc["precisions_frais"] = rng.choice(banks.PRECISIONS_FRAIS)
    conditions = rng.choices((0, 1, 2, 3, 4), (15, 20, 35, 20, 10))[0]
    if conditions:
        doc["conditions"] = rng.sample(banks.CONDITIONS, conditions)
    doc["modalites_mobilisation"] = _mobilisation(rng, ctx, spec.id, ident)
    contacts = _contacts(rng, spec, territory_ids, ctx)
    if contacts:
        doc["contacts"] = contacts
    links = rng.choices((0, 1, 2), (45, 40, 15))[0]
    if links:
        doc["liens"] = [
            {"titre": title_, "url": f"{EXAMPLE_HOST}/{spec.id}/{ident}/lien-{k + 1}"}
            for k, title_ in enumerate(rng.sample(banks.LINK_TITLES, links))
        ]
    doc["territoires"] = "tous" if regional else perimeter
    doc.update(_dates(rng, status))
    doc["statut"] = status
    if status == "remplace":
        doc["remplace_par"] = history.last_open
    if status == "actif" and rng.random() < 0.015:
        doc["anciens_identifiants"] = [f"ancien-{ident}"]
    verified = VERIFIED_FROM + timedelta(days=rng.randrange(VERIFIED_DAYS + 1))
    doc["sources"] = _sources(rng, ident, verified)
    doc["consulte_le"] = verified
    if rng.random() < 0.25:
        doc["modifie_le"] = max(date(2024, 6, 1), verified - timedelta(days=rng.randrange(200)))
    axes = rng.choices((0, 1, 2), (40, 40, 20))[0]
    if axes:
        doc["axes_clefop"] = rng.sample(ctx.axes, axes)
    keywords = list(rng.sample(banks.KEYWORDS[category], min(len(banks.KEYWORDS[category]), 3)))
    doc["mots_cles"] = keywords[: rng.randint(2, 3)]
    if rng.random() < 0.06:
        doc["a_verifier"] = [rng.choice(banks.A_VERIFIER)]

    if status == "actif":
        history.last_open = ident
    return _ordered(doc)


_KEY_ORDER = tuple(Dispositif.model_fields)  # the order editors see in real files


def _ordered(doc: dict[str, Any]) -> dict[str, Any]:
    return {key: doc[key] for key in _KEY_ORDER if key in doc}


def _weighted_first(rng: random.Random, options: tuple[str, ...]) -> str:
    """The first option is the most likely, then each next one less so."""
    weights = [max(1, 6 - 2 * position) for position in range(len(options))]
    return rng.choices(options, weights)[0]


def _themes(rng: random.Random, ctx: _Context, category: str) -> list[str]:
    themes = [rng.choice(ctx.themes[category])]
    extra = rng.choices((0, 1, 2), (55, 35, 10))[0]
    for _ in range(extra):
        other = (
            category
            if rng.random() < 0.4
            else rng.choices(ctx.category_names, ctx.category_weights)[0]
        )
        theme = rng.choice(ctx.themes[other])
        if theme not in themes:
            themes.append(theme)
    return themes


def _publics(rng: random.Random, category: str) -> list[str]:
    options = banks.CATEGORY_PUBLICS[category]
    first = options[0] if rng.random() < 0.6 else rng.choice(options)
    if first == "tous-publics":
        return [first]
    publics = [first]
    if rng.random() < 0.35:
        second = rng.choice([p for p in banks.PUBLIC_PHRASES if p != "tous-publics"])
        if second not in publics:
            publics.append(second)
    return publics


def _topic(rng: random.Random, category: str) -> tuple[str, str]:
    if category in banks.SECTOR_CATEGORIES:
        draw = rng.random()
        if draw < 0.3:
            return "les", f"métiers {rng.choice(banks.SECTORS)}"
        if draw < 0.5:
            trade = rng.choice(banks.TRADES)
            elided = trade[0] in "aeéiouh"
            return "le", f"métier d'{trade}" if elided else f"métier de {trade}"
    return rng.choice(banks.TOPICS[category])


def _with_prep(prep: str, det: str, noun: str) -> str:
    if (prep, det) in _ARTICLE_CONTRACTIONS:
        return _ARTICLE_CONTRACTIONS[(prep, det)] + noun
    if prep == "de" and det == "l'":
        return f"de l'{noun}"
    joined = det if det.endswith("'") else det + " "
    return f"{prep} {joined}{noun}"


def _perimeter(
    rng: random.Random, ctx: _Context, provider: str
) -> tuple[list[str], list[str], list[str]]:
    """(codes written in the file, place names for the text, territory ids covered)."""
    home = ctx.home[provider]
    count = min(rng.choices((1, 2, 3), (60, 28, 12))[0], len(home))
    codes: list[str] = []
    places: list[str] = []
    covered: list[str] = []
    for territory in rng.sample(home, count):
        if territory.epci and rng.random() < 0.5:
            code = rng.choice(territory.epci)
            codes.append(code)
            places.append(ctx.epci_names.get(code, territory.nom))
        else:
            codes.append(territory.id)
            places.append(territory.nom)
        covered.append(territory.id)
    return codes, places, covered


def _status(rng: random.Random, history: _History) -> str:
    draw = rng.random()
    if draw < 0.03:
        return "termine"
    if draw < 0.055:
        return "remplace" if history.last_open else "termine"
    if draw < 0.08:
        return "suspendu"
    return "actif"


def _dates(rng: random.Random, status: str) -> dict[str, Any]:
    dates: dict[str, Any] = {}
    if status in ("termine", "remplace"):
        start = rng.randint(2014, 2021)
        end = rng.randint(start + 1, min(start + 4, 2025))
        dates["date_debut"] = _partial(rng, start)
        dates["date_fin"] = date(end, rng.randint(1, 12), 1) - timedelta(days=1)
    elif rng.random() < 0.55:
        dates["date_debut"] = _partial(rng, rng.randint(2015, 2025))
    return dates


def _partial(rng: random.Random, year: int) -> int | str | date:
    draw = rng.random()
    if draw < 0.3:
        return year
    month = rng.randint(1, 12)
    if draw < 0.7:
        return f"{year}-{month:02d}"
    return date(year, month, rng.randint(1, 28))


def _summary(rng: random.Random, head: banks.Head, core: str, slots: dict[str, str]) -> str:
    gender = _GENDER_INDEX[head.gender]
    lowered = core[0].lower() + core[1:]
    public = slots["public"]
    first = rng.choice(
        (
            f"{slots['porteur']} propose {_INDEFINITE[head.gender]} {lowered} aux {public} "
            f"{slots['lieu']}, afin de {slots['goal']}.",
            f"{core} {_DESTINE[gender]} aux {public} {slots['lieu']} : "
            f"{rng.choice(banks.BENEFITS)}.",
            f"Pour {slots['goal']}, {slots['porteur']} met en place "
            f"{_INDEFINITE[head.gender]} {lowered} {slots['lieu']}.",
        )
    )
    if rng.random() < 0.5:
        benefit = rng.choice(banks.BENEFITS)
        second = benefit[0].upper() + benefit[1:] + "."
        if len(first) + len(second) < 390:
            first = f"{first} {second}"
    return first[:400]


def _description(rng: random.Random, kind: str, slots: dict[str, str]) -> str:
    target = rng.randint(245, 335)
    intro = [
        rng.choice(banks.INTRO_SENTENCES).format(**slots),
        rng.choice(banks.INTRO_FOLLOW).format(**slots),
    ]
    items = rng.sample(banks.LIST_ITEMS[kind], min(len(banks.LIST_ITEMS[kind]), rng.randint(3, 5)))
    closing = rng.choice(banks.CLOSING_SENTENCES)
    list_lines = [rng.choice(banks.LIST_INTROS), ""]
    list_lines += [f"- {item}{' ;' if k < len(items) - 1 else '.'}" for k, item in enumerate(items)]
    words = sum(len(s.split()) for s in (*intro, *list_lines, closing))
    body: list[str] = []
    for sentence in rng.sample(banks.BODY_SENTENCES, len(banks.BODY_SENTENCES)):
        if words >= target:
            break
        body.append(sentence.format(**slots))
        words += len(body[-1].split())
    middle = max(1, len(body) // 2)
    paragraphs = [
        " ".join(intro),
        "\n".join(list_lines),
        " ".join(body[:middle]),
        " ".join([*body[middle:], closing]),
    ]
    return "\n\n".join(p for p in paragraphs if p)


def _mobilisation(rng: random.Random, ctx: _Context, provider: str, ident: str) -> dict[str, Any]:
    who = rng.choices(
        (["professionnels"], ["usagers"], ["usagers", "professionnels"]), (40, 25, 35)
    )[0]
    modes = rng.sample(ctx.modes, rng.choices((0, 1, 2), (25, 50, 25))[0])
    doc: dict[str, Any] = {"modes": modes, "mobilisable_par": list(who)}
    if rng.random() < 0.7:
        doc["precisions"] = rng.choice(banks.MOBILISATION_PRECISIONS)
    if rng.random() < 0.35:
        doc["lien"] = f"{EXAMPLE_HOST}/{provider}/{ident}/demande"
    return doc


def _contacts(
    rng: random.Random, spec: banks.ProviderSpec, territory_ids: list[str], ctx: _Context
) -> dict[str, Any]:
    contacts: dict[str, Any] = {}
    if rng.random() < 0.45:
        contacts["regional"] = _contact(rng, spec, rng.choice(ctx.territories).id, ctx)
    if territory_ids and rng.random() < 0.3:
        contacts["territoires"] = {
            tid: _contact(rng, spec, tid, ctx) for tid in sorted(set(territory_ids))[:2]
        }
    return contacts


def _contact(
    rng: random.Random, spec: banks.ProviderSpec, territory: str, ctx: _Context
) -> dict[str, Any]:
    doc: dict[str, Any] = {"nom": f"Service emploi – {spec.sigle or spec.nom}"}
    digits = " ".join(f"{rng.randrange(100):02d}" for _ in range(3))
    doc["telephone"] = f"02 {rng.choice((40, 41, 43, 51))} {digits}"
    first, last = rng.choice(banks.FIRST_NAMES), rng.choice(banks.LAST_NAMES)
    # example.org is reserved for examples (RFC 2606) and, unlike .invalid, passes the
    # e-mail check of the data·inclusion models, so the synthetic export is complete.
    doc["courriel"] = f"{first}.{last}@example.org"
    communes = ctx.communes.get(territory) or []
    if communes and rng.random() < 0.6:
        name, postal = rng.choice(communes)
        doc["adresse"] = f"{rng.randint(1, 120)} {rng.choice(banks.STREETS)}, {postal} {name}"
    if rng.random() < 0.5:
        doc["precisions"] = rng.choice(banks.CONTACT_HOURS)
    return doc


def _sources(rng: random.Random, ident: str, verified: date) -> list[dict[str, Any]]:
    sources = []
    for k in range(rng.choices((1, 2), (70, 30))[0]):
        source: dict[str, Any] = {
            "url": f"{EXAMPLE_HOST}/sources/{ident}/{k + 1}",
            "titre": rng.choice(banks.SOURCE_TITLES),
        }
        if rng.random() < 0.5:
            source["consulte_le"] = verified - timedelta(days=rng.randrange(60))
        sources.append(source)
    return sources


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", folding.fold(text))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > 60:
            break
        slug = candidate
    while "-" in slug and slug.rsplit("-", 1)[1] in _DANGLING:
        slug = slug.rsplit("-", 1)[0]
    return slug or "dispositif"


def _unique_id(base: str, history: _History) -> str:
    ident, suffix = base, 2
    while ident in history.taken:
        ident, suffix = f"{base}-{suffix}", suffix + 1
    history.taken.add(ident)
    return ident


def _acronym(text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text)
    letters = [w[0].upper() for w in words if len(w) > 2 and w.lower() not in _SMALL_WORDS]
    return "".join(letters[:6]) if len(letters) >= 2 else ""


# ---------------------------------------------------------------------------- places


def _write_networks(source: Path, target: Path) -> None:
    """The real directories and France services rule, plus an invented directory
    (`exemple.invalid`) for each network of a synthetic provider the real file lacks,
    so the dataset validates without a warning."""
    doc = yaml.load(source.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    directories = doc.setdefault("annuaires", [])
    known = {network for entry in directories for network in entry.get("reseaux", [])}
    networks = sorted(
        {spec.reseau for spec in (*banks.PROVIDERS, *banks.PLACE_PROVIDERS) if spec.reseau} - known
    )
    for network in networks:
        url = f"{EXAMPLE_HOST}/annuaires/{network}/"
        directories.append(
            {
                "reseaux": [network],
                "titre": f"Annuaire du réseau {network} (jeu synthétique)",
                "url": url,
                "sources": [{"url": url, "titre": "Annuaire inventé (jeu synthétique)"}],
                "consulte_le": PROVIDERS_VERIFIED,
            }
        )
    text = yaml.dump(doc, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)
    target.write_text(text, encoding="utf-8")


class _NoAliases(yaml.SafeDumper):
    """Writes a repeated value again rather than as an alias (the reader refuses aliases)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


@dataclass(frozen=True)
class _Town:
    code: str
    nom: str
    postal: str
    epci: str | None
    population: int


def _write_places(
    count: int, folder: Path, geo: Geo, ctx: _Context, scheme_ids: list[str], seed: int
) -> None:
    """`count` reception points, each drawn from its own generator seeded with (seed, i),
    so the first 100 places of a 5,000-place dataset are the 100 places of a smaller one.

    Each belongs to a provider that runs places (banks.PLACE_KINDS), stands in a commune
    of the territories the provider works in (drawn by population, as real counters
    are), and delivers that provider's schemes within their perimeter by the catalogue's
    rule; a few also name one scheme. Zones, contacts and hours are filled as often as the
    imported data fills them."""
    specs = {spec.id: spec for spec in (*banks.PROVIDERS, *banks.PLACE_PROVIDERS)}
    kinds = [kind for kind in banks.PLACE_KINDS if kind[0] in specs]
    weights = [kind[1] for kind in kinds]
    towns_of: dict[str, list[_Town]] = {}
    for territory in ctx.territories:
        towns = []
        for code in territory.epci:
            for c in geo.communes_of_epci(code):
                postal = c.codes_postaux[0] if c.codes_postaux else ""
                towns.append(_Town(c.code, c.nom, postal, c.epci, max(1, c.population)))
        towns_of[territory.id] = sorted(towns, key=lambda town: town.code)
    taken: set[str] = set()
    folders: set[str] = set()
    for number in range(count):
        rng = random.Random(f"offre-synth-lieu:{seed}:{number}")
        provider, _, kind = rng.choices(kinds, weights)[0]
        spec = specs[provider]
        home = ctx.home.get(provider, ctx.territories)
        territory = rng.choice(home)
        towns = towns_of[territory.id] or [t for ts in towns_of.values() for t in ts]
        town = rng.choices(towns, [t.population for t in towns])[0]
        place = _place(rng, spec, kind, territory, town, scheme_ids, taken)
        target = folder / provider
        if provider not in folders:
            target.mkdir(parents=True, exist_ok=True)
            folders.add(provider)
        _write(target / f"{place['id']}.yaml", place)


def _place(
    rng: random.Random,
    spec: banks.ProviderSpec,
    kind: str,
    territory: _Territory,
    town: _Town,
    scheme_ids: list[str],
    taken: set[str],
) -> dict[str, Any]:
    short = spec.sigle or spec.nom
    ident = _slug(f"{spec.id} {town.nom}")
    base, suffix = ident, 2
    while ident in taken:
        ident, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(ident)
    name = f"{kind} {short} – {town.nom}"
    if suffix > 2:
        name += f" ({suffix - 1})"
    doc: dict[str, Any] = {"id": ident, "nom": name[:150], "porteur": spec.id}
    if spec.reseau:
        doc["reseaux_porteurs"] = [spec.reseau]
    doc["description"] = rng.choice(banks.PLACE_DESCRIPTIONS)
    address: dict[str, Any] = {
        "ligne": f"{rng.randint(1, 120)} {rng.choice(banks.STREETS)}",
    }
    if town.postal:
        address["code_postal"] = town.postal
    address["commune"] = town.code
    doc["adresse"] = address
    if rng.random() < 0.8:
        doc["telephone"] = f"{FICTION_PHONE} {rng.randrange(100):02d} {rng.randrange(100):02d}"
    if rng.random() < 0.55:
        doc["courriel"] = f"accueil.{ident}@example.org"
    if rng.random() < 0.35:
        doc["site_web"] = f"{EXAMPLE_HOST}/lieux/{ident}/"
    draw = rng.random()
    if draw < 0.65:
        doc["horaires_osm"] = rng.choice(banks.PLACE_HOURS_OSM)
    elif draw < 0.85:
        doc["horaires"] = rng.choice(banks.CONTACT_HOURS)
    if rng.random() < 0.5:
        doc["rendez_vous"] = rng.choice(("obligatoire", "conseille", "possible", "sans"))
    if rng.random() < 0.3:
        doc["accessibilite_precisions"] = rng.choice(banks.PLACE_ACCESS)
    draw = rng.random()
    if draw < 0.45 and town.epci:
        doc["zone_desservie"] = [town.epci]
    elif draw < 0.6:
        doc["zone_desservie"] = [town.code]
    elif draw < 0.7:
        doc["zone_desservie"] = [territory.id]
    if "zone_desservie" in doc and rng.random() < 0.3:
        doc["zone_precisions"] = rng.choice(banks.PLACE_ZONES)
    if scheme_ids and rng.random() < 0.05:
        doc["dispositifs"] = [rng.choice(scheme_ids)]
    doc["sources"] = [
        {"url": f"{EXAMPLE_HOST}/lieux/{ident}/fiche", "titre": "Fiche du lieu (jeu synthétique)"}
    ]
    doc["consulte_le"] = VERIFIED_FROM + timedelta(days=rng.randrange(VERIFIED_DAYS + 1))
    return doc


# ---------------------------------------------------------------------------- YAML writer

_SLUGLIKE = re.compile(r"^[a-z][a-z0-9]*(?:-{1,2}[a-z0-9]+)*$")
_PLAIN = re.compile(r"^[^\W\d_][^\n\"]*$")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})


def _write(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(to_yaml(doc), encoding="utf-8")


def to_yaml(doc: dict[str, Any]) -> str:
    """Our documents as readable YAML, written by hand: fast and byte-stable.

    Strings stay plain when YAML would read them back unchanged, otherwise they are
    double-quoted (JSON escaping is valid YAML); multi-line text becomes a `|-` block.
    """
    lines: list[str] = []
    _mapping(doc, 0, lines)
    return "\n".join(lines) + "\n"


def _mapping(doc: dict[str, Any], indent: int, lines: list[str], first: str = "") -> None:
    pad = " " * indent
    for position, (key, value) in enumerate(doc.items()):
        lead = first if position == 0 and first else pad
        if isinstance(value, dict):
            if not value:
                lines.append(f"{lead}{key}: {{}}")
                continue
            lines.append(f"{lead}{key}:")
            _mapping(value, indent + 2, lines)
        elif isinstance(value, list):
            _sequence(key, value, lead, indent, lines)
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{lead}{key}: |-")
            inner = " " * (indent + 2)
            lines.extend(f"{inner}{line}" if line else "" for line in value.split("\n"))
        else:
            lines.append(f"{lead}{key}: {_scalar(value)}")


def _sequence(key: str, value: list[Any], lead: str, indent: int, lines: list[str]) -> None:
    if not value:
        lines.append(f"{lead}{key}: []")
    elif all(isinstance(v, str) and _SLUGLIKE.match(v) for v in value):
        lines.append(f"{lead}{key}: [{', '.join(value)}]")
    else:
        lines.append(f"{lead}{key}:")
        pad = " " * (indent + 2)
        for item in value:
            if isinstance(item, dict):
                _mapping(item, indent + 4, lines, first=f"{pad}- ")
            else:
                lines.append(f"{pad}- {_scalar(item)}")


def _scalar(value: object) -> str:
    if isinstance(value, bool) or value is None:
        raise TypeError(f"valeur non prévue dans un fichier synthétique : {value!r}")
    if isinstance(value, date | int):
        return value.isoformat() if isinstance(value, date) else str(value)
    text = str(value)
    if (
        _PLAIN.match(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and text.lower() not in _YAML_WORDS
    ):
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)
