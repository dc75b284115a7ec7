"""Word and phrase banks for `scripts/synth.py` (synthetic datasets for performance measurements).

Everything here is invented: plausible French text about employment, training and
guidance schemes, with no external corpus. `synth.py` combines these pieces at random
(seeded), so the banks are plain data, kept in `synth_banks.yaml`: this module only reads them
into tuples and the two small records below.

Conventions used by the combiner:
- a *head* is a scheme name's first words, with its grammatical gender/number
  (m, f, mp, fp) and the preposition that introduces its topic (à, de, sur, pour);
- a *topic* is (determiner, noun phrase), so « à » + (le, permis de conduire) gives
  « au permis de conduire »;
- `{public}`, `{goal}`, `{metier}`… in sentences are filled by the combiner.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml

BANKS_FILE = Path(__file__).with_name("synth_banks.yaml")


class Head(NamedTuple):
    text: str
    gender: str  # m, f, mp, fp
    prep: str  # à, de, sur, pour


class ProviderSpec(NamedTuple):
    id: str
    nom: str
    sigle: str | None
    niveau: str
    reseau: str | None
    departement: str | None  # home département of departmental and local providers
    description: str


def _frozen(value: Any) -> Any:
    """Lists read from YAML become tuples: the banks are constants."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


_banks: dict[str, Any] = yaml.safe_load(BANKS_FILE.read_text(encoding="utf-8"))

PROVIDERS = tuple(ProviderSpec(**spec) for spec in _banks.pop("PROVIDERS"))
HEADS = {kind: tuple(Head(**h) for h in heads) for kind, heads in _banks.pop("HEADS").items()}
SECTOR_CATEGORIES = frozenset(_banks.pop("SECTOR_CATEGORIES"))
PLACE_PROVIDERS = tuple(ProviderSpec(**spec) for spec in _banks.pop("PLACE_PROVIDERS"))
PLACE_KINDS: tuple[tuple[str, int, str], ...] = _frozen(_banks.pop("PLACE_KINDS"))
ADJECTIVES = _frozen(_banks.pop("ADJECTIVES"))
SECTORS = _frozen(_banks.pop("SECTORS"))
TRADES = _frozen(_banks.pop("TRADES"))
TOPICS: dict[str, tuple[tuple[str, str], ...]] = _frozen(_banks.pop("TOPICS"))
PUBLIC_PHRASES = _frozen(_banks.pop("PUBLIC_PHRASES"))
CATEGORY_PUBLICS = _frozen(_banks.pop("CATEGORY_PUBLICS"))
CATEGORY_TYPES = _frozen(_banks.pop("CATEGORY_TYPES"))
CATEGORY_WEIGHTS = _frozen(_banks.pop("CATEGORY_WEIGHTS"))
GOALS = _frozen(_banks.pop("GOALS"))
BENEFITS = _frozen(_banks.pop("BENEFITS"))
INTRO_SENTENCES = _frozen(_banks.pop("INTRO_SENTENCES"))
INTRO_FOLLOW = _frozen(_banks.pop("INTRO_FOLLOW"))
BODY_SENTENCES = _frozen(_banks.pop("BODY_SENTENCES"))
CLOSING_SENTENCES = _frozen(_banks.pop("CLOSING_SENTENCES"))
LIST_INTROS = _frozen(_banks.pop("LIST_INTROS"))
LIST_ITEMS = _frozen(_banks.pop("LIST_ITEMS"))
PARTNERS = _frozen(_banks.pop("PARTNERS"))
DURATIONS = _frozen(_banks.pop("DURATIONS"))
FREQUENCIES = _frozen(_banks.pop("FREQUENCIES"))
CONDITIONS = _frozen(_banks.pop("CONDITIONS"))
MOBILISATION_PRECISIONS = _frozen(_banks.pop("MOBILISATION_PRECISIONS"))
PRECISIONS_PUBLICS = _frozen(_banks.pop("PRECISIONS_PUBLICS"))
PRECISIONS_FRAIS = _frozen(_banks.pop("PRECISIONS_FRAIS"))
A_VERIFIER = _frozen(_banks.pop("A_VERIFIER"))
SOURCE_TITLES = _frozen(_banks.pop("SOURCE_TITLES"))
LINK_TITLES = _frozen(_banks.pop("LINK_TITLES"))
CONTACT_HOURS = _frozen(_banks.pop("CONTACT_HOURS"))
STREETS = _frozen(_banks.pop("STREETS"))
FIRST_NAMES = _frozen(_banks.pop("FIRST_NAMES"))
LAST_NAMES = _frozen(_banks.pop("LAST_NAMES"))
KEYWORDS = _frozen(_banks.pop("KEYWORDS"))
PLACE_DESCRIPTIONS = _frozen(_banks.pop("PLACE_DESCRIPTIONS"))
PLACE_HOURS_OSM = _frozen(_banks.pop("PLACE_HOURS_OSM"))
PLACE_ACCESS = _frozen(_banks.pop("PLACE_ACCESS"))
PLACE_ZONES = _frozen(_banks.pop("PLACE_ZONES"))
