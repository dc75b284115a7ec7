"""Synonyms and acronyms the search knows, kept by the Cariforef in `synonymes.yaml`.

Two kinds of entries, both in French because editors type them:

- `equivalences`: expressions that mean the same thing (« RQTH », « travailleur
  handicapé »): searching any of them also finds the others;
- `sens_unique`: searching `recherche` also finds `trouve_aussi`, not the reverse
  (« aide-soignant » finds « sanitaire et social », but « sanitaire et social » must
  not list every scheme that mentions a nursing assistant).

The file is read with the same YAML reader as the rest of the data and checked like it:
located French errors, unknown keys refused, every problem reported in one run. The
search receives compiled rules: for each expression (as stems), the expressions it also
looks for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError

from ..rules import text
from .errors import Issue, Report, UserError, display_path
from .fields import Strict, Texte
from .input_limits import how_to_raise, load_limits
from .messages import validation_issues
from .model import LimitesEntrees
from .yamlsource import KeyPath, SourceDoc, read_yaml

SYNONYMS_FILE = "synonymes.yaml"
MAX_WORDS = 8

Expression = Annotated[Texte, Field(min_length=1, max_length=80)]


class Equivalence(Strict):
    termes: list[Expression] = Field(
        min_length=2,
        description="Expressions qui veulent dire la même chose : chercher l'une trouve "
        "aussi les autres.",
    )
    note: Texte | None = Field(None, description="Pourquoi elles sont équivalentes.")


class SensUnique(Strict):
    recherche: Expression = Field(description="Ce que tape le conseiller.")
    trouve_aussi: list[Expression] = Field(
        min_length=1,
        description="Expressions trouvées en plus quand on cherche « recherche » "
        "(l'inverse n'est pas vrai).",
    )
    note: Texte | None = Field(None, description="Pourquoi ce lien est juste.")


class Synonymes(Strict):
    """The whole file."""

    equivalences: list[Equivalence] = Field(default_factory=list)
    sens_unique: list[SensUnique] = Field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    """When a query holds `key` (stems, in order), also look for each of `alternatives`."""

    key: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]
    labels: tuple[str, ...]  # the alternatives as the editor wrote them, for display


@dataclass
class SynonymTable:
    rules: list[Rule] = field(default_factory=list)

    def to_json(self) -> list[dict[str, Any]]:
        return [
            {
                "cle": list(rule.key),
                "equivalents": [list(a) for a in rule.alternatives],
                "libelles": list(rule.labels),
            }
            for rule in self.rules
        ]


def read_synonyms(
    root: Path, report: Report, *, limits: LimitesEntrees | None = None
) -> SynonymTable:
    """Read and check `synonymes.yaml` (optional); problems go to `report`."""
    path = root / SYNONYMS_FILE
    if not path.exists():
        return SynonymTable()
    report.files_read += 1
    doc, issues = read_yaml(path, display_path(path, root))
    report.extend(issues)
    if doc is None:
        return SynonymTable()
    if not isinstance(doc.data, dict):
        report.add(
            doc.issue(
                (),
                "le fichier doit être un bloc de clés « equivalences: » et « sens_unique: », "
                "pas une liste ni un texte seul.",
            )
        )
        return SynonymTable()
    too_big = check_sizes(doc, limits or _limits(root))
    if too_big:
        report.extend(too_big)
        return SynonymTable()
    try:
        data = Synonymes.model_validate(doc.data)
    except ValidationError as exc:
        report.extend(validation_issues(doc, exc, Synonymes))
        return SynonymTable()
    problems = check_synonyms(data, doc)
    report.extend(problems)
    if issues or problems:
        return SynonymTable()
    return compile_rules(data)


def _limits(root: Path) -> LimitesEntrees:
    try:
        return load_limits(root)
    except UserError:  # a broken reglages.yaml is reported by the reader: defaults here
        return LimitesEntrees()


def check_sizes(doc: SourceDoc, limits: LimitesEntrees) -> list[Issue]:
    """Refuse, before any other work, a group too large or a file whose rules would grow the
    search index past its limit: a group of n expressions gives each of them n − 1 others
    (n × (n − 1) links), so the index grows with the square of a group's size."""
    data = doc.data if isinstance(doc.data, dict) else {}
    groups = data.get("equivalences")
    entries = data.get("sens_unique")
    problems: list[Issue] = []
    links = 0
    for g, group in enumerate(groups if isinstance(groups, list) else []):
        terms = group.get("termes") if isinstance(group, dict) else None
        if not isinstance(terms, list):
            continue
        size = len(terms)
        links += size * (size - 1)
        if size > limits.synonymes_groupe_max:
            problems.append(
                doc.issue(
                    ("equivalences", g, "termes"),
                    f"groupe de {size} expressions : {limits.synonymes_groupe_max} au plus "
                    "(limite synonymes_groupe_max : chaque expression d'un groupe en cherche "
                    "toutes les autres, l'index de recherche grandit comme le carré du "
                    "groupe). Scindez le groupe par sens, ou passez par sens_unique ; "
                    + how_to_raise("synonymes_groupe_max")
                    + ".",
                )
            )
    for entry in entries if isinstance(entries, list) else []:
        targets = entry.get("trouve_aussi") if isinstance(entry, dict) else None
        links += len(targets) if isinstance(targets, list) else 0
    if not problems and links > limits.synonymes_expansion_max:
        problems.append(
            doc.issue(
                (),
                f"les synonymes produisent {links} liens entre expressions : "
                f"{limits.synonymes_expansion_max} au plus (limite synonymes_expansion_max ; un "
                "groupe de n expressions en produit n × (n − 1)). Réduisez les groupes ; "
                + how_to_raise("synonymes_expansion_max")
                + ".",
            )
        )
    return problems


