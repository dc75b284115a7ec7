"""Stage 1: find and read every file of a dataset, and check each one on its own.

Nothing here looks across files; `crossref.py` does. Every problem becomes an Issue and
reading goes on, so one run reports everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import ValidationError

from .errors import Issue, Report, display_path
from .messages import validation_issues
from .model import Dispositif, Lieu, Porteur, Reglages, Strict, Territoire, VocabulairesLocaux
from .yamlsource import SourceDoc, read_yaml

VOCABULARY_FILE = "vocabulaires.yaml"
SETTINGS_FILE = "reglages.yaml"
GEO_FILE = Path("geo") / "pays-de-la-loire.json"
FOLDERS = {
    "dispositif": "dispositifs",
    "porteur": "porteurs",
    "territoire": "territoires",
    "lieu": "lieux",
}

M = TypeVar("M", bound=Strict)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated object and the document it came from (for positions in later checks)."""

    item: M
    doc: SourceDoc


@dataclass
class RawDataset:
    root: Path
    dispositifs: list[Loaded[Dispositif]] = field(default_factory=list)
    porteurs: list[Loaded[Porteur]] = field(default_factory=list)
    territoires: list[Loaded[Territoire]] = field(default_factory=list)
    lieux: list[Loaded[Lieu]] = field(default_factory=list)
    vocabulaires: Loaded[VocabulairesLocaux] | None = None
    reglages: Loaded[Reglages] | None = None
    # Ids of files that failed their own checks: other files may still refer to them
    # without getting a second, misleading "unknown id" error.
    invalid_ids: dict[str, set[str]] = field(
        default_factory=lambda: {kind: set() for kind in FOLDERS}
    )
    # Scheme files that parsed but failed their own checks: their well-formed values
    # still go through the cross-file checks, so one run reports everything.
    invalid_schemes: list[SourceDoc] = field(default_factory=list)
    invalid_places: list[SourceDoc] = field(default_factory=list)


def read_dataset(root: Path, report: Report) -> RawDataset:
    dataset = RawDataset(root)
    vocab_path = root / VOCABULARY_FILE
    if vocab_path.exists():
        dataset.vocabulaires = _read_one(vocab_path, root, VocabulairesLocaux, report)
    settings_path = root / SETTINGS_FILE
    if settings_path.exists():
        dataset.reglages = _read_one(settings_path, root, Reglages, report)
    for kind, folder in FOLDERS.items():
        for path in _yaml_files(root / folder, root, report):
            invalid = dataset.invalid_ids[kind]
            if kind == "dispositif":
                loaded_d = _read_one(
                    path, root, Dispositif, report, invalid, dataset.invalid_schemes
                )
                if loaded_d:
                    dataset.dispositifs.append(loaded_d)
            elif kind == "porteur":
                loaded_p = _read_one(path, root, Porteur, report, invalid)
                if loaded_p:
                    dataset.porteurs.append(loaded_p)
            elif kind == "lieu":
                loaded_l = _read_one(path, root, Lieu, report, invalid, dataset.invalid_places)
                if loaded_l:
                    dataset.lieux.append(loaded_l)
            else:
                loaded_t = _read_one(path, root, Territoire, report, invalid)
                if loaded_t:
                    dataset.territoires.append(loaded_t)
    return dataset


def _yaml_files(folder: Path, root: Path, report: Report) -> list[Path]:
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for path in sorted(folder.rglob("*")):
        if path.is_dir() or path.name.startswith(".") or path.name in ("LISEZMOI.md", "README.md"):
            continue
        if path.suffix == ".yaml":
            found.append(path)
        else:
            # A file silently ignored is a scheme silently missing from the site.
            hint = " : renommez-le en .yaml" if path.suffix == ".yml" else ""
            report.add(
                Issue(
                    display_path(path, root),
                    1,
                    1,
                    "",
                    f"fichier ignoré (extension « {path.suffix or 'aucune'} »){hint}. "
                    "Seuls les fichiers .yaml sont lus.",
                )
            )
    return found


def _read_one(
    path: Path,
    root: Path,
    model: type[M],
    report: Report,
    invalid: set[str] | None = None,
    failed: list[SourceDoc] | None = None,
) -> Loaded[M] | None:
    report.files_read += 1
    doc, issues = read_yaml(path, display_path(path, root))
    report.extend(issues)
    if doc is None:
        _mark_invalid(invalid, path, None)
        return None
    if not isinstance(doc.data, dict):
        report.add(
            doc.issue(
                (),
                "le fichier doit être un bloc de clés (« clé: valeur »), "
                "pas une liste ni un texte seul.",
            )
        )
        _mark_invalid(invalid, path, None)
        return None
    try:
        item = model.model_validate(doc.data)
    except ValidationError as exc:
        report.extend(validation_issues(doc, exc, model))
        _mark_invalid(invalid, path, doc.data.get("id"))
        if failed is not None:
            failed.append(doc)
        return None
    if issues:  # e.g. a duplicate key: the model saw only one of the two values
        _mark_invalid(invalid, path, item.model_dump().get("id"))
        if failed is not None:
            failed.append(doc)
        return None
    return Loaded(item, doc)


def _mark_invalid(invalid: set[str] | None, path: Path, ident: object) -> None:
    if invalid is None:
        return
    invalid.add(path.stem)
    if isinstance(ident, str):
        invalid.add(ident)
