"""Speaker noun phrases: is a fragment a pronoun, a name, a description or an anonymous source, and
where does the subject before (or the speaker after) a cue start and end.

Part of :mod:`analysis.sources` (method and citations there).  Surface heuristics over a masked text,
no parser: the word lists are data (``analysis/data/attribution_words.yaml``).
"""
from __future__ import annotations

import re

from ..text import _ABBREVIATIONS
from .words import words
from . import speakers as spk


_PRONOUNS = words("pronouns")


_DETS = words("determiners")


_HEADS = words("speaker_heads")


_BAD_IN_NP = words("not_in_noun_phrase")


_LEAD_STRIP = re.compile(
    r"^(?:(?:and|but|so|yet|or|also|however|meanwhile|then|now|still|instead|indeed|as|when|while|after|before|"
    r"because|if|although|though|since|where|whereas|once|in\s+turn|moreover|furthermore|later|earlier|"
    r"finally|separately|similarly|likewise|previously|recently|last\s+\w+|on\s+\w+day|yesterday|today|even|"
    r"at\s+least)\b[\s,]*)+",
    re.IGNORECASE)


_AUX_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|also|later|previously|recently|repeatedly|once|often|will|would|did|does|do|again|"
    r"further|publicly|privately|reportedly|then|quickly|flatly|simply|first|always|even|just|only|already|"
    r"long|frequently|has\s+long|once\s+again|had\s+earlier|earlier|last\s+week|on\s+\w+day(?:\s+(?:morning|afternoon|"
    r"evening|night))?|this\s+(?:week|month|morning)|tuesday|monday|"
    r"wednesday|thursday|friday|saturday|sunday|yesterday|today|may|might|could|can|should|must|is|was|were|are|"
    r"be|been|being|is\s+expected\s+to|clearly|strongly|specifically|explicitly|correctly|rightly|"
    r"wrongly|falsely|openly|bluntly|directly|sharply|angrily|separately|similarly|additionally|"
    r"subsequently|likewise|went\s+on\s+to|going\s+on\s+to|in\s+turn|itself|himself|herself|themselves|however|here|"
    r"(?-i:(?!(?:family|assembly|ally|rally|supply|monopoly|anomaly|bully|belly|jelly|lily|holly|folly|july|daily|"
    r"weekly|monthly|quarterly|early|only|fly|reply|comply|apply|imply|multiply)\b)[a-z]{3,}ly))|"
    r"[’'](?:s|re|ve|d|ll)(?=\s|$))+$", re.IGNORECASE)  # "She jokingly tells" (a lower-case -ly adverb, not "Kelly",
#                                                       not "family"), "He's telling", "They've said"


_MODAL_TAIL = re.compile(r"\b(?:can|could|may|might|should|must|would)(?:\s+(?:also|only|easily|certainly|"
                         r"probably|well|not|(?-i:[a-z]{3,}ly)))*\s*$", re.IGNORECASE)  # "can only proudly say"


_NEGATION_TAIL = re.compile(
    r"(?:declin\w*|refus\w*|not|n[’']t|never|no\s+longer|unwilling|unable|fail\w*|wouldn|couldn|didn|won)\s+"
    r"(?:to\s+|be\s+able\s+to\s+|immediately\s+)*(?:\w+\s+)?$", re.IGNORECASE)


_NUM = (r"(?:\d[\d.,]*%?|one|two|three|four|five|six|seven|eight|nine|ten|half|a\s+third|a\s+quarter|two-thirds|"
        r"three-fourths|one-third|one-quarter|a\s+fifth|three-quarters|a\s+majority|a\s+plurality|most|many|some|few|a\s+few|several)")


_QUANT = re.compile(r"(?i)^(?:about|nearly|almost|roughly|around|more\s+than|fewer\s+than|less\s+than|only|just|over|"
                    r"under)?\s*" + _NUM + r"(?:\s+(?:percent|per\s+cent|%))?(?:\s+(?:in|of|out\s+of)\s+(?:\d+|ten|"
                    r"three|four|five|them|those|the\s+\w+|all|respondents|voters|\w+(?:\s+\w+){0,3}))*\s*$")
