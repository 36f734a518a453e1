"""Negation flag: is a hit under a negator that scopes over it?

Method
------
A hit is *negated* when a negator (not, no, never, n't, without, hardly,
barely, nor, neither, cannot) stands before it in the same clause, separated
from it only by words that keep the negation's scope on the hit: articles and
determiners, forms of *be*/*have*/*do*, modal verbs, degree adverbs and
verbs of naming that act like a copula (called, considered, described as)
("was not heroic", "is not a massacre", "never so brutal", "without any
doubt").  This is the *window of function words* heuristic used for
negation scope in sentiment analysis (Hutto & Gilbert 2014, VADER's three
preceding words; Councill, McDonald & Velikovich 2010 on scope ending at
content words), narrowed to function words so that "did not say whether the
heinous attack" is not negated.

The hit's own words never negate it: "not a single", "no one", "never",
"without a doubt" and other entries that contain a negator are fixed phrases,
and entries in the ``absolutes`` category ("never", "nobody") are not
negated by a further negator in ordinary news use either, so their flag is
always false.

Known limits: no scope over coordination or long noun phrases ("not the
brave and heroic" flags "brave" only), no negative predicates ("denied that
it was a massacre"), no double negation.  Precision and recall on a test set
written for this project: ``tests/fixtures/loaded/negation.csv`` (see
``docs/loaded.md``).
"""
from __future__ import annotations

import re

from .lexicon import _TOKEN_RE
from .matcher import _apos

NEGATORS = frozenset({"not", "no", "never", "without", "nor", "neither", "hardly", "barely", "cannot",
                      "scarcely", "nothing"})
#: Words that may stand between a negator and the negated hit.
SCOPE_WORDS = frozenset("""
a an the any this that these those such some its their his her our my your
be been being is are was were am 's 're 'm
have has had do does did
will would shall should can could may might must
so too very really quite entirely exactly particularly necessarily always all only just even
more most as much
called considered deemed described labelled labeled termed regarded seen viewed
""".split())
_NOT_ONLY = frozenset({"only", "just", "merely", "simply"})
#: At most this many scope words between the negator and the hit.
MAX_GAP = 3

_CLAUSE_BREAK = re.compile(r"[,;:!?()\[\]—–\"“”]|\b(?:but|however|although|though|while|whereas|and|or)\b",
                           re.IGNORECASE)


def _own_negator(hit_text: str) -> bool:
    toks = [t.casefold() for t in _TOKEN_RE.findall(_apos(hit_text))]
    return any(t in NEGATORS or t.endswith("n't") for t in toks)


def negated(text: str, start: int, end: int, sent_start: int, *, category: str | None = None) -> bool:
    """True if a negator scopes over the hit ``text[start:end]`` (see the module docstring)."""
    if category == "absolutes" or _own_negator(text[start:end]):
        return False
    before = _apos(text[max(sent_start, start - 80):start]).casefold()
    cut = None
    for cut in _CLAUSE_BREAK.finditer(before):
        pass
    if cut is not None:
        before = before[cut.end():]
    toks = _TOKEN_RE.findall(before)
    gap = 0
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if t in NEGATORS or t.endswith("n't"):
            # "not only / not just X (but also Y)" adds to X rather than denying it
            return not (k + 1 < len(toks) and toks[k + 1] in _NOT_ONLY)
        if t not in SCOPE_WORDS or gap >= MAX_GAP:
            return False
        gap += 1
    return False
