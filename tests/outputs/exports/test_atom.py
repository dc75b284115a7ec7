"""Atom feeds (exports/atom.py): whole offer and per territory, dates from the data."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.catalog.catalog import Catalog
from generator.catalog.events import NEAR_END, scheme_events
from generator.outputs.exports.atom import MAX_ENTRIES
from generator.outputs.exports.publication import LICENCE_NAME
from generator.rules import urls
from tests.support.goldens import check_golden

ATOM = "{http://www.w3.org/2005/Atom}"

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _json(site: Path, path: str) -> Any:
    return json.loads((site / path).read_text(encoding="utf-8"))


def _feed(site: Path, path: str) -> ET.Element:
    root = ET.fromstring((site / path).read_bytes())
    assert root.tag == f"{ATOM}feed"
    return root


def _entries(root: ET.Element) -> list[dict[str, str]]:
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        assert link is not None
        entries.append(
            {
                "id": entry.findtext(f"{ATOM}id", ""),
                "title": entry.findtext(f"{ATOM}title", ""),
                "updated": entry.findtext(f"{ATOM}updated", ""),
                "summary": entry.findtext(f"{ATOM}summary", ""),
                "href": link.get("href", ""),
            }
        )
    return entries


def test_feeds_are_atom_with_dates_from_the_data(
    site: Path, catalog: Catalog, site_url: str
) -> None:
    paths = [urls.FEED_URL] + [urls.territory_feed_url(t) for t in catalog.territoires]
    for path in paths:
        root = _feed(site, path)
        assert root.get(XML_LANG) == "fr"
        for tag in ("id", "title", "updated", "rights"):
            assert root.findtext(f"{ATOM}{tag}"), (path, tag)
        assert LICENCE_NAME in root.findtext(f"{ATOM}rights", "")
        assert root.find(f"{ATOM}author/{ATOM}name") is not None
        self_link = root.find(f"{ATOM}link[@rel='self']")
        assert self_link is not None
        assert self_link.get("href") == site_url + path
        entries = _entries(root)
        assert 0 < len(entries) <= MAX_ENTRIES
        assert len({e["id"] for e in entries}) == len(entries)
        assert all(e["id"].startswith("tag:offre-clefop,2026:") for e in entries)
        assert all(e["href"].startswith(site_url) for e in entries)
        assert root.findtext(f"{ATOM}updated") == max(e["updated"] for e in entries)
        assert [e["updated"] for e in entries] == sorted(
            (e["updated"] for e in entries), reverse=True
        )
    entries = _entries(_feed(site, urls.FEED_URL))
    mobilite = {e["id"]: e for e in entries if "/aide-mobilite-essai/" in e["id"]}
    prefix = "tag:offre-clefop,2026:dispositif/aide-mobilite-essai"
    assert mobilite[f"{prefix}/modifie/2026-09-15"]["updated"] == "2026-09-15T00:00:00Z"
    assert mobilite[f"{prefix}/verifie/2026-10-01"]["updated"] == "2026-10-01T00:00:00Z"
    assert mobilite[f"{prefix}/nouveau/2020-01"]["updated"] == "2020-01-01T00:00:00Z"
    assert mobilite[f"{prefix}/modifie/2026-09-15"]["title"] == (
        "Fiche mise à jour : Aide à la mobilité (essai)"
    )
    assert (
        mobilite[f"{prefix}/modifie/2026-09-15"]["href"]
        == site_url + "dispositifs/aide-mobilite-essai/"
    )
    ended = next(e for e in entries if e["id"].endswith("garantie-essai/termine/2022-02-28"))
    assert ended["title"] == "Terminé : Garantie d'essai"
    assert ended["updated"] == "2022-02-28T00:00:00Z"
    sarthe = {e["id"] for e in _entries(_feed(site, urls.territory_feed_url("sarthe")))}
    littoral = {e["id"] for e in _entries(_feed(site, urls.territory_feed_url("littoral")))}
    assert any("/permis-jeunes-essai/" in i for i in sarthe)
    assert not any("/permis-jeunes-essai/" in i for i in littoral)


def test_future_end_is_announced_when_it_comes_near(catalog: Catalog) -> None:
    today = catalog.latest_date()
    scheme = catalog.dispositifs["permis-jeunes-essai"].model_copy(
        update={"date_fin": "2026-12", "date_debut": "2027-01-15"}
    )
    events = {e.kind: e for e in scheme_events(scheme, today)}
    # Ends by 31 December 2026: announced three months before, never on a re-reading.
    assert events["se-termine"].day == date(2026, 12, 31) - NEAR_END <= today
    assert events["se-termine"].title == (
        "Se termine en décembre 2026 : Permis de conduire pour les jeunes (essai)"
    )
    # Opening announced the day the record last changed (never the day it was re-read).
    assert scheme.modifie_le is not None
    assert events["a-venir"].day == scheme.modifie_le
    assert "nouveau" not in events
    assert "termine" not in events


@pytest.mark.parametrize(
    "path",
    [
        "flux/dispositifs.xml",
        *(f"flux/territoires/{t}.xml" for t in ("anjou-maine", "littoral", "sarthe")),
    ],
)
def test_feed_golden(path: str, site: Path, update_goldens: bool) -> None:
    check_golden(f"exports/{path}", (site / path).read_bytes(), update_goldens)


def test_editor_text_is_escaped_and_reads_back_unchanged(catalog: Catalog) -> None:
    from generator.outputs.exports.atom import feed_files

    title = 'Aide <b>« & »</b> "citée" ]]>'
    schemes = dict(catalog.dispositifs)
    schemes["aide-mobilite-essai"] = schemes["aide-mobilite-essai"].model_copy(
        update={"titre": title, "resume": "Résumé <script>alert(1)</script> & co"}
    )
    changed = Catalog(**{**catalog.__dict__, "dispositifs": schemes})
    xml = feed_files(changed, "https://exemple.invalid/")[urls.FEED_URL]
    assert isinstance(xml, str)
    assert "<script>" not in xml and "<b>" not in xml
    root = ET.fromstring(xml.encode("utf-8"))
    titles = [e.findtext(f"{ATOM}title", "") for e in root.findall(f"{ATOM}entry")]
    assert f"Fiche mise à jour : {title}" in titles
    assert xml.startswith(
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<?xml-stylesheet type="text/xsl" href="flux.xsl"?>\n<feed xmlns='
    )


XHTML = "{http://www.w3.org/1999/xhtml}"


def _content(root: ET.Element, entry_id: str) -> tuple[str, dict[str, str]]:
    """An entry's "what changes" line and its facts (dt → dd text)."""
    for entry in root.findall(f"{ATOM}entry"):
        if entry.findtext(f"{ATOM}id", "").endswith(entry_id):
            content = entry.find(f"{ATOM}content")
            assert content is not None and content.get("type") == "xhtml"
            div = content.find(f"{XHTML}div")
            assert div is not None
            first = div.find(f"{XHTML}p")
            assert first is not None
            line = " ".join("".join(first.itertext()).split())
            facts: dict[str, str] = {}
            names = [dt.text or "" for dt in div.iter(f"{XHTML}dt")]
            values = [
                " | ".join(t.strip() for t in dd.itertext() if t.strip())
                for dd in div.iter(f"{XHTML}dd")
            ]
            facts.update(zip(names, values, strict=True))
            return line, facts
    raise AssertionError(f"no entry {entry_id}")


