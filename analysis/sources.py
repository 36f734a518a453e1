"""Source attribution: direct, mixed and indirect quotes, their speakers, and per-article sourcing ratios.

Method (rule based, regular expressions and lexicons; nothing is downloaded)
-----------------------------------------------------------------------------
An *attribution* links a source (speaker), a cue (reporting verb, "according to" or a colon) and the
content, following the attribution-relation model of Pareti (2015, PARC 3.0: "Attribution: a computational
approach", PhD thesis, University of Edinburgh) as used for political news by PolNeAR (Newell, Margolin &
Ruths 2018, "An attribution relations corpus for political news", LREC).  The rules are those of
sieve-style rule-based quote attribution (Muzny, Fang, Chang & Jurafsky 2017, "A two-stage sieve approach
for quote attribution", EACL) and of the GenderGapTracker's syntactic quote patterns (Asr et al. 2021,
"The Gender Gap Tracker", PLOS ONE 16(1)), written over surface patterns instead of a parser:

1. *Quote spans.*  Curly and straight double quote marks are paired within a paragraph.  A paragraph that
   leaves a quote open continues it when the next paragraph opens with a quote mark (the multi-paragraph
   convention) or closes a quote it never opened; otherwise the quote is capped at the paragraph end, so
   an unbalanced mark never swallows the rest of the article.
2. *Units.*  Quote interiors are masked and the text is split into sentences outside quotes, so a quote
   of several sentences and its attribution form one unit.
3. *Cues.*  Every reporting verb from ``analysis/data/attribution_verbs.yaml`` (inflected), "according
   to" and a colon before a quote is a candidate cue.  Rules, tried in order (the ``rule`` column):
   ``post-subject``   CONTENT, SPEAKER CUE.            (“…,” Gut said. / …, officials said.)
   ``post-inverted``  CONTENT, CUE SPEAKER.            (“…,” said Prof. Gut.)
   ``pre-subject``    SPEAKER CUE [RECIPIENT] [that|:] CONTENT  (Gut told me that … / X stated: “…”)
   ``according-pre``  According to SPEAKER, CONTENT.   ``according-post``  CONTENT, according to SPEAKER.
   ``participle``     …, CUE-ing CONTENT (the clause's subject)   ``coordinated``  X did …, and CUE CONTENT
   ``passive``        CONTENT, CUE-ed by SPEAKER, …
   ``colon``          SPEAKER: “…” (and transcript lines)    ``+continuation``  a quote-only sentence right
   after an attributed quote in the same paragraph joins it (``merge_continuations``; else a separate row
   with rule ``continuation``).  ``floating``  a quote-only paragraph right after a paragraph that
   attributes speech, given to that paragraph's last speaker.
   A speaker must be a noun phrase: a pronoun, a capitalised name, or a determiner phrase whose head is a
   person, group or document noun; negated ("declined to comment", "did not say") and hypothetical ("can
   confirm") cues are dropped.  ``content`` leaves out a tag that interrupts a quotation; ``quote`` is
   always the verbatim ``text[start:end]``.
4. *Kinds.*  ``direct``: the content is one quote (or quote parts around the attribution); ``mixed``:
   reported speech containing a quoted fragment; ``indirect``: no quote marks.  Quoted phrases with no cue
   (organisation names, nicknames, scare quotes such as “strategic partnership”) are not attributions.
5. *Speakers* (see :mod:`analysis.speakers`): names are merged per article into one canonical speaker
   (registry first, then the longest variant in the text); pronouns resolve to the most recent named
   speaker; definite descriptions ("the senior Azerbaijani official") to the most recent named speaker
   whose role and side fit; indefinite or unmatched descriptions ("a government official", "sources")
   stay anonymous with their description as the mention.

Measured accuracy, commands and known limits: docs/sources.md.  In short: no parser, so long subjects,
passive attributions ("…, was told") and speakers named only in another sentence are often missed; the
content of an indirect attribution runs to the end of its sentence; English only.
"""
from __future__ import annotations

import bisect
import logging
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Iterable

import pandas as pd
import yaml

from . import speakers as spk
from .paths import PACKAGE_DATA
from .speakers import Registry, load_registry, slug
from .inflection import verb_forms
from .text import WORD_RE, paragraphs, voice
from .text import sentences as sentences_of

log = logging.getLogger(__name__)

__all__ = [
    "Attribution",
    "COLUMNS",
    "extract",
    "attributions_table",
    "sources_table",
    "sourcing_ratios",
    "quoted_spans",
    "voice",
    "load_registry",
    "quote_spans",
    "cue_classes",
]

VERBS_FILE = PACKAGE_DATA / "attribution_verbs.yaml"

COLUMNS = ["article_id", "kind", "quote", "start", "end", "speaker", "speaker_mention", "speaker_role",
           "speaker_side", "cue", "rule"]
EXTRA_COLUMNS = ["sentence", "quoted_words", "cue_class", "speaker_rule", "class_rule", "anonymous", "content"]

_OPEN = "“"
_CLOSE = "”"
_WORD = WORD_RE  # one definition of a word, so quoted-word shares and article word counts agree


@dataclass
class Attribution:
    """One attribution relation: who said what, with which cue, where (offsets into the text)."""

    kind: str
    quote: str
    start: int
    end: int
    speaker: str = ""
    speaker_mention: str = ""
    speaker_role: str = "unknown"
    speaker_side: str = "unknown"
    cue: str = ""
    rule: str = ""
    sentence: int = -1
    quoted_words: int = 0
    cue_class: str = ""
    speaker_rule: str = ""
    class_rule: str = ""
    anonymous: bool = False
    #: the content without an attribution tag inside it: “A,” she said, “B.” -> “A,” … “B.” (else = quote)
    content: str = ""
    mention_start: int = -1
    cue_start: int = -1


# ------------------------------------------------------------------------------------------- lexicons
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


_WORDTOK = re.compile(r"[A-Za-z]+(?:[’'-][A-Za-z]+)*")


def _find_cues(masked: str, beliefs: bool) -> list[tuple[int, int]]:
    """(start, end) of every cue word or phrase in the masked text (quote interiors are masked out)."""
    forms = _cue_forms(beliefs)
    low = masked.lower()
    out = [(wm.start(), wm.end()) for wm in _WORDTOK.finditer(low) if wm.group(0) in forms]
    for wm in _PHRASE_CUE.finditer(low):
        w, nxt = wm.group(1), wm.group(2)
        if w == "according" or f"{w} {nxt}" in forms:
            out.append((wm.start(), wm.end()))
    return sorted(out)


_PHRASE_CUE = re.compile(r"(?<![\w’'-])(according|pointed|points|pointing|point)\s+(to|out)\b")


# --------------------------------------------------------------------------------------- quote spans
def _paragraphs(text: str) -> list[tuple[int, int]]:
    return paragraphs(text)


def _is_open_straight(text: str, i: int, j: int) -> bool | None:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[j] if j < len(text) else " "
    if (prev.isspace() or prev in "([{—–-/:") and not nxt.isspace():
        return True
    if not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)]—–-"):
        return False
    return None


_MARK = re.compile(r"“|”|„|''|``|\"")


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of every double-quoted span, quote marks included.

    Curly and straight marks (and the doubled apostrophes ``''`` of some wire copy); multi-paragraph
    quotes; an unclosed quote ends at its paragraph's end.
    """
    spans: list[tuple[int, int, bool]] = []
    paras = _paragraphs(text)
    carry: int | None = None  # start of a quote continued from the previous paragraph
    capped_prev: int | None = None  # index in `spans` of a quote capped at the previous paragraph end
    for pi, (a, b) in enumerate(paras):
        open_at: int | None = carry
        carry = None
        capped_here = None
        for mk in _MARK.finditer(text, a, b):
            i, j, ch = mk.start(), mk.end(), mk.group(0)
            if ch in ("“", "„", "``"):
                kind = "open"
            elif ch == "”":
                kind = "close"
            else:
                st = _is_open_straight(text, i, j)
                kind = ("open" if st else "close") if st is not None else ("close" if open_at is not None else "open")
            if kind == "open":
                if open_at is None:
                    open_at = i
            else:
                if open_at is not None:
                    spans.append((open_at, j, True))
                    open_at = None
                elif capped_prev is not None and i > a:
                    spans[capped_prev] = (spans[capped_prev][0], j, True)  # a quote running on into this paragraph
                    capped_prev = None
        capped_prev = None
        if open_at is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            tagged_here = any(sp[0] >= a and sp[1] <= open_at for sp in spans)
            if nxt is not None and _MARK.match(text, nxt[0]) and text[nxt[0]] != "”" \
                    and not (tagged_here and _own_tag(text, nxt)):
                carry = open_at
            else:
                spans.append((open_at, b, False))
                capped_here = len(spans) - 1
        capped_prev = capped_here
    return spans


_TAG_AFTER = re.compile(r"[,!?]?\s*(?:he|she|they|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s+(?:added|said|says|"
                        r"continued|told|noted|explained|went on)\b")


def _own_tag(text: str, para: tuple[int, int]) -> bool:
    """True when the paragraph's first quote closes and is followed by its own "…,” he added" tag."""
    a, b = para
    first = _MARK.search(text, a + 1, b)
    while first is not None and first.group(0) not in ("”", "''", '"'):
        first = _MARK.search(text, first.end(), b)
    if first is None:
        return False
    return bool(_TAG_AFTER.match(text, first.end()))


def _interior(text: str, s: int, e: int, closed: bool) -> tuple[int, int]:
    a = s + (2 if text[s:s + 2] in ("''", "``") else 1)
    if not closed:
        return a, e
    return a, e - (2 if text[e - 2:e] == "''" else 1)


_UPPER_RX = re.compile(r"[^\W\d_a-z]")
_LOWER_RX = re.compile(r"[^X ]")


def _mask(text: str, spans: list[tuple[int, int, bool]]) -> str:
    chars = list(text)
    for s, e, closed in spans:
        a, b = _interior(text, s, e, closed)
        chars[s:a] = _OPEN * (a - s)
        if closed:
            chars[b:e] = _CLOSE * (e - b)
        keep_last = closed and b > a and text[b - 1] in ".,!?"
        seg = text[a:b - 1] if keep_last else text[a:b]
        seg = _LOWER_RX.sub("x", _UPPER_RX.sub("X", seg))
        chars[a:a + len(seg)] = seg
    out = "".join(chars)
    # short parentheticals ("Sen. Marco Rubio (R-Fla.) said") are blanked for structure analysis
    return re.sub(r"\([^()“”\"\n]{1,40}\)", lambda mm: " " * len(mm.group(0)), out)


