"""``extract``: every attribution of one cleaned text (the rules in order, see :mod:`analysis.sources`)."""
from __future__ import annotations

import bisect
import re

from .colon import paragraph_colon, transcript_turns, with_paragraph_colon
from .cues import _find_cues, cue_classes
from .model import _WORD, Attribution, _Raw
from .phrases import _np_kind
from .quotes import Spans, _clean_span, _mask, _mask_short, _paragraphs, _units, quote_spans
from .resolve import _finish
from .rules import MERGE_CONTINUATIONS, SPLIT_COLON_QUOTES, _according, _add_continuations, _resolve_overlaps, \
    _split_colon_quote
from .speakers import Registry
from .words import words
from .verbs import Cue, Unit, agentless_question, document_sources, inherited, is_agentless_initial, is_passive_be, \
    is_passive_by, not_a_verb, passive_be, passive_by, post_inverted, post_subject, pre_subject, subject, with_subject, \
    after_relative


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
    cues = _find_cues(masked, beliefs)
    cue_starts = [c[0] for c in cues]
    raws: list[_Raw] = []
    for ui, (us, ue) in enumerate(units):
        u = Unit(text, masked, msub, spans, ui, us, ue)
        in_unit = cues[bisect.bisect_left(cue_starts, us):bisect.bisect_left(cue_starts, ue)]
        raws.extend(unit_attributions(u, in_unit))
    merge = MERGE_CONTINUATIONS if merge_continuations is None else merge_continuations
    paras = _paragraphs(text)
    raws = _add_continuations(text, masked, units, spans, raws, [a for a, _ in paras], merge=merge)
    raws = with_paragraph_colon(raws, paragraph_colon(text, masked, units, paras, raws, cues,
                                                      lambda ui, cue: _colon_tag(text, masked, msub, spans, units, ui, cue)))
    raws = transcript_turns(text, units, paras, raws)
    out = _finish(text, raws, spans, sentences, registry, author)
    return _unbalanced(text, spans, out, sentences)


def _colon_tag(text, masked, msub, spans, units, ui, cue):
    """Speaker and lemma of a finite cue in unit ``ui`` (for :func:`.colon.paragraph_colon`), or None."""
    form = text[cue[0]:cue[1]]
    c = Cue(cue[0], cue[1], form, cue_classes().get(form.lower(), (form.lower(), ""))[0])
    if c.participle or c.lemma in ("according to", ":"):
        return None
    subj = subject(Unit(text, masked, msub, spans, ui, *units[ui]), c, units[ui][0])
    return (subj[0], subj[1], subj[2], c.lemma) if subj else None


def _unbalanced(text: str, spans, out: list[Attribution], sentences) -> list[Attribution]:
    """Flag attributions holding a quotation mark never closed; such a quotation that no attribution covers
    becomes a row of its own, kind ``unattributed`` (rule ``unclosed-quote``), so it is reported, not lost."""
    unclosed = [(a, b) for a, b, closed in spans if not closed]
    if not unclosed:
        return out
    extra = []
    order = sorted(range(len(out)), key=lambda k: out[k].start)
    by_start = Spans((out[k].start, out[k].end, k) for k in order)
    for a, b in unclosed:
        hits = [out[k] for _, _, k in by_start.overlapping(a, b)]
        for att in hits:
            att.unbalanced_quote = True
        if not hits and len(_WORD.findall(text[a:b])) >= 2:
            extra.append(Attribution(kind="unattributed", quote=text[a:b], start=a, end=b, content=text[a:b],
                                     rule="unclosed-quote", speaker_rule="unattributed",
                                     quoted_words=len(_WORD.findall(text[a:b])), unbalanced_quote=True,
                                     sentence=_sentence_index(sentences, a)))
    return sorted(out + extra, key=lambda x: x.start)


def _sentence_index(sentences, pos: int) -> int:
    starts = [s.start for s in sentences] if sentences else []
    return bisect.bisect_right(starts, pos) - 1 if starts else -1


