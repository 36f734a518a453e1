"""Quote spans and masking: pair double quote marks per paragraph, mask quote interiors, split units.

Part of :mod:`analysis.sources` (method and citations there).  Units are the sentences of the masked text
(:func:`analysis.text.sentences`, Punkt), so a quotation of several sentences and its tag stay one unit.
"""
from __future__ import annotations

import bisect
import re

from ..text import paragraphs
from ..text import sentences as sentences_of
from .model import _WORD, _Raw


_OPEN = "“"


_CLOSE = "”"


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


def _sentence_end(text: str, pos: int, para_end: int) -> int:
    """End of the sentence (:func:`analysis.text.sentences`) that holds ``pos``, within its paragraph."""
    lo = text.rfind("\n", 0, pos) + 1
    for sent in sentences_of(text[lo:para_end]):
        if lo + sent.end > pos + 1:
            return lo + sent.end
    return para_end


class Spans(list):
    """The (start, end, closed) quote spans of one text in order of start (a list), with the look-ups the
    rules make per candidate done by binary search, so that one long article costs linear time."""

    def __init__(self, spans=()):
        super().__init__(spans)
        self._starts = [a for a, _, _ in self]
        self._reach, hi = [], -1  # the furthest end of any span up to each index
        for _, b, _ in self:
            hi = max(hi, b)
            self._reach.append(hi)

    def overlapping(self, s: int, e: int) -> list[tuple[int, int, bool]]:
        """Spans with a character in [s, e) (start < e and end > s), in order."""
        lo, hi = bisect.bisect_right(self._reach, s), bisect.bisect_left(self._starts, e)
        return [sp for sp in self[lo:hi] if sp[1] > s]

    def within(self, s: int, e: int) -> list[tuple[int, int, bool]]:
        """Spans with start >= s and end <= e, in order."""
        lo, hi = bisect.bisect_left(self._starts, s), bisect.bisect_right(self._starts, e)
        return [sp for sp in self[lo:hi] if sp[1] <= e]

    def starting_at(self, a: int) -> tuple[int, int, bool] | None:
        """The first span that starts at ``a``, or None."""
        i = bisect.bisect_left(self._starts, a)
        return self[i] if i < len(self) and self._starts[i] == a else None


def _overlapping(spans, s: int, e: int) -> list:
    return spans.overlapping(s, e) if isinstance(spans, Spans) else [sp for sp in spans if sp[0] < e and sp[1] > s]


def _within(spans, s: int, e: int) -> list:
    return spans.within(s, e) if isinstance(spans, Spans) else [sp for sp in spans if sp[0] >= s and sp[1] <= e]


def _starting_at(spans, a: int):
    if isinstance(spans, Spans):
        return spans.starting_at(a)
    return next((sp for sp in spans if sp[0] == a), None)


def quote_spans(text: str) -> Spans:
    """(start, end, closed) of every double-quoted span, quote marks included.

    Curly and straight marks (and the doubled apostrophes ``''`` of some wire copy); multi-paragraph
    quotes; an unclosed quote ends at its paragraph's end.
    """
    spans: list[tuple[int, int, bool]] = []
    paras = _paragraphs(text)
    here = 0  # index in `spans` of the first span of the current paragraph
    carry: int | None = None  # start of a quote continued from the previous paragraph
    capped_prev: int | None = None  # index in `spans` of a quote capped at the previous paragraph end
    for pi, (a, b) in enumerate(paras):
        open_at: int | None = carry
        carry = None
        capped_here = None
        here = len(spans)
        for mk in _MARK.finditer(text, a, b):
            i, j, ch = mk.start(), mk.end(), mk.group(0)
            if ch == "“" and open_at is not None and _is_open_straight(text, i, j) is False:
                kind = "close"  # a closing quote typed as an opening one: “criminals“ and
            elif ch in ("“", "„", "``"):
                kind = "open"
            elif ch == "”":
                kind = "close"
            else:
                st = _is_open_straight(text, i, j)
                kind = ("open" if st else "close") if st is not None else ("close" if open_at is not None else "open")
            if kind == "open":
                if open_at is not None and open_at >= a and ch in ("“", "„", "``") \
                        and _sentence_end(text, open_at, b) <= i:
                    # a new quotation opens after the sentence of one never closed: close that one there (a
                    # new line opening with a quote mark continues the quotation: the multi-paragraph convention)
                    if text[i - 1] == "\n":
                        spans.append((open_at, i - 1, True))
                    else:
                        spans.append((open_at, _sentence_end(text, open_at, b), False))
                    open_at = None
                if open_at is None:
                    open_at = i
            else:
                if ch == "''" and text[j:j + 1] == "'":
                    j += 1  # ''' closes a quotation inside a quotation: ', 'We'll bomb them,''' said …
                if open_at is not None:
                    spans.append((open_at, j, True))
                    open_at = None
                elif capped_prev is not None and i > a:
                    spans[capped_prev] = (spans[capped_prev][0], j, True)  # a quote running on into this paragraph
                    capped_prev = None
        capped_prev = None
        if open_at is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            tagged_here = any(sp[0] >= a and sp[1] <= open_at for sp in spans[max(0, here - 1):])
            if nxt is not None and _MARK.match(text, nxt[0]) and text[nxt[0]] != "”" \
                    and not (tagged_here and _own_tag(text, nxt)):
                carry = open_at
            else:
                # an unbalanced mark: the quote ends with its sentence, never with the paragraph, so it cannot
                # swallow other people's statements (the attribution is flagged ``unbalanced_quote``)
                spans.append((open_at, _sentence_end(text, open_at, b), False))
                capped_here = len(spans) - 1
        capped_prev = capped_here
    return Spans(spans)


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
    return a, e - (3 if text[e - 3:e] == "'''" else 2 if text[e - 2:e] == "''" else 1)


