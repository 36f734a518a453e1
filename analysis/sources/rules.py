"""Attribution rules over one unit: "according to", overlaps between candidates, colon-split quotes and
quote-only continuations.

Part of :mod:`analysis.sources` (method and citations there).
"""
from __future__ import annotations

from collections import defaultdict
import bisect
import re

from .model import _Raw, _WORD
from .quotes import _clean_span, _starting_at, _within
from .phrases import _according_np
from .content import _cut_back, _sep_before, _skip_lead


#: "Gut emphasized that A: “B.”" gives two attributions (indirect A, direct B), as the seed gold annotates it.
SPLIT_COLON_QUOTES = True


def _split_colon_quote(text: str, m: str, spans, r: "_Raw") -> "_Raw | None":
    """Cut reported speech that ends in ": “…”" into an indirect part (``r``, shortened) and a direct part."""
    mm = re.search(r":\s*(?=[“\"])", m[r.start:r.end])
    if not mm or mm.start() == 0:
        return None
    qs = r.start + mm.end()
    q = _starting_at(spans, qs)
    if q is None or q[1] < r.end - 1 or len(_WORD.findall(text[r.start:r.start + mm.start()])) < 3:
        return None
    direct = _Raw(q[0], r.end, r.cue, r.cue_start, r.lemma, r.mention, r.m_start, r.m_kind, r.appos,
                  "pre-subject-colon", r.unit)
    r.end = _clean_span(text, r.start, r.start + mm.start())[1]
    return direct


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
    # CONTENT, according to SPEAKER (the comma may be missing when the source ends the sentence or a clause)
    mm = re.match(r"\s+([^,;:“”\"()]{1,160}?)\s*(?:[,.;)]|$)", after)
    sep = _sep_before(m, us, cs)
    if sep is None and mm and _source_ends_clause(m, us, cs, after, mm):
        sep = cs  # "… 46 percent to 39 percent according to a CBS poll released Monday."
    if mm and sep is not None:
        k = _according_np(mm.group(1))
        if k:
            s, e = _clean_span(text, us, sep)
            s = _skip_lead(text, s, e)
            if e > s and len(_WORD.findall(text[s:e])) >= 2:
                return _Raw(s, e, text[cs:ce], cs, "according to", text[ce + mm.start(1):ce + mm.end(1)],
                            ce + mm.start(1), k, "", "according-post", ui)
    return None


_MANNER_BEFORE = re.compile(r"\b(?:to|and|or|be|is|are|was|were|\w+ed|\w+ing|held|done|made|set|run|built|paid|given|"
                            r"taken|chosen|drawn|split|sold|spent|divided)$")


def _source_ends_clause(m: str, us: int, cs: int, after: str, mm) -> bool:
    """"CONTENT according to SOURCE." with no comma: the source ends the sentence or a clause, the content has
    four words or more and does not end in a participle ("held according to state law" is a manner)."""
    rest = after[mm.end() - 1:] if after[mm.end() - 1:mm.end()] in ",.;" else after[mm.end():]
    return len(_WORD.findall(m[us:cs])) >= 4 and not _MANNER_BEFORE.search(m[us:cs].rstrip()) and \
        re.match(r"\s*(?:[.;]|,\s+(?:but|and|while|though)\b|$)", rest) is not None


def _reports(outer: _Raw, inner: _Raw, text: str) -> bool:
    """True when ``inner`` (speaker, cue and content) is what ``outer`` reports: its speaker opens ``outer``'s
    content and its cue lies inside it ("A senator said Republicans agreed to …", "Republicans agreed to …, a
    senator said").  Attributions are univocal (PARC, PolNeAR): the reporting one is kept."""
    return outer.start <= inner.m_start < inner.cue_start < outer.end and inner.m_kind != "agentless" \
        and outer.lemma in _SPEECH and not _WORD.search(text, outer.start, inner.m_start)


#: Lemmas of plain speech cues, which report what another cue in their content says.
_SPEECH = frozenset({"say", "tell", "add", "write", "state", "report", "tweet", "note", "explain"})


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
                if _reports(k, r, text):
                    break  # "A senator said [Republicans agreed to …]": the report is the attribution (PolNeAR)
                by = r.rule == "participle" and kept[-1:] == ["by"]  # "Trump answered a question by [asserting …]"
                if not by and (len(kept) >= 4 and r.rule not in ("participle",) or
                               r.rule in ("participle", "coordinated") and len(kept) >= 2):
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
            if _reports(k, r, text):
                break
            if _reports(r, k, text) or dist(r) < dist(k):
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
            own = [r for r in by_unit[ui] if r.m_kind != "agentless"]  # an agentless question lends no speaker
            last = own[-1] if own else None
            last_unit = ui
            continue
        body = text[us:ue].strip()
        qs = [(a, b) for a, b, _ in _within(spans, us, ue + 1)]
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