#: "About four in 10 South Carolina Republican primary voters": a ratio, then a plural noun phrase.
_RATIO_GROUP = re.compile(r"(?i)^(?:about|nearly|almost|roughly|around|more\s+than|fewer\s+than|less\s+than|only|just)?\s*"
                          + _NUM + r"\s+(?:in|out\s+of)\s+(?:\d+|ten)\s+(?:[A-Za-z-]+\s+){0,4}[A-Za-z-]+s\s*$")


_POST_MODS = words("post_modifiers")


def _modified_head_kind(f: str, toks: list[str], low: list[str]) -> str | None:
    """Kind of a head noun with a post-modifier or relative clause ("people briefed on the situation",
    "Supporters who have heard directly from the campaign"), else None."""
    if len(toks) <= 12 and not re.search(r"\b(?:said|says|told|say)\b", f):
        # "protest organizers in Cleveland", "people briefed on the situation", "organizations that endorsed him"
        hi = next((i for i, w in enumerate(low[:4]) if w in _HEADS), None)
        if hi is not None and toks[hi][:1].isupper() and toks[-1][:1].isupper() and len(spk.name_of(f).split()) >= 2:
            return "name"  # a capitalised title: "Secretary of State John Kerry", "Director of Policy Ann Lee"
        if hi is not None and hi + 1 < len(low) and low[hi + 1] in _POST_MODS and \
                all(w in _DETS or not t[:1].isupper() or w in spk._demonyms() for w, t in zip(low[:hi], toks[:hi])) and \
                (low[hi + 1] in ("who", "that") or
                 not any(w in {"is", "are", "was", "were", "has", "have", "had"} for w in low[hi + 1:hi + 3])):
            return _desc_kind(low) if low[0] in _DETS else "anonymous"
    if low[0] == "those" and (len(low) == 2 and low[1] in ("surveyed", "polled", "asked", "questioned", "interviewed")
                              or len(low) == 3 and low[1] in ("over", "under", "aged") and low[2][:1].isdigit()):
        return "anonymous"
    if "who" in low[1:] and 0 < low.index("who") <= 4 and len(toks) <= 12:
        k = _np_kind(" ".join(toks[:low.index("who")]))
        if k in ("description", "anonymous", "name") and not re.search(r"\b(?:said|says|told)\b", f):
            return k  # "Supporters who have heard directly from the campaign say"
    return None


_PREPOSITIONS = frozenset({"in", "on", "at", "during", "after", "before", "from", "for", "under", "over", "since",
                           "until", "via", "through", "into", "onto", "upon", "despite", "amid"})
_NAME_PARTICLES = frozenset({"de", "van", "von", "al", "bin", "da", "di", "del", "della", "le", "la", "du", "dos"})
_AGE_HEAD = re.compile(r"\d{1,3}-year-old")  # "the 46-year-old said"


