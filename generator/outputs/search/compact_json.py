"""The one way the search files are serialised: compact and deterministic, so the same
catalogue gives the same bytes, hence the same content-hashed names."""

from __future__ import annotations

import json
from typing import Any


def dumps(data: Any) -> str:
    """Compact, deterministic JSON (key order is meaningful)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