def _mask_short(text: str, masked: str, spans) -> str:
    """``masked`` with the marks of short quoted names (“AzIz”, “Going Viral”) turned into apostrophes,
    so that a noun phrase containing one is not cut at its quote marks."""
    chars = None
    for s, e, closed in spans:
        if not closed:
            continue
        a, b = _interior(text, s, e, closed)
        inner = text[a:b]
        if len(inner.split()) <= 4 and not inner.rstrip().endswith((".", ",", "!", "?")):
            if chars is None:
                chars = list(masked)
            for i in list(range(s, a)) + list(range(b, e)):
                chars[i] = "'"
    out = "".join(chars) if chars is not None else masked
    # dash-delimited appositions read like comma-delimited ones: "The justice -- who … -- said"
    return out.replace(" -- ", " ,  ").replace("—", ",")  # same length: offsets are shared with ``text``


def _units(masked: str) -> list[tuple[int, int]]:
    """Sentences of the masked text (quote interiors masked, so a quotation of several sentences and its
    attribution stay one unit), from the package's one sentence splitter (:func:`analysis.text.sentences`)."""
    return [(x.start, x.end) for x in sentences_of(masked)]


# ---------------------------------------------------------------------------------------- NP checks
_PRONOUNS = {"he", "she", "they", "i", "we", "it"}
_DETS = {"the", "a", "an", "another", "one", "two", "three", "four", "five", "several", "some", "many", "most",
         "few", "other", "his", "her", "their", "its", "our", "my", "your", "both", "all", "these", "those",
         "this", "that", "no", "each", "every", "senior", "top", "former", "more", "fellow"}
_HEADS = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "source", "sources",
    "minister", "ministers", "president", "analyst", "analysts", "expert", "experts", "scientist", "scientists",
    "professor", "researcher", "researchers", "diplomat", "diplomats", "ambassador", "envoy", "representative",
    "representatives", "aide", "aides", "adviser", "advisers", "advisor", "advisors", "lawmaker", "lawmakers",
    "senator", "senators", "congressman", "congresswoman", "governor", "mayor", "leader", "leaders", "candidate",
    "candidates", "campaign", "report", "reports", "statement", "statements", "study", "studies", "poll", "polls",
    "survey", "surveys", "letter", "memo", "document", "documents", "website", "ad", "ads", "book", "article",
    "paper", "editorial", "complaint", "lawsuit", "filing", "data", "analysis", "administration", "government",
    "ministry", "department", "agency", "committee", "group", "groups", "organization", "organisation", "party",
    "company", "firm", "officer", "officers", "police", "critics", "supporters", "opponents", "observers",
    "people", "residents", "voters", "members", "member", "man", "woman", "men", "women", "witness", "witnesses",
    "reporter", "reporters", "journalist", "journalists", "editor", "columnist", "correspondent", "author",
    "authors", "writer", "director", "chairman", "chairwoman", "chair", "head", "chief", "executive", "executives",
    "ceo", "secretary", "attorney", "lawyer", "lawyers", "prosecutor", "prosecutors", "judge", "court", "panel",
    "activist", "activists", "advocate", "advocates", "economist", "economists", "strategist", "strategists",
    "pollster", "pollsters", "historian", "scholar", "scholars", "commentator", "commentators", "critic",
    "republicans", "democrats", "conservatives", "liberals", "staff", "staffer", "staffers", "team", "office",
    "manager", "chairman", "father", "mother", "son", "daughter", "wife", "husband", "friend", "friends", "family",
    "student", "students", "teacher", "doctor", "doctors", "worker", "workers", "owner", "founder", "person",
    "user", "users", "insiders", "insider", "general", "commander", "military", "army", "coalition", "council",
    "administrator", "counterpart", "counterparts", "delegation", "tweet", "post", "release", "statement",
    "figures", "numbers", "records", "research", "estimates", "forecast", "models", "transcript", "emails",
    "percent", "%", "respondents", "boy", "girl", "child", "children", "kid", "kids", "teenager", "resident",
    "veteran", "veterans", "farmer", "farmers", "employee", "employees", "nurse", "driver", "voter",
    "delegate", "delegates", "participant", "participants", "attendee", "attendees", "guest", "caller", "viewer",
    "viewers", "reader", "readers", "audience", "crowd", "protester", "supporter", "opponent", "victim", "victims",
    "survivor", "survivors", "mom", "dad", "grandmother", "neighbor", "neighbour", "owner", "operator",
    "consultant", "consultants", "operative", "operatives", "donor", "lobbyist", "lobbyists", "surrogate",
    "surrogates", "campaigns", "businessman", "businesswoman", "billionaire", "nominee",
    "front-runner", "frontrunner", "pundit", "pundits", "organizer", "organizers", "organizations", "others",
    "scientist", "friend", "strategist", "insiders", "leaders", "officials", "board", "side", "camp", "biographer", "biographers", "historian",
    "historians", "newspaper", "paper", "magazine", "network", "outlet", "site", "blog", "columnists", "justice", "judge", "neurosurgeon", "actor", "actress",
    "star", "singer", "host", "anchor", "comedian", "chef", "coach", "player", "pastor", "priest", "rabbi", "imam",
    "bishop", "pope", "professor", "instructor", "mogul", "tycoon", "developer", "magnate", "heir", "heiress", "majority", "plurality", "americans", "democrats", "republicans", "voters",
    "associates", "allies", "colleagues", "confidants", "backers", "donors", "backer", "ally", "colleague",
    "confidant", "aide", "spokesmen", "spokeswomen", "organizers", "investigators", "agents", "researchers",
    "scientists", "doctors", "parents", "neighbors", "fans", "students", "protesters", "demonstrators",
    "independents", "conservatives", "moderates", "spokesperson", "representatives", "official", "source",
}
_BAD_IN_NP = {
    "is", "are", "was", "were", "be", "been", "being", "am", "will", "would", "can", "could", "may", "might",
    "must", "should", "shall", "do", "does", "did", "that", "which", "who", "whom", "whose", "when", "where",
    "if", "because", "while", "although", "though", "since", "after", "before", "to", "not", "never", "it",
    "there", "what", "how", "why", "has", "have", "had", "also", "this", "than", "so", "but", "and", "or",
    "as", "then", "yet", "into", "by", "with", "without", "about",
}
_LEAD_STRIP = re.compile(
    r"^(?:(?:and|but|so|yet|or|also|however|meanwhile|then|now|still|instead|indeed|as|when|while|after|before|"
    r"because|if|although|though|since|where|whereas|once|in\s+turn|moreover|furthermore|later|earlier|"
    r"finally|separately|similarly|likewise|previously|recently|last\s+\w+|on\s+\w+day|yesterday|today)\b[\s,]*)+",
    re.IGNORECASE)
_AUX_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|also|later|previously|recently|repeatedly|once|often|will|would|did|does|do|again|"
    r"further|publicly|privately|reportedly|then|quickly|flatly|simply|first|always|even|just|only|already|"
    r"long|frequently|has\s+long|once\s+again|had\s+earlier|earlier|last\s+week|on\s+\w+day|tuesday|monday|"
    r"wednesday|thursday|friday|saturday|sunday|yesterday|today|may|might|could|can|should|must|is|was|were|are|"
    r"be|been|being|is\s+expected\s+to|clearly|strongly|specifically|explicitly|correctly|rightly|"
    r"wrongly|falsely|openly|bluntly|directly|sharply|angrily|separately|similarly|additionally|"
    r"subsequently|likewise|went\s+on\s+to|going\s+on\s+to|in\s+turn))+$", re.IGNORECASE)
_MODAL_TAIL = re.compile(r"\b(?:can|could|may|might|should|must|would)(?:\s+(?:also|only|easily|certainly|"
                         r"probably|well|not))*\s*$", re.IGNORECASE)
_NEGATION_TAIL = re.compile(
    r"(?:declin\w*|refus\w*|not|n[’']t|never|no\s+longer|unwilling|unable|fail\w*|wouldn|couldn|didn|won)\s+"
    r"(?:to\s+|be\s+able\s+to\s+|immediately\s+)*(?:\w+\s+)?$", re.IGNORECASE)


_NUM = (r"(?:\d[\d.,]*%?|one|two|three|four|five|six|seven|eight|nine|ten|half|a\s+third|a\s+quarter|two-thirds|"
        r"three-fourths|one-third|one-quarter|a\s+fifth|three-quarters|a\s+majority|a\s+plurality|most|many|some|few|a\s+few|several)")
_QUANT = re.compile(r"(?i)^(?:about|nearly|almost|roughly|around|more\s+than|fewer\s+than|less\s+than|only|just|over|"
                    r"under)?\s*" + _NUM + r"(?:\s+(?:percent|per\s+cent|%))?(?:\s+(?:in|of|out\s+of)\s+(?:\d+|ten|"
                    r"three|four|five|them|those|the\s+\w+|all|respondents|voters|\w+\s+\w+|\w+))*\s*$")


_POST_MODS = {"in", "of", "at", "from", "for", "with", "close", "familiar", "briefed", "who", "that", "involved",
              "working", "inside", "within", "across", "on", "around", "near", "outside", "representing", "aligned",
              "allied", "loyal", "interviewed", "surveyed", "polled", "attending"}


