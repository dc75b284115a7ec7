"""What the environment asks of the run: in CI every browser test must run."""

from __future__ import annotations

import os

REQUIRE_BROWSER = os.environ.get("OFFRE_EXIGER_NAVIGATEUR") == "1"
