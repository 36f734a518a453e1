"""Targets: the actor or noun phrase a loaded hit is aimed at, when one is in reach.

Method
------
A rule of proximity inside the hit's clause (the sentence cut at ``; : ( )``
and dashes):

1. the nearest *name* in the clause: a run of capitalised words (possessive
   *'s* dropped; "Armenia's occupation army" -> Armenia), skipping the hit's
   own words, pronoun "I", weekdays and months; at equal distance the name
   after the hit wins (a modifier precedes its head); a lone capitalised
   word at a sentence start counts only when it is not an English word in
   LemmInflect's dictionary ("Armenia's ..." yes, "Critics ..." no);
2. otherwise the noun phrase the hit modifies: up to three adjectives and
   nouns right after it, ending with a noun ("heinous attack" -> attack),
   stopping at a function word, a verb or punctuation (parts of speech from
   LemmInflect's dictionary).

Words are :func:`analysis.text.word_spans`; function words are
scikit-learn's English stop-word list (Glasgow IR group; BSD).  This is a
heuristic, not a parse: it reads "who is labelled how" from adjacency, and
says nothing when no candidate is in the clause.

Known limits: no coreference (a pronoun target stays empty), a name in the
clause may be the speaker rather than the target ("Aliyev called the
regime..."), and lower-case actors ("the government") are found only as
modified noun phrases.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..text import word_spans
from .features import _pos
from .words import Words

_CLAUSE = re.compile(r"[;:()\[\]—–]")
_SKIP = frozenset("""i monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december mr mrs ms dr""".split())
_JOIN = frozenset({"of", "de", "al", "bin", "van", "von"})


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    from .features import english_stop_words

    return english_stop_words() | {"said", "says", "told", "s"}


def _clause(text: str, start: int, end: int, sent_start: int, sent_end: int) -> tuple[int, int]:
    lo, hi = sent_start, sent_end
    for m in _CLAUSE.finditer(text, sent_start, start):
        lo = m.end()
    m = _CLAUSE.search(text, end, sent_end)
    if m:
        hi = m.start()
    return lo, hi


_POSSESSIVE = ("'s", "’s")


def _strip_poss(w: str) -> str:
    return w[:-2] if w.endswith(_POSSESSIVE) else w


def _names(text: str, spans: list[tuple[int, int]], sent_start: int) -> list[tuple[int, int]]:
    """Runs of capitalised words (offsets), with joiners like 'of' inside."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []

    def flush():
        while run and text[run[-1][0]:run[-1][1]].lower() in _JOIN:
            run.pop()
        if run:
            a, b = run[0][0], run[-1][1]
            w = _strip_poss(text[a:b])
            # a lone capitalised word at the start of a sentence is a name only if it is not an English word
            single_initial = (len(run) == 1 and not text[sent_start:a].strip(" \"“'‘")
                              and (_pos(w.lower()) or w.lower() in _stop()))
            if not single_initial and w.lower() not in _SKIP:
                out.append((a, a + len(w)))
        run.clear()

    prev_end = None
    for a, b in spans:
        w = text[a:b]
        if w[:1].isupper():
            if run and not (prev_end is not None and text[prev_end:a] == " "):
                flush()
            run.append((a, b))
        elif run:  # (flushing an empty run does nothing: most words skip it)
            if w in _JOIN and prev_end is not None and text[prev_end:a] == " ":
                run.append((a, b))
            else:
                flush()
        prev_end = b
        if w.endswith(_POSSESSIVE):
            if run:
                flush()
            prev_end = None
    flush()
    return out


def target_of(text: str, start: int, end: int, sent_start: int, sent_end: int, *, words: Words | None = None) -> str:
    """The actor or noun phrase the hit ``text[start:end]`` is aimed at, or ``""``.

    ``words``: the :class:`~analysis.loaded.words.Words` of ``text``, when the caller has them.
    """
    lo, hi = _clause(text, start, end, sent_start, sent_end)
    if words is not None:
        spans = words.spans_in(lo, hi)
    else:
        spans = [(a + lo, b + lo) for a, b in word_spans(text[lo:hi])]
    best = None
    for a, b in _names(text, spans, sent_start):
        if a < end and b > start:
            continue  # the hit itself
        dist = (a - end) if a >= end else (start - b) + 0.5  # after the hit wins ties
        if best is None or dist < best[0]:
            best = (dist, a, b)
    if best is not None:
        return text[best[1]:best[2]]
    stop = _stop()
    head: list[tuple[int, int]] = []
    for a, b in spans:
        if a < end:
            continue
        if head and text[head[-1][1]:a] != " ":
            break
        if not head and text[end:a].strip():
            break
        w = text[a:b]
        pos = _pos(w.lower())
        if w.lower() in stop or not w.replace("-", "").isalpha() or (pos and not {"NOUN", "ADJ"} & set(pos)):
            break
        head.append((a, b))
        if len(head) == 3:
            break
    while head and "NOUN" not in _pos(text[head[-1][0]:head[-1][1]].lower()):
        head.pop()  # the phrase ends with its head noun
    return text[head[0][0]:head[-1][1]] if head else ""