def _np_kind(frag: str) -> str | None:
    """'pronoun' | 'name' | 'description' | 'anonymous' for a plausible speaker noun phrase, else None."""
    f = frag.strip().strip("—–-").strip()
    if not f:
        return None
    toks = f.split()
    low = [t.strip(".,’'").casefold() for t in toks]
    if len(toks) == 1 and low[0] in _PRONOUNS:
        return "pronoun"
    if len(toks) == 1 and low[0] in {"this", "that", "these", "those", "each", "every", "another", "both", "such"}:
        return None
    if len(toks) > 14:
        return None
    if len(toks) <= 12 and not re.search(r"\b(?:said|says|told|say)\b", f):
        # "protest organizers in Cleveland", "people briefed on the situation", "organizations that endorsed him"
        hi = next((i for i, w in enumerate(low[:4]) if w in _HEADS), None)
        if hi is not None and hi + 1 < len(low) and low[hi + 1] in _POST_MODS and \
                all(w in _DETS or not t[:1].isupper() or w in spk._demonyms() for w, t in zip(low[:hi], toks[:hi])) and \
                (low[hi + 1] in ("who", "that") or
                 not any(w in {"is", "are", "was", "were", "has", "have", "had"} for w in low[hi + 1:hi + 3])):
            return _desc_kind(low) if low[0] in _DETS else "anonymous"
    if low[0] == "those" and len(low) == 2 and low[1] in ("surveyed", "polled", "asked", "questioned", "interviewed"):
        return "anonymous"
    if "who" in low[1:] and 0 < low.index("who") <= 4 and len(toks) <= 12:
        k = _np_kind(" ".join(toks[:low.index("who")]))
        if k in ("description", "anonymous", "name") and not re.search(r"\b(?:said|says|told)\b", f):
            return k  # "Supporters who have heard directly from the campaign say"
    if "to" in low[1:] and low[low.index("to") - 1] in _HEADS and len(toks) <= 6:
        low = [w for i, w in enumerate(low) if not (w == "to" and i > 0 and low[i - 1] in _HEADS)]
    if any(t in _BAD_IN_NP for t in low[1:]) and not _has_paren(f):
        # "of"/"for" phrases are fine ("a spokesman for the campaign"); finite verbs and clause words are not
        return None
    if low[0] in _BAD_IN_NP and low[0] not in {"this", "that"}:
        return None
    head = low[-1].removesuffix("’s").removesuffix("'s")
    first_upper = toks[0][:1].isupper()
    if low[0] in ("the", "a", "an") and len(toks) > 3:
        pi = next((i for i, w in enumerate(low) if w in ("of", "for", "in", "at", "on", "from", "with")), None)
        if pi is not None and pi > 1 and toks[pi - 1][:1].islower() and low[pi - 1] not in _HEADS:
            return None  # "the installation of a monument for X in Yerevan" is not a speaker
    if _QUANT.match(f):
        return "anonymous"  # poll groups: "21 percent", "One in three", "About four in 10", "most of them"
    if head in _HEADS and not any(t[:1].isupper() for t in toks[1:]) and (len(toks) == 1 or low[0] in _DETS):
        return _desc_kind(low) if len(toks) > 1 else "anonymous"  # "Sources", "The minister", "Officials"
    has_name = any(t[:1].isupper() and t.strip(".,").casefold() not in _DETS for t in toks)
    if not first_upper and low[0] not in _DETS and head not in _HEADS and low[0] not in _HEADS \
            and not low[0][:1].isdigit():
        return None
    if (toks[-1][:1].isupper() or toks[-1].endswith(")")) and not first_upper and low[0] in _DETS:
        pi = next((i for i, w in enumerate(low) if w in ("of", "for", "at", "in", "from", "with", "on", "to")), None)
        if pi is not None and pi > 0 and not spk.name_of(" ".join(toks[:pi])):
            # "the Republican mayor of Miami" / "a spokesman for Exxon Mobil": a description, the name is in the PP
            return _desc_kind(low) if low[pi - 1] in _HEADS else None
    if toks[-1][:1].isupper() or toks[-1].endswith(")"):
        name = spk.name_of(f)
        if name:
            return "name"
        if head in _HEADS:
            return _desc_kind(low)
        return "name" if has_name else None
    if head in _HEADS:
        return _desc_kind(low)
    return None


def _has_paren(f: str) -> bool:
    return "(" in f


def _desc_kind(low: list[str]) -> str:
    if low[0] in {"the", "this", "that", "these", "those", "his", "her", "their", "its", "our"}:
        return "description"
    return "anonymous"


# -------------------------------------------------------------------------------------------- extraction
_SUBJ_BOUND = re.compile(r"[,;:(“”\"—–]|\s-\s|\)")


_TRANSPARENT = re.compile(
    r"meanwhile|however|too|though|in turn|for example|for instance|instead|for (?:his|her|their|its) part|"
    r"in a statement|in an interview|in a (?:phone |telephone )?interview|in (?:a|an) \w+ interview|"
    r"on \w+day|last week|this week|at the time|in response|for now|again|also|separately|similarly|"
    r"in an email|in a tweet|later|earlier|yesterday|today|still|of course|indeed|in fact")


def _segments_back(m: str, lo: int, end: int, n: int = 3) -> list[tuple[int, int, str]]:
    """Up to ``n`` clause segments ending at ``end``, last first: (start, end, boundary char before it)."""
    out = []
    hi = end
    for _ in range(n):
        seg = m[lo:hi]
        b = None
        for bm in _SUBJ_BOUND.finditer(seg):
            b = bm
        st = lo + (b.end() if b else 0)
        out.append((st, hi, b.group(0).strip() if b else ""))
        if b is None:
            break
        hi = lo + b.start()
    return out


def _trim(m: str, s: int, e: int) -> int:
    frag = m[s:e]
    off = len(frag) - len(frag.lstrip())
    lead = _LEAD_STRIP.match(frag.strip())
    return s + off + (lead.end() if lead else 0)


def _is_appos(frag: str) -> bool:
    f = frag.strip()
    low = f.lower()
    if low.startswith(("who ", "who’s", "whose ")):
        return len(f.split()) <= 32
    if not f or len(f.split()) > 18:
        return False
    if re.search(r"\b(?:said|says|told)\b", low) or \
            re.search(r"\b(?:is|are|was|were|has|have|had|will|would)\b", low) and not re.search(r"\b(?:who|which|that)\b", low):
        return False
    return f[:1].islower() or low.startswith(("the ", "a ", "an ")) or bool(re.match(r"[A-Z][\w.’'-]*\s+(?:of|for|at)\b", f))


def _subject_before(m: str, lo: int, c: int) -> tuple[int, int, str, str] | None:
    """Speaker NP ending just before position ``c`` of masked text ``m`` (not before ``lo``).

    Handles "X said", "X, a professor at Y, said", "the CEO, X, said", "X, who …, said".
    Returns (start, end, kind, apposition) or None.
    """
    pre = m[lo:c]
    neg = _NEGATION_TAIL.search(pre)
    if neg and neg.group(0).strip():
        return None
    if _MODAL_TAIL.search(pre):
        return None  # hypothetical: "Every Jew who has been there can confirm that …"
    pre = pre.rstrip()
    t = _AUX_TAIL.search(pre)
    end = lo + (t.start() if t else len(pre))
    while end > lo and m[end - 1].isspace():
        end -= 1
    if end <= lo:
        return None
    segs = _segments_back(m, lo, end, 6)
    while len(segs) > 1 and segs[0][2] == "," and _TRANSPARENT.fullmatch(m[segs[0][0]:segs[0][1]].strip().lower()):
        segs = segs[1:]
        end = _rstrip(m, segs[0][0], segs[0][1])
        segs[0] = (segs[0][0], end, segs[0][2])
    s1, e1, b1 = segs[0]
    s1 = _trim(m, s1, e1)
    f1 = m[s1:e1]
    if f1.strip():
        k = _np_kind(f1)
        if k is None:
            # "… because they said" / "… the bill that he said": the NP after a subordinator
            sub = None
            for sm_ in re.finditer(r"\b(?:because|that|when|while|if|as|since|after|before|but|and|so|although|"
                                   r"though|where|until|once|whom|what|how|why)\s+", f1):
                sub = sm_
            if sub is not None:
                s1b = s1 + sub.end()
                kb = _np_kind(m[s1b:e1])
                if kb in ("pronoun", "name", "description", "anonymous") and len(m[s1b:e1].split()) <= 4:
                    return s1b, end, kb, ""
        if k and not (b1 == "," and k in ("description", "anonymous") and f1.strip()[:1].islower()
                      and len(segs) > 1 and _np_kind(m[_trim(m, *segs[1][:2]):segs[1][1]]) == "name"):
            return s1, end, k, ""
        # "an official, who stressed" / "Gut, the analyst who …" : f1 is a relative clause or apposition
        if b1 == "," and len(segs) > 1 and _is_appos(f1):
            s0, e0, _ = segs[1]
            s0 = _trim(m, s0, e0)
            k0 = _np_kind(m[s0:e0]) or _tail_np(m, s0, e0)
            if isinstance(k0, tuple):
                s0, k0 = k0
            if k0:
                appos = "" if f1.strip().lower().startswith("who") else f1.strip()
                return s0, _rstrip(m, s0, e0), k0, appos
        return None
    # f1 empty: the NP ends with a comma ("X, a professor at Y, said" / "The group's CEO, X, said" / "X, 49, a …, said")
    if b1 != "," or len(segs) < 2:
        return None
    appos: list[str] = []
    for idx in range(1, len(segs)):
        s0, e0, b0 = segs[idx]
        raw0 = m[s0:e0].strip()
        st = _trim(m, s0, e0)
        f0 = m[st:e0]
        k0 = _np_kind(f0) if f0.strip() else None
        is_app = bool(re.fullmatch(r"(?:then|now|aged|age)?\s*\d{1,3}", raw0)) or \
            ((k0 != "name" or raw0[:1].islower()) and _is_appos(raw0))
        if k0 == "name" and not is_app and not f0.strip()[:1].islower():
            if not appos and b0 == "," and idx + 1 < len(segs):
                sm, em, _ = segs[idx + 1]
                sm = _trim(m, sm, em)
                if _np_kind(m[sm:em]) in ("description", "anonymous"):
                    return sm, _rstrip(m, sm, e0), "name", ""
            return st, _rstrip(m, st, e0), "name", ", ".join(x for x in reversed(appos) if not x.startswith("who"))
        if not is_app and k0 in ("description", "anonymous") and b0 == "," and idx + 1 < len(segs):
            sn, en, _ = segs[idx + 1]
            is_app = _np_kind(m[_trim(m, sn, en):en]) == "name"  # "Tina Tchen, Mrs. Obama's chief of staff, said"
        if is_app and b0 == "," and len(appos) < 3:
            appos.append(raw0)
            continue
        if appos and (k0 in ("description", "anonymous", "pronoun") or _tail_np(m, st, e0)):
            if not k0:
                st, k0 = _tail_np(m, st, e0)
            return st, _rstrip(m, st, e0), k0, ", ".join(x for x in reversed(appos) if not x.startswith("who"))
        return None
    return None


def _rstrip(m: str, s: int, e: int) -> int:
    while e > s and (m[e - 1].isspace() or m[e - 1] == ","):
        e -= 1
    return e


def _tail_np(m: str, s: int, e: int):
    """(start, kind) of the longest noun phrase ending at ``e`` ("... confirmed by an Azerbaijani official")."""
    frag = m[s:e]
    toks = list(re.finditer(r"\S+", frag))
    for i in range(max(0, len(toks) - 8), len(toks)):
        st = s + toks[i].start()
        first = toks[i].group(0)
        if first.lower() in _DETS or first[:1].isupper():
            k = _np_kind(m[st:e])
            if k:
                return st, k
    return None


