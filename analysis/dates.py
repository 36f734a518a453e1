"""Read dates as people write them and normalise them to ISO 8601 dates.

Method
------
A metadata date (a CSV/JSONL column, an HTML meta tag, a command-line option) is read by the
first rule that accepts it, and the rule is recorded with the original value:

``ISO 8601``            ``2018``, ``2018-04``, ``2018-04-21`` (kept as written);
``ISO 8601 date-time``  ``2018-04-21T14:03:00Z`` (the date part, in the value's own time zone);
``epoch seconds``       9 to 10 digits (``1524319380``), or 13 digits read as milliseconds; UTC date;
``RFC 2822``            ``Sat, 21 Apr 2018 14:03:00 GMT`` (e-mail and RSS dates; :mod:`email.utils`);
``numeric``             ``4/21/18``, ``21.04.2018``: day and month by position.  When both numbers
                        are 12 or less and differ (``03/04/18``) the order cannot be told from the
                        value: it is read month first (``day_first=False``, the US convention of most
                        English-language exports) or day first, and flagged **ambiguous**;
``written``             ``April 21, 2018``, ``21 Apr 2018 14:03 GMT``, ``April 2018``: python-dateutil's
                        parser (Niemeyer, https://dateutil.readthedocs.io), which reports only the parts
                        the value states (a month and year give ``2018-04``).

Two-digit years follow dateutil's rule (within 50 years of today) and are noted.  A time of day and
time zone are read but only the date is kept, as written in its own zone (no conversion), except for
epoch values, which have no zone and are read as UTC.  A value no rule reads is **unreadable**: the
importer keeps the article and records the field as unknown with the original value as evidence;
nothing is guessed.  Library: python-dateutil (Apache-2.0/BSD), already a pandas dependency.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

__all__ = ["ParsedDate", "parse_date", "is_iso_date"]

_ISO_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ISO_DT_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}")
_EPOCH_RE = re.compile(r"^\d{9,10}(?:\.\d+)?$|^\d{13}$")
_NUMERIC_RE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{2,4})$")
_MIN_YEAR, _MAX_YEAR = 1800, 2200


@dataclass(frozen=True)
class ParsedDate:
    """A date value read from metadata: the ISO date (or None), how it was read, and the original."""

    value: str | None
    original: str
    method: str
    ambiguous: bool = False
    note: str = ""

    @property
    def evidence(self) -> str:
        """One line for the provenance: the original value and how it was read."""
        if self.value is None:
            return f"unreadable date {self.original!r}; kept as unknown"
        parts = [f"{self.original!r} read as {self.value} ({self.method}"]
        if self.note:
            parts.append(f"; {self.note}")
        if self.ambiguous:
            parts.append("; AMBIGUOUS day/month order")
        return "".join(parts) + ")"

    def as_dict(self) -> dict:
        return {"original": self.original, "value": self.value, "method": self.method,
                "ambiguous": self.ambiguous, **({"note": self.note} if self.note else {})}


def is_iso_date(value: str) -> bool:
    """True for a real ISO date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    m = _ISO_RE.match(value)
    if not m:
        return False
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        dt.date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        return False
    return True


def _ok_year(y: int) -> bool:
    return _MIN_YEAR <= y <= _MAX_YEAR


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _two_digit_year(yy: int) -> int:
    """dateutil's rule: the year within 50 years of the current one."""
    this = dt.date.today().year
    y = this // 100 * 100 + yy
    if y > this + 50:
        y -= 100
    elif y <= this - 50:
        y += 100
    return y


