"""English inflection and lemmatisation: the one definition for the whole package.

Method
------
Forms come from LemmInflect (Jascob 2019, https://github.com/bjascob/LemmInflect, MIT), whose
dictionary is derived from the SPECIALIST Lexicon (US National Library of Medicine) and whose
out-of-vocabulary rules were fitted on the English Web Treebank.  Dictionary forms are used whenever
the lexicon knows the word; rule-based (OOV) forms only for a word the lexicon does not know, and only
for the parts of speech asked for.  Nothing is downloaded: the lexicon ships inside the package.

Adverbs are not inflections, so LemmInflect does not make them; :func:`inflections` with ``"adj"``
adds an ``-ly`` adverb only when LemmInflect's lexicon knows that adverb ("terrible" -> "terribly";
"massacre" never gives "massacrely").

Spelling variants (emphasise/emphasize) are different lemmas to LemmInflect; callers that count by
lemma map them with their own data (e.g. ``variants`` in ``analysis/data/attribution_verbs.yaml``).

Known limits: comparatives of adjectives the lexicon does not know are not generated (no "brutaler");
phrasal verbs are inflected on their first word only by callers that split them.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import lemminflect

__all__ = ["inflections", "verb_forms", "lemma", "lemmas"]

_UPOS = {"noun": "NOUN", "verb": "VERB", "adj": "ADJ"}


def _known(word: str, upos: str) -> dict[str, tuple[str, ...]]:
    return lemminflect.getAllInflections(word, upos=upos) or {}


@lru_cache(maxsize=65536)
def _forms(word: str, kind: str) -> frozenset[str]:
    upos = _UPOS[kind]
    known = _known(word, upos)
    if not known and kind in ("noun", "verb") and not any(_known(word, u) for u in _UPOS.values()):
        known = lemminflect.getAllInflectionsOOV(word, upos=upos) or {}
    out = {f for forms in known.values() for f in forms}
    if kind == "verb" and known:
        vbn = lemminflect.getInflection(word, "VBN")  # the participle, when the lexicon lists only VBD
        out.update(vbn or ())
    return frozenset(out)


@lru_cache(maxsize=65536)
def _adverbs(word: str) -> frozenset[str]:
    if not _known(word, "ADJ"):
        return frozenset()
    cands = {word + "ly", word + "ally"}
    if word.endswith("le"):
        cands.add(word[:-1] + "y")
    if word.endswith("y"):
        cands.add(word[:-1] + "ily")
    if word.endswith("ll"):
        cands.add(word + "y")
    return frozenset(c for c in cands if "ADV" in lemminflect.getAllLemmas(c, upos="ADV"))


def inflections(word: str, kinds: Iterable[str] = ("noun", "verb", "adj")) -> set[str]:
    """``word`` and its inflections for the parts of speech in ``kinds`` (``noun``, ``verb``, ``adj``).

    Nouns: plural; verbs: -s, past, participle, -ing; adjectives: comparative, superlative and a known
    ``-ly`` adverb.  Case is kept as given (pass lower case for lexicon matching).
    """
    out = {word}
    if not word or not word[-1].isalpha():
        return out
    head, sep, last = word.rpartition(" ")
    if sep:  # a phrase: inflect its last word ("smear campaign" -> "smear campaigns")
        return {head + sep + f for f in inflections(last, kinds)}
    for kind in kinds:
        if kind not in _UPOS:
            raise ValueError(f"unknown part of speech {kind!r} (noun, verb or adj)")
        out |= _forms(word, kind)
        if kind == "adj":
            out |= _adverbs(word)
    return out


def verb_forms(lemma_: str) -> set[str]:
    """The lemma and every inflected form of a verb ("stop" -> stop, stops, stopped, stopping)."""
    return inflections(lemma_, ("verb",))


@lru_cache(maxsize=65536)
def lemmas(word: str, upos: str = "VERB") -> tuple[str, ...]:
    """Every lemma LemmInflect gives ``word`` as ``upos`` (dictionary first, then its rules)."""
    found = lemminflect.getAllLemmas(word, upos=upos).get(upos)
    if not found:
        found = lemminflect.getAllLemmasOOV(word, upos=upos).get(upos)
    return tuple(found or (word,))


def lemma(word: str, upos: str = "VERB") -> str:
    """The first lemma of ``word`` ("emphasised" -> "emphasise", "told" -> "tell")."""
    return lemmas(word.lower(), upos)[0]