_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|this\s+week|last\s+week|last\s+month|last\s+year|earlier\s+this\s+\w+|recently|afterward|afterwards|later|earlier)"
_TIME_ADV = (r"(?:\s+" + _DAYS + r")?(?:\s+for\s+(?:months|weeks|years|days|decades))?(?:\s+(?:on|in|at|during|last|late|early|earlier|later|before|after|via|through|to|with|"
             r"over|from|by)\b[^,;:“”\"]{0,60}?)?")
_RECIPIENT = re.compile(
    r"\s+(?:me|him|her|us|them|you|reporters|journalists|the\s+media|the\s+press|lawmakers|supporters|"
    r"(?:the\s+|a\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of\s+|for\s+|and\s+|the\s+)?[A-Z][\w.&'’-]*)*|"
    r"(?:the|a|an|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?(?:audience|crowd|committee|group|panel|newspaper|paper|"
    r"station|network|magazine|agency|gathering|conference|forum|meeting|assembly|interviewer|host|radio|"
    r"television|program|programme|show))")


#: Cues that take a plain noun object ("declared independence"): content only after that / : / a quote.
_NEEDS_THAT = {"declare", "express", "reject", "criticize", "criticise", "slam", "blast", "praise", "dismiss",
               "mention", "accuse", "maintain", "reiterate", "pledge", "deny", "tweet", "promise", "allege",
               "demand", "charge", "lament", "report", "remark", "joke", "describe", "analyze",
               "analyse"}
_LEAD_ADV = re.compile(r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|"
                       r"morning|afternoon|evening))?|\s+(?:yesterday|today|tonight|recently|earlier|later|last\s+"
                       r"(?:week|month|year|night)|this\s+(?:week|month|year)|in\s+(?:a|an|his|her|their)\s+"
                       r"(?:statement|interview|email|e-mail|speech|letter|tweet|post|op-ed|phone\s+interview|"
                       r"telephone\s+interview|news\s+conference|press\s+conference))|\s+for\s+(?:months|weeks|years|"
                       r"days|decades|some\s+time|a\s+long\s+time|a\s+while)|\s+(?:repeatedly|publicly|privately|often))+"
                       r"(?=\s+[a-zA-Z])")
_AUX_START = re.compile(r"(?:was|were|is|are|would|could|will|had|has|have|should|might|must|did|does|came|"
                        r"wasn[’']t|isn[’']t|weren[’']t|won[’']t|wouldn[’']t)\b")
#: Speech acts of commitment whose content is an infinitive ("vowed to fight on").
_COMMIT = {"pledge", "vow", "promise", "agree", "demand"}
_TELL = ("tell", "ask", "inform", "remind", "warn", "urge", "assure")


def _content_after(m: str, c_end: int, hi: int, lemma: str, *, parenthetical: bool = False) -> tuple[int, str] | None:
    """Start of the content after a cue ending at ``c_end`` (bounded by ``hi``) and its introducer."""
    rest = m[c_end:hi]
    pos = 0
    if lemma in _TELL:
        far = re.match(r"[^.;:“”\"]{1,100}?(?:\s(?=that\b)|(?=:)|,\s*(?=[“\"]))", rest)
        r = _RECIPIENT.match(rest)
        wh = re.match(r"(?:\s+(?:me|him|her|us|them|you|reporters|voters|the\s+\w+|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}))?"
                      r"\s+(?=(?:whether|if|why|how|what|who|when|where|which)\b|to\s+[a-z]+\b)", rest)
        if far and not re.search(r"\b(?:said|says|told|and|but)\b", far.group(0)):
            pos = far.end() if rest[far.end():far.end() + 4] != "that" else far.end() - 1
        elif wh and (lemma in ("ask", "urge", "warn", "tell", "remind") and (wh.group(0).strip() or lemma == "ask")):
            return c_end + wh.end(), "wh"  # "asked whether …", "urged voters to …", "told him to …"
        elif r:
            pos = r.end()
    # optional adverbials up to "that" / ":" / a quote
    tm = re.match(r"(?:\s+(?:out|up|again|also|repeatedly|publicly|privately|later|then|firmly|flatly|"
                  r"bluntly|simply|clearly|strongly|emphatically|further|earlier))?" + _TIME_ADV +
                  r"(\s+that\b|\s*:|\s*,\s*(?=[“\"])|\s+(?=[“\"]))", rest[pos:])
    if tm:
        intro = tm.group(1).strip()
        start = c_end + pos + tm.end(1)
        if intro == "that":
            start = c_end + pos + tm.start(1) + len(tm.group(1)) - 4  # keep "that" in the content
        return start, intro or " "
    if lemma in _TELL and pos == 0:
        return None
    if re.match(r"\s+(?:on\s+|late\s+|early\s+|last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                r"yesterday|today|tonight|week|night|month|year)(?:\s+(?:night|morning|afternoon|evening))?\s*[,.;]",
                rest[pos:]):
        return None  # "…, a spokesman said Thursday, speaking of …": the content is before the cue
    adv = _LEAD_ADV.match(rest, pos)
    if adv:
        pos = adv.end()
    par = re.match(r",\s+(?!(?:adding|noting|saying|according|but|and|or|who|which|in|on|at|when|while|as|after|"
                   r"before|because|though|although|with|without|citing|calling|referring|speaking)\b)(?=\S)", rest[pos:])
    if par and pos == 0 and parenthetical:
        return c_end + par.end(), ","
    nxt = rest[pos:].lstrip()
    if lemma in _COMMIT and re.match(r"to\s+[a-z]+", nxt):
        return c_end + pos + (len(rest[pos:]) - len(rest[pos:].lstrip())), "to"  # "pledged to work to improve ties"
    if not nxt or nxt[0] in ".,;!?)" or nxt.lower().startswith(("by ", "to ", "for ", "about ", "on ", "in ",
                                                                "as ", "and ", "or ", "of ",
                                                                "with ", "at ", "from ", "nothing", "something",
                                                                "during ", "ahead ", "after ", "before ", "while ",
                                                                "when ", "without ", "amid ", "following ", "this year",
                                                                "last year", "this week", "last week")):
        return None
    if _AUX_START.match(nxt):
        return None  # "… which she said was a question": the cue sits in a relative clause
    return c_end + pos + (len(rest[pos:]) - len(rest[pos:].lstrip())), ""


def _speaker_after(m: str, c_end: int, hi: int) -> tuple[int, int, str, str] | None:
    """Speaker NP right after a cue ("…,” said Prof. Gut."), with its apposition."""
    rest = m[c_end:hi]
    mm = re.match(r"\s+((?:(?:Prof|Dr|Mr|Mrs|Ms|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Adm|St|Jr|Sr|[A-Z])\.\s*|"
                  r"[^,.;:!?()“”\"—])+?)(?=\s*(?:[,.;:!?(—]|$|\s+(?:in|on|at|during|after|before|when|while|"
                  r"adding|who|last|this|yesterday|today|of|to|as)\b))", rest)
    if not mm:
        return None
    frag = mm.group(1)
    kind = _np_kind(frag)
    if not kind:
        return None
    s = c_end + mm.start(1)
    e = c_end + mm.end(1)
    appos = ""
    am = re.match(r",\s+(?!(?:and|but|who|which|adding|saying|noting|according|as|while|when|because|though|although|"
                  r"then|so|in|on|at|after|before)\b)((?:the|a|an)\s+[^,.;:“”\"]{2,90}|[a-z][^,.;:“”\"]{2,90})(?=[,.]|$)",
                  m[e:hi])
    if am and kind == "name":
        appos = am.group(1)
    return s, e, kind, appos


def _clean_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    if e > s and text[e - 1] == "." and _CLOSE not in text[s:e] and '"' not in text[s:e]:
        e -= 1
    return s, e


@dataclass
class _Raw:
    start: int
    end: int
    cue: str
    cue_start: int
    lemma: str
    mention: str
    m_start: int
    m_kind: str
    appos: str
    rule: str
    unit: int
    gap: tuple[int, int] | None = None  # the attribution tag inside a quotation interrupted by it
    antecedent: str = ""  # the subject of a clause this pronoun's clause is part of ("X highlighted … when he told")


def _kind(text: str, s: int, e: int, spans: list[tuple[int, int, bool]], tag: str = "") -> str:
    """direct (only quoted words, apart from an attribution tag between quote parts), mixed or indirect."""
    inside = sorted((max(s, a), min(e, b)) for a, b, _ in spans if a < e and b > s)
    if not inside:
        return "indirect"
    outside, pos = [], s
    for a, b in inside:
        outside.append(text[pos:a])
        pos = max(pos, b)
    outside.append(text[pos:e])
    rest = _WORD.findall(" ".join(outside))
    tag_words = {w.casefold() for w in _WORD.findall(tag)}
    rest = [w for w in rest if w.casefold() not in tag_words]
    return "direct" if len(rest) <= 1 else "mixed"