def parse_date(value, *, day_first: bool = False) -> ParsedDate:
    """Read a date value written in any common form; see the module docstring for the rules."""
    original = "" if value is None else str(value).strip()
    if isinstance(value, bool) or not original:
        return ParsedDate(None, original, "unreadable")
    if isinstance(value, (int, float)) and not _EPOCH_RE.match(original) \
            and not (isinstance(value, int) and _ISO_RE.match(original)):
        return ParsedDate(None, original, "unreadable")  # a number that is not an epoch time (e.g. 3.5, 2018.0)
    if _EPOCH_RE.match(original):
        try:
            secs = float(original)
            if len(original.split(".")[0]) == 13:
                secs /= 1000.0
            d = dt.datetime.fromtimestamp(secs, tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            return ParsedDate(None, original, "unreadable")
        unit = "epoch milliseconds" if len(original.split(".")[0]) == 13 else "epoch seconds"
        if not _ok_year(d.year):
            return ParsedDate(None, original, "unreadable")
        return ParsedDate(_iso(d), original, f"{unit}, UTC")
    if _ISO_RE.match(original):
        if is_iso_date(original):
            return ParsedDate(original, original, "ISO 8601")
        return ParsedDate(None, original, "unreadable")
    m = _ISO_DT_RE.match(original)
    if m:
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return ParsedDate(_iso(d), original, "ISO 8601 date-time, date as written in its own time zone")
        except ValueError:
            return ParsedDate(None, original, "unreadable")
    m = _NUMERIC_RE.match(original)
    if m:
        return _numeric_rule(m, original, day_first=day_first)
    try:
        parsed = email.utils.parsedate_to_datetime(original)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None and re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d", original):
        if _ok_year(parsed.year):
            return ParsedDate(_iso(parsed.date()), original, "RFC 2822, date as written in its own time zone")
    return _written(original, day_first=day_first)


def _numeric_rule(m: re.Match, original: str, *, day_first: bool) -> ParsedDate:
    a, b, c = m.group(1), m.group(2), m.group(3)
    note = ""
    if len(a) == 4:
        y, mo, d, order, ambiguous = int(a), int(b), int(c), "year/month/day", False
    else:
        if len(c) == 3:
            return ParsedDate(None, original, "unreadable")
        x, z = int(a), int(b)
        if x > 12 >= z:
            d, mo, order, ambiguous = x, z, "day/month/year", False
        elif z > 12 >= x:
            mo, d, order, ambiguous = x, z, "month/day/year", False
        elif day_first:
            d, mo, order, ambiguous = x, z, "day/month/year (day first, as asked)", x != z
        else:
            mo, d, order, ambiguous = x, z, "month/day/year (US order)", x != z
        y = int(c)
        if len(c) == 2:
            y = _two_digit_year(y)
            note = f"two-digit year read as {y}"
    try:
        d_ = dt.date(y, mo, d)
    except ValueError:
        return ParsedDate(None, original, "unreadable")
    if not _ok_year(y):
        return ParsedDate(None, original, "unreadable")
    return ParsedDate(_iso(d_), original, f"numeric, {order}", ambiguous, note)


def _written(original: str, *, day_first: bool) -> ParsedDate:
    """Dates in words (``April 21, 2018``, ``21 Apr 2018 14:03 GMT``) with dateutil."""
    from dateutil import parser

    if not re.search(r"\d", original) or len(original) > 80:
        return ParsedDate(None, original, "unreadable")
    try:
        # parsing twice with different defaults tells which parts the value states
        a = parser.parse(original, default=dt.datetime(1, 1, 1), dayfirst=day_first)
        b = parser.parse(original, default=dt.datetime(2, 2, 2), dayfirst=day_first)
    except (ValueError, OverflowError, parser.ParserError):
        return ParsedDate(None, original, "unreadable")
    if a.year != b.year or not _ok_year(a.year):
        return ParsedDate(None, original, "unreadable")  # no year stated
    method = "written date (python-dateutil)"
    if a.month != b.month:
        return ParsedDate(f"{a.year:04d}", original, method + ", year only")
    if a.day != b.day:
        return ParsedDate(f"{a.year:04d}-{a.month:02d}", original, method + ", month only")
    note = ""
    m = re.search(r"(?<![\d:])'?(\d{2})$", original.split()[-1]) if original.split() else None
    if m and not re.search(r"\d{4}", original):
        note = f"two-digit year read as {a.year}"
    return ParsedDate(a.date().isoformat(), original, method, False, note)