def _normalised(expression: str) -> tuple[str, ...]:
    return tuple(text.stems(expression))


def check_synonyms(data: Synonymes, doc: SourceDoc) -> list[Issue]:
    """What the model cannot see: expressions made only of stop words, too long,
    listed twice in a group, or in two groups (which would then be one)."""
    problems: list[Issue] = []
    seen_in_groups: dict[tuple[str, ...], tuple[KeyPath, str]] = {}

    def check(expression: str, where: KeyPath) -> tuple[str, ...] | None:
        stems = _normalised(expression)
        if not stems:
            problems.append(
                doc.issue(
                    where,
                    f"« {expression} » ne contient aucun mot que la recherche retient "
                    "(seulement des mots vides comme « de », « pour », « un ») : "
                    "écrivez l'expression complète.",
                )
            )
            return None
        if len(stems) > MAX_WORDS:
            problems.append(
                doc.issue(
                    where,
                    f"« {expression} » compte {len(stems)} mots : {MAX_WORDS} au plus. "
                    "Gardez l'expression telle qu'un conseiller la tape.",
                )
            )
            return None
        return stems

    def earlier(seen: tuple[KeyPath, str]) -> str:
        return f"« {seen[1]} », ligne {doc.pos(seen[0]).line}"

    for g, group in enumerate(data.equivalences):
        in_group: dict[tuple[str, ...], tuple[KeyPath, str]] = {}
        for t, expression in enumerate(group.termes):
            where: KeyPath = ("equivalences", g, "termes", t)
            stems = check(expression, where)
            if stems is None:
                continue
            if stems in in_group:
                problems.append(
                    doc.issue(
                        where,
                        f"« {expression} » revient à une expression de ce groupe "
                        f"({earlier(in_group[stems])}) : la recherche ne fait pas de "
                        "différence entre les deux (mots vides, accents, pluriels) ; "
                        "supprimez-en une.",
                    )
                )
                continue
            in_group[stems] = (where, expression)
            if stems in seen_in_groups:
                problems.append(
                    doc.issue(
                        where,
                        f"« {expression} » figure déjà dans un autre groupe "
                        f"({earlier(seen_in_groups[stems])}) : réunissez les deux groupes "
                        "en un seul, ou utilisez sens_unique si l'équivalence ne vaut "
                        "que dans un sens.",
                    )
                )
                continue
            seen_in_groups[stems] = (where, expression)
    keys: dict[tuple[str, ...], tuple[KeyPath, str]] = {}
    for e, entry in enumerate(data.sens_unique):
        where = ("sens_unique", e, "recherche")
        key = check(entry.recherche, where)
        if key is not None:
            if key in keys:
                problems.append(
                    doc.issue(
                        where,
                        f"« {entry.recherche} » est déjà cherché plus haut "
                        f"({earlier(keys[key])}) : regroupez les deux listes trouve_aussi.",
                    )
                )
            keys[key] = (where, entry.recherche)
        for t, expression in enumerate(entry.trouve_aussi):
            target_where: KeyPath = ("sens_unique", e, "trouve_aussi", t)
            target = check(expression, target_where)
            if target is not None and target == key:
                problems.append(
                    doc.issue(
                        target_where,
                        f"« {expression} » est l'expression cherchée elle-même : "
                        "supprimez-la de trouve_aussi.",
                    )
                )
    return problems


def compile_rules(data: Synonymes) -> SynonymTable:
    """One rule per expression that can appear in a query, in file order."""
    found: dict[tuple[str, ...], dict[tuple[str, ...], str]] = {}

    def add(key: str, targets: list[str]) -> None:
        alternatives = found.setdefault(_normalised(key), {})
        for target in targets:
            stems = _normalised(target)
            if stems != _normalised(key):
                alternatives.setdefault(stems, target)

    for group in data.equivalences:
        for expression in group.termes:
            add(expression, [other for other in group.termes if other != expression])
    for entry in data.sens_unique:
        add(entry.recherche, entry.trouve_aussi)
    return SynonymTable(
        [
            Rule(key, tuple(alternatives), tuple(alternatives.values()))
            for key, alternatives in found.items()
            if key and alternatives
        ]
    )