def extract(text: str, *, sentences=None, registry: Registry | None = None, beliefs: bool = False,
            author: str = "", merge_continuations: bool | None = None) -> list[Attribution]:
    """All attributions in one cleaned text, with speakers resolved and classified.

    ``sentences`` (from :func:`analysis.text.sentences`) only sets each attribution's ``sentence`` index;
    ``registry`` defaults to none (pass :func:`load_registry` for ``corpus/speakers.csv``);
    ``beliefs=True`` also extracts cognition cues (believe, think, hope, want);
    ``merge_continuations`` (default :data:`MERGE_CONTINUATIONS`, True) joins a quote-only sentence to the
    attributed quote before it in the same paragraph (PolNeAR/PARC convention); False keeps it as its own
    attribution with rule ``continuation``.
    """
    spans = quote_spans(text)
    masked = _mask(text, spans)
    msub = _mask_short(text, masked, spans)
    units = _units(masked)
    para_starts = [a for a, _ in _paragraphs(text)]
    all_cues = _find_cues(masked, beliefs)
    cue_starts = [c[0] for c in all_cues]
    forms = cue_classes()
    raws: list[_Raw] = []
    for ui, (us, ue) in enumerate(units):
        found: list[_Raw] = []
        covered_to = us
        for ci in range(bisect.bisect_left(cue_starts, us), bisect.bisect_left(cue_starts, ue)):
            cs, ce = all_cues[ci]
            cue = text[cs:ce]
            lemma = forms.get(cue.lower(), (cue.lower(), ""))[0]
            if lemma == "according to":
                r = _according(text, masked, us, ue, cs, ce, ui)
                if r:
                    found.append(r)
                continue
            # passive or adjectival uses: "was said", "so-called", "the said"
            before = masked[max(us, cs - 12):cs].lower()
            if re.search(r"\b(?:is|are|was|were|be|been|being|so|the|get|got)\s*$", before) or before.endswith("-"):
                continue
            if cue[:1].isupper() and masked[us:cs].strip() and not masked[us:cs].rstrip().endswith(("“", '"', ":")) \
                    and not _title_case(masked[us:ue]):
                continue  # a capitalised word mid-sentence is a name or title ("Bend the Arc, Demand Progress")
            if re.search(r"(?:[’']s|\b(?:his|her|their|its|my|our|your|the|a|an|of|to|for|with))\s*$",
                         masked[max(us, cs - 12):cs], re.IGNORECASE):
                continue  # a noun: "Trump’s tweet came", "his promise", "campaign pledges"
            r = None
            pb = re.match(r"\s+by\s+", masked[ce:ce + 5]) if cue.lower().endswith("ed") else None
            if pb:
                # "The cooperation in defense, emphasized by Bocharov, serves …"
                sa = _speaker_after(msub, ce + pb.end() - 1, ue)
                sep = masked.rfind(",", us, cs)
                if sa and sa[2] == "name" and sep > us and not masked[sep + 1:cs].strip():
                    seg = _segments_back(masked, us, sep, 1)[0]
                    s0, e0 = _clean_span(text, seg[0], seg[1])
                    if len(_WORD.findall(text[s0:e0])) >= 2:
                        found.append(_Raw(s0, e0, text[cs:ce + pb.end() - 1], cs, lemma, text[sa[0]:sa[1]], sa[0],
                                          sa[2], "", "passive", ui))
                continue
            participle = cue.lower().endswith("ing")
            subj = None if participle else _subject_before(msub, max(us, covered_to), cs)
            if subj is None and not participle:
                # “…,” the organizer told them. — a short description right after a closing quote
                dm = re.search(r"[”\"]\s*,?\s*((?:the|a|an|one|another)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s+"
                               r"(?:also\s+|later\s+)?$", msub[max(us, covered_to):cs])
                if dm and not (set(dm.group(1).lower().split()) & _BAD_IN_NP):
                    st = max(us, covered_to) + dm.start(1)
                    subj = (st, st + len(dm.group(1)), _desc_kind(dm.group(1).lower().split()), "")
            if subj is None:
                # "…, saying that …" / "X reminisced …, and said …": the subject of the clause before
                pre = masked[max(us, covered_to):cs]
                if participle and re.search(r"(?:,\s*(?:while\s+|before\s+|after\s+|also\s+|even\s+|and\s+|by\s+)?|"
                                            r"\bby\s+|\b(?:while|after|before|when|in)\s+)$", pre) \
                        or not participle and re.search(r"(?:,\s*|\s)(?:and|but|then)\s+(?:also\s+|later\s+|then\s+)?$", pre):
                    inh = (found[-1].mention, found[-1].m_start, found[-1].m_kind, found[-1].appos) if found \
                        else _unit_subject(text, masked, us, cs)
                    if inh:
                        after = _content_after(masked, ce, ue, lemma)
                        if after is not None and not after[1] and lemma in _NEEDS_THAT:
                            after = None
                        if after is not None and len(_WORD.findall(masked[after[0]:ue])) >= 2:
                            s, e = _clean_span(text, after[0], _content_end(masked, after[0], ue))
                            if e > s:
                                r = _Raw(s, e, cue, cs, lemma, inh[0], inh[1], inh[2], inh[3],
                                         "participle" if participle else "coordinated", ui)
                if r is not None:
                    found.append(r)
                    covered_to = max(covered_to, ce)
                    continue
                if participle:
                    continue
            if subj is not None:
                paren = subj[0] == us or masked[max(us, subj[0] - 2):subj[0]].strip() in (",", "")
                quote_before = masked[us:subj[0]].rstrip().endswith((_CLOSE, '"', ",”", ',"'))
                after = None if quote_before and lemma != "according to" else \
                    _content_after(masked, ce, ue, lemma, parenthetical=paren)
                if after is not None and not after[1] and lemma in _NEEDS_THAT:
                    after = None
                if after is not None and len(_WORD.findall(masked[after[0]:ue])) >= 2:
                    s, e = _clean_span(text, after[0], _content_end(masked, after[0], ue))
                    if e > s:
                        r = _Raw(s, e, cue, cs, lemma, text[subj[0]:subj[1]], subj[0], subj[2], subj[3],
                                 "pre-subject", ui)
                if r is None:
                    # post: CONTENT, SPEAKER CUE
                    sep = _sep_before(masked, us, subj[0])
                    tail_ok = _tail_ok(masked, ce, ue) or lemma in _TELL
                    if sep is not None and tail_ok and sep > us:
                        s, e = _clean_span(text, us, sep)
                        s = _skip_lead(text, s, e)
                        if _content_ok(text, s, e, spans):
                            r = _Raw(s, e, cue, cs, lemma, text[subj[0]:subj[1]], subj[0], subj[2], subj[3],
                                     "post-subject", ui)
                            _set_extension(r, _extend_after(text, masked, spans, ce, ue, r.end))
            if r is None:
                sa = _speaker_after(msub, ce, ue)
                if sa is not None:
                    sep = _sep_before(masked, us, cs)
                    if sep is not None and sep > us and _tail_ok(masked, sa[1] + (len(sa[3]) + 2 if sa[3] else 0), ue):
                        s, e = _clean_span(text, us, sep)
                        s = _skip_lead(text, s, e)
                        if _content_ok(text, s, e, spans):
                            r = _Raw(s, e, cue, cs, lemma, text[sa[0]:sa[1]], sa[0], sa[2], sa[3],
                                     "post-inverted", ui)
                            _set_extension(r, _extend_after(text, masked, spans, sa[1], ue, r.end))
            if r is not None:
                found.append(r)
                covered_to = max(covered_to, ce)
        # colon without verb: SPEAKER: “…”
        if not found:
            cm = re.search(r"^\s*([^:“”\"]{2,80}?):\s*(?=[“\"])", masked[us:ue])
            if not cm and (us == 0 or masked[us - 1] == "\n"):
                # transcripts and headlines: "Q: …", "JOEL BENENSON: …", "Lopez: …", "Rubio: I Still Believe …"
                cm = re.search(r"^\s*((?:[A-Z][\w.’'-]*\s?){1,4}):\s+(?=\S)", masked[us:ue])
                if cm and not (cm.group(1).strip() in ("Q", "A") or _np_kind(cm.group(1)) == "name"):
                    cm = None
                if cm and re.fullmatch(r"(?:[A-Z][a-z]+ )?(?:ABSTRACT|FULL TEXT|BYLINE|UPDATE|Note|Editor’s Note|"
                                       r"Source|Photo|Video|Watch|Read|Related|Transcript|Video Transcript)\s*",
                                       cm.group(1)):
                    cm = None
            if cm and cm.group(1).strip() not in ("Q", "A") and len(cm.group(1).split()) == 1 and \
                    text.count(cm.group(1).strip()) < 2:
                cm = None  # a one-word label seen nowhere else ("BUSTED:", "Look:") is not a speaker
            if cm and not re.search(r"[^\W\d_]{2,}(?:\W+[^\W\d_]+){1,}", masked[us + cm.end():ue]):
                cm = None  # content of fewer than two words, or numbers ("Sanders: 1,547")
            if cm and (_np_kind(cm.group(1)) in ("name", "pronoun") or cm.group(1).strip() in ("Q", "A")):
                s, e = _clean_span(text, us + cm.end(), ue)
                if e > s:
                    found.append(_Raw(s, e, ":", us + cm.end(1), ":", text[us + cm.start(1):us + cm.end(1)].strip(),
                                      us + cm.start(1), _np_kind(cm.group(1)) or "name", "", "colon", ui))
        resolved = _resolve_overlaps(found, text)
        if SPLIT_COLON_QUOTES:
            for r in list(resolved):
                second = _split_colon_quote(text, masked, spans, r) if r.rule == "pre-subject" else None
                if second is not None:
                    resolved.append(second)
        raws.extend(sorted(resolved, key=lambda x: x.start))
    merge = MERGE_CONTINUATIONS if merge_continuations is None else merge_continuations
    raws = _add_continuations(text, masked, units, spans, raws, para_starts, merge=merge)
    out = _finish(text, raws, spans, sentences, registry, author)
    return out


_FUNC = {
    "despite", "after", "before", "when", "while", "in", "on", "at", "for", "with", "although", "as", "since",
    "because", "if", "but", "and", "yet", "so", "still", "however", "meanwhile", "during", "by", "from", "to",
    "of", "about", "under", "over", "like", "unlike", "among", "without", "within", "through", "once", "until",
    "then", "now", "there", "here", "this", "that", "these", "those", "it", "what", "which", "who", "why", "how",
    "indeed", "also", "even", "just", "only", "instead", "thus", "yes", "no", "not", "asked", "speaking",
}


def _unit_subject(text: str, m: str, us: int, pos: int):
    """(mention, start, kind, apposition) of the clause subject before ``pos`` in a unit, or None."""
    starts = [us] + [us + x.end() for x in re.finditer(r",\s+", m[us:pos])]
    for st in reversed(starts):
        toks = list(re.finditer(r"\S+", m[st:pos]))
        if len(toks) < 2 or toks[0].group(0).lower().strip(",") in _FUNC or \
                toks[0].group(0).lower().endswith("ing") and toks[1].group(0).lower() in _FUNC | {"the", "a", "an"}:
            continue  # "Walking to the next address, …" is not a subject
        best = None
        for n in range(1, min(7, len(toks) - 1) + 1):
            nxt = toks[n].group(0)
            if not nxt[:1].islower() or nxt.lower() in _FUNC or nxt.lower() in {"and", "or"}:
                continue
            frag = m[st:st + toks[n - 1].end()]
            k = _np_kind(frag)
            if k:
                best = (text[st:st + toks[n - 1].end()], st, k, "")
        if best:
            return best
    return None


_TRAIL = re.compile(r"(?:,|[”\"])\s+(?:referring|citing|calling|speaking|in\s+reference|in\s+an\s+apparent\s+reference|"
                    r"an\s+apparent\s+reference|a\s+reference|alluding)\b")


