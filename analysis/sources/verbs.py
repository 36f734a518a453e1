"""Rules around one reporting-verb cue: which speaker and which content it links.

Part of :mod:`analysis.sources` (method and citations there).  Tried in order for each cue of a unit:
``passive`` (CONTENT, CUE-ed by NAME), ``participle`` / ``coordinated`` (the subject of the clause
before), ``pre-subject`` (SPEAKER CUE CONTENT), ``post-subject`` (CONTENT, SPEAKER CUE) and
``post-inverted`` (CONTENT, CUE SPEAKER).  Each rule returns a :class:`~.model._Raw` or None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .content import (_AUX_START, _content_after, _content_end, _content_ok, _extend_after, _intro_only, _sep_before,
                      _set_extension, _skip_lead, _tail_ok, _title_case)
from .cues import _NEEDS_THAT, _TELL
from .model import _WORD, _Raw
from .phrases import _BAD_IN_NP, _desc_kind, _np_kind, _segments_back, _speaker_after, _subject_before, _unit_subject
from .quotes import _CLOSE, _OPEN, _clean_span
from .words import words


@dataclass
class Unit:
    """One unit (sentence of the masked text) with the article's text, masks and quote spans."""

    text: str
    masked: str
    msub: str
    spans: list
    index: int
    start: int
    end: int


def _appos(u: Unit, appos: str, after: int) -> str:
    """The apposition as written: the NP finders read a masked text (quoted words as ``XxXx``)."""
    if not appos:
        return ""
    i = u.msub.find(appos, after)
    return u.text[i:i + len(appos)] if i >= 0 else ""


@dataclass
class Cue:
    """A cue occurrence: offsets, surface form and lemma."""

    start: int
    end: int
    form: str
    lemma: str

    @property
    def participle(self) -> bool:
        return self.form.lower().endswith("ing")


_COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|so|the|get|got)\s*$")
_NOUN_BEFORE = re.compile(r"(?:[’']s|\b(?:his|her|their|its|my|our|your|the|a|an|of|to|for|with))\s*$", re.IGNORECASE)


def not_a_verb(u: Unit, c: Cue) -> bool:
    """A cue word used as an adjective, a noun or a name ("so-called", "his promise", "Demand Progress")."""
    before = u.masked[max(u.start, c.start - 12):c.start]
    if _COPULA_BEFORE.search(before.lower()) or before.endswith("-"):
        return True
    head = u.masked[u.start:c.start]
    if c.form[:1].isupper() and head.strip() and not head.rstrip().endswith(("“", '"', ":")) \
            and not _title_case(u.masked[u.start:u.end]):
        return True
    return bool(_NOUN_BEFORE.search(before)) and not _HAS_CONTRACTION.search(before)


