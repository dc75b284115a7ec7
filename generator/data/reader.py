"""Find and read every file of a dataset, and check each one on its own.

Nothing here looks across files; `crossref.py` does. Every problem becomes an Issue and
reading goes on, so one run reports everything.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from .errors import Issue, Report, display_path, os_error_text
from .fields import Strict
from .messages import validation_issues
from .model import (
    Dispositif,
    Lieu,
    Porteur,
    Reglages,
    Reseaux,
    SourcesOfficielles,
    Territoire,
    VocabulairesLocaux,
)
from .yamlsource import SourceDoc, UnreadableFile, read_data_file, read_yaml, special_file_kind

VOCABULARY_FILE = "vocabulaires.yaml"
SETTINGS_FILE = "reglages.yaml"
OFFICIAL_SOURCES_FILE = "sources-officielles.yaml"
NETWORKS_FILE = "reseaux.yaml"
GEO_FILE = Path("geo") / "pays-de-la-loire.json"
FOLDERS = {
    "dispositif": "dispositifs",
    "porteur": "porteurs",
    "territoire": "territoires",
    "lieu": "lieux",
}
LOCAL_VOCABULARIES = tuple(VocabulairesLocaux.model_fields)
_IGNORED_NAMES = ("LISEZMOI.md", "README.md")
# Control characters or undecodable bytes in a file name would break the
# `file:line:col` lines of the report (and the name is unreadable anyway).
_BAD_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\udc80-\udcff]")

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
    sources_officielles: Loaded[SourcesOfficielles] | None = None
    reseaux: Loaded[Reseaux] | None = None
    # Ids of files that failed their own checks: other files may still refer to them
    # without getting a second, misleading "unknown id" error.
    invalid_ids: dict[str, set[str]] = field(
        default_factory=lambda: {kind: set() for kind in FOLDERS}
    )
    # Scheme files that parsed but failed their own checks: their well-formed values
    # still go through the cross-file checks, so one run reports everything.
    invalid_schemes: list[SourceDoc] = field(default_factory=list)
    invalid_places: list[SourceDoc] = field(default_factory=list)
    # Vocabulary kinds whose local additions could not be read because vocabulaires.yaml
    # is broken there: their values are not reported as unknown in every file that uses
    # them, the one error in vocabulaires.yaml is the cause.
    unreadable_vocabularies: set[str] = field(default_factory=set)


def read_dataset(root: Path, report: Report) -> RawDataset:
    dataset = RawDataset(root)
    vocab_path = root / VOCABULARY_FILE
    if os.path.lexists(vocab_path):  # a broken link is reported, not taken for "no file"
        _read_vocabularies(dataset, vocab_path, report)
    settings_path = root / SETTINGS_FILE
    if os.path.lexists(settings_path):
        problem = link_problem(settings_path, root)
        if problem:
            report.add(Issue(display_path(settings_path, root), 1, 1, "", problem))
        elif not _blank_settings(settings_path):
            dataset.reglages = _read_one(settings_path, root, Reglages, report)
    official_path = root / OFFICIAL_SOURCES_FILE
    if os.path.lexists(official_path):
        problem = link_problem(official_path, root)
        if problem:
            report.add(Issue(display_path(official_path, root), 1, 1, "", problem))
        else:
            dataset.sources_officielles = _read_one(official_path, root, SourcesOfficielles, report)
    networks_path = root / NETWORKS_FILE
    if os.path.lexists(networks_path):
        problem = link_problem(networks_path, root)
        if problem:
            report.add(Issue(display_path(networks_path, root), 1, 1, "", problem))
        else:
            dataset.reseaux = _read_one(networks_path, root, Reseaux, report)
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


def _blank_settings(path: Path) -> bool:
    """An empty `reglages.yaml` (or one holding only comments) means the defaults: every
    setting is optional, so there is nothing to require in it."""
    try:
        raw = read_data_file(path)
    except UnreadableFile:
        return False  # reported by the normal read
    try:
        lines = raw.decode("utf-8").removeprefix("\ufeff").splitlines()
    except UnicodeDecodeError:
        return False
    return all(not line.strip() or line.lstrip().startswith("#") for line in lines)


def _read_vocabularies(dataset: RawDataset, path: Path, report: Report) -> None:
    problem = link_problem(path, dataset.root)
    if problem:
        report.files_read += 1
        report.add(Issue(display_path(path, dataset.root), 1, 1, "", problem))
        dataset.unreadable_vocabularies.update(LOCAL_VOCABULARIES)
        return
    failed: list[SourceDoc] = []
    loaded = _read_one(path, dataset.root, VocabulairesLocaux, report, None, failed)
    if loaded is not None:
        dataset.vocabulaires = loaded
        return
    if not failed or not isinstance(failed[0].data, dict):
        dataset.unreadable_vocabularies.update(LOCAL_VOCABULARIES)  # nothing could be read
        return
    # Keep each kind that is valid on its own: only the broken ones go unchecked.
    doc = failed[0]
    good: dict[str, Any] = {}
    for kind, entries in doc.data.items():
        if kind not in LOCAL_VOCABULARIES:
            # An unknown key may be a misspelt kind: any kind may miss its additions.
            dataset.unreadable_vocabularies.update(LOCAL_VOCABULARIES)
            continue
        try:
            VocabulairesLocaux.model_validate({kind: entries})
        except ValidationError:
            dataset.unreadable_vocabularies.add(kind)
        else:
            good[kind] = entries
    good = {k: v for k, v in good.items() if k not in dataset.unreadable_vocabularies}
    dataset.vocabulaires = Loaded(VocabulairesLocaux.model_validate(good), doc)


def link_problem(path: Path, root: Path) -> str | None:
    """Why a symbolic link in the data folder cannot be followed, or None.

    Links are followed while they stay inside the data folder: the site must depend on
    that folder only, so a link leaving it (or going nowhere) is an error, never a file
    quietly read from elsewhere or quietly skipped.
    """
    if not path.is_symlink() and not _has_linked_parent(path, root):
        return None
    target = os.path.realpath(path)
    if not os.path.exists(target):
        return (
            f"lien symbolique cassé : « {os.readlink(path) if path.is_symlink() else path} » "
            "n'existe pas (ou les liens forment une boucle) ; supprimez ou corrigez le lien."
        )
    real_root = os.path.realpath(root)
    if os.path.commonpath([target, real_root]) != real_root:
        return (
            f"lien symbolique vers « {target} », hors du dossier de données : le site ne doit "
            "dépendre que de ce dossier ; copiez le fichier ou le dossier ici au lieu d'y "
            "faire un lien."
        )
    return None


def _has_linked_parent(path: Path, root: Path) -> bool:
    """A folder between the data root and `path` is itself a link (e.g. geo/ → elsewhere)."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        return False
    current = root
    for part in relative.parts[:-1]:
        current = current / part
        if current.is_symlink():
            return True
    return False