def _content_end(m: str, s: int, hi: int) -> int:
    """End of content after its cue: the unit end, or before a trailing ", referring to …" comment."""
    t = _TRAIL.search(m, s, hi)
    if t is None:
        return hi
    return t.start() + (1 if m[t.start()] in "”\"" else 0)


def _title_case(unit: str) -> bool:
    """A headline in Title Case ("Clinton Says Russians Hacked DNC")."""
    ws = [w for w in re.findall(r"[A-Za-z][\w’'-]*", unit) if len(w) > 3]
    return len(ws) >= 3 and sum(w[0].isupper() for w in ws) >= 0.8 * len(ws)


#: "Gut emphasized that A: “B.”" gives two attributions (indirect A, direct B), as the seed gold annotates it.
SPLIT_COLON_QUOTES = True


def _split_colon_quote(text: str, m: str, spans, r: "_Raw") -> "_Raw | None":
    """Cut reported speech that ends in ": “…”" into an indirect part (``r``, shortened) and a direct part."""
    mm = re.search(r":\s*(?=[“\"])", m[r.start:r.end])
    if not mm or mm.start() == 0:
        return None
    qs = r.start + mm.end()
    q = next(((a, b) for a, b, _ in spans if a == qs), None)
    if q is None or q[1] < r.end - 1 or len(_WORD.findall(text[r.start:r.start + mm.start()])) < 3:
        return None
    direct = _Raw(q[0], r.end, r.cue, r.cue_start, r.lemma, r.mention, r.m_start, r.m_kind, r.appos,
                  "pre-subject-colon", r.unit)
    r.end = _clean_span(text, r.start, r.start + mm.start())[1]
    return direct


def _sep_before(m: str, lo: int, pos: int) -> int | None:
    """Offset of the comma/quote/dash that closes the content before a post-posed attribution."""
    seg = m[lo:pos].rstrip()
    if not seg:
        return None
    k = lo + len(seg)
    ch = m[k - 1]
    if ch == ",":
        return k - 1 if k - 2 < lo or m[k - 2] not in (_CLOSE, '"') else k - 1
    if ch in (_CLOSE, '"'):
        return k
    if ch in "—–":
        return k - 1
    if seg.endswith(" -"):
        return k - 2
    return None


def _tail_ok(m: str, pos: int, hi: int) -> bool:
    """What follows a post-posed attribution: the unit end, or a trailing phrase, comma or second quote part."""
    rest = m[pos:hi].strip()
    if not rest or rest[0] in ".,;!?—–:":
        return True
    return bool(re.match(r"(?:in|on|at|during|after|before|when|while|last|this|yesterday|today|to|of|from|via|"
                         r"through|as|with|about|earlier|later|recently|[A-Z]\w+day|\d+|one|two|three|four|five|"
                         r"several|a\s+few|a\s+day|shortly|moments|minutes|hours|days|weeks|months|years|just|soon|"
                         r"then|afterward|afterwards|again|twice|once|also|repeatedly|flatly|simply|quietly|softly|"
                         r"firmly|angrily|told|tells|adding|noting|saying|according)\b", rest))


def _set_extension(r: "_Raw", new_end: int) -> None:
    """Extend a post-posed attribution over a second quote part; the tag between becomes a gap."""
    if new_end > r.end:
        r.gap = (r.end, -1)  # the second part starts at the first quote opening after the first part
        r.end = new_end


def _extend_after(text: str, m: str, spans, pos: int, hi: int, end: int) -> int:
    """“Part one,” he said, “part two.” — extend a direct quote over the second part."""
    rest = m[pos:hi]
    mm = re.match(r"[^“\"]{0,80}?,\s*(?=[“\"])", rest)
    if mm:
        q = pos + mm.end()
        for a, b, _ in spans:
            if a == q:
                return b
    return end


_INTRO = re.compile(r"(?:At|In|On|During|After|Before|When|While|As|If|Despite|With|For|Since|Although|Though|"
                    r"Because|Asked|Speaking|Pressed|Writing|Like|Unlike|Under|Over|From|Through|Following|Amid|"
                    r"Among|Without|By|Earlier|Later|Separately|Meanwhile|However|Still|Yet)\b")


def _is_quote(text: str, s: int, e: int, spans) -> bool:
    """True when [s, e) is exactly one closed quotation with at least one word (“Absolutely,” he said)."""
    return any(a == s and b == e and closed for a, b, closed in spans) and bool(_WORD.search(text, s, e))


def _content_ok(text: str, s: int, e: int, spans) -> bool:
    """A span before a post-posed cue is content: two words or a quotation, not just an introduction."""
    return e > s and (len(_WORD.findall(text[s:e])) >= 2 or _is_quote(text, s, e, spans)) \
        and not _intro_only(text, s, e, spans)


def _intro_only(text: str, s: int, e: int, spans) -> bool:
    """True when post-posed "content" is only an introductory phrase ("At a rally in Modesto, Sanders promised …")."""
    if any(a < e and b > s for a, b, _ in spans):
        return False
    return bool(_INTRO.match(text, s)) and len(_WORD.findall(text[s:e])) <= 12 and "," not in text[s:e]


def _skip_lead(text: str, s: int, e: int) -> int:
    """Start of post-posed content: after a leading conjunction, or at a quote introduced by a colon."""
    mm = re.match(r"(?:(?:And|But|So|Yet|Still|Then|Now|Also)\s+)(?=[“\"])", text[s:e])
    if mm:
        return s + mm.end()
    col = re.search(r":\s*(?=[“\"]|'')", text[s:e])
    if col and len(_WORD.findall(text[s + col.end():e])) >= 2:
        return s + col.end()
    return s


def _according_np(frag: str) -> str | None:
    """Kind of the source NP after "according to" (documents, polls and long descriptions allowed)."""
    f = frag.strip()
    low = f.lower()
    if low in ("him", "her", "them", "me", "us", "it"):
        return "pronoun"
    k = _np_kind(f)
    if k:
        return k
    toks = f.split()
    if not toks or len(toks) > 25:
        return None
    core = re.split(r"\s(?:who|that|which|compiled|based|conducted|released|obtained|published|seen|cited|"
                    r"posted|issued|provided|familiar|close|with|at|in|on|from|by|of)\b", f, maxsplit=1)[0]
    k = _np_kind(core)
    if k:
        return k
    t0 = toks[0].lower()
    if t0 in ("a", "an", "one", "two", "several", "some", "many", "multiple"):
        return "anonymous"
    if t0 in _DETS or toks[0][:1].isupper() or toks[0][:1].isdigit():
        return "name" if spk.name_of(core) else "description"
    if toks[0].isalpha() and not re.search(r"\b(?:is|are|was|were|has|have|had|will|would|said|says)\b", low):
        return "anonymous"  # "according to early results of exit polls …", "according to state law"
    return None


def _according(text, m, us, ue, cs, ce, ui) -> _Raw | None:
    after = m[ce:ue]
    # According to SPEAKER, CONTENT
    mm = re.match(r"\s+([^,;:“”\"]{1,160}?)\s*(?:,|(?=\s*[“\"]))", after)
    pre = m[us:cs].strip().lstrip("([")
    if mm and (not pre or re.fullmatch(r"(?:[A-Z]\w*|and|but|[^,]*,)\s*", pre) or pre.endswith(",") and
               len(pre.split()) <= 4 or re.search(r"\b(?:when|that|as|because|while|where|if|but|and|so|since|"
                                                   r"after|before|although|though)\s*,?$", pre)):
        k = _according_np(mm.group(1))
        if k:
            s, e = _clean_span(text, ce + mm.end(), ue)
            if e > s and len(_WORD.findall(text[s:e])) >= 2:
                return _Raw(s, e, text[cs:ce], cs, "according to", text[ce + mm.start(1):ce + mm.end(1)],
                            ce + mm.start(1), k, "", "according-pre", ui)
    # CONTENT, according to SPEAKER
    mm = re.match(r"\s+([^,;:“”\"()]{1,160}?)\s*(?:[,.;)]|$)", after)
    if mm and _sep_before(m, us, cs) is not None:
        k = _according_np(mm.group(1))
        if k:
            s, e = _clean_span(text, us, _sep_before(m, us, cs))
            s = _skip_lead(text, s, e)
            if e > s and len(_WORD.findall(text[s:e])) >= 2:
                return _Raw(s, e, text[cs:ce], cs, "according to", text[ce + mm.start(1):ce + mm.end(1)],
                            ce + mm.start(1), k, "", "according-post", ui)
    return None


def _cut_back(text: str, lo: int, cut: int) -> int:
    """End of content before a following attribution: drop a trailing ", and" / "but"."""
    seg = text[lo:cut]
    mm = re.search(r"(?:[,;]?\s*\b(?:and|but|then|while|before|after|also)\b)?[\s,;]*$", seg)
    return lo + (mm.start() if mm else len(seg))


def _resolve_overlaps(found: list[_Raw], text: str) -> list[_Raw]:
    """Keep one attribution per overlapping group: the innermost content (a later cue inside an earlier one's content)."""
    found.sort(key=lambda r: r.start)
    keep: list[_Raw] = []
    for r in found:
        clash = [k for k in keep if k.start < r.end and r.start < k.end]
        if not clash:
            keep.append(r)
            continue
        if r.rule == "according-post" and all(r.start <= k.cue_start < r.end for k in clash):
            keep.append(r)  # "“…,” X said, according to the Sun": a report of a report, both kept
            continue
        for k in clash:
            # content of k contains r's cue: cut k before r's speaker (X said A, and Y said B) or keep the
            # inner one when too little is left (X highlighted this partnership when he told Y: “…”)
            if k.start <= r.cue_start < k.end and r.cue_start > k.cue_start:
                cut = min(r.m_start if r.m_start > k.start else r.cue_start, r.cue_start)
                kept = _WORD.findall(text[k.start:cut])
                if len(kept) >= 4 and r.rule not in ("participle",) or r.rule in ("participle", "coordinated") and len(kept) >= 2:
                    k.end = _clean_span(text, k.start, _cut_back(text, k.start, cut))[1]
                    keep.append(r)
                else:
                    if r.m_kind == "pronoun" and k.m_kind == "name":
                        r.antecedent = k.mention
                    keep.remove(k)
                    keep.append(r)
                break
            # same content claimed by two cues: keep the cue nearer to it
            def dist(x: _Raw) -> int:
                return min(abs(x.cue_start - x.start), abs(x.cue_start - x.end))
            if dist(r) < dist(k):
                if r.m_kind == "pronoun" and k.m_kind == "name":
                    r.antecedent = k.mention
                keep.remove(k)
                keep.append(r)
            break
    return sorted(keep, key=lambda r: r.start)


