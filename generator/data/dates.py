"""Dates as editors know them: a full day, or only a month or a year when that is all a
source states. Inventing a day to fill a gap would be inventing a fact."""

from __future__ import annotations

import calendar
import re
from datetime import date

_FULL = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?")

# Dates of schemes, sources and checks: nothing before 1900 or after 2100 is a real one,
# and year 0 does not exist in Python's calendar (the build would crash on "0000").
YEAR_MIN = 1900
YEAR_MAX = 2100

MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


class DateFormatError(ValueError):
    """Raised with a French message saying what is wrong and what format is expected."""


def parse_full_date(value: object) -> date:
    if isinstance(value, date):
        _check_year(value.year, value)
        return value
    if not isinstance(value, str):
        raise DateFormatError(_expected_full(value))
    match = _FULL.fullmatch(value.strip())
    if not match:
        raise DateFormatError(_expected_full(value))
    year, month, day = (int(part) for part in match.groups())
    _check_year(year, value)
    return _checked_date(year, month, day, value)


def parse_partial_date(value: object) -> str:
    """Normalise a partial date to `AAAA`, `AAAA-MM` or `AAAA-MM-JJ` after checking it exists."""
    if isinstance(value, date):
        _check_year(value.year, value)
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        _check_year(value, value)
        return str(value)
    if not isinstance(value, str):
        raise DateFormatError(_expected_partial(value))
    match = _PARTIAL.fullmatch(value.strip())
    if not match:
        raise DateFormatError(_expected_partial(value))
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    _check_year(year, value)
    if month_text is None:
        return f"{year:04d}"
    month = int(month_text)
    if not 1 <= month <= 12:
        raise DateFormatError(f"mois {month_text} impossible dans « {value} ».")
    if day_text is None:
        return f"{year:04d}-{month:02d}"
    return _checked_date(year, month, int(day_text), value).isoformat()


def _check_year(year: int, original: object) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise DateFormatError(
            f"année {year} impossible dans « {original} » : les dates de l'offre vont de "
            f"{YEAR_MIN} à {YEAR_MAX}."
        )


def _checked_date(year: int, month: int, day: int, original: object) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateFormatError(
            f"la date « {original} » n'existe pas (vérifiez le jour et le mois)."
        ) from None


def _expected_full(value: object) -> str:
    return f"date attendue au format AAAA-MM-JJ (par exemple 2026-03-31), trouvé « {value} »."


def _expected_partial(value: object) -> str:
    return (
        "date attendue au format AAAA-MM-JJ, ou AAAA-MM ou AAAA si la source ne précise "
        f"pas le jour, trouvé « {value} »."
    )


def earliest(partial: str) -> date:
    """First day a partial date can mean: `2024-03` → 1 March 2024."""
    parts = [int(p) for p in partial.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def latest(partial: str) -> date:
    """Last day a partial date can mean: `2024` → 31 December 2024."""
    parts = [int(p) for p in partial.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return date(year, month, day)


def precision(partial: str) -> str:
    """`day`, `month` or `year`: how much of a date the source gave."""
    return ("year", "month", "day")[partial.count("-")]


def _vowel(text: str) -> bool:
    return text[:1].lower() in "aeiouyéèêh"


def on_fr(partial: str) -> str:
    """`le 31 mai 2021`, `en février 2022`, `en 2024`."""
    text = format_fr(partial)
    return f"le {text}" if precision(partial) == "day" else f"en {text}"


def since_fr(partial: str) -> str:
    """`depuis le 1er mars 2022`, `depuis février 2022`, `depuis 2024`."""
    text = format_fr(partial)
    return f"depuis le {text}" if precision(partial) == "day" else f"depuis {text}"


def until_fr(partial: str) -> str:
    """`jusqu'au 31 mai 2021`, `jusqu'en février 2022`, `jusqu'en 2024`."""
    text = format_fr(partial)
    return f"jusqu'au {text}" if precision(partial) == "day" else f"jusqu'en {text}"


def period_fr(start: str, end: str) -> str:
    """`du 1er août 2020 au 31 mai 2021`, `d'octobre 2013 à février 2022`, `de 2017 au …`."""
    first, last = format_fr(start), format_fr(end)
    if precision(start) == "day":
        opening = f"du {first}"
    else:
        opening = f"d'{first}" if _vowel(first) else f"de {first}"
    closing = f"au {last}" if precision(end) == "day" else f"à {last}"
    return f"{opening} {closing}"


def span_fr(start: str | None, end: str | None) -> str:
    """A record's dates in a phrase: a period, a start, an end, or that none is known."""
    if start and end:
        return period_fr(start, end)
    if start:
        return since_fr(start)
    if end:
        return until_fr(end)
    return "non précisées par les sources"


def format_fr(value: date | str) -> str:
    """`2024-03-05` → `5 mars 2024`; `2024-03` → `mars 2024`; `2024` → `2024`."""
    text = value.isoformat() if isinstance(value, date) else value
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTHS_FR[parts[1] - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = "1er" if parts[2] == 1 else str(parts[2])
    return f"{day} {month} {parts[0]}"


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (negative when `later` comes first)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months