def unit_attributions(u: Unit, cues: list[tuple[int, int]]) -> list[_Raw]:
    """The attributions of one unit: one per cue that links a speaker and content, else a colon tag."""
    forms = cue_classes()
    found: list[_Raw] = []
    covered_to = u.start  # a later cue's subject starts after an earlier attribution's cue
    for cs, ce in cues:
        form = u.text[cs:ce]
        c = Cue(cs, ce, form, forms.get(form.lower(), (form.lower(), ""))[0])
        r, advances = cue_attribution(u, c, covered_to, found)
        if r is not None:
            found.append(r)
            if advances:
                covered_to = max(covered_to, ce)
    extra: list[_Raw] = []
    if not found:
        r = colon_attribution(u)
        if r is not None:
            found.append(r)
        else:
            extra = document_sources(u)  # several sources of one content: not overlaps to resolve
    resolved = _resolve_overlaps(found, u.text) + extra
    if SPLIT_COLON_QUOTES:
        for r in list(resolved):
            second = _split_colon_quote(u.text, u.masked, u.spans, r) if r.rule == "pre-subject" else None
            if second is not None:
                resolved.append(second)
    return sorted(resolved, key=lambda x: x.start)


def cue_attribution(u: Unit, c: Cue, covered_to: int, found: list[_Raw]) -> tuple[_Raw | None, bool]:
    """The attribution one cue makes (or None), and whether later cues' subjects start after it."""
    if c.lemma == "according to":
        return _according(u.text, u.masked, u.start, u.end, c.start, c.end, u.index), False
    if is_passive_be(u, c):
        return passive_be(u, c), False
    if is_agentless_initial(u, c):
        return agentless_question(u, c), False
    prog = _PROGRESSIVE.search(u.masked, max(u.start, c.start - 30), c.start) if c.form.lower() in _PROGRESSIVE_FORMS \
        else None
    if prog is not None and not (c.form.lower() == "telling" and _ADJECTIVE_TELLING.match(u.masked, c.end)):
        # "The Florida senator is telling reporters that …", "He’s saying …": a progressive, not an adjective
        subj = subject(u, Cue(prog.start(), prog.start(), "", ""), max(u.start, covered_to))
        r = pre_subject(u, c, subj) if subj is not None else None
        return r, r is not None
    if not_a_verb(u, c):
        return None, False
    if is_passive_by(u, c):
        return passive_by(u, c), False
    lo = max(u.start, covered_to)
    subj = None if c.participle else subject(u, c, lo)
    if subj is None:
        r = (with_subject(u, c) if c.participle else after_relative(u, c, found)) or inherited(u, c, lo, found)
        if r is not None or c.participle:
            return r, True
        return post_inverted(u, c), True
    pre = pre_subject(u, c, subj)
    if pre is not None and _RELATIVE_BETWEEN.search(u.masked, subj[1], c.start) and \
            pre.start == _after_ws(u.masked, c.end + 1):
        # "…, whom he's alienated, said Larry Sabato, director of …": a clause before the cue and a name after it
        inverted = post_inverted(u, c)
        if inverted is not None and inverted.m_kind in ("name", "description"):
            return inverted, True
    return pre or post_subject(u, c, subj) or post_inverted(u, c), True


#: A form of "be" before an -ing cue: the progressive ("is telling reporters that …", "was saying").
_PROGRESSIVE = re.compile(r"(?:\b(?:is|are|was|were|been)|(?<=\w)[’']s|(?<=\w)[’']re)\s+"
                          r"(?:(?:also|now|still|again|already|repeatedly|publicly|privately)\s+)?$")
_PROGRESSIVE_FORMS = frozenset({"saying", "telling", "arguing", "insisting", "suggesting", "predicting", "denying",
                                "stressing"})  # not "claiming" (victory), "asking"/"urging" (to …: the request)
_ADJECTIVE_TELLING = re.compile(r"\s*(?:that\b|[,.;:!?)]|$)")  # "It is telling that …": an adjective

_RELATIVE_BETWEEN = re.compile(r",\s*(?:whom|which|where|when)\b")