#: Merge a quote-only sentence into the attributed quote just before it in the same paragraph.
MERGE_CONTINUATIONS = True


def _add_continuations(text, m, units, spans, raws: list[_Raw], para_starts, *, merge: bool = True) -> list[_Raw]:
    by_unit = defaultdict(list)
    for r in raws:
        by_unit[r.unit].append(r)
    extra = []
    last: _Raw | None = None
    last_unit = -10
    for ui, (us, ue) in enumerate(units):
        if by_unit.get(ui):
            last = by_unit[ui][-1]
            last_unit = ui
            continue
        body = text[us:ue].strip()
        qs = [(a, b) for a, b, _ in spans if a >= us and b <= ue + 1]
        if not qs or last is None:
            continue
        a, b = qs[0][0], qs[-1][1]
        inside = sum(y - x for x, y in qs)
        if inside < 0.85 * len(body) or len(_WORD.findall(text[a:b])) < 4:
            continue
        same_para = bisect.bisect_right(para_starts, us) == bisect.bisect_right(para_starts, last.start)
        prev_para = bisect.bisect_right(para_starts, us) == bisect.bisect_right(para_starts, last.start) + 1
        if ui == last_unit + 1 and (same_para or prev_para and last.start < units[ui - 1][1]):
            if same_para and merge:
                # “…,” he said. “…” — one attribution whose content runs over both quotes (as in PolNeAR)
                if last.rule.startswith(("post-", "according-post", "passive")) and last.gap is None:
                    last.gap = (last.end, a)  # “…,” he said. “…” : drop the tag from the content
                last.end = b
                last.rule = last.rule if last.rule.endswith("+continuation") else last.rule + "+continuation"
                last_unit = ui
                continue
            rule = "continuation" if same_para else "floating"
            r = _Raw(a, b, last.cue, last.cue_start, last.lemma, last.mention, last.m_start, last.m_kind,
                     last.appos, rule, ui)
            extra.append(r)
            last, last_unit = r, ui
    return sorted(raws + extra, key=lambda r: r.start)


# ------------------------------------------------------------------------------------ speaker resolution
_CAP_NAME = re.compile(r"(?<![\w.])(?:[A-Z][a-z]+\.?\s+)?[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w’'-]+){1,2}")
_HEAD_ROLES = {
    "official": {"government", "diplomat", "military", "legislator"}, "officials": {"government", "diplomat"},
    "minister": {"government"}, "president": {"government"}, "diplomat": {"diplomat"},
    "ambassador": {"diplomat"}, "envoy": {"diplomat"}, "representative": {"diplomat", "legislator", "government"},
    "analyst": {"analyst"}, "expert": {"analyst", "military"}, "scientist": {"analyst"}, "professor": {"analyst"},
    "researcher": {"analyst"}, "scholar": {"analyst"}, "spokesman": {"government", "diplomat", "military",
                                                                      "organisation"},
    "spokeswoman": {"government", "diplomat", "military", "organisation"}, "senator": {"legislator"},
    "lawmaker": {"legislator"}, "general": {"military"}, "commander": {"military"}, "officer": {"military"},
    "candidate": {"government"}, "leader": {"government", "legislator"}, "journalist": {"journalist"},
    "reporter": {"journalist"}, "activist": {"ngo"}, "executive": {"business"}, "economist": {"analyst"},
}


@dataclass
class _Entity:
    name: str
    variants: list[str] = field(default_factory=list)
    org: bool = False
    role: str = "unknown"
    side: str = "unknown"
    class_rule: str = ""
    registry_name: str = ""


def _contexts(text: str, variant: str, _cache: dict | None = None) -> list[tuple[str, str]]:
    """Pre-modifiers and appositions of every occurrence of ``variant`` in the text."""
    if _cache is not None and variant in _cache:
        return _cache[variant]
    out = []
    i = text.find(variant)
    while i >= 0:
        j = i + len(variant)
        ok = (i == 0 or not text[i - 1].isalnum()) and (j >= len(text) or not text[j].isalnum())
        if ok:
            pre = text[max(0, i - 120):i]
            pre = _ABBR_DOT.sub(r"\1", pre)
            pre = _PRE_SPLIT.split(pre)[-1]
            if pre.strip():
                out.append(("pre", pre))
            post = text[j:j + 160]
            am = _APPOS_RX.match(post)
            if am and not _APPOS_NOT.match(am.group(1)):
                out.append(("app", am.group(1)))
            elif post.startswith(" (") and ")" in post[:60]:
                out.append(("app", post[2:post.index(")")]))
        i = text.find(variant, i + 1)
    if _cache is not None:
        _cache[variant] = out
    return out


_ABBR_DOT = re.compile(r"\b(Prof|Dr|Mr|Mrs|Ms|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr)\.")
_PRE_SPLIT = re.compile(r"[.;:!?()“”\"\n]|,\s|\b(?:and|with|by|to|from|told|said|says|between|than|as)\s")
_APPOS_RX = re.compile(r",\s+((?:the\s+|a\s+|an\s+)?[a-z][^,.;:“”\"()]{2,140}|(?:the|a|an)\s+[^,.;:“”\"()]{2,140})")
_APPOS_NOT = re.compile(r"(?:who|which|that|and|but|said|says|told|added)\b")


#: Separator between the two parts of a quotation interrupted by its attribution tag.
GAP = " … "


def _content_text(text: str, r: "_Raw", spans) -> str:
    """The content as written; for “A,” she said, “B.” the two parts joined by :data:`GAP` (tag left out)."""
    if r.gap is None:
        return text[r.start:r.end]
    g0, g1 = r.gap
    if g1 < 0:  # second part: the first quote opening after the first part
        g1 = next((a for a, b, _ in spans if a >= g0 and b <= r.end), g0)
    if not (r.start < g0 <= g1 < r.end):
        return text[r.start:r.end]
    return text[r.start:g0].rstrip() + GAP + text[g1:r.end].lstrip()


def _finish(text, raws: list[_Raw], spans, sentences, registry, author) -> list[Attribution]:
    forms = cue_classes()
    entities: list[_Entity] = []
    ctx_cache: dict[str, list] = {}

    def entity_for(name: str) -> _Entity | None:
        for ent in entities:
            if any(spk.same_person(name, v) for v in ent.variants) and not (ent.org != spk.is_org(name)):
                return ent
        return None

    def add_entity(name: str) -> _Entity:
        ent = entity_for(name)
        if ent is None:
            ent = _Entity(name, [name], spk.is_org(name))
            if registry is not None:
                sp = registry.lookup(name)
                if sp is not None:
                    ent.name, ent.registry_name = sp.name, sp.name
                    ent.variants.extend([sp.name, *sp.aliases])
            entities.append(ent)
        elif name not in ent.variants:
            ent.variants.append(name)
            if not ent.registry_name and len(name.split()) > len(ent.name.split()):
                ent.name = name
        return ent

    # full names from the whole text first, so "Gallant" finds "Yoav Gallant"
    for r in raws:
        if r.m_kind == "name":
            n = spk.name_of(r.mention)
            if n and len(n.split()) > 1:
                add_entity(n)
    names_in_text = []
    if any(r.m_kind == "name" and len(spk.name_of(r.mention).split()) == 1 for r in raws):
        for mm in _CAP_NAME.finditer(text):
            n = spk.name_of(mm.group(0))
            if n and len(n.split()) > 1 and not spk.is_org(n):
                names_in_text.append(n)
    pending_text_names = list(dict.fromkeys(names_in_text))

    out: list[Attribution] = []
    recent: list[tuple[int, _Entity]] = []  # (position, entity) of named speakers
    sent_starts = [s.start for s in sentences] if sentences else []
    for r in raws:
        mention = r.mention.strip()
        if r.appos:
            mention = f"{mention}, {r.appos.strip()}"
        ent = None
        speaker_rule = ""
        anonymous = False
        if r.m_kind == "name":
            n = spk.name_of(r.mention)
            if n:
                ent = entity_for(n)
                if ent is None and len(n.split()) == 1:
                    full = [t for t in pending_text_names if spk.same_person(n, t)]
                    if full:
                        ent = add_entity(max(full, key=lambda x: len(x)))
                        ent.variants.append(n)
                if ent is None:
                    ent = add_entity(n)
                speaker_rule = f"registry:{ent.registry_name}" if ent.registry_name else (
                    "name" if n == ent.name else "name-variant")
        elif r.m_kind == "pronoun":
            low = mention.lower()
            if low in ("he", "she", "him", "her"):
                cands = [e for p, e in recent if p < r.m_start and not e.org]
                if r.antecedent and spk.name_of(r.antecedent):
                    ent = add_entity(spk.name_of(r.antecedent))
                    speaker_rule = "pronoun:clause-subject"
                elif cands:
                    ent = cands[-1]
                    speaker_rule = "pronoun:most-recent-speaker"
                else:
                    prior = [n for n in pending_text_names if text.find(n) < r.m_start] or \
                        [spk.name_of(mm.group(0)) for mm in _CAP_NAME.finditer(text[:r.m_start])]
                    prior = [p for p in prior if p and not spk.is_org(p) and len(p.split()) > 1]
                    if prior:
                        ent = add_entity(prior[-1])
                        speaker_rule = "pronoun:most-recent-name"
            elif low == "i" and author:
                ent = add_entity(author)
                speaker_rule = "pronoun:author"
        elif r.m_kind in ("description", "anonymous"):
            if r.m_kind == "description":
                ent = _match_description(mention, recent, r.m_start, registry, text, ctx_cache)
                if ent is not None:
                    speaker_rule = "description:compatible-speaker"
            if ent is None:
                anonymous = True
                speaker_rule = "anonymous"
        if ent is not None and r.m_kind != "pronoun" or (ent is not None and speaker_rule.startswith("pronoun")):
            recent.append((r.m_start, ent))
        lemma, cls = forms.get(r.cue.lower()) or forms.get(r.cue.lower().split()[0] if r.cue.split() else "") \
            or (r.lemma, "")
        if r.cue == ":":
            cls = "neutral"
        content = _content_text(text, r, spans)
        if GAP in content and content != text[r.start:r.end]:
            first, second = content.split(GAP, 1)
            kind = "direct" if all(_kind(part, 0, len(part), quote_spans(part)) == "direct"
                                   for part in (first, second)) else "mixed"
        else:
            kind = _kind(text, r.start, r.end, spans, f"{r.mention} {r.cue} {r.appos}")
        qwords = sum(len(_WORD.findall(text[max(a, r.start):min(b, r.end)])) for a, b, _ in spans
                     if a < r.end and b > r.start)
        att = Attribution(
            kind=kind, quote=text[r.start:r.end], start=r.start, end=r.end, content=content,
            speaker=ent.name if ent else "", speaker_mention=mention, cue=r.cue, rule=r.rule,
            sentence=(bisect.bisect_right(sent_starts, r.start) - 1) if sent_starts else -1,
            quoted_words=qwords, cue_class=cls, speaker_rule=speaker_rule, anonymous=anonymous,
            mention_start=r.m_start, cue_start=r.cue_start)
        att._ent = ent  # type: ignore[attr-defined]
        out.append(att)
    # indefinite descriptions in interview articles: the interviewee (most-quoted named speaker) when compatible
    if re.search(r"\binterview", text, re.IGNORECASE):
        counts = Counter(id(a._ent) for a in out if a._ent is not None and not a._ent.org)  # type: ignore[attr-defined]
        if counts:
            top_id = counts.most_common(1)[0][0]
            top = next(a._ent for a in out if a._ent is not None and id(a._ent) == top_id)  # type: ignore[attr-defined]
            for att in out:
                if att.anonymous and re.match(r"(?:a|an)\s", att.speaker_mention, re.IGNORECASE) and \
                        _match_description(att.speaker_mention, [(-1, top)], 10 ** 9, registry, text, ctx_cache,
                                           strict_side=True):
                    att._ent = top  # type: ignore[attr-defined]
                    att.speaker, att.anonymous, att.speaker_rule = top.name, False, "description:interviewee"
    # classification, once per entity, from every occurrence in the article
    cls_cache: dict[int, tuple[str, str, str]] = {}
    for att in out:
        ent = getattr(att, "_ent", None)
        if ent is not None:
            key = id(ent)
            if key not in cls_cache:
                ctx = []
                for v in sorted(set(ent.variants), key=len, reverse=True):
                    ctx.extend(_contexts(text, v, ctx_cache))
                cls_cache[key] = spk.classify(ent.name, ctx, registry=registry)
            att.speaker_role, att.speaker_side, att.class_rule = cls_cache[key]
        else:
            ctx = [("pre", att.speaker_mention)] if att.speaker_mention else []
            role, side, rule = spk.classify("", ctx, registry=None, anonymous=att.anonymous)
            att.speaker_role, att.speaker_side, att.class_rule = role, side, rule
        try:
            del att._ent  # type: ignore[attr-defined]
        except AttributeError:
            pass
    return out


