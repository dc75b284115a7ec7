"""What the exports' tests share: the address the shared test site was built with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.rules import urls


@pytest.fixture(scope="module")
def site_url(site: Path) -> str:
    # The shared test site is built with the placeholder address, which no file carries:
    # links are site-relative (tests/site/test_public_address.py builds with a real one).
    document = json.loads((site / urls.OPEN_DATA_JSON_URL).read_text(encoding="utf-8"))
    assert document["metadonnees"]["url_site"] is None
    return ""