def _after_ws(m: str, i: int) -> int:
    while i < len(m) and m[i].isspace():
        i += 1
    return i


_COLON_TAG = re.compile(r"^\s*([^:“”\"]{2,80}?):\s*(?=[“\"])")
_LINE_TAG = re.compile(r"^\s*((?:[A-Z][\w.’'-]*\s?){1,4}):\s+(?=\S)")
_NOT_A_SPEAKER_LABEL = re.compile(r"(?:[A-Z][a-z]+ )?(?:ABSTRACT|FULL TEXT|BYLINE|UPDATE|Note|Editor’s Note|Source|"
                                  r"Photo|Video|Watch|Read|Related|Transcript|Video Transcript)\s*")
_TWO_WORDS = re.compile(r"[^\W\d_]{2,}(?:\W+[^\W\d_]+){1,}")


_HEAD_TAG = re.compile(r"^\s*([A-Z][^:“”\"\n]{1,60}?):\s+(?=\S)")
_LABEL_TO = re.compile(r"(.+?)\s+(?:to|on|at|To|On|At)\s+\S")


def _headline_label(u: Unit) -> _Raw | None:
    """A headline's label: "Poll: Trump and Clinton hold narrow leads in Pennsylvania", "Clinton camp: …",
    "Clinton to Planned Parenthood: Trump will reverse Roe v. Wade" (the speaker is the name before
    to/on/at).  Only for the text's first unit (the headline paragraph of a cleaned article): in a headline a
    description or a name before a colon is the source of what follows."""
    m, us, ue = u.masked, u.start, u.end
    hm = _HEAD_TAG.search(m[us:ue])
    if hm is None or hm.group(1).strip().casefold() in words("not_speaker_labels"):
        return None
    label = hm.group(1).strip()
    if not _TWO_WORDS.search(m[us + hm.end():ue]):
        return None
    if len(label.split()) <= 3 and _np_kind(label) == "anonymous":
        mention, kind = label, "anonymous"
    else:
        tm = _LABEL_TO.match(label)
        if tm is None or len(tm.group(1).split()) > 4 or _np_kind(tm.group(1)) != "name":
            return None
        mention, kind = tm.group(1), "name"
    s, e = _clean_span(u.text, us + hm.end(), ue)
    if e <= s:
        return None
    ms = us + hm.start(1)
    return _Raw(s, e, ":", ms, ":", u.text[ms:ms + len(mention)], ms, kind, "", "colon", u.index)


def colon_attribution(u: Unit) -> _Raw | None:
    """SPEAKER: “…” and transcript or headline labels ("Q: …", "JOEL BENENSON: …", "Rubio: I Still Believe …")."""
    m, us, ue = u.masked, u.start, u.end
    cm = _COLON_TAG.search(m[us:ue])
    if not cm and (us == 0 or m[us - 1] == "\n"):
        cm = _LINE_TAG.search(m[us:ue])
        if cm and not (cm.group(1).strip() in ("Q", "A") or _np_kind(cm.group(1)) == "name"):
            cm = None
        if cm and (_NOT_A_SPEAKER_LABEL.fullmatch(cm.group(1))
                   or cm.group(1).strip().casefold() in words("not_speaker_labels")):
            cm = None
    if cm is None:
        return _headline_label(u) if us == 0 else None
    label = cm.group(1).strip()
    if label not in ("Q", "A") and len(cm.group(1).split()) == 1 and u.text.count(label) < 2:
        return None  # a one-word label seen nowhere else ("BUSTED:", "Look:") is not a speaker
    if not _TWO_WORDS.search(m[us + cm.end():ue]):
        return None  # content of fewer than two words, or numbers ("Sanders: 1,547")
    kind = _np_kind(cm.group(1))
    if kind not in ("name", "pronoun") and label not in ("Q", "A"):
        return None
    s, e = _clean_span(u.text, us + cm.end(), ue)
    if e <= s:
        return None
    return _Raw(s, e, ":", us + cm.end(1), ":", u.text[us + cm.start(1):us + cm.end(1)].strip(), us + cm.start(1),
                kind or "name", "", "colon", u.index)