def _match_description(desc: str, recent, pos: int, registry, text, ctx_cache=None, *,
                       strict_side: bool = False) -> _Entity | None:
    low = [t.strip(".,").casefold() for t in desc.split()]
    heads = [t for t in low if t in _HEAD_ROLES]
    if not heads:
        return None
    roles = set().union(*(_HEAD_ROLES[h] for h in heads))
    sc = spk.side_cue(desc)
    seen = set()
    for p, ent in reversed([x for x in recent if x[0] < pos]):
        if id(ent) in seen or ent.org:
            continue
        seen.add(id(ent))
        ctx = []
        for v in sorted(set(ent.variants), key=len, reverse=True):
            ctx.extend(_contexts(text, v, ctx_cache))
        role, side, _ = spk.classify(ent.name, ctx, registry=registry)
        if role in roles and (sc is None or side == sc[0] or side == "unknown" and not strict_side) \
                and (sc is not None or not strict_side):
            return ent
    return None


# ----------------------------------------------------------------------------------------------- tables
def _article_parts(a) -> tuple[str, str, list]:
    if isinstance(a, str):
        return "", a, []
    aid = getattr(a, "id", None) or getattr(a, "article_id", "")
    return str(aid), a.text, list(getattr(a, "sentences", None) or [])


def attributions_table(articles: Iterable, *, registry: Registry | None = None, beliefs: bool = False,
                       merge_continuations: bool | None = None):
    """One row per attribution over ``articles`` (objects with ``.id``, ``.text``, ``.sentences``).

    Columns: :data:`COLUMNS` then ``sentence, quoted_words, cue_class, speaker_rule, class_rule, anonymous``.
    ``registry=None`` uses no registry: speakers are classified from cues in the text only (the
    pipeline passes the corpus's own ``speakers.csv`` when it has one, never another corpus's).
    """
    if registry is None:
        registry = Registry([], "")
    rows = []
    for a in articles:
        aid, text, sents = _article_parts(a)
        meta = getattr(a, "meta", None) or {}
        for att in extract(text, sentences=sents or None, registry=registry, beliefs=beliefs,
                           author=str(meta.get("author") or "") if isinstance(meta, dict) else "",
                           merge_continuations=merge_continuations):
            d = asdict(att)
            d["article_id"] = aid
            rows.append(d)
    df = pd.DataFrame(rows, columns=COLUMNS + EXTRA_COLUMNS)
    if df.empty:
        return df.astype({"start": "int64", "end": "int64", "sentence": "int64", "quoted_words": "int64",
                          "anonymous": "bool"})
    return df


def _source_key(row) -> str:
    if row["speaker"]:
        return row["speaker"]
    if row["anonymous"]:
        return _anon_desc(row["speaker_mention"])
    return ""


def _anon_desc(mention: str) -> str:
    m = re.sub(r"^(?:a|an|the|some|several|one|two|three|many)\s+", "", (mention or "").strip(), flags=re.I)
    return m.lower()


def sources_table(attributions_df):
    """One row per (article, source): ``article_id, speaker, role, side, attributions, quoted_words``.

    Anonymous sources are grouped by their description (e.g. "government official"); unresolved
    attributions (a pronoun with no antecedent) form one row with an empty speaker.
    """
    cols = ["article_id", "speaker", "role", "side", "attributions", "quoted_words"]
    if attributions_df is None or len(attributions_df) == 0:
        return pd.DataFrame(columns=cols)
    df = attributions_df.copy()
    df["_key"] = df.apply(_source_key, axis=1)
    g = df.groupby(["article_id", "_key"], sort=False)
    out = g.agg(role=("speaker_role", lambda s: s.mode().iat[0]), side=("speaker_side", lambda s: s.mode().iat[0]),
                attributions=("kind", "size"), quoted_words=("quoted_words", "sum")).reset_index()
    out = out.rename(columns={"_key": "speaker"})
    return out.sort_values(["article_id", "attributions"], ascending=[True, False], kind="stable")[cols] \
        .reset_index(drop=True)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def quoted_spans(attributions_df, article_id) -> list[tuple[int, int]]:
    """Merged (start, end) spans of the direct and mixed quotations of one article (quote marks only)."""
    if attributions_df is None or len(attributions_df) == 0:
        return []
    df = attributions_df[(attributions_df["article_id"] == article_id)
                         & attributions_df["kind"].isin(["direct", "mixed"])]
    spans = []
    for _, row in df.iterrows():
        q, s = row["quote"], int(row["start"])
        for a, b, _ in quote_spans(q):
            spans.append((s + a, s + b))
    return _merge(spans)


def speaker_summary(sources_df) -> pd.DataFrame:
    """Corpus-wide totals per source from :func:`sources_table`, most attributions first.

    Columns: ``speaker, role, side, articles, attributions, quoted_words``.
    """
    cols = ["speaker", "role", "side", "articles", "attributions", "quoted_words"]
    if sources_df is None or len(sources_df) == 0:
        return pd.DataFrame(columns=cols)
    out = (sources_df.groupby(["speaker", "role", "side"], dropna=False)
           .agg(articles=("article_id", "nunique"), attributions=("attributions", "sum"),
                quoted_words=("quoted_words", "sum"))
           .reset_index()
           .sort_values(["attributions", "speaker"], ascending=[False, True], kind="stable"))
    return out[cols].reset_index(drop=True)


def sourcing_ratios(attributions_df, articles):
    """One row per article: counts, shares by kind, side, role and cue class, dominance, quoted-word share.

    Shares are of attributions, except ``quoted_word_share`` (words inside direct/mixed quotation marks
    over the article's words).  For an article without attributions the shares *of attributions*
    (anonymous, dominance, sides, roles, verb classes) are undefined and left empty (NaN), not 0: nobody
    is quoted, so nobody dominates; counts are 0, ``quoted_word_share`` is 0.0 and ``dominant_source`` is
    empty.
    """
    from .text import count_words

    nan = float("nan")

    arts = [(_article_parts(a)[0], _article_parts(a)[1]) for a in articles]
    df = attributions_df if attributions_df is not None else pd.DataFrame(columns=COLUMNS + EXTRA_COLUMNS)
    sides = sorted({slug(s) for s in df.get("speaker_side", [])}) if len(df) else []
    roles = sorted({slug(s) for s in df.get("speaker_role", [])}) if len(df) else []
    rows = []
    for aid, text in arts:
        d = df[df["article_id"] == aid] if len(df) else df
        n = len(d)
        row = {"article_id": aid, "attributions": n}
        for k in ("direct", "indirect", "mixed"):
            row[k] = int((d["kind"] == k).sum()) if n else 0
        named = d[(d["speaker"] != "") & (~d["anonymous"].astype(bool))] if n else d
        row["named_sources"] = int(named["speaker"].nunique()) if n else 0
        row["anonymous_share"] = float(d["anonymous"].astype(bool).mean()) if n else nan
        qspans = quoted_spans(d, aid) if n else []
        qw = sum(len(_WORD.findall(text[a:b])) for a, b in qspans)
        total = count_words(text)
        row["quoted_word_share"] = qw / total if total else 0.0
        if n:
            keys = d.apply(_source_key, axis=1)
            counts = Counter(k for k in keys if k)
            if counts:
                top, c = max(counts.items(), key=lambda kv: (kv[1], -list(keys).index(kv[0])))
                row["dominant_source"], row["dominance"] = top, c / n
            else:
                row["dominant_source"], row["dominance"] = "", 0.0
        else:
            row["dominant_source"], row["dominance"] = "", nan
        for s in sides:
            row[f"share_side_{s}"] = float((d["speaker_side"].map(slug) == s).mean()) if n else nan
        for r in roles:
            row[f"share_role_{r}"] = float((d["speaker_role"].map(slug) == r).mean()) if n else nan
        row["evaluative_verb_share"] = float((d["cue_class"] == "evaluative").mean()) if n else nan
        row["neutral_verb_share"] = float((d["cue_class"] == "neutral").mean()) if n else nan
        rows.append(row)
    return pd.DataFrame(rows)
