"""No control character in the Atom, JSON and CSV exports, even from Markdown fields
that may hold tabs and line breaks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from tests.support.datasets import build_site, copy_fixture

# C0 and C1 controls and DEL; XML and CSV keep tab, line feed and carriage return as
# whitespace, JSON escapes them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
RAW_WHITESPACE = re.compile("[\t\n\r]")


def test_exports_hold_no_control_character(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    path = next((data / "dispositifs").rglob("aide-mobilite-essai.yaml"))
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["description"] = "Colonne\tune\tdeux\n\n- point\t1\n- point 2\n"
    record["conditions"] = ["Avoir\tun projet", "=1+1 ligne\nsuite"]
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
    site = tmp_path / "site"
    code, output = build_site(data, site)
    assert code == 0, output
    exports = sorted((site / "donnees").rglob("*")) + sorted((site / "flux").rglob("*.xml"))
    checked = 0
    for export in (p for p in exports if p.suffix in (".json", ".csv", ".xml")):
        text = export.read_text(encoding="utf-8-sig")
        assert not CONTROL.search(text), export
        if export.suffix == ".json":
            assert not RAW_WHITESPACE.search(text.rstrip("\n")), export
        if export.suffix == ".xml":
            ET.fromstring(text.encode("utf-8"))  # well-formed
        checked += 1
    assert checked > 10
    services = (site / "donnees" / "data-inclusion" / "services.json").read_text("utf-8")
    assert "Colonne une deux" in services  # the description did reach the export
