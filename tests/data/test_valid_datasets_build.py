"""Property: whatever `offre validate` accepts, `offre build` builds.

Generated datasets are small (a few providers, territories and schemes) but vary every
optional field, statuses and replacements, partial dates at the edges of the accepted
range, ids up to the length limit, and text in any script with Markdown, HTML and
template syntax in it. Each one is validated, then built with real MkDocs; every page the
data calls for must exist. The examples are derandomized, so CI runs the same ones every
time; `OFFRE_EXEMPLES=200` explores more locally.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.data.fields import MAX_ID_LENGTH
from generator.data.geo import load_geo
from generator.data.model import VocabulairesLocaux
from generator.data.vocab import build_vocabularies
from generator.rules.urls import slugify
from tests.support.datasets import run_cli
from tests.support.paths import FIXTURE, GEO

EXAMPLES = int(os.environ.get("OFFRE_EXEMPLES", "15"))

_LOCAL = VocabulairesLocaux.model_validate(
    yaml.safe_load((FIXTURE / "vocabulaires.yaml").read_text(encoding="utf-8"))
)
VOCAB, _ = build_vocabularies(_LOCAL)
GEOGRAPHY = load_geo(GEO / "pays-de-la-loire.json")
EPCIS = sorted(e.siren for e in GEOGRAPHY.epcis)
COMMUNES = sorted(c.code for c in GEOGRAPHY.communes)
ISOLATED_COMMUNES = sorted(c.code for c in GEOGRAPHY.communes_without_epci())
DEPARTEMENTS = sorted(d.code for d in GEOGRAPHY.departements)
LAST_CHECK = date(2026, 1, 1)  # verifie_le must not be in the future


def _values(kind: str) -> list[str]:
    return sorted(VOCAB.values(kind))


# ---------------------------------------------------------------------------- text

# Anything an editor can type: every script, emoji, combining marks, zero-width and bidi
# characters; not controls, lone surrogates or line separators, which are refused.
_CHARS = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
    blacklist_characters="\ufeff\ufffe\uffff",
)
_TRAPS = st.sampled_from(
    [
        "</title><script>alert(1)</script>",
        '"><img src=x onerror=alert(2)>',
        "{{ 7*7 }}",
        "{% raw %}",
        "{#",
        "]]>",
        "&amp; &nbsp;",
        "<!--",
        "**gras**",
        "`code`",
        "[lien](https://example.org/a)",
        "\\",
        "' \"",
        "#",
        "| a | b |",
        "Œuvre d’Île-de-France – Sèvre",
        "🎓",
    ]
)
_WORDS = st.lists(st.one_of(st.text(_CHARS, min_size=1, max_size=12), _TRAPS), max_size=6)


def line(min_size: int = 1, max_size: int = 80) -> st.SearchStrategy[str]:
    """A one-line text, stripped, within the length limits the model checks."""

    def fit(text: str) -> str:
        if len(text) < min_size:  # padded rather than filtered: filtering wastes examples
            text = f"{text} — texte complété pour atteindre la longueur minimale"
        return text[:max_size].strip()

    return (
        st.tuples(st.text(_CHARS, min_size=1, max_size=8), _WORDS)
        .map(lambda parts: " ".join([parts[0], *parts[1]]).strip())
        .map(fit)
        .filter(lambda text: len(text) >= min_size)  # whitespace-only text stripped away
    )


def markdown() -> st.SearchStrategy[str]:
    """Markdown keeps tabs and line breaks."""
    return st.lists(
        st.one_of(line(), st.sampled_from(["\n", "\n\n", "\t", "\n- point\n", "\n## Titre\n"])),
        min_size=1,
        max_size=8,
    ).map(lambda parts: "".join(parts).strip() or "Texte.")


SLUG = st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}", fullmatch=True)
IDS = st.one_of(SLUG, SLUG.map(lambda s: (s + "-" + "x" * MAX_ID_LENGTH)[:MAX_ID_LENGTH]))
# Past the limits: years Python has no calendar for, or far away.
EDGE_DATES = st.tuples(
    st.integers(0, 9999), st.sampled_from(["{:04d}", "{:04d}-01", "{:04d}-12-31"])
)
URLS = st.builds(
    lambda path, query: f"https://example.org/{path}{query}",
    SLUG,
    st.sampled_from(["", "?a=1&b=é", "#ancre", "/é/ç"]),
)


@st.composite
def partial_date(
    draw: st.DrawFn, low: date = date(1900, 1, 1), high: date = date(2100, 12, 31)
) -> tuple[date, str]:
    """A day and how a source may state it: the year, the month or the day."""
    day = draw(st.dates(min_value=low, max_value=high))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    text = {"year": f"{day.year}", "month": f"{day:%Y-%m}", "day": day.isoformat()}[precision]
    return day, text


def full_date(high: date = LAST_CHECK) -> st.SearchStrategy[str]:
    return st.dates(min_value=date(1900, 1, 1), max_value=high).map(date.isoformat)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def subset(values: list[str], min_size: int = 0, max_size: int = 3) -> st.SearchStrategy[list[str]]:
    if not values:
        return st.just([])
    return st.lists(st.sampled_from(values), min_size=min_size, max_size=max_size, unique=True)


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """Optional keys left out rather than written empty."""
    return {k: v for k, v in record.items() if v is not None and v != [] and v != {}}


# ---------------------------------------------------------------------------- records


@st.composite
def contact(draw: st.DrawFn, *, local: bool = False) -> dict[str, Any]:
    record = {
        "nom": draw(optional(line())),
        "telephone": draw(
            optional(st.sampled_from(["02 40 00 00 00", "39 49", "+33 2 41 00 00 00"]))
        ),
        "courriel": draw(optional(st.sampled_from(["contact@example.org", "a.b-c@exemple.fr"]))),
        "site": draw(optional(URLS)),
        "adresse": draw(optional(line())),
    }
    if local:
        record["role"] = draw(line())
    else:
        record["precisions"] = draw(optional(line()))
    if not any(record.get(k) for k in ("telephone", "courriel", "site", "adresse")):
        record["courriel"] = "contact@example.org"
    return _clean(record)


@st.composite
def porteur(draw: st.DrawFn, ident: str) -> dict[str, Any]:
    return _clean(
        {
            "id": ident,
            "nom": draw(line()),
            "sigle": draw(optional(line(max_size=10))),
            "niveau": draw(st.sampled_from(["national", "regional", "departemental", "local"])),
            "site": draw(optional(URLS)),
            "reseau": draw(optional(st.sampled_from(_values("reseaux_porteurs")))),
            "description": draw(optional(line(max_size=200))),
            "anciens_noms": draw(st.lists(line(), max_size=2)),
            "sources": draw(st.lists(source(), max_size=2)),
            "consulte_le": draw(optional(full_date())),
            "verifie_le": draw(optional(full_date())),
        }
    )


@st.composite
def source(draw: st.DrawFn) -> dict[str, Any]:
    return _clean(
        {
            "url": draw(URLS),
            "titre": draw(optional(line())),
            "consulte_le": draw(optional(full_date())),
            "date_publication": draw(optional(partial_date(high=LAST_CHECK).map(lambda d: d[1]))),
        }
    )


@st.composite
def territories(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 3))
    epcis = draw(st.permutations(EPCIS))[: draw(st.integers(0, len(EPCIS)))]
    names = draw(st.lists(line(max_size=60), min_size=count, max_size=count))
    ids: list[str] = []
    for name in names:
        ident = slugify(name)[:40].strip("-") or draw(SLUG)
        while ident in ids:
            ident = f"{ident}-{len(ids)}"
        ids.append(ident)
    records = []
    for index, (ident, name) in enumerate(zip(ids, names, strict=True)):
        record = _clean(
            {
                "id": ident,
                "nom": name,
                "code": draw(optional(line(max_size=6))),
                "statut": draw(st.sampled_from(["provisoire", "officiel"])),
                "regle": draw(optional(line())),
                "source": draw(optional(URLS)),
                "communes_hors_epci": ISOLATED_COMMUNES if index == 0 else [],
                "priorites": draw(subset(_values("axes_clefop"))),
                "contacts": draw(st.lists(contact(local=True), max_size=2)),
            }
        )
        record["epci"] = sorted(epcis[index::count])  # required; may be empty
        records.append(record)
    return records


@st.composite
def scheme(
    draw: st.DrawFn,
    ident: str,
    porteurs: list[str],
    territory_ids: list[str],
    earlier: list[str],
    place_ids: list[str],
) -> dict[str, Any]:
    provider = draw(st.sampled_from(porteurs))
    start = draw(optional(partial_date()))
    # An end drawn on or after the start day ends after the start, whatever the precisions.
    end = draw(optional(partial_date(low=start[0] if start else date(1900, 1, 1))))
    statut = draw(st.sampled_from(["actif", "suspendu", "termine", "remplace"]))
    if statut == "remplace" and not earlier:
        statut = "termine"
    publics = draw(subset([p for p in _values("publics") if p != "tous-publics"], 1))
    if draw(st.booleans()) and len(publics) == 1:
        publics = ["tous-publics"]
    places = territory_ids + EPCIS[:3] + COMMUNES[:3] + DEPARTEMENTS
    record = _clean(
        {
            "id": ident,
            "nature": draw(
                optional(st.sampled_from(["dispositif", "instance", "plan", "information"]))
            ),
            "titre": draw(line(3, 150)),
            "sigle": draw(optional(line(max_size=12))),
            "porteur": provider,
            "co_porteurs": draw(subset([p for p in porteurs if p != provider])),
            "resume": draw(line(20, 400)),
            "description": draw(markdown()),
            "publics": publics,
            "precisions_publics": draw(optional(line())),
            "thematiques": draw(subset(_values("thematiques"), 1)),
            "type": draw(st.sampled_from(_values("types"))),
            "frais": draw(st.sampled_from(_values("frais"))),
            "precisions_frais": draw(optional(line())),
            "conditions": draw(st.lists(markdown(), max_size=3)),
            "modalites_mobilisation": _clean(
                {
                    "modes": draw(subset(_values("modes_mobilisation"))),
                    "mobilisable_par": draw(subset(_values("mobilisable_par"))),
                    "precisions": draw(optional(markdown())),
                    "lien": draw(optional(URLS)),
                }
            ),
            "contacts": _clean(
                {
                    "regional": draw(optional(contact())),
                    "territoires": draw(
                        st.dictionaries(st.sampled_from(territory_ids), contact(), max_size=2)
                    ),
                }
            ),
            "delivre_par": _clean(
                {
                    "reseaux": draw(subset(_values("reseaux_porteurs"))),
                    "lieux": draw(subset(place_ids)),
                }
            ),
            "liens": draw(st.lists(st.builds(dict, titre=line(), url=URLS), max_size=2)),
            "territoires": draw(st.one_of(st.just("tous"), subset(places, 1, 4))),
            "date_debut": start[1] if start else None,
            "date_fin": end[1] if end else None,
            "statut": statut,
            "statut_depuis": draw(optional(partial_date(high=LAST_CHECK).map(lambda d: d[1]))),
            "statut_a_confirmer": (
                draw(st.booleans()) if statut in ("actif", "suspendu") else None
            ),
            "remplace_par": draw(st.sampled_from(earlier)) if statut == "remplace" else None,
            "sources": draw(st.lists(source(), min_size=1, max_size=2)),
            "consulte_le": draw(full_date()),
            "verifie_le": draw(optional(full_date())),
            "cree_le": draw(optional(full_date())),
            "modifie_le": draw(optional(full_date())),
            "axes_clefop": draw(subset(_values("axes_clefop"))),
            "mots_cles": draw(st.lists(line(max_size=30), max_size=3, unique=True)),
            "a_verifier": draw(st.lists(markdown(), max_size=2)),
        }
    )
    record.setdefault("modalites_mobilisation", {})  # required, every key in it optional
    return record


OPENING_HOURS = ["Mo-Fr 08:30-12:30,13:30-16:30; PH off", "Mo-Sa 09:00-12:00", "24/7"]


@st.composite
def place(
    draw: st.DrawFn, ident: str, porteurs: list[str], scheme_ids: list[str]
) -> dict[str, Any]:
    commune = draw(st.sampled_from(GEOGRAPHY.communes))
    return _clean(
        {
            "id": ident,
            "nom": draw(line(3, 150)),
            "porteur": draw(st.sampled_from(porteurs)),
            "reseaux_porteurs": draw(subset(_values("reseaux_porteurs"))),
            "description": draw(optional(st.one_of(line(), markdown()))),
            "adresse": _clean(
                {
                    "ligne": draw(optional(line())),
                    "complement": draw(optional(line())),
                    "code_postal": draw(optional(st.sampled_from(commune.codes_postaux))),
                    "commune": commune.code,
                }
            ),
            "telephone": draw(optional(st.sampled_from(["02 40 00 00 00", "39 49"]))),
            "courriel": draw(optional(st.sampled_from(["accueil@example.org"]))),
            "site_web": draw(optional(URLS)),
            "horaires": draw(optional(st.one_of(line(), markdown()))),
            "horaires_osm": draw(optional(st.sampled_from(OPENING_HOURS))),
            "accessibilite": draw(optional(URLS)),
            "accessibilite_precisions": draw(optional(line())),
            "zone_desservie": draw(subset(EPCIS[:3] + COMMUNES[:3] + DEPARTEMENTS)),
            "zone_precisions": draw(optional(line())),
            "dispositifs": draw(subset(scheme_ids)),
            "sources": draw(st.lists(source(), min_size=1, max_size=2)),
            "consulte_le": draw(full_date()),
            "verifie_le": draw(optional(full_date())),
            "a_verifier": draw(st.lists(line(), max_size=2)),
        }
    )


@st.composite
def datasets(draw: st.DrawFn, *, edges: bool = False) -> dict[str, dict[str, Any]]:
    """File path (inside the data folder) → record.

    With `edges`, values past the model's limits too: the validator must refuse them
    cleanly or the build must succeed, never a crash in between.
    """
    porteur_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    territory_records = draw(territories())
    territory_ids = [t["id"] for t in territory_records]
    scheme_ids = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    place_ids = draw(st.lists(IDS, max_size=2, unique=True))
    files: dict[str, dict[str, Any]] = {}
    for ident in porteur_ids:
        files[f"porteurs/{ident}.yaml"] = draw(porteur(ident))
    for record in territory_records:
        files[f"territoires/{record['id']}.yaml"] = record
    claimed = set(scheme_ids)
    for index, ident in enumerate(scheme_ids):
        record = draw(scheme(ident, porteur_ids, territory_ids, scheme_ids[:index], place_ids))
        old = [o for o in draw(st.lists(IDS, max_size=2, unique=True)) if o not in claimed]
        claimed.update(old)
        if old:
            record["anciens_identifiants"] = old
        files[f"dispositifs/{record['porteur']}/{ident}.yaml"] = record
    for ident in place_ids:
        record = draw(place(ident, porteur_ids, scheme_ids))
        files[f"lieux/{record['porteur']}/{ident}.yaml"] = record
    if edges:
        _past_the_limits(draw, files)
    return files


def _past_the_limits(draw: st.DrawFn, files: dict[str, dict[str, Any]]) -> None:
    """At most one value past a limit, so that some datasets stay valid and get built."""
    schemes = sorted(path for path in files if path.startswith("dispositifs/"))
    edge = draw(st.sampled_from(["aucune", "identifiant", "date", "sans-dispositif"]))
    if edge == "sans-dispositif":
        for path in schemes:
            del files[path]
    elif edge == "identifiant":  # as long as a file name allows
        record = files.pop(draw(st.sampled_from(schemes)))
        record["id"] = "x" * draw(st.integers(MAX_ID_LENGTH - 2, 250))
        files[f"dispositifs/{record['porteur']}/{record['id']}.yaml"] = record
    elif edge == "date":
        record = files[draw(st.sampled_from(schemes))]
        year, pattern = draw(EDGE_DATES)
        key = draw(st.sampled_from(["date_debut", "date_fin", "consulte_le", "modifie_le"]))
        record[key] = pattern.format(year)


def _write(root: Path, files: dict[str, dict[str, Any]]) -> None:
    shutil.copy(FIXTURE / "vocabulaires.yaml", root / "vocabulaires.yaml")
    shutil.copytree(GEO, root / "geo")
    for relative, record in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _build_and_check(files: dict[str, dict[str, Any]], *, must_validate: bool) -> None:
    work = Path(tempfile.mkdtemp(prefix="offre-propriete-"))
    try:
        root = work / "donnees"
        root.mkdir()
        _write(root, files)
        code, output = run_cli("validate", str(root))
        assert code in (0, 1) and "Traceback" not in output, output
        if must_validate:
            assert code == 0, output  # the generator makes valid data: a refusal is a bug
        event("refusé par offre validate" if code else "accepté, donc construit")
        if code != 0:
            return
        code, output = run_cli("build", "--data", str(root), "--out", str(work / "site"))
        assert code == 0, output
        assert "Traceback" not in output
        site = work / "site"
        for relative, record in files.items():
            kind = relative.split("/", 1)[0]
            if kind == "lieux":
                continue  # places have no page of their own; schemes list them
            page = site / kind / record["id"] / "index.html"
            assert page.is_file(), page
            for old in record.get("anciens_identifiants", []):
                assert (site / kind / old / "index.html").is_file(), old
    finally:
        shutil.rmtree(work)


@SETTINGS
@given(datasets())
def test_valid_datasets_validate_and_build(files: dict[str, dict[str, Any]]) -> None:
    _build_and_check(files, must_validate=True)


@SETTINGS
@given(datasets(edges=True))
def test_what_validates_builds_even_past_the_limits(files: dict[str, dict[str, Any]]) -> None:
    """Year 0, year 9999, ids of 250 characters, no scheme at all: refused, or built."""
    _build_and_check(files, must_validate=False)
