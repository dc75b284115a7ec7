"""Opening hours in OpenStreetMap's `opening_hours` syntax, as data·inclusion publishes them.

We accept the subset reception points use — day ranges, time spans, public holidays,
`off`, `24/7`, a quoted comment — and refuse the rest with a reason, because what we
accept we must be able to print in plain French on the page (`to_french`).

    Mo-Fr 08:30-12:30,13:30-17:00; Sa 09:00-12:00; PH off
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_NAMES = {
    "Mo": "lundi",
    "Tu": "mardi",
    "We": "mercredi",
    "Th": "jeudi",
    "Fr": "vendredi",
    "Sa": "samedi",
    "Su": "dimanche",
    "PH": "jours fériés",
}
_DAY_RANGE = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$")
_SPAN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
_COMMENT = re.compile(r'\s*"([^"]*)"\s*$')


@dataclass(frozen=True)
class Rule:
    days: tuple[str, ...]  # day ranges as written ("Mo-Fr", "Sa", "PH"); empty = every day
    spans: tuple[str, ...]  # "08:30-12:30"; empty with closed=False means "open" (24/7)
    closed: bool
    comment: str | None


class OpeningHoursError(ValueError):
    """Why a value is outside the subset we read (message in French)."""


def parse(value: str) -> list[Rule]:
    text = value.strip()
    if not text:
        raise OpeningHoursError("valeur vide")
    if "||" in text:
        raise OpeningHoursError("les règles de repli « || » ne sont pas prises en charge")
    rules = [_rule(part.strip()) for part in text.split(";") if part.strip()]
    if not rules:
        raise OpeningHoursError("aucune règle")
    return rules


def problem(value: str) -> str | None:
    """None when `value` is readable, else the reason in French."""
    try:
        parse(value)
    except OpeningHoursError as exc:
        return str(exc)
    return None


def _rule(text: str) -> Rule:
    comment = None
    match = _COMMENT.search(text)
    if match:
        comment = match.group(1).strip() or None
        text = text[: match.start()].strip()
    if text == "24/7":
        return Rule((), (), False, comment)
    words = text.split()
    days: tuple[str, ...] = ()
    if words and _is_day_selector(words[0]):
        days = tuple(words[0].split(","))
        words = words[1:]
    elif words and not _looks_like_times(words[0]):
        raise OpeningHoursError(
            f"« {words[0]} » : jours attendus comme Mo, Tu, We, Th, Fr, Sa, Su ou PH "
            "(jours fériés), par exemple Mo-Fr"
        )
    if not words:
        if not days and comment:
            return Rule((), (), False, comment)
        raise OpeningHoursError(f"« {text} » : horaires ou « off » attendus après les jours")
    if len(words) > 1:
        raise OpeningHoursError(f"« {' '.join(words)} » : séparez les plages par des virgules")
    word = words[0]
    if word in ("off", "closed"):
        return Rule(days, (), True, comment)
    spans = tuple(word.split(","))
    for span in spans:
        found = _SPAN.match(span)
        if not found:
            raise OpeningHoursError(f"« {span} » : plage horaire attendue comme 08:30-12:30")
        start = int(found.group(1)) * 60 + int(found.group(2))
        end = int(found.group(3)) * 60 + int(found.group(4))
        if end <= start:
            raise OpeningHoursError(f"« {span} » : l'heure de fin précède l'heure de début")
    return Rule(days, spans, False, comment)


def _looks_like_times(word: str) -> bool:
    return word in ("off", "closed") or all(_SPAN.match(span) for span in word.split(","))


def _is_day_selector(word: str) -> bool:
    parts = word.split(",")
    if not all(_DAY_RANGE.match(p) for p in parts):
        if any(p[:2] in DAY_NAMES for p in parts if len(p) >= 2) and not _SPAN.match(word):
            bad = next(p for p in parts if not _DAY_RANGE.match(p))
            raise OpeningHoursError(f"« {bad} » : jours attendus comme Mo, Tu, We, Th, Fr, Sa, Su")
        return False
    return True


def _days_fr(selector: str) -> str:
    match = _DAY_RANGE.match(selector)
    assert match is not None  # checked by parse
    first, last = match.group(1), match.group(2)
    if last is None:
        return DAY_NAMES[first]
    order = list(DAY_NAMES)
    if order.index(last) - order.index(first) == 1:  # « du lundi au mardi » reads oddly
        return f"{DAY_NAMES[first]} et {DAY_NAMES[last]}"
    return f"du {DAY_NAMES[first]} au {DAY_NAMES[last]}"


def _time_fr(hhmm: str) -> str:
    hours, minutes = hhmm.split(":")
    return f"{int(hours)} h" + (f" {minutes}" if minutes != "00" else "")


def _span_fr(span: str) -> str:
    start, end = span.split("-")
    return f"{_time_fr(start)} – {_time_fr(end)}"


def to_french(value: str) -> list[str]:
    """One line of plain French per rule: "du lundi au vendredi : 8 h 30 – 12 h 30"."""
    lines = []
    for rule in parse(value):
        days = ", ".join(_days_fr(d) for d in rule.days) if rule.days else "tous les jours"
        if rule.closed:
            text = f"fermé : {days}" if rule.days else "fermé"
        elif not rule.spans:
            text = "ouvert 24 h sur 24, 7 jours sur 7" if not rule.days else f"{days} : ouvert"
        else:
            text = f"{days} : " + ", ".join(_span_fr(s) for s in rule.spans)
        if rule.comment:
            text += f" ({rule.comment})"
        lines.append(text[0].upper() + text[1:])
    return lines
