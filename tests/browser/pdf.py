"""Pages of a PDF Chromium printed, counted from its page objects (no PDF library needed:
Chromium writes each page's dictionary uncompressed)."""

from __future__ import annotations

import re

_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_count(pdf: bytes) -> int:
    count = len(_PAGE.findall(pdf))
    assert count > 0, "not a PDF Chromium printed"
    return count
