"""Read → check each file → check across files → build the Catalog, or say why not.

This is the only entry point the CLI, the MkDocs plugin and the tests use to load data,
so all three report exactly the same problems.
"""

from __future__ import annotations

import dataclasses
import gc
from datetime import date
from pathlib import Path

from ..data.crossref import check_dataset
from ..data.errors import Issue, Report, Severity, display_path
from ..data.geo import Geo, GeoDataError, load_geo
from ..data.model import Reglages, Reseaux, SourcesOfficielles
from ..data.reader import GEO_FILE, VOCABULARY_FILE, RawDataset, link_problem, read_dataset
from ..data.synonyms import read_synonyms
from ..data.vocab import Vocabularies, build_vocabularies
from ..data.yamlsource import SourceDoc, special_file_kind
from .catalog import Catalog


def load_catalog(
    root: Path, *, today: date | None = None, positions: bool = False
) -> tuple[Catalog | None, Report]:
    """Validate a whole dataset; return the Catalog only when there is no error.

    With `positions`, the catalogue keeps where each record's values sit in its file.
    """
    # Reading makes millions of objects (every value and its position in its file) that
    # live until the reading ends: the cyclic collector, run every few hundred of them,
    # would walk them again and again for nothing (3 of the 8 seconds of reading 10,000
    # schemes). It resumes afterwards.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load_catalog(root, today=today, positions=positions)
    finally:
        if paused:
            gc.enable()


def _load_catalog(
    root: Path, *, today: date | None, positions: bool
) -> tuple[Catalog | None, Report]:
    report = Report()
    if not root.is_dir():
        report.add(Issue(root.as_posix(), 1, 1, "", "dossier de données introuvable."))
        return None, report
    geo = _load_geo(root, report)
    data = read_dataset(root, report)
    vocab = _vocabularies(data, report)
    synonyms = read_synonyms(root, report)
    if geo is not None:
        report.extend(check_dataset(data, vocab, geo, today or date.today()))
    else:
        # One cause, one error: without the extract nothing across files can be checked,
        # and saying so once beats a false error in every file.
        report.add(
            Issue(
                display_path(root / GEO_FILE, root),
                1,
                1,
                "",
                "à cause de l'erreur de ce fichier, les vérifications entre fichiers (porteurs, "
                "territoires, vocabulaires, codes EPCI et communes) n'ont pas été faites : "
                "corrigez d'abord ce fichier, puis relancez la vérification.",
                Severity.WARNING,
            )
        )
    if report.errors or geo is None:
        return None, report
    catalog = Catalog(
        root=root,
        dispositifs={d.item.id: d.item for d in sorted(data.dispositifs, key=lambda d: d.item.id)},
        porteurs={p.item.id: p.item for p in sorted(data.porteurs, key=lambda p: p.item.id)},
        territoires={t.item.id: t.item for t in sorted(data.territoires, key=lambda t: t.item.id)},
        lieux={p.item.id: p.item for p in sorted(data.lieux, key=lambda p: p.item.id)},
        reglages=data.reglages.item if data.reglages else Reglages(),
        sources_officielles=(
            data.sources_officielles.item if data.sources_officielles else SourcesOfficielles()
        ),
        reseaux=data.reseaux.item if data.reseaux else Reseaux(),
        vocab=vocab,
        geo=geo,
        source_files=_source_files(data),
        sources=_sources(data) if positions else {},
        synonymes=synonyms,
    )
    return catalog.link(), report


def _load_geo(root: Path, report: Report) -> Geo | None:
    path = root / GEO_FILE
    problem = link_problem(path, root)
    if problem is None and path.exists():
        kind = special_file_kind(path.stat().st_mode)
        if kind is not None:
            problem = f"ce n'est pas un fichier ordinaire mais {kind} : remplacez-le par l'extrait."
    if problem:
        report.add(Issue(display_path(path, root), 1, 1, "", problem))
        return None
    try:
        return load_geo(path)
    except GeoDataError as exc:
        report.add(Issue(display_path(path, root), exc.line, exc.col, "", str(exc)))
        return None


def _vocabularies(data: RawDataset, report: Report) -> Vocabularies:
    local = data.vocabulaires.item if data.vocabulaires else None
    vocab, clashes = build_vocabularies(local)
    vocab.unchecked = set(data.unreadable_vocabularies)
    if vocab.unchecked:
        kinds = ", ".join(sorted(vocab.unchecked))
        report.add(
            Issue(
                display_path(data.root / VOCABULARY_FILE, data.root),
                1,
                1,
                "",
                "à cause de l'erreur de ce fichier, les valeurs des fiches n'ont pas été "
                f"comparées aux ajouts locaux de ces vocabulaires : {kinds}. Corrigez d'abord "
                "ce fichier, puis relancez la vérification.",
                Severity.WARNING,
            )
        )
    if data.vocabulaires:
        doc = data.vocabulaires.doc
        for clash in clashes:
            kind, value = clash.split(":", 1)
            entries = getattr(local, kind)
            index = next(i for i, e in enumerate(entries) if e.valeur == value)
            report.add(
                doc.issue(
                    (kind, index, "valeur"),
                    f"« {value} » existe déjà dans le vocabulaire data·inclusion : "
                    "supprimez cette entrée, la valeur officielle est utilisée.",
                    severity=Severity.WARNING,
                )
            )
    return vocab


def _source_files(data: RawDataset) -> dict[tuple[str, str], str]:
    files: dict[tuple[str, str], str] = {}
    for kind, items in (
        ("dispositif", data.dispositifs),
        ("porteur", data.porteurs),
        ("territoire", data.territoires),
        ("lieu", data.lieux),
    ):
        for loaded in items:
            files[(kind, loaded.item.id)] = loaded.doc.display
    return files


def _sources(data: RawDataset) -> dict[tuple[str, str], SourceDoc]:
    """Each record's positions, without the parsed values the models now hold."""
    docs: dict[tuple[str, str], SourceDoc] = {}
    for kind, items in (
        ("dispositif", data.dispositifs),
        ("porteur", data.porteurs),
        ("territoire", data.territoires),
    ):
        for loaded in items:
            docs[(kind, loaded.item.id)] = dataclasses.replace(loaded.doc, data=None, scalars={})
    return docs
