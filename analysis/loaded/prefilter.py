"""Skip a lexicon pattern on texts it cannot match: the literal strings every match must contain.

Method
------
A regular expression is parsed (Python's own ``re`` parser) and, when it
allows, reduced to a set of literal strings such that every match contains
at least one of them: a run of literal characters is such a set of one; an
alternation gives the union of its branches' sets (only when every branch
has one); a group or a repetition of at least once gives its content's.  Of
the sets of a sequence, the one whose shortest string is longest is kept.
Look-arounds, character classes, optional parts and local flags give
nothing (the search is then never skipped).

A text none of whose strings it contains cannot match, so the search over
it is skipped; the hits are exactly the same, only cheaper (a substring
test instead of a regex attempt at every character).  For case-insensitive
patterns the test is on the lower-cased text and only with ASCII strings,
and it is not used on a text holding one of the four non-ASCII characters
that ``re.IGNORECASE`` matches to ASCII letters (:data:`ASCII_TWINS`: dotted capital I, dotless i, long s, Kelvin sign).
"""
from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

__all__ = ["required_literals", "ASCII_TWINS", "Prefilter"]

#: Non-ASCII characters that ``re.IGNORECASE`` matches to ASCII letters (found by matching ``[\x00-\x7f]``
#: case-insensitively against every other code point; tests/test_loaded.py checks it).
ASCII_TWINS = "\u0130\u0131\u017f\u212a"  # İ ı ſ and the Kelvin sign


def _seq(items) -> set[str] | None:
    sets: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            sets.append({"".join(run)})
            run = []
        r = _node(op, av)
        if r:
            sets.append(r)
    if run:
        sets.append({"".join(run)})
    sets = [s for s in sets if s and all(s)]
    return max(sets, key=lambda s: min(map(len, s)), default=None)


def _node(op, av) -> set[str] | None:
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, body = av
        return None if (add_flags or del_flags) else _seq(body)
    if op is _c.BRANCH:
        sets = [_seq(b) for b in av[1]]
        if not sets or any(not s for s in sets):
            return None
        return set().union(*sets)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        lo, _hi, body = av
        return _seq(body) if lo >= 1 else None
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _seq(av)
    return None


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Literal strings one of which every match of ``pattern`` contains, or None when none are found."""
    try:
        tree = _p.parse(pattern, flags)
    except (re.error, TypeError, ValueError):  # pragma: no cover - compiled elsewhere first
        return None
    s = _seq(list(tree))
    return frozenset(s) if s else None


class Prefilter:
    """``may_match(text)``: False only when ``rx`` cannot match ``text`` (see the module docstring)."""

    __slots__ = ("needles", "ignorecase")

    def __init__(self, rx: re.Pattern):
        self.ignorecase = bool(rx.flags & re.IGNORECASE)
        req = required_literals(rx.pattern, rx.flags)
        if req is not None and self.ignorecase:
            req = frozenset(s.lower() for s in req) if all(s.isascii() for s in req) else None
        self.needles = req

    def may_match(self, text: str, lower: str | None, twins: bool) -> bool:
        """``lower``: ``text.lower()``; ``twins``: ``text`` holds a character of :data:`ASCII_TWINS`."""
        if self.needles is None:
            return True
        if self.ignorecase:
            if twins:
                return True
            return any(n in lower for n in self.needles)
        return any(n in text for n in self.needles)
