"""Negation flag: a negator before a hit in the same clause, outside the hit's own words."""
from __future__ import annotations

import re

from .lexicon import _TOKEN_RE
from .matcher import _apos

_NEGATORS = {"not", "no", "never", "without", "nor", "neither", "hardly", "barely", "cannot"}

_CLAUSE_BREAK = re.compile(r"[;:!?()\[\]—–]|\b(?:but|however|although|though|while|whereas)\b", re.IGNORECASE)


def _negated(text: str, start: int, sent_start: int) -> bool:
    """A negator among the (up to) eight words before ``start`` in the same clause."""
    before = _apos(text[max(sent_start, start - 120):start]).casefold()
    cut = None
    for cut in _CLAUSE_BREAK.finditer(before):
        pass
    if cut is not None:
        before = before[cut.end():]
    toks = _TOKEN_RE.findall(before)[-8:]
    return any(t in _NEGATORS or t.endswith("n't") for t in toks)

