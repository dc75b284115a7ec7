"""Read → check each file → check across files → build the Catalog, or say why not.

This is the only entry point the CLI, the MkDocs plugin and the tests use to load data,
so all three report exactly the same problems.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .catalog import Catalog
from .crossref import check_dataset
from .errors import Issue, Report, Severity, display_path
from .geo import Geo, GeoDataError, load_geo
from .model import Reglages
from .reader import GEO_FILE, RawDataset, read_dataset
from .search.synonyms import read_synonyms
from .vocab import Vocabularies, build_vocabularies


def load_catalog(root: Path, *, today: date | None = None) -> tuple[Catalog | None, Report]:
    """Validate a whole dataset; return the Catalog only when there is no error."""
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
    if report.errors or geo is None:
        return None, report
    catalog = Catalog(
        root=root,
        dispositifs={d.item.id: d.item for d in sorted(data.dispositifs, key=lambda d: d.item.id)},
        porteurs={p.item.id: p.item for p in sorted(data.porteurs, key=lambda p: p.item.id)},
        territoires={t.item.id: t.item for t in sorted(data.territoires, key=lambda t: t.item.id)},
        lieux={p.item.id: p.item for p in sorted(data.lieux, key=lambda p: p.item.id)},
        reglages=data.reglages.item if data.reglages else Reglages(),
        vocab=vocab,
        geo=geo,
        source_files=_source_files(data),
        synonymes=synonyms,
    )
    return catalog.link(), report


def _load_geo(root: Path, report: Report) -> Geo | None:
    path = root / GEO_FILE
    try:
        return load_geo(path)
    except GeoDataError as exc:
        report.add(Issue(display_path(path, root), 1, 1, "", str(exc)))
        return None


def _vocabularies(data: RawDataset, report: Report) -> Vocabularies:
    local = data.vocabulaires.item if data.vocabulaires else None
    vocab, clashes = build_vocabularies(local)
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
