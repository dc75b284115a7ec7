"""The list's opening hours, one column per day (`09:00 - 12:00 / 13:30 - 17:00`), as
OpenStreetMap `opening_hours` (`Mo-Fr 09:00-12:00,13:30-17:00`), our `horaires_osm`.

`00:00 - 00:00` is how the list says "nothing given" for a span or a day: it is not
opening hours, so it is dropped (and counted for the report). An empty day column is a
day the list gives no hours for, left out of the rule like a closed day. When a value
does not read as spans, or the result is refused by our OpenStreetMap reader, the hours
are kept as published, one line per day, in the plain-text `horaires`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...data import opening_hours

DAY_COLUMNS = (
    ("h_lundi", "Mo", "Lundi"),
    ("h_mardi", "Tu", "Mardi"),
    ("h_mercredi", "We", "Mercredi"),
    ("h_jeudi", "Th", "Jeudi"),
    ("h_vendredi", "Fr", "Vendredi"),
    ("h_samedi", "Sa", "Samedi"),
)
PLACEHOLDER = "00:00-00:00"
_SPAN = re.compile(r"^(\d{1,2})[:hH](\d{2})\s*-\s*(\d{1,2})[:hH](\d{2})$")


@dataclass(frozen=True)
class Hours:
    osm: str | None
    text: str | None
    placeholders: int


def _spans(value: str) -> tuple[list[str], int] | None:
    """Spans of one day as `HH:MM-HH:MM`, and the placeholders dropped; None if unreadable."""
    spans: list[str] = []
    dropped = 0
    for part in value.split("/"):
        part = part.strip()
        if not part:
            continue
        found = _SPAN.match(part)
        if found is None:
            return None
        h1, m1, h2, m2 = found.groups()
        span = f"{int(h1):02d}:{m1}-{int(h2):02d}:{m2}"
        if span == PLACEHOLDER:
            dropped += 1
        else:
            spans.append(span)
    return spans, dropped


def convert(row: dict[str, str]) -> Hours:
    """The hours of one row of the list."""
    by_day: list[tuple[str, tuple[str, ...]]] = []
    text_lines: list[str] = []
    placeholders = 0
    readable = True
    for column, osm_day, label in DAY_COLUMNS:
        raw = " ".join((row.get(column) or "").split())
        if not raw:
            continue
        parsed = _spans(raw)
        if parsed is None:
            readable = False
            text_lines.append(f"{label} : {raw}")
            continue
        spans, dropped = parsed
        placeholders += dropped
        if spans:
            by_day.append((osm_day, tuple(spans)))
            text_lines.append(f"{label} : {raw}")
    if not by_day and readable:
        return Hours(None, None, placeholders)
    if readable:
        osm = _osm(by_day)
        if opening_hours.problem(osm) is None:
            return Hours(osm, None, placeholders)
    return Hours(None, "\n".join(text_lines) or None, placeholders)


def _osm(by_day: list[tuple[str, tuple[str, ...]]]) -> str:
    """Consecutive days with the same spans share one rule (`Mo-Fr …`)."""
    order = [day for _, day, _ in DAY_COLUMNS]
    rules: list[str] = []
    start = 0
    while start < len(by_day):
        end = start
        while (
            end + 1 < len(by_day)
            and by_day[end + 1][1] == by_day[start][1]
            and order.index(by_day[end + 1][0]) == order.index(by_day[end][0]) + 1
        ):
            end += 1
        first, last = by_day[start][0], by_day[end][0]
        days = first if first == last else f"{first}-{last}"
        rules.append(f"{days} {','.join(by_day[start][1])}")
        start = end + 1
    return "; ".join(rules)