def _np_kind(frag: str) -> str | None:
    """'pronoun' | 'name' | 'description' | 'anonymous' for a plausible speaker noun phrase, else None."""
    f = frag.strip().strip("—–-").strip()
    if not f:
        return None
    toks = f.split()
    low = [t.strip(".,’'").casefold() for t in toks]
    if len(toks) == 1 and low[0] in _PRONOUNS:
        return "pronoun"
    if len(toks) == 1 and low[0] in {"this", "that", "these", "those", "each", "every", "both", "such"}:
        return None
    if len(toks) == 1 and low[0] == "another":
        return "anonymous"  # "Another said …": another person of the group just quoted
    if low[0] in _PRONOUNS and len(toks) > 1 or low[0] in _PREPOSITIONS:
        return None  # a clause ("they believed Russia engineered the release") or a phrase ("In a tweet")
    if low[0] in _NAME_PARTICLES and 2 <= len(toks) <= 3 and all(t[:1].isupper() for t in toks[1:]):
        return "name"  # "de Blasio", "van Hollen", "al-Assad" written with a lower-case particle
    if len(toks) > 14:
        return None
    k = _modified_head_kind(f, toks, low)
    if k:
        return k
    if "to" in low[1:] and low[low.index("to") - 1] in _HEADS and len(toks) <= 6:
        keep = [i for i, w in enumerate(low) if not (w == "to" and i > 0 and low[i - 1] in _HEADS)]
        toks, low = [toks[i] for i in keep], [low[i] for i in keep]  # kept aligned: later tests index both
    if _QUANT.match(f) or _RATIO_GROUP.match(f):
        return "anonymous"  # poll groups: "21 percent", "One in three", "more than 4 in 10", "most of them"
    if low.count("and") == 1 and 0 < low.index("and") < len(low) - 1 and len(toks) <= 13:
        k = _coordinated_kind(toks, low.index("and"))
        if k:
            return k
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
    if (head in _HEADS or _AGE_HEAD.fullmatch(head)) and not any(t[:1].isupper() for t in toks[1:]) and \
            (len(toks) == 1 or low[0] in _DETS):
        return _desc_kind(low) if len(toks) > 1 else "anonymous"  # "Sources", "The minister", "Officials"
    has_name = any(t[:1].isupper() and t.strip(".,").casefold() not in _DETS for t in toks)
    if not first_upper and low[0] not in _DETS and head not in _HEADS and low[0] not in _HEADS \
            and not low[0][:1].isdigit():
        # a job title in lower case before a name: "union president Marta Kowalski", "shop owner Ingrid Holm"
        # ("super PAC spokeswoman Kellyanne Conway": the last lower-case word is the title, a name follows)
        last = max(i for i, t in enumerate(toks) if not t[:1].isupper())
        if last <= 3 and (low[last] in _HEADS or low[last] in spk.TITLES) and toks[-1][:1].isupper() \
                and all(t[:1].isupper() for t in toks[last + 1:]) and len(spk.name_of(f).split()) >= 2:
            return "name"
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


def _coordinated_kind(toks: list[str], i: int) -> str | None:
    """Kind of "Cyber security experts and U.S. officials": the last conjunct's, when both are speaker NPs."""
    left, right = " ".join(toks[:i]), " ".join(toks[i + 1:])
    kl, kr = _np_kind(left), _np_kind(right)
    if i > 4 or len(toks) - i - 1 > 8 or any(re.fullmatch(r"[a-z]{3,}ed", t) for t in toks[1:i]):
        return None  # "The remark worried some analysts and activists" is a clause, not two conjuncts
    return kr if kl and kr and "pronoun" not in (kl, kr) else None


def _has_paren(f: str) -> bool:
    return "(" in f


def _desc_kind(low: list[str]) -> str:
    if low[0] in {"the", "this", "that", "these", "those", "his", "her", "their", "its", "our"}:
        return "description"
    return "anonymous"


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


#: US state abbreviations of the sentence splitter's list ("Mass.", "Calif."): a place ending an apposition.
_STATE_ABBREVIATIONS = frozenset(_ABBREVIATIONS[_ABBREVIATIONS.index("ala"):])


def _is_appos(frag: str) -> bool:
    f = frag.strip()
    low = f.lower()
    if low.startswith(("who ", "who’s", "whose ")):
        return len(f.split()) <= 32
    if not f or len(f.split()) > (32 if re.search(r"\b(?:who|whose)\b", low) else 18):
        return False  # a description with a relative clause may run long ("a top operative … who played …")
    if re.search(r"\b(?:said|says|told)\b", low) or \
            re.search(r"\b(?:is|are|was|were|has|have|had|will|would)\b", low) and not re.search(r"\b(?:who|whose|which|that)\b", low):
        return False
    return f[:1].islower() or low.startswith(("the ", "a ", "an ")) or bool(re.match(r"[A-Z][\w.’'-]*\s+(?:of|for|at)\b", f)) \
        or _POSSESSIVE_APPOS.match(f) is not None


#: An apposition opening with a possessor: "Clinton's director of state campaigns", "Germany's largest bank".
_POSSESSIVE_APPOS = re.compile(r"(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*[’']s\s+(?:[a-z][\w-]*\s+){0,3}"
                               r"(?:[a-z][\w-]*)(?:\s+(?:of|for|at|in|and|to|on|with)\b.*)?$")


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
    return _subject_in_segments(m, segs, end)