def _yaml_files(folder: Path, root: Path, report: Report) -> list[Path]:
    """Every .yaml file under `folder`, in path order, reporting whatever is not one."""
    if not os.path.lexists(folder):
        return []
    problem = link_problem(folder, root)
    if problem:
        report.add(Issue(_display(folder, root), 1, 1, "", problem))
        return []
    if not folder.is_dir():
        report.add(Issue(_display(folder, root), 1, 1, "", "un dossier est attendu ici."))
        return []
    found: list[Path] = []
    _walk(folder, root, report, found, {os.path.realpath(folder)})
    return found


def _walk(directory: Path, root: Path, report: Report, found: list[Path], seen: set[str]) -> None:
    try:
        names = sorted(os.listdir(directory))
    except OSError as exc:
        report.add(
            Issue(_display(directory, root), 1, 1, "", f"dossier illisible ({os_error_text(exc)}).")
        )
        return
    for name in names:
        path = directory / name
        if name.startswith(".") or name in _IGNORED_NAMES:
            continue

        def problem(message: str, at: Path = path) -> None:
            report.add(Issue(_display(at, root), 1, 1, "", message))

        if _BAD_NAME.search(name):
            problem(
                "nom de fichier avec un caractère invisible ou mal encodé : renommez-le "
                "(minuscules sans accents, chiffres et tirets, comme l'identifiant)."
            )
            continue
        if path.is_symlink():
            link = link_problem(path, root)
            if link:
                problem(link)
                continue
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            problem(f"fichier illisible ({os_error_text(exc)}).")
            continue
        kind = special_file_kind(mode)
        if stat.S_ISDIR(mode):
            real = os.path.realpath(path)
            if real in seen:
                problem(
                    "lien symbolique vers un dossier déjà lu (ses fichiers seraient lus deux "
                    "fois, ou sans fin) : supprimez le lien."
                )
                continue
            seen.add(real)
            _walk(path, root, report, found, seen)
        elif kind is not None:
            problem(
                f"ce n'est pas un fichier ordinaire mais {kind} : seuls les fichiers .yaml "
                "sont lus ; supprimez-le."
            )
        elif path.suffix == ".yaml":
            found.append(path)
        else:
            # A file silently ignored is a scheme silently missing from the site.
            hint = " : renommez-le en .yaml" if path.suffix == ".yml" else ""
            problem(
                f"fichier ignoré (extension « {path.suffix or 'aucune'} »){hint}. "
                "Seuls les fichiers .yaml sont lus."
            )


def _display(path: Path, root: Path) -> str:
    return _BAD_NAME.sub("?", display_path(path, root))


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
        report.extend(_not_shadowed(validation_issues(doc, exc, model), issues))
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


def _not_shadowed(found: list[Issue], reader_issues: list[Issue]) -> list[Issue]:
    """Drop the model's complaints about a value the reader already refused.

    A refused YAML tag or an invisible character makes the value empty or odd; saying
    so again ("valeur vide") would be a second error for one cause.
    """
    refused = [i.key_path for i in reader_issues if i.key_path]
    return [
        issue
        for issue in found
        if not any(
            issue.key_path == key or issue.key_path.startswith((f"{key}.", f"{key}["))
            for key in refused
        )
    ]
