"""Cue detection: the attribution-verb lexicon (``analysis/data/attribution_verbs.yaml``), inflected by
:mod:`analysis.inflection`, and the cue words and phrases of a masked text.

Part of :mod:`analysis.sources` (method and citations there).
"""
from __future__ import annotations

from functools import lru_cache
import re
import yaml

from ..inflection import verb_forms
from ..text import WORD_RE
from ..paths import PACKAGE_DATA


VERBS_FILE = PACKAGE_DATA / "attribution_verbs.yaml"


@lru_cache(maxsize=None)
def _verbs_data() -> dict:
    return yaml.safe_load(VERBS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def cue_classes() -> dict[str, tuple[str, str]]:
    """Every cue form (lower case) -> (lemma, class), from ``attribution_verbs.yaml``.

    Forms are the lemma's inflections (:func:`analysis.inflection.verb_forms`); spelling variants map to
    one lemma ("emphasised" -> "emphasize"), so cue counts are by lemma.
    """
    data = _verbs_data()
    phrasal = data.get("phrasal", {}) or {}
    canonical = {str(v): str(k) for k, vs in (data.get("variants", {}) or {}).items() for v in vs}
    out: dict[str, tuple[str, str]] = {}
    for cls, spec in data["classes"].items():
        for lemma in spec["lemmas"]:
            lemma = str(lemma)
            particle = phrasal.get(lemma)
            for f in verb_forms(lemma):
                out[f"{f} {particle}" if particle else f] = (canonical.get(lemma, lemma), cls)
    out["according to"] = ("according to", "neutral")
    out[":"] = (":", "neutral")
    return out


@lru_cache(maxsize=None)
def _not_cues() -> frozenset[str]:
    return frozenset(str(f) for f in _verbs_data().get("not_cues", []))


@lru_cache(maxsize=None)
def _cue_forms(beliefs: bool) -> frozenset[str]:
    return frozenset(f for f, (_, c) in cue_classes().items()
                     if f != ":" and (beliefs or c != "belief") and f not in _not_cues())



def _find_cues(masked: str, beliefs: bool) -> list[tuple[int, int]]:
    """(start, end) of every cue word or phrase in the masked text (quote interiors are masked out)."""
    forms = _cue_forms(beliefs)
    low = masked.lower()
    out = [(wm.start(), wm.end()) for wm in WORD_RE.finditer(low) if wm.group(0) in forms]
    for wm in _PHRASE_CUE.finditer(low):
        w, nxt = wm.group(1), wm.group(2)
        if w == "according" or f"{w} {nxt}" in forms:
            out.append((wm.start(), wm.end()))
    out.extend(gm.span(1) if gm.group(1) else gm.span(2) for gm in _GUARDED_CUE.finditer(masked))
    return sorted(out)


#: "adds", "notes", "states" are nouns too (not_cues); after a pronoun or a name and before a comma, a colon,
#: "that" or a quotation they are the verb ("He adds, “…”", "Smith notes that …").
_GUARDED_CUE = re.compile(r"(?:\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)\s+(?:also\s+)?(adds|notes|states)|[A-Z][\w’'-]+\s+"
                          r"(?:also\s+)?(adds|notes))(?=\s*(?:,|:|that\b|[“\"]))")  # "Rust Belt states that …"


_PHRASE_CUE = re.compile(r"(?<![\w’'-])(according|pointed|points|pointing|point)\s+(to|out)\b")


#: Cues that take a plain noun object ("declared independence"): content only after that / : / a quote.
_NEEDS_THAT = frozenset(_verbs_data().get("needs_that", []))
#: Speech acts of commitment whose content is an infinitive ("vowed to fight on").
_COMMIT = frozenset(_verbs_data().get("commitment", []))
#: Cues that take a recipient before the content ("told reporters that").
_TELL = tuple(_verbs_data().get("recipient", []))
