"""A tag that ends its paragraph with a colon, its content the next paragraph.

Part of :mod:`analysis.sources` (method and citations there).  "In a speech last July, he said:" followed by
a paragraph of quotation (or of reported text: "Hewitt writes:" and a block quote) is one attribution whose
content is the whole next paragraph (PolNeAR annotates it so).  Rule ``paragraph-colon``.
"""
from __future__ import annotations

import bisect
import re

from .model import _WORD, _Raw
from .quotes import _clean_span

#: What may stand between the cue and the closing colon: a recipient or an adverbial, not a new clause.
_TAIL = re.compile(r"[^.;!?“”\"]{0,80}:\s*$")


def paragraph_colon(text: str, masked: str, units, paragraphs, raws: list[_Raw], cues, tagger) -> list[_Raw]:
    """Attributions for units that end a paragraph with "SPEAKER CUE …:" and no content after the colon.

    ``cues`` are the (start, end) cue spans of the text; ``tagger(ui, cue)`` returns the speaker and the cue's
    lemma (start, end, kind, lemma) of a cue in unit ``ui``, or None."""
    taken = {r.unit for r in raws}
    starts = [a for a, _ in paragraphs]
    cue_starts = [c[0] for c in cues]
    out = []
    for ui, (us, ue) in enumerate(units):
        if ui in taken or not masked[us:ue].rstrip().endswith(":"):
            continue
        pi = bisect.bisect_right(starts, us) - 1
        if pi + 1 >= len(paragraphs) or paragraphs[pi][1] > ue + 2 and masked[ue:paragraphs[pi][1]].strip():
            continue  # not the last unit of its paragraph, or the last paragraph
        in_unit = [c for c in cues[bisect.bisect_left(cue_starts, us):bisect.bisect_left(cue_starts, ue)]
                   if _TAIL.fullmatch(masked, c[1], ue)]
        if not in_unit:
            continue
        cue = in_unit[-1]
        subj = tagger(ui, cue)
        ps, pe = paragraphs[pi + 1]
        nxt = bisect.bisect_left([u[0] for u in units], ps)
        if subj is None or nxt in taken:
            continue
        s, e = _clean_span(text, ps, pe)
        if len(_WORD.findall(text[s:e])) < 3:
            continue
        out.append(_Raw(s, e, text[cue[0]:cue[1]], cue[0], subj[3], text[subj[0]:subj[1]], subj[0], subj[2], "",
                        "paragraph-colon", ui))
    return out


def with_paragraph_colon(raws: list[_Raw], new: list[_Raw]) -> list[_Raw]:
    """``raws`` plus ``new``, without rows whose content lies inside a new row's paragraph (a quote-only
    paragraph would otherwise be a floating continuation of an earlier speaker too)."""
    if not new:
        return raws
    kept = [r for r in raws if not any(n.start <= r.start and r.end <= n.end for n in new)]
    return sorted(kept + new, key=lambda r: r.start)


#: A transcript turn: a paragraph opening with an upper-case speaker label ("TRUMP:", "JOEL BENENSON:", "Q:").
_TURN = re.compile(r"((?:[A-Z][A-Z.’'-]+)(?: [A-Z][A-Z.’'-]+){0,3}|Q|A):[ \t]+(?=\S)")


def transcript_turns(text: str, units, paragraphs, raws: list[_Raw]) -> list[_Raw]:
    """In a transcript (two or more paragraphs open with an upper-case label), each labelled paragraph is one
    attribution (rule ``colon``) whose content is the whole turn; a colon row the unit rules made for the
    label is extended to the paragraph's end.  Attributions inside the turn are kept (PolNeAR nests them)."""
    turns = [(ps, pe, m) for ps, pe in paragraphs if (m := _TURN.match(text, ps)) is not None]
    if len(turns) < 2:
        return raws
    by_label = {r.m_start: r for r in raws if r.rule == "colon"}
    unit_starts = [u[0] for u in units]
    out = list(raws)
    for ps, pe, m in turns:
        s, e = _clean_span(text, m.end(), pe)
        if len(_WORD.findall(text[s:e])) < 2:
            continue
        old = by_label.get(m.start(1))
        if old is not None:
            old.end = max(old.end, e)
            continue
        ui = bisect.bisect_right(unit_starts, ps) - 1
        out.append(_Raw(s, e, ":", m.start(1), ":", m.group(1), m.start(1), "name", "", "colon", ui))
    return sorted(out, key=lambda r: r.start)
