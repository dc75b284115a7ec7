"""The search: French normalisation, scores (checked against lunr.py), shards, ranking."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from devtools.relevance import DEFAULT_FILTERS

from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from generator.outputs.search.columns import facet_values
from generator.outputs.search.documents import document_segments, ordered_schemes
from generator.outputs.search.engine import Engine, within_one_edit
from generator.outputs.search.index import SETTINGS, build_search_files
from generator.outputs.search.postings import FIELDS, SCALE, compute_postings
from generator.rules import display, text
from tests.support.datasets import copy_fixture
from tests.support.paths import REPO

# ---------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("word", "same_as"),
    [
        ("Mobilité", "mobilite"),
        ("MOBILITÉ", "mobilité"),
        ("formations", "formation"),
        ("éligibilité", "eligibilite"),
        ("Œuvre", "oeuvre"),
        ("salariées", "salarié"),
        ("salariés", "salarié"),
        ("professionnelles", "professionnel"),
        ("handicapés", "handicap"),
        ("sociaux", "social"),
        ("françaises", "français"),
        ("jeunes", "jeune"),
        ("formatrice", "formateur"),
        ("active", "actif"),
        ("première", "premier"),
        ("diplômées", "diplôme"),
    ],
)
def test_plural_feminine_and_participle_forms_share_a_stem(word: str, same_as: str) -> None:
    assert text.stems(word) == text.stems(same_as)
    assert text.stems(word)


@pytest.mark.parametrize(
    ("word", "other"),
    [("permis", "permet"), ("formation", "format"), ("information", "inform")],
)
def test_the_stemmer_never_joins_different_words(word: str, other: str) -> None:
    """The Snowball trap: « permis » and « permet » both became « perm », so the
    prefix « perm* » found every « permet »."""
    assert text.stems(word) != text.stems(other)
    assert not text.stems(other)[0].startswith(text.stems(word)[0])


def test_elisions_and_stop_words_are_dropped() -> None:
    assert text.stems("l'apprentissage") == text.stems("apprentissage")
    assert text.stems("d'emploi") == ["emploi"]
    assert text.stems("de la et les") == []


def test_conversational_words_are_stop_words_but_negation_is_kept() -> None:
    assert text.stems("je cherche pour mon fils qui veut un emploi") == ["fils", "emploi"]
    assert text.stems("sans diplôme") == ["sans", "diplom"]


def test_words_in_capitals_are_never_stop_words() -> None:
    assert text.stems("DE longue durée") == ["de", *text.stems("longue durée")]
    assert text.stems("de longue durée") == text.stems("longue durée")


@pytest.mark.parametrize("acronym", ["POEI", "CEJ", "AIF", "PEC", "CPF", "RQTH", "QPV", "E2C"])
def test_acronyms_are_kept_whole(acronym: str) -> None:
    assert text.stems(acronym) == [acronym.lower()]


def test_french_collation_puts_accented_capitals_among_their_letter() -> None:
    labels = ["Zone", "État", "Étudiants", "Emploi", "Actifs", "Familles", "Santé", "S’ouvrir"]
    ordered = sorted(labels, key=text.collation_key)
    assert ordered == [
        "Actifs",
        "Emploi",
        "État",
        "Étudiants",
        "Familles",
        "S’ouvrir",
        "Santé",
        "Zone",
    ]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("mobilt", "mobilit", True),  # insertion
        ("formaton", "formation", True),
        ("permsi", "permis", True),  # swap of neighbours
        ("permi", "perma", True),  # substitution
        ("permi", "permi", False),
        ("permi", "permet", False),  # two edits
    ],
)
def test_one_edit(a: str, b: str, expected: bool) -> None:
    assert within_one_edit(a, b) is expected
    assert within_one_edit(b, a) is expected


# ---------------------------------------------------------------------------- scores


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    catalog, report = load_catalog(REPO / "offer_data")
    assert catalog is not None, [i.format() for i in report.errors]
    return catalog


def test_scores_are_lunr_bm25_summed_over_fields(shipped: Catalog) -> None:
    """lunr.py is the reference scorer: fed the same words, its field vectors summed
    over the fields give our stored scores (words; phrases use the same formula)."""
    from lunr.builder import Builder

    schemes = ordered_schemes(shipped)
    segments = [document_segments(d, shipped) for d in schemes]
    postings = compute_postings(segments)
    builder = Builder()
    builder.ref("r")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    seen: set[str] = set()
    for number, doc in enumerate(segments):
        builder.add(
            {
                "r": str(number),
                **{
                    name: [s for seg in doc[name] for s in text.segment_stems(seg, seen)]
                    for name, _ in FIELDS
                },
            }
        )
    index = builder.build()
    position = {term: posting["_index"] for term, posting in index.inverted_index.items()}
    checked = 0
    words = [t for t in postings.terms if " " not in t]
    for term, number, stored in [(t, n, s) for t in words for n, s, _ in postings.entries(t)]:
        reference = 0.0
        for name, _ in FIELDS:
            elements = index.field_vectors[f"{name}/{number}"].elements
            pairs = dict(zip(elements[::2], elements[1::2], strict=True))
            reference += pairs.get(position[term], 0.0)
        assert abs(stored - reference * SCALE) <= 1, (term, number, stored, reference)
        checked += 1
    assert checked > 3000


def test_title_flag_and_phrases(shipped: Catalog) -> None:
    schemes = ordered_schemes(shipped)
    postings = compute_postings([document_segments(d, shipped) for d in schemes])
    number = [d.id for d in schemes].index("agepi")
    garde, enfant = text.stems("garde enfant")
    entries = {n: (score, title) for n, score, title in postings.entries(garde)}
    assert entries[number][1] is True  # « Aide à la garde d'enfants… »
    assert number in {n for n, _, _ in postings.entries(f"{garde} {enfant}")}
    flags = {title for _, _, title in postings.entries(text.stems("formation")[0])}
    assert flags == {True, False}  # in some titles, elsewhere in others


# ---------------------------------------------------------------------------- files


def _engine(catalog: Catalog) -> tuple[Engine, list[str]]:
    files = build_search_files(catalog)
    engine = Engine(json.loads(files.files[files.index]), lambda n: json.loads(files.files[n]))
    return engine, [d.id for d in ordered_schemes(catalog)]


def test_every_file_name_carries_the_hash_of_its_content(shipped: Catalog) -> None:
    files = build_search_files(shipped)
    index = json.loads(files.files[files.index])
    grouped: set[str] = set()
    group = index["fiches"]["groupe"]
    for position, digest in enumerate(index["fiches"]["empreintes"]):
        names = [
            f"fiches/{n}.{digest}.json" for n in range(position * group, (position + 1) * group)
        ]
        names = [n for n in names if n in files.files]
        assert names
        contents = [files.files[n] for n in names]
        assert hashlib.sha256("\n".join(contents).encode()).hexdigest()[:12] == digest
        grouped.update(names)
    # The shards of a namespace share the hash of their whole set, in their order.
    for namespace, shards in index["tranches"].items():
        model = shards["modele"].replace("{h}", shards["empreinte"])
        names = [model.replace("{n}", str(n)) for n in range(len(shards["debuts"]))]
        assert all(re.fullmatch(r"termes/[me]\d+\.[0-9a-f]{12}\.json", n) for n in names)
        contents = [files.files[n] for n in names]
        digest = hashlib.sha256("\n".join(contents).encode()).hexdigest()[:12]
        assert shards["empreinte"] == digest, namespace
        grouped.update(names)
    for name, content in files.files.items():
        if name not in grouped:
            digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]
            assert name.endswith(f".{digest}.json"), name
    assert all(name.startswith(("fiches/", "termes/")) for name in grouped)
    referenced = [*index["vocabulaire"].values(), index["fichier_facettes"]]
    assert all(name in files.files for name in referenced)


def test_a_name_never_holds_two_contents(tmp_path: Path) -> None:
    """A CDN keeps every file forever: two builds may share a name only for the same
    bytes, so a changed shard renames its set (and a changed fiche its group)."""
    before = build_search_files(_fixture_with(tmp_path / "a", {}))
    after = build_search_files(
        _fixture_with(
            tmp_path / "b",
            {"zorglub-essai": {"titre": "Zorglub (essai)", "resume": "Un atelier zorglubien."}},
        )
    )
    for namespace in ("mots", "expressions"):
        assert before.files[before.index] != after.files[after.index]
        old, new = (json.loads(f.files[f.index])["tranches"][namespace] for f in (before, after))
        assert old["empreinte"] != new["empreinte"], namespace
    shared = set(before.files) & set(after.files)
    assert shared  # the fiches of groups the new scheme does not reach, say
    assert all(before.files[name] == after.files[name] for name in shared)


def test_facet_values_in_french_order(shipped: Catalog) -> None:
    for facet, pairs in facet_values(shipped).items():
        labels = [label for _, label in pairs]
        assert labels == sorted(labels, key=text.collation_key), facet
    publics = [label for _, label in facet_values(shipped)["public"]]
    assert publics.index("Étudiants") < publics.index("Familles")


# ---------------------------------------------------------------------------- ranking


def _fixture_with(
    tmp_path: Path, schemes: dict[str, dict[str, str]], synonyms: str = ""
) -> Catalog:
    """The test dataset plus schemes that differ from one of its own by the given texts
    (and say nothing else: no keywords, the summary as description)."""
    root = copy_fixture(tmp_path / "d")
    template = (root / "dispositifs/association-essai/permis-jeunes-essai.yaml").read_text()
    template = re.sub(r"(?m)^(mots_cles|precisions_publics|precisions_frais): .*\n", "", template)
    template = template.replace(
        "thematiques: [mobilite--preparer-un-permis]",
        "thematiques: [numerique--acceder-a-des-services-en-ligne]",
    )
    for ident, fields in schemes.items():
        content = template.replace("id: permis-jeunes-essai", f"id: {ident}")
        fields = {"description": fields["resume"], **fields}
        for key, value in fields.items():
            content = re.sub(
                rf"(?m)^{key}: .*$", f"{key}: {json.dumps(value, ensure_ascii=False)}", content
            )
        (root / f"dispositifs/association-essai/{ident}.yaml").write_text(content)
    if synonyms:
        (root / "synonymes.yaml").write_text(synonyms)
    catalog, report = load_catalog(root)
    assert catalog is not None, [i.format() for i in report.errors]
    return catalog


def _ranked(engine: Engine, ids: list[str], query: str) -> list[str]:
    return [ids[n] for n in engine.search(query, {"statut": ["actif"]}).numbers]


def test_more_words_matched_rank_first_and_no_word_is_required(tmp_path: Path) -> None:
    catalog = _fixture_with(
        tmp_path,
        {
            "deux-mots-essai": {
                "titre": "Tremplin (essai)",
                "resume": "Un tremplin vers l'emploi pour les cuisiniers du littoral.",
            },
            "un-mot-essai": {
                "titre": "Cuisiniers cuisiniers cuisiniers",
                "resume": "Les cuisiniers, encore les cuisiniers, toujours les cuisiniers.",
            },
        },
    )
    engine, ids = _engine(catalog)
    ranked = _ranked(engine, ids, "tremplin cuisiniers ")
    assert ranked[:2] == ["deux-mots-essai", "un-mot-essai"]
    # Conversational words never block: the same schemes come back.
    assert _ranked(engine, ids, "je cherche un tremplin pour des cuisiniers ")[:2] == ranked[:2]


def test_permis_does_not_find_permet(tmp_path: Path) -> None:
    catalog = _fixture_with(
        tmp_path,
        {
            "permet-essai": {
                "titre": "Aide qui permet tout (essai)",
                "resume": "Ce dispositif permet de financer un projet professionnel.",
            }
        },
    )
    engine, ids = _engine(catalog)
    for query in ("permis", "permis ", "permi"):
        ranked = _ranked(engine, ids, query)
        assert "permis-jeunes-essai" in ranked
        assert "permet-essai" not in ranked, query


def test_last_word_is_a_prefix_only_while_typing(shipped: Catalog) -> None:
    engine, ids = _engine(shipped)
    typing = _ranked(engine, ids, "covoitur")
    assert typing
    assert all("covoiturage" in found for found in typing)
    assert _ranked(engine, ids, "covoitur ") == []


def test_a_typo_matches_below_exact_words(tmp_path: Path) -> None:
    catalog = _fixture_with(
        tmp_path,
        {
            "mobilte-essai": {
                "titre": "Mobilté mal écrite (essai)",
                "resume": "Le mot mobilté est mal écrit dans cette fiche de test.",
            }
        },
    )
    engine, ids = _engine(catalog)
    # « mobilté » exists here, so it is matched exactly and no typo is looked for.
    assert _ranked(engine, ids, "mobilté ")[0] == "mobilte-essai"
    # « mobilitté » exists nowhere: it tolerates one edit, to the commonest close word.
    typo = _ranked(engine, ids, "aide mobilitté ")
    assert "aide-mobilite-essai" in typo
    exact = _ranked(engine, ids, "aide mobilité ")
    assert typo[0] == exact[0] == "aide-mobilite-essai"
    keys, _ = engine.scores("aide mobilitté ")
    exact_keys, _ = engine.scores("aide mobilité ")
    assert keys is not None and exact_keys is not None
    number = ids.index("aide-mobilite-essai")
    assert keys[number] < exact_keys[number]  # same scheme, ranked lower with the typo


def test_only_words_of_five_letters_or_more_tolerate_a_typo(shipped: Catalog) -> None:
    engine, ids = _engine(shipped)
    assert SETTINGS["faute_min"] == 5
    assert any("permis" in found for found in _ranked(engine, ids, "perms "))
    assert _ranked(engine, ids, "perm ") == []
    assert _ranked(engine, ids, "cpff ") == []


def test_synonyms_both_ways_and_one_way(tmp_path: Path) -> None:
    synonyms = (
        "equivalences:\n  - termes: [chômage partiel, activité partielle]\n"
        "sens_unique:\n  - recherche: conduite\n    trouve_aussi: [permis de conduire]\n"
    )
    catalog = _fixture_with(
        tmp_path,
        {
            "partiel-essai": {
                "titre": "Activité partielle (essai)",
                "resume": "Indemnisation de l'activité partielle des salariés.",
            },
            "chomage-essai": {
                "titre": "Chômage partiel (essai)",
                "resume": "Le chômage partiel, nom courant de la mesure.",
            },
            "conduite-essai": {
                "titre": "Conduite accompagnée (essai)",
                "resume": "Apprendre la conduite accompagnée avec un proche.",
            },
        },
        synonyms,
    )
    engine, ids = _engine(catalog)
    assert {"partiel-essai", "chomage-essai"} <= set(_ranked(engine, ids, "chômage partiel ")[:2])
    assert {"partiel-essai", "chomage-essai"} <= set(
        _ranked(engine, ids, "activité partielle ")[:2]
    )
    assert "permis-jeunes-essai" in _ranked(engine, ids, "conduite ")
    assert "conduite-essai" not in _ranked(engine, ids, "permis de conduire ")
    assert engine.search("chômage partiel ").also == ["activité partielle"]


def test_exact_phrase_ranks_first(tmp_path: Path) -> None:
    catalog = _fixture_with(
        tmp_path,
        {
            "phrase-essai": {
                "titre": "Soutien (essai)",
                "resume": "Aide à la création d'entreprise pour les demandeurs.",
            },
            "mots-essai": {
                "titre": "Entreprise et création (essai)",
                "resume": "Une entreprise de création graphique, et une autre entreprise.",
            },
        },
    )
    engine, ids = _engine(catalog)
    assert _ranked(engine, ids, "création d'entreprise ")[0] == "phrase-essai"


def test_facet_counts_and_filters(shipped: Catalog) -> None:
    engine, ids = _engine(shipped)
    outcome = engine.search("", {"statut": ["actif"], "public": ["jeunes"]})
    expected = sorted(
        (d for d in shipped.dispositifs.values() if d.statut == "actif" and "jeunes" in d.publics),
        key=lambda d: text.collation_key(d.titre),
    )
    assert [ids[n] for n in outcome.numbers] == [d.id for d in expected]
    publics = [e["valeur"] for e in engine.facets["public"]]
    # The count of a value of the filtered facet ignores that facet's own filter.
    active = [d for d in shipped.dispositifs.values() if d.statut == "actif"]
    for position, value in enumerate(publics):
        assert outcome.counts["public"][position] == sum(1 for d in active if value in d.publics)


def test_scripts_receive_url_patterns_and_column_names(shipped: Catalog) -> None:
    from generator.outputs.search.communes import communes_table
    from generator.rules import urls

    files = build_search_files(shipped)
    index = json.loads(files.files[files.index])
    for kind in ("dispositif", "territoire"):
        assert index["adresses"][kind].replace("{id}", "x") == urls.page_url(kind, "x")
    table = communes_table(shipped)
    assert table["adresses"] == urls.js_patterns()
    assert len(table["colonnes"]) == len(table["communes"][0])
    assert len(table["colonnes_hors_region"]) == len(table["hors_region"][0])
    assert set(index["colonnes"]) == {"statut", "nature", "doute"}
    assert index["libelles"] == display.js_labels()
    facets = json.loads(files.files[index["fichier_facettes"]])["colonnes"]
    facet_names = {"territoire", "public", "thematique", "porteur", "type", "axe", "situation"}
    assert set(facets) == facet_names


def test_the_engines_constants_travel_in_the_index_and_the_scripts_have_no_copy(
    shipped: Catalog,
) -> None:
    from generator.outputs.search import engine

    files = build_search_files(shipped)
    index = json.loads(files.files[files.index])
    assert index["reglages"] == SETTINGS
    assert index["classement"] == engine.RANK_KEY
    assert index["negation"] == engine.NEGATION
    assert index["racines"] == text.stemmer_tables()
    assert index["mots_vides"] == sorted(text.STOP_WORDS)
    # What the engine and the text rules of the browser hold: no number of the sort key,
    # no ending of the stemmer, no stop word, not « sans » (comments aside).
    for name in ("texte", "moteur"):
        source = (REPO / "generator" / "outputs" / "search" / "js" / f"{name}.js").read_text(
            encoding="utf-8"
        )
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.DOTALL)
        assert not [n for n in engine.RANK_KEY.values() if re.search(rf"\b{n}\b", code)], name
        tables = text.stemmer_tables()
        endings = [e for pair in tables["feminin"] for e in pair]  # type: ignore[attr-defined]
        words = [*endings, engine.NEGATION, *sorted(text.STOP_WORDS)]
        assert not [w for w in words if f'"{w}"' in code], name


def test_default_filters_show_open_mobilisable_schemes(shipped: Catalog) -> None:
    """Governance bodies, plans and information services are out of the default results,
    and counted in the nature facet (the page's "one click away")."""
    engine, ids = _engine(shipped)
    outcome = engine.search("", DEFAULT_FILTERS)
    expected = {d.id for d in shipped.dispositifs.values() if d.is_open and d.is_scheme}
    assert {ids[n] for n in outcome.numbers} == expected
    others = [d for d in shipped.dispositifs.values() if d.is_open and not d.is_scheme]
    assert others  # the shipped data has some: otherwise this proves nothing
    natures = [e["valeur"] for e in engine.facets["nature"]]
    assert natures == list(display.NATURE_ORDER)
    for position, nature in enumerate(natures):
        assert outcome.counts["nature"][position] == sum(
            1 for d in shipped.dispositifs.values() if d.is_open and d.nature == nature
        )
    everything = engine.search("", {"statut": ["actif"], "nature": natures})
    assert len(everything.numbers) == len(expected) + len(others)


def test_schemes_in_doubt_have_their_own_facet(shipped: Catalog) -> None:
    engine, ids = _engine(shipped)
    assert shipped.status_doubt
    doubtful = engine.search("", {"doute": ["a-confirmer"]})
    assert {ids[n] for n in doubtful.numbers} == set(shipped.status_doubt)
    assert [e["libelle"] for e in engine.facets["doute"]] == [display.DOUBT_LABEL]
    counted = engine.search("", {}).counts["doute"]
    assert counted == [len(shipped.status_doubt)]


def test_a_word_after_sans_matches_only_where_a_scheme_says_sans_before_it(
    tmp_path: Path,
) -> None:
    catalog = _fixture_with(
        tmp_path,
        {
            "diplomes-essai": {
                "titre": "Premier emploi des jeunes diplômés (essai)",
                "resume": "Pour les jeunes diplômés du supérieur, sans frais.",
            },
            "sans-diplome-essai": {
                "titre": "Seconde chance (essai)",
                "resume": "Une formation pour les jeunes sortis de l'école sans diplôme.",
            },
        },
    )
    engine, ids = _engine(catalog)
    ranked = _ranked(engine, ids, "jeunes sans diplôme ")
    assert ranked[0] == "sans-diplome-essai"
    # The graduates' scheme says « sans » and « diplômés », not « sans diplôme »: it
    # matches two words of three, below the scheme that says it.
    assert (
        engine.search("jeunes sans diplôme ", {}).complete[ids.index("diplomes-essai")] == 2
        and ranked.index("diplomes-essai") > 0
    )
    # No scheme says « sans permis »: « permis » matches as any word.
    assert "permis-jeunes-essai" in _ranked(engine, ids, "sans permis ")