_HAS_CONTRACTION = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Ww]ho|[Tt]hat|[Tt]here)[’']s\s*$")  # "He's said": has, not a possessor


def passive_by(u: Unit, c: Cue) -> _Raw | None:
    """CONTENT, CUE-ed by NAME: "The cooperation in defense, emphasized by Bocharov, serves …".

    The content is the whole clause before the comma (never cut to a noun phrase).
    """
    m = u.masked
    pb = re.match(r"\s+by\s+", m[c.end:c.end + 5])
    sa = _speaker_after(u.msub, c.end + pb.end() - 1, u.end)
    sep = m.rfind(",", u.start, c.start)
    if not (sa and sa[2] == "name" and sep > u.start and not m[sep + 1:c.start].strip()):
        return None
    seg = _segments_back(m, u.start, sep, 1)[0]
    s0, e0 = _clean_span(u.text, seg[0], seg[1])
    if len(_WORD.findall(u.text[s0:e0])) < 2:
        return None
    r = _Raw(s0, e0, u.text[c.start:c.end + pb.end() - 1], c.start, c.lemma, u.text[sa[0]:sa[1]], sa[0],
             sa[2], "", "passive", u.index)
    # the clause goes on after the tag ("…, emphasized by Bocharov, serves as …"): the content is the whole
    # clause with the tag left out, not the noun phrase alone
    tail = re.match(r"\s*,\s*(?=[a-z])", m[sa[1]:u.end]) if c.lemma not in _NEEDS_THAT else None
    if tail:  # (not for verbs whose object is a thing: "The plan, criticized by Smith, was dropped")
        s1, e1 = _clean_span(u.text, sa[1] + tail.end(), u.end)
        if len(_WORD.findall(u.text[s1:e1])) >= 2:
            r.end, r.gap = e1, (e0, s1)
    return r


def is_passive_by(u: Unit, c: Cue) -> bool:
    return c.form.lower().endswith("ed") and re.match(r"\s+by\s+", u.masked[c.end:c.end + 5]) is not None


_DESC_AFTER_QUOTE = re.compile(r"[”\"]\s*,?\s*((?:the|a|an|one|another)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s+"
                               r"(?:also\s+|later\s+)?$")


#: A relative pronoun between the speaker and the cue ("Capt. Pardo, who said …", "critics who say …").
_RELATIVE_BEFORE_CUE = re.compile(r",?\s*(?P<rel>who|which)\b(?:\s+(?:also|has|have|had|once|later|previously|repeatedly|"
                                  r"now|then|often|long|[a-z]+ly))*\s*")


def subject(u: Unit, c: Cue, lo: int):
    """(start, end, kind, apposition) of the speaker before a finite cue, or None.  A relative pronoun before
    the cue ends the mention, as written ("Army Capt. Christian Pardo, who"; PolNeAR's source is the pronoun);
    the name before it is the speaker."""
    subj = _subject_before(u.msub, lo, c.start)
    if subj is not None:
        rel = _RELATIVE_BEFORE_CUE.fullmatch(u.msub, subj[1], c.start)
        if rel is not None:
            subj = (subj[0], rel.end("rel"), subj[2], subj[3])
    if subj is None:
        # “…,” the organizer told them. — a short description right after a closing quote
        dm = _DESC_AFTER_QUOTE.search(u.msub[lo:c.start])
        if dm and not (set(dm.group(1).lower().split()) & _BAD_IN_NP):
            st = lo + dm.start(1)
            subj = (st, st + len(dm.group(1)), _desc_kind(dm.group(1).lower().split()), "")
    return subj


_PARTICIPLE_LEAD = re.compile(r"(?:(?:,[”\"]?|\s*[—–]|\s+-{1,2})\s*(?:while\s+|before\s+|after\s+|also\s+|even\s+|and\s+|by\s+)?|"
                              r"\bby\s+|\b(?:while|after|before|when|in)\s+)$")
#: "McConnell issued a statement saying that …", "The town released a statement Wednesday saying …": the
#: subject of the verb that put the statement out says it.
_STATEMENT_LEAD = re.compile(r"\b(?:issued|released|put\s+out|sent\s+out|posted|published|issues|releases|sent|sends|"
                             r"wrote|writes|tweeted)\s+"
                             r"(?:a|an)\s+(?:[a-z-]+\s+){0,2}?(?:statement|letter|memo|release|e-?mail|tweet|message|note|"
                             r"post)\s+"
                             r"(?:(?:on\s+)?[A-Z][a-z]+day\s+(?:(?:morning|afternoon|evening|night)\s+)?)?$")
_COORD_LEAD = re.compile(r"(?:,\s*|\s)(?:and|but|then)\s+(?:also\s+|later\s+|then\s+)?$")


def _content_start(u: Unit, c: Cue, *, parenthetical: bool = False) -> int | None:
    """Start of the content after the cue, when it has at least two words."""
    after = _content_after(u.masked, c.end, u.end, c.lemma, parenthetical=parenthetical)
    if after is not None and not after[1] and c.lemma in _NEEDS_THAT:
        return None
    if after is None:
        return None
    n = len(_WORD.findall(u.masked[after[0]:u.end]))
    if n < 2 and not (n == 1 and u.masked.startswith(_OPEN, after[0])):  # a one-word quotation: said, “No.”
        return None
    return after[0]


def inherited(u: Unit, c: Cue, lo: int, found: list[_Raw]) -> _Raw | None:
    """"…, saying that …" / "X reminisced …, and said …": the subject of the clause before the cue."""
    pre = u.masked[lo:c.start]
    lead = _PARTICIPLE_LEAD if c.participle else _COORD_LEAD
    sm = _STATEMENT_LEAD.search(pre) if c.participle else None
    if sm is not None:
        verb = Cue(lo + sm.start(), lo + sm.start() + len(sm.group(0).split()[0]), sm.group(0).split()[0], "")
        subj = subject(u, verb, lo)
        if subj is None or subj[2] not in ("name", "pronoun", "description", "anonymous"):
            return None
        inh = (u.text[subj[0]:subj[1]], subj[0], subj[2], _appos(u, subj[3], subj[1]))
    elif not lead.search(pre):
        return None
    else:
        found = [r for r in found if r.m_kind != "agentless"]  # the asker of an agentless question is unknown
        inh = (found[-1].mention, found[-1].m_start, found[-1].m_kind, found[-1].appos) if found \
            else _unit_subject(u.text, u.masked, u.start, c.start)
    if not inh:
        return None
    start = _content_start(u, c)
    if start is None:
        return None
    s, e = _clean_span(u.text, start, _content_end(u.masked, start, u.end))
    if e <= s:
        return None
    return _Raw(s, e, c.form, c.start, c.lemma, inh[0], inh[1], inh[2], inh[3],
                "participle" if c.participle else "coordinated", u.index)


_AS_LEAD = re.compile(r"\s*(?:(?:But|And|So|Yet|and|but)\s+)?(?:As|as|Just\s+as|just\s+as)\s+$")


_WITH_SUBJECT = re.compile(r"(?:\bwith|[—–]|\s-)\s+((?:[\w’'%.-]+\s+){0,7}?[\w’'%.-]+)\s+$")


def with_subject(u: Unit, c: Cue) -> _Raw | None:
    """"…, with 47 percent of voters saying they will …", "… – Ryan saying he was …": the noun phrase after
    "with" or a dash speaks."""
    wm = _WITH_SUBJECT.search(u.masked, u.start, c.start)
    kind = _np_kind(wm.group(1)) if wm else None
    if kind is None or kind == "pronoun":
        return None
    start = _content_start(u, c)
    if start is None:
        return None
    s, e = _clean_span(u.text, start, _content_end(u.masked, start, u.end))
    if len(_WORD.findall(u.text[s:e])) < 2:
        return None
    return _Raw(s, e, c.form, c.start, c.lemma, u.text[wm.start(1):wm.end(1)], wm.start(1), kind, "", "participle",
                u.index)


def after_relative(u: Unit, c: Cue, found: list[_Raw]) -> _Raw | None:
    """"Barkley, who said he votes Democratic, said one candidate he likes is Sanders": the main verb after a
    relative clause whose cue took the rest of the sentence; the relative's content ends at the comma."""
    prev = found[-1] if found else None
    if prev is None or not prev.mention.endswith(", who") or not prev.start < c.start < prev.end:
        return None
    comma = u.masked.rfind(",", prev.start, c.start)
    if comma < 0 or u.masked[comma + 1:c.start].strip() or len(_WORD.findall(u.text[prev.start:comma])) < 2:
        return None
    name = prev.mention[:-len(", who")]
    r = pre_subject(u, c, (prev.m_start, prev.m_start + len(name), prev.m_kind, ""))
    if r is not None:
        prev.end = _clean_span(u.text, prev.start, comma)[1]
    return r


#: "Citing “obligations in Tennessee,” the spokeswoman told …": the quotation belongs to an opening participle.
_PARTICIPLE_OPENING = re.compile(r"\s*[A-Z][a-z]+ing\s")


def pre_subject(u: Unit, c: Cue, subj) -> _Raw | None:
    """SPEAKER CUE [RECIPIENT] [that|:] CONTENT; "As SPEAKER CUE, CONTENT"; "CONTENT, SPEAKER CUE, CONTENT"."""
    m = u.masked
    lead = m[u.start:subj[0]]
    after_comma = lead.rstrip().endswith(",")
    paren = subj[0] == u.start or m[max(u.start, subj[0] - 2):subj[0]].strip() in (",", "") or \
        _AS_LEAD.fullmatch(lead) is not None  # "As the paper noted, it is surprising …"
    if lead.rstrip().endswith((_CLOSE, '"', ",”", ',"')) and not _PARTICIPLE_OPENING.match(lead) \
            and not _SHOW_TITLE_LEAD.search(u.text, u.start, subj[0]):
        return None  # a quotation before the speaker: the post-posed rule decides
    start = _content_start(u, c, parenthetical=paren)
    if start is None and _RELATIVE_SUBJECT.search(m, u.start, subj[0]) and subj[1] - subj[0] < 40:
        # "his daughters, who he said were living in Russia", "what he said were the failures of …": the
        # content is the rest of the relative clause
        rest = m[c.end:u.end]
        if _AUX_START.match(rest.lstrip()):
            start = c.end + len(rest) - len(rest.lstrip())
    if start is None:
        return None
    s, e = _clean_span(u.text, start, _content_end(m, start, u.end))
    if e <= s:
        return None
    r = _Raw(s, e, c.form, c.start, c.lemma, u.text[subj[0]:subj[1]], subj[0], subj[2], _appos(u, subj[3], subj[0]),
             "pre-subject", u.index)
    if after_comma and m[c.end:s].strip() == "," and _tail_ok(m, c.end, u.end):
        _parenthetical_tag(u, r, subj[0])
    elif _SUBORDINATE_LEAD.match(lead):
        _end_at_main_clause(u, r)
    return r


_RELATIVE_SUBJECT = re.compile(r"\b(?:who|which|what)\s+$")


#: A programme or publication title in quotation marks before the speaker, not a quotation: "Sunday on Fox News
#: channel’s “Sunday Morning Futures,” Rep. Darrell Issa said …", "Friday on CNN’s “New Day,” Sen. … told …".
_SHOW_TITLE_LEAD = re.compile(r"(?:\b(?:on|in)|\w[’']s)\s+[“\"](?:[A-Z0-9][\w’'.&-]*\s*){1,6},?[”\"],?\s*$")

_SUBORDINATE_LEAD = re.compile(r"(?:\s*|[^“”\"]*,\s*)(?:(?:But|And|Yet)\s+)?(?i:while|although|though|whereas|even\s+though|"
                               r"because|since|if|when|once|until|after|before)\s+(?:\S+\s+){0,4}$")


def _end_at_main_clause(u: Unit, r: _Raw) -> None:
    """"While only 7 percent said they are undecided, 27 percent named a candidate": the content of a cue in an
    opening subordinate clause ends at the comma before the main clause."""
    comma = u.masked.find(", ", r.start, r.end)
    if comma > r.start and len(_WORD.findall(u.text[comma:r.end])) >= 3 and len(_WORD.findall(u.text[r.start:comma])) >= 2:
        r.end = _clean_span(u.text, r.start, comma)[1]


def _parenthetical_tag(u: Unit, r: _Raw, m_start: int) -> None:
    """"Any attempt to debunk him, he said, becomes hopeless": the content runs on both sides of the tag (the
    tag is the gap): the clause segment before it, when that is not an introduction ("In the 1990s, she said,
    …", "Asked why …, Earnest responded, “…”") and the part after is not a quotation."""
    if u.text[r.start:r.start + 1] in "“\"'‘":
        return
    comma = u.masked.rfind(",", u.start, m_start)
    seg = _segments_back(u.masked, u.start, comma, 1)[0]
    s0, e0 = _clean_span(u.text, seg[0], comma)
    if len(_WORD.findall(u.text[s0:e0])) >= 3 and not _intro_only(u.text, s0, e0, u.spans) and \
            not _CLAUSE_OPENER.match(u.text, s0):
        r.gap, r.start = (e0, r.start), s0


_CLAUSE_OPENER = re.compile(r"(?i:asked|when|if|as|after|before|while|because|since|although|though|unless|once|"
                            r"speaking|pressed|and|but)\b")


def _content_before(u: Unit, upto: int) -> tuple[int, int] | None:
    sep = _sep_before(u.masked, u.start, upto)
    if sep is None or sep <= u.start:
        return None
    s, e = _clean_span(u.text, u.start, sep)
    s = _skip_lead(u.text, s, e)
    return (s, e) if _content_ok(u.text, s, e, u.spans) else None


def post_subject(u: Unit, c: Cue, subj) -> _Raw | None:
    """CONTENT, SPEAKER CUE."""
    if not (_tail_ok(u.masked, c.end, u.end) or c.lemma in _TELL):
        return None
    span = _content_before(u, subj[0])
    if span is None:
        return None
    r = _Raw(span[0], span[1], c.form, c.start, c.lemma, u.text[subj[0]:subj[1]], subj[0], subj[2], _appos(u, subj[3], subj[0]),
             "post-subject", u.index)
    _set_extension(r, _extend_after(u.text, u.masked, u.spans, c.end, u.end, r.end))
    return r


#: A relative clause or post-modifier after an inverted speaker ("…,” said a former official who oversaw …).
_RELATIVE_AFTER = re.compile(r"\s+(?:who|whose|familiar\s+with|close\s+to|calling\s+(?:himself|herself)|"
                             r"briefed\s+on|involved\s+in)\b")


#: "“…,” said the designer, who works for …": after a quotation and an inverted cue, a short description is the
#: speaker whatever its head noun (the head lists cannot name every occupation).
_INVERTED_DESC = re.compile(r"\s+((?:the|a|an)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})(?=\s*[,.;]|\s*$|\s+(?:who|whose)\b)")


def _desc_after_quote(u: Unit, c: Cue):
    """(start, end, kind, apposition) of a description right after "“…,” said", else None."""
    if not u.masked[u.start:c.start].rstrip().endswith((",”", "?”", "!”", "”")):
        return None
    dm = _INVERTED_DESC.match(u.msub, c.end, u.end)
    if dm is None or set(dm.group(1).lower().split()[1:]) & _BAD_IN_NP:
        return None
    return dm.start(1), dm.end(1), _desc_kind(dm.group(1).lower().split()), ""


def post_inverted(u: Unit, c: Cue) -> _Raw | None:
    """CONTENT, CUE SPEAKER ("…,” said Prof. Gut.)."""
    sa = _speaker_after(u.msub, c.end, u.end)
    if sa is None:
        sa = _desc_after_quote(u, c)
    if sa is None:
        return None
    after = sa[1] + (len(sa[3]) + 2 if sa[3] else 0)
    if not (_tail_ok(u.masked, after, u.end) or sa[2] != "pronoun" and _RELATIVE_AFTER.match(u.masked, sa[1], u.end)):
        return None
    span = _content_before(u, c.start)
    if span is None:
        return None
    r = _Raw(span[0], span[1], c.form, c.start, c.lemma, u.text[sa[0]:sa[1]], sa[0], sa[2], _appos(u, sa[3], sa[0]),
             "post-inverted", u.index)
    _set_extension(r, _extend_after(u.text, u.masked, u.spans, sa[1], u.end, r.end))
    return r


_BE = r"(?:is|are|was|were|been|being|be)"
_PASSIVE_AGENT = re.compile(
    r"\s+(?:(?:by\s+(?P<by>(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){0,5}?))|"
    r"(?:in|across|throughout)\s+(?P<place>the\s+West|the\s+international\s+community|the\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?|"
    r"[A-Z][\w-]+|(?:some|many|certain)\s+\w+(?:\s+circles)?))"
    r"(?=\s+(?:that|for|of|as|over)\b|\s*[,.;]|$)")
_PASSIVE_CONTENT = re.compile(r"\s+(?:(?P<that>that)\s+|(?:for|of|over)\s+(?P<obj>[^,;:“”\"]{3,160}?)(?=\s*[,;:.]|$))")


def is_passive_be(u: Unit, c: Cue) -> bool:
    """A reporting verb in a passive: "is criticized", "was told" (the copula before the participle)."""
    before = u.masked[max(u.start, c.start - 30):c.start]
    return re.search(r"\b" + _BE + r"\s+(?:(?:\w+ly|sometimes|often|also|widely|frequently|rarely|still|even)\s+)?$",
                     before) is not None and c.form.lower().endswith(
        ("ed", "told", "said"))


def passive_be(u: Unit, c: Cue) -> _Raw | None:
    """CONTENT is CUE-ed by/in SOURCE [for|that CONTENT]: "the Azerbaijani regime is sometimes criticized in the
    West for its authoritarian political system" (source: the West; content: what it is criticized for) and
    "He was told by the minister that the talks had failed" (source: the minister)."""
    m = u.masked
    ag = _PASSIVE_AGENT.match(m, c.end, u.end)
    if ag is None or c.lemma == "ask" and _BY_ASKER.match(m, c.end, u.end):
        return agentless_question(u, c) if c.lemma == "ask" else None
    name = "by" if ag.group("by") else "place"
    s_src, e_src = ag.span(name)
    kind = _np_kind(u.text[s_src:e_src]) if name == "by" else "anonymous"
    if kind is None:
        return None
    ct = _PASSIVE_CONTENT.match(m, ag.end(), u.end)
    if ct is None:
        return None
    if ct.group("that"):
        s, e = _clean_span(u.text, ct.start("that"), _content_end(m, ct.start("that"), u.end))
    else:
        s, e = _clean_span(u.text, *ct.span("obj"))
    if len(_WORD.findall(u.text[s:e])) < 2:
        return None
    return _Raw(s, e, c.form, c.start, c.lemma, u.text[s_src:e_src], s_src, kind, "", "passive-be", u.index)


_QUESTION_START = re.compile(r"\s+(?:(?:again|also|later|repeatedly|then|directly|specifically|once)\s+)?"
                             r"(?=(?:whether|if|why|how|what|who|when|where|which|about)\b)")


def agentless_question(u: Unit, c: Cue) -> _Raw | None:
    """A question put by someone the text does not name: "He was asked whether the plan would work", "Asked
    about the report, the spokesman said …" (content: the question, up to the comma that ends the participle
    clause).  PolNeAR annotates these as attributions without a source; the row has no speaker (rule
    ``agentless``, mention empty) and never lends its speaker to a later quote."""
    bm = _BY_ASKER.match(u.masked, c.end, u.end)  # "was asked by host John Dickerson whether …"
    by_kind = _np_kind(bm.group("by")) if bm else None
    qm = _QUESTION_START.match(u.masked, bm.end() if by_kind else c.end, u.end)
    if qm is None:
        return None
    s = qm.end()
    initial = not is_passive_be(u, c)
    e = u.masked.find(",", s, u.end) if initial else -1
    s, e = _clean_span(u.text, s, e if e > s else _content_end(u.masked, s, u.end))
    if len(_WORD.findall(u.text[s:e])) < 2:
        return None
    if by_kind:
        return _Raw(s, e, c.form, c.start, c.lemma, u.text[bm.start("by"):bm.end("by")], bm.start("by"), by_kind, "",
                    "passive-be", u.index)
    return _Raw(s, e, c.form, c.start, c.lemma, "", c.start, "agentless", "", "agentless", u.index)


_BY_ASKER = re.compile(r"\s+by\s+(?P<by>[^,;:“”\"]{2,60}?)(?=\s+(?:whether|if|why|how|what|who|when|where|which|"
                       r"about)\b)")


_ASKED_INITIAL = re.compile(r"(?:(?:When|If|Once|After|Before|Though|Although|While|Later|Also)\s+|when\s+|if\s+)?"
                            r"(?:(?:again|later|also)\s+)?$")


def is_agentless_initial(u: Unit, c: Cue) -> bool:
    """"Asked whether …, X said" / "When asked about …, X said": a participle question clause opening the unit."""
    return c.lemma == "ask" and c.form.lower() == "asked" and \
        (_ASKED_INITIAL.fullmatch(u.masked[u.start:c.start].lstrip("“\"‘' ")) is not None or
         _ASKED_INSIDE.search(u.masked, max(u.start, c.start - 20), c.start) is not None)


_ASKED_INSIDE = re.compile(r"(?:\b[Ww]hen|\b[Ii]f|\b[Aa]fter\s+being|\b[Bb]efore\s+being|\b[Oo]nce)\s+$")  # "…, when asked about …"


_DOC_PASSIVE = re.compile(r"\s+(?:was|were|is|are|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:reflected|documented|"
                          r"recorded|reported|described|confirmed|mentioned|noted|cited|detailed)\b")
_DOC_OF = re.compile(r"\b(?P<doc>[a-z]+)\s+of\s+(?P<src>(?:the\s+)?[^,.;:“”\"()]{2,80}?)(?=\s*(?:,|\.|;|$)|\s+(?:and|but)\b)")


def document_sources(u: Unit) -> list[_Raw]:
    """SUBJECT was reflected/documented in the reports of SOURCE (, … the reports of SOURCE2): one attribution per
    source, the subject as content ("Information of the facts of violence against Azerbaijanis was reflected not
    only in the reports of the Azerbaijani side, but also in the reports of various international
    organizations")."""
    m = u.masked
    dp = _DOC_PASSIVE.search(m, u.start, u.end)
    if dp is None:
        return []
    s, e = _clean_span(u.text, u.start, dp.start())
    if len(_WORD.findall(u.text[s:e])) < 2 or _np_kind(u.text[s:e].split(",")[0]) is None and \
            len(_WORD.findall(u.text[s:e])) > 12:
        return []
    out = []
    docs = words("source_documents")
    for dm in _DOC_OF.finditer(m, dp.end(), u.end):
        if dm.group("doc") not in docs:
            continue
        src = u.text[dm.start("src"):dm.end("src")]
        kind = _np_kind(src) or ("anonymous" if src[:1].islower() else None)
        if kind is None:
            continue
        out.append(_Raw(s, e, dm.group("doc"), dm.start("doc"), "report", src, dm.start("src"), kind, "",
                        "document-source", u.index))
    return out