def test_each_entry_says_what_changed_and_the_status_dates_conditions_places(
    site: Path,
) -> None:
    region = _feed(site, urls.FEED_URL)
    line, facts = _content(region, "aide-mobilite-essai/modifie/2026-09-15")
    assert line == "Ce qui change : contenu de la fiche. Fiche mise à jour le 15 septembre 2026."
    assert facts["Statut"] == "actif"
    assert facts["Dates"] == "depuis janvier 2020"
    assert facts["Conditions"] == "Être inscrit comme demandeur d'emploi."
    assert facts["Lieux d'accueil"] == (
        "2 lieu(x) : Agence fictive d'essai du Mans (Le Mans) ; "
        "Antenne fictive d'essai de Mamers (Mamers)"
    )
    line, facts = _content(region, "garantie-essai/termine/2022-02-28")
    assert line.startswith("Ce qui change : dates et statut (fin). Dispositif terminé")
    assert "Remplacé par" in facts
    # A territory's feed names only the places of that territory.
    littoral = _feed(site, urls.territory_feed_url("littoral"))
    for entry in littoral.findall(f"{ATOM}entry"):
        assert "Agence fictive d'essai du Mans" not in "".join(entry.itertext())


def test_feeds_name_the_stylesheet_beside_them_which_runs_no_code(site: Path) -> None:
    whole = (site / urls.FEED_URL).read_text(encoding="utf-8")
    assert '<?xml-stylesheet type="text/xsl" href="flux.xsl"?>' in whole
    territory = (site / urls.territory_feed_url("sarthe")).read_text(encoding="utf-8")
    assert '<?xml-stylesheet type="text/xsl" href="../flux.xsl"?>' in territory
    xsl = (site / urls.FEED_STYLESHEET_URL).read_text(encoding="utf-8")
    ET.fromstring(xsl.encode("utf-8"))  # well-formed
    assert (site / urls.FEED_CSS_URL).is_file()
    code = re.sub(r"<!--.*?-->", "", xsl, flags=re.S).replace('"http://www.w3.org/', '"')
    for forbidden in (
        r"<script",
        r"<style",
        r"\sstyle=",
        r"\son[a-z]+=",
        r"javascript:",
        r"https?://",
    ):
        assert not re.search(forbidden, code), forbidden