_UPPER_RX = re.compile(r"[^\W\d_a-z]")


_LOWER_RX = re.compile(r"[^X ]")


def _mask(text: str, spans: list[tuple[int, int, bool]]) -> str:
    chars = list(text)
    for s, e, closed in spans:
        a, b = _interior(text, s, e, closed)
        chars[s:a] = _OPEN * (a - s)
        if closed:
            chars[b:e] = _CLOSE * (e - b)
        keep_last = b > a and text[b - 1] in ".,!?"
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
    out: list[tuple[int, int]] = []
    for x in sentences_of(masked):
        if out and (_TAG_AFTER_MARK.match(masked, x.start) or _NAMED_TAG.match(masked, x.start, x.end)) \
                and _ends_with_question_close(masked, out[-1][1]) \
                and "\n" not in masked[out[-1][1]:x.start]:
            out[-1] = (out[-1][0], x.end)  # “Too forced?” he said. — the tag after ?” or !” is the same sentence
        else:
            out.append((x.start, x.end))
    return out


_QUESTION_CLOSE = {"?”", "!”", '?"', '!"', "?'", "!'"}


def _ends_with_question_close(masked: str, end: int) -> bool:
    """The sentence ends with ?” or !” (also ?'' and !'' with a doubled-apostrophe mark)."""
    tail = masked[max(0, end - 3):end]
    return tail[-2:] in _QUESTION_CLOSE or tail.endswith(("''", _CLOSE * 2)) and tail[:1] in ("?", "!")
_TAG_AFTER_MARK = re.compile(r"[a-z]")
#: A capitalised tag after ?” or !” (“…?” Trump said to a crowd.): up to five capitalised words (or "the",
#: "of") and a plain speech verb, then the end of the sentence or a prepositional phrase, never new content.
_NAMED_TAG = re.compile(r"(?:(?:[A-Z][\w.’'-]*|the|of)\s+){1,5}(?:said|says|asked|asks|told|tells|wrote|writes|"
                        r"added|adds|tweeted|replied|responded|continued|exclaimed|shouted|joked|quipped|insisted|"
                        r"declared|explained|noted|argued)(?:\s*[.,;]|\s+(?:to|in|on|at|during|after|before|when|"
                        r"while|of|with|as|from|outside|inside|later|again|last|this|[A-Z]\w+day)\b)")


def _clean_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    if e > s and text[e - 1] == "." and _CLOSE not in text[s:e] and '"' not in text[s:e]:
        e -= 1
    return s, e


def _kind(text: str, s: int, e: int, spans: list[tuple[int, int, bool]], tag: str = "") -> str:
    """direct (only quoted words, apart from an attribution tag between quote parts), mixed or indirect."""
    inside = sorted((max(s, a), min(e, b)) for a, b, _ in _overlapping(spans, s, e))
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


def _is_quote(text: str, s: int, e: int, spans) -> bool:
    """True when [s, e) is exactly one closed quotation with at least one word (“Absolutely,” he said)."""
    return any(b == e and closed for a, b, closed in _within(spans, s, e) if a == s) and bool(_WORD.search(text, s, e))


#: Separator between the two parts of a quotation interrupted by its attribution tag.
GAP = " … "


def _content_text(text: str, r: "_Raw", spans) -> str:
    """The content as written; for “A,” she said, “B.” the two parts joined by :data:`GAP` (tag left out)."""
    if r.gap is None:
        return text[r.start:r.end]
    g0, g1 = r.gap
    if g1 < 0:  # second part: the first quote opening after the first part
        g1 = next((a for a, b, _ in _within(spans, g0, r.end)), g0)
    if not (r.start < g0 <= g1 < r.end):
        return text[r.start:r.end]
    return text[r.start:g0].rstrip() + GAP + text[g1:r.end].lstrip()
