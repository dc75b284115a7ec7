"""Where things are, for every test: the repository, the fixtures, the goldens."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
FIXTURES = TESTS / "fixtures"
FIXTURE = FIXTURES / "valid"  # the small valid dataset most tests copy
GEO = REPO / "offer_data" / "geo"
GOLDEN = TESTS / "golden"