_LAST_SUBJECT_PRONOUN = re.compile(r"(?i:in|on|at|during|after|before|later|earlier|last|since|by|for|from|over|"
                                   r"within|throughout|this|that|late|early|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                                   r"yesterday|today|tonight)\s+(?:[\w’'.-]+\s+){0,4}?(he|she|they|we|I)\s*$")


#: After "which DESCRIPTION": the cue and a finite verb ("which advocates say disadvantages needy schools").
_REL_CUE_AUX = re.compile(r"\s*[a-z]+\s+(?:was|were|is|are|would|will|could|had|has|have|might|should|must|did|does|"
                          r"[a-z]{3,}(?<!s)s|[a-z]{3,}ed)\b")


def _subject_in_segments(m: str, segs: list[tuple[int, int, str]], end: int):
    """The speaker NP in the clause segments before a cue (last segment first)."""
    s1, e1, b1 = segs[0]
    s1 = _trim(m, s1, e1)
    f1 = m[s1:e1]
    if f1.strip():
        k = _np_kind(f1)
        if k is None:
            # "… because they said" / "… the bill that he said": the NP after a subordinator
            sub = None
            for sm_ in re.finditer(r"\b(?:because|that|when|while|if|as|since|after|before|but|and|so|although|"
                                   r"though|where|until|once|whom|who|which|what|how|why|(?:in|to|of|for|on|at|by|with|from|under|during)\s+which)\s+", f1):
                sub = sm_
            if sub is not None:
                s1b = s1 + sub.end()
                kb = _np_kind(m[s1b:e1])
                if sub.group(0).strip() in ("who", "which") and kb not in ("pronoun", "name") and \
                        not _REL_CUE_AUX.match(m, end):
                    kb = None  # "the debate which the candidates agreed to hold": no clause follows the cue
                if kb in ("pronoun", "name", "description", "anonymous") and \
                        len(m[s1b:e1].split()) <= 6:  # "that New Jersey Gov. Chris Christie said"
                    first = m[s1:s1 + sub.start()]
                    if sub.group(0).strip() == "and" and len(m[s1:e1].split()) <= 8 and \
                            _np_kind(first) in ("name", "description", "anonymous", "pronoun"):
                        return s1, end, kb, ""  # coordinated subjects: "Smith and Jones said" (the mention is both)
                    return s1b, end, kb, ""
            raw = segs[0][0] + len(m[segs[0][0]:e1]) - len(m[segs[0][0]:e1].lstrip())
            pm = _LAST_SUBJECT_PRONOUN.match(m, s1, e1) or _LAST_SUBJECT_PRONOUN.match(m, raw, e1)
            if pm is not None:  # "In 2010 she said of …", "Later that day he told …": an opening phrase, no comma
                return pm.start(1), end, "pronoun", ""
        if k and not (b1 == "," and k in ("description", "anonymous") and f1.strip()[:1].islower()
                      and len(segs) > 1 and _np_kind(m[_trim(m, *segs[1][:2]):segs[1][1]]) == "name"):
            return s1, end, k, ""
        # "an official, who stressed" / "Gut, the analyst who …" : f1 is a relative clause or apposition
        if b1 == "," and len(segs) > 1 and _is_appos(f1):
            s0, e0, _ = segs[1]
            s0 = _trim(m, s0, e0)
            if m[s0:e0].split()[:1] and m[s0:e0].split()[0].lower() in _PREPOSITIONS:
                return None  # "In a tweet, the city of Nice urged": an introduction, not a name with an apposition
            k0 = _np_kind(m[s0:e0]) or _tail_np(m, s0, e0)
            if isinstance(k0, tuple):
                s0, k0 = k0
            if k0:
                appos = "" if f1.strip().lower().startswith("who") else f1.strip()
                return s0, _rstrip(m, s0, e0), k0, appos
        return None
    return _subject_before_comma(m, segs, b1)


def _subject_before_comma(m: str, segs: list[tuple[int, int, str]], b1: str):
    """The NP ending with a comma: "X, a professor at Y, said", "The group's CEO, X, said", "X, 49, a …, said"."""
    # f1 empty: the NP ends with a comma ("X, a professor at Y, said" / "The group's CEO, X, said" / "X, 49, a …, said")
    if b1 != "," or len(segs) < 2:
        return None
    appos: list[str] = []
    transparent = False
    for idx in range(1, len(segs)):
        s0, e0, b0 = segs[idx]
        raw0 = m[s0:e0].strip()
        if b0 == "," and idx + 1 < len(segs) and _TRANSPARENT.fullmatch(raw0.lower()):
            transparent = True
            continue  # "Proponents of the bill, however, say": not an apposition
        st = _trim(m, s0, e0)
        f0 = m[st:e0]
        k0 = _np_kind(f0) if f0.strip() else None
        is_app = bool(re.fullmatch(r"(?:then|now|aged|age)?\s*\d{1,3}%?", raw0)) or \
            ((k0 != "name" or raw0[:1].islower()) and _is_appos(raw0)) or \
            raw0.endswith(".") and raw0[:-1].lower() in _STATE_ABBREVIATIONS  # "…, retired in Cambridge, Mass., said"
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
        if (appos or transparent) and (k0 in ("description", "anonymous", "pronoun") or _tail_np(m, st, e0)):
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


def _speaker_after(m: str, c_end: int, hi: int) -> tuple[int, int, str, str] | None:
    """Speaker NP right after a cue ("…,” said Prof. Gut."), with its apposition."""
    rest = m[c_end:hi]
    mm = re.match(r"\s+((?:(?:Prof|Dr|Mr|Mrs|Ms|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Adm|St|Jr|Sr|[A-Z])\.\s*|"
                  r"[^,.;:!?()“”\"—])+?)(?=\s*(?:[,.;:!?(—]|$|\s+(?:in|on|at|during|after|before|when|while|"
                  r"adding|who|whose|familiar\s+with|calling\s+(?:himself|herself)|briefed\s+on|involved\s+in|last|this|"
                  r"yesterday|today|of|to|as)\b))", rest)
    if not mm:
        return None
    frag = mm.group(1)
    kind = _np_kind(frag)
    if not kind and re.match(r"(?:Will|May)\s+[A-Z]", frag) and _np_kind(frag.split(None, 1)[1]) == "name":
        kind = "name"  # "“…,” said Will Doyle": after the cue, a first name, not a modal
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


_FUNC = words("not_subject_starts")


def _unit_subject(text: str, m: str, us: int, pos: int):
    """(mention, start, kind, apposition) of the clause subject before ``pos`` in a unit, or None."""
    starts = [us] + [us + x.end() for x in re.finditer(r",\s+", m[us:pos])]
    for st in reversed(starts):
        toks = list(re.finditer(r"\S+", m[st:pos]))
        if len(toks) < 2 or toks[0].group(0).lower().strip(",") in _FUNC or \
                toks[0].group(0).lower().endswith("ing") and toks[1].group(0).lower() in _FUNC | {"the", "a", "an"}:
            continue  # "Walking to the next address, …" is not a subject
        first = toks[0].group(0)
        if first.lower() in _PRONOUNS:  # "She also compared …, saying": a pronoun is the whole subject
            return text[st:st + toks[0].end()], st, "pronoun", ""
        run = next((i for i, t in enumerate(toks) if not t.group(0)[:1].isupper()), len(toks))
        if 0 < run < len(toks) and first.lower() not in _DETS:  # "Mayor Anna Baker also said …, adding"
            frag = m[st:st + toks[run - 1].end()]
            if _np_kind(frag) == "name" and spk.name_of(frag):  # not a demonym alone ("Israeli political …")
                return text[st:st + toks[run - 1].end()], st, "name", ""
        best = None
        for n in range(1, min(10, len(toks) - 1) + 1):
            nxt = toks[n].group(0)
            if not nxt[:1].islower() or nxt.lower() in _FUNC or nxt.lower() in {"and", "or"} or \
                    n > 7 and not toks[n - 1].group(0)[:1].isupper():
                continue  # past seven words only a name may end the subject ("A spokesman for Mayor … of Cleveland")
            frag = m[st:st + toks[n - 1].end()]
            k = _np_kind(frag)
            if k:
                best = (text[st:st + toks[n - 1].end()], st, k, "")
        if best:
            return best
    return None


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
