"""Matching compiled lexicon entries against a text: tokens, phrases, hyphens, overlaps.

Rules (``docs/loaded.md``): phrases may span whitespace or one hyphen; never
inside a word or a hyphenated compound; a possessive 's is allowed; the
longest match wins, ties to the earlier start; ``exceptions`` veto a match;
``neutral`` entries claim their span without being reported.
"""
from __future__ import annotations

import bisect
import re
from typing import Sequence

from .lexicon import Entry, _TOKEN_RE, tokens
from .prefilter import ASCII_TWINS, Prefilter

_SEP_OK = re.compile(r"[ \t]*\n?[ \t]*|[\-‐‑]")
_HYPHENS = "-‐‑"
_GAP_CLASS: dict[str, tuple[bool, bool]] = {}


def _gap_class(gap: str) -> tuple[bool, bool]:
    """(joinable, hyphenated) for the characters between two tokens."""
    c = _GAP_CLASS.get(gap)
    if c is None:
        if len(gap) == 1 and gap in _HYPHENS:
            c = (True, True)
        else:
            c = (bool(gap) and _SEP_OK.fullmatch(gap) is not None, False)
        if len(_GAP_CLASS) < 10_000:
            _GAP_CLASS[gap] = c
    return c


def _apos(text: str) -> str:
    """Curly apostrophes to straight ones (one character for one: offsets are kept)."""
    if "’" in text:
        text = text.replace("’", "'")
    if "‘" in text:
        text = text.replace("‘", "'")
    if "ʼ" in text:
        text = text.replace("ʼ", "'")
    return text


class _Tokens:
    """Token spans of a text with normalised forms and validity of the gaps between them."""

    def __init__(self, text: str):
        self.text = text
        norm = _apos(text)
        ms = list(_TOKEN_RE.finditer(norm))
        self.spans = spans = [m.span() for m in ms]
        self.raw = raw = [m.group() for m in ms]
        folded = norm.casefold()
        if len(folded) == len(norm):
            self.low = [folded[a:b] for a, b in spans]
        else:  # casefolding changed lengths (e.g. ß): fold token by token
            self.low = [t.casefold() for t in raw]
        # joinable[i]: token i and i+1 may be part of one phrase (whitespace without a blank
        # line, or one hyphen); hyph[i]: token i and i+1 form one hyphenated compound
        get = _GAP_CLASS.get
        gaps = [norm[a[1]:b[0]] for a, b in zip(spans, spans[1:])]
        cls = [get(g) or _gap_class(g) for g in gaps]
        self.joinable = [c[0] for c in cls] + [False]
        self.hyph = [c[1] for c in cls] + [False]

    def __len__(self) -> int:
        return len(self.spans)


_INITIAL_BEFORE = set(".!?:;\"“”‘'(—–-\n")


def _sentence_initial(text: str, pos: int) -> bool:
    """True if ``pos`` starts a sentence, line or quotation (a capital there is not a name)."""
    k = pos - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in _INITIAL_BEFORE


def _strip_possessive(tok: str) -> str | None:
    if tok.endswith("'s") and len(tok) > 2:
        return tok[:-2]
    return None


class _Matcher:
    """Compiled form of a lexicon: token-sequence dictionaries plus regex patterns."""

    def __init__(self, entries: Sequence[Entry], *, name_guard: bool = True):
        self.index: dict[bool, dict[tuple[str, ...], list[Entry]]] = {False: {}, True: {}}
        self.first: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}
        self.pairs: dict[bool, set[tuple[str, str]]] = {False: set(), True: set()}
        self.maxlen = 1
        self.patterns: list[tuple[re.Pattern, Entry]] = []
        self.prefilters: list[Prefilter] = []  # one per pattern: skips texts it cannot match
        self.exceptions: dict[int, list[tuple[str, ...]]] = {}
        self.proper_guard: dict[int, bool] = {}
        for e in entries:
            if name_guard and e.term is not None and e.term == e.term.lower() and len(tokens(e.term)) == 1:
                self.proper_guard[id(e)] = True
            if e.pattern is not None:
                flags = 0 if e.case_sensitive else re.IGNORECASE
                rx = re.compile(rf"(?<![^\W_])(?:{e.pattern})(?![^\W_])", flags)
                self.patterns.append((rx, e))
                self.prefilters.append(Prefilter(rx))
                continue
            cs = e.case_sensitive
            for key, sig in e.surface_keys().items():
                lst = self.index[cs].setdefault(key, [])
                if all(x is not e for x, _ in lst):
                    lst.append((e, sig if e.hyphen_only else None))
                self.first[cs].setdefault(key[0], []).append(len(key))
                if len(key) > 1:
                    self.pairs[cs].add(key[:2])
                self.maxlen = max(self.maxlen, len(key))
            if e.exceptions:
                self.exceptions[id(e)] = [tuple(tokens(x)) for x in e.exceptions]
        for d in self.first.values():  # phrase lengths to try for each first word, longest first
            for k, v in d.items():
                d[k] = sorted(set(v), reverse=True)

    def candidates(self, tk: _Tokens) -> list[tuple[int, int, Entry, tuple[int, int] | None]]:
        """All matches (start, end, entry, token range) before overlap resolution."""
        out = []
        n = len(tk)
        for cs, seq in ((False, tk.low), (True, tk.raw)):
            index, first = self.index[cs], self.first[cs]
            if not index:
                continue
            hyph, joinable, spans, pairs = tk.hyph, tk.joinable, tk.spans, self.pairs[cs]
            positions = [i for i, t in enumerate(seq) if t in first or (t[-2:] == "'s" and t[:-2] in first)]
            for i in positions:
                t = seq[i]
                lengths = first.get(t)
                if lengths is None:  # a possessive of a one-word entry
                    lengths = [1] if 1 in first[t[:-2]] else None
                    if lengths is None:
                        continue
                if i > 0 and hyph[i - 1]:
                    continue  # inside a hyphenated compound
                multi = joinable[i] and ((t, seq[i + 1]) in pairs or (
                    seq[i + 1][-2:] == "'s" and (t, seq[i + 1][:-2]) in pairs))
                for L in lengths:
                    if L > 1 and not multi:
                        continue
                    j = i + L - 1
                    if j >= n or (L > 2 and not all(joinable[i + 1:j])):
                        continue
                    if j + 1 < n and hyph[j]:
                        continue
                    key = tuple(seq[i:j + 1])
                    end = spans[j][1]
                    ents = index.get(key)
                    if ents is None:
                        last = seq[j]
                        if len(last) > 2 and last.endswith("'s"):
                            ents = index.get(key[:-1] + (last[:-2],))
                            end -= 2
                    if ents:
                        for e, sig in ents:
                            if sig is not None and tuple(tk.hyph[i:j]) != sig:
                                continue  # hyphen_only: the text must be hyphenated where the term is
                            if (L == 1 and not cs and self.proper_guard.get(id(e)) and tk.raw[i][:1].isupper()
                                    and not tk.raw[i].isupper() and not _sentence_initial(tk.text, tk.spans[i][0])):
                                continue  # a capitalised word mid-sentence is taken for a name (Gallant)
                            out.append((tk.spans[i][0], end, e, (i, j)))
        text = tk.text
        lower = text.lower() if self.patterns else ""
        twins = any(c in text for c in ASCII_TWINS)
        for (rx, e), pre in zip(self.patterns, self.prefilters):
            if not pre.may_match(text, lower, twins):
                continue  # none of the literals every match needs is in the text
            for m in rx.finditer(text):
                if m.end() > m.start():
                    out.append((m.start(), m.end(), e, None))
        return out

    def _excepted(self, tk: _Tokens, e: Entry, rng: tuple[int, int] | None, start: int, end: int) -> bool:
        excs = self.exceptions.get(id(e))
        if not excs:
            return False
        if rng is None:
            i = bisect.bisect_left([s for s, _ in tk.spans], start)
            j = max(i, bisect.bisect_left([s for s, _ in tk.spans], end) - 1)
        else:
            i, j = rng
        for exc in excs:
            L = len(exc)
            for s in range(max(0, j - L + 1), i + 1):
                t = s + L - 1
                if t >= len(tk) or t < j:
                    continue
                if L > 1 and not all(tk.joinable[s:t]):
                    continue
                if tuple(tk.low[s:t + 1]) == exc or (
                    _strip_possessive(tk.low[t]) is not None
                    and tuple(tk.low[s:t]) + (_strip_possessive(tk.low[t]),) == exc
                ):
                    return True
        return False

    def match(self, text: str) -> list[tuple[int, int, Entry]]:
        """Resolved, non-overlapping matches (longest wins), neutral entries dropped, in text order."""
        tk = _Tokens(text)
        cands = [
            (s, e_, ent) for s, e_, ent, rng in self.candidates(tk)
            if not self._excepted(tk, ent, rng, s, e_)
        ]
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], not c[2].neutral))
        kept: list[tuple[int, int, Entry]] = []
        taken: list[tuple[int, int]] = []  # sorted spans
        for s, e_, ent in cands:
            k = bisect.bisect_left(taken, (s, e_))
            same = k < len(taken) and taken[k] == (s, e_)
            if same:
                if any(x[0] == s and x[1] == e_ and (x[2].category == ent.category or x[2].neutral or ent.neutral)
                       for x in kept):
                    continue
                kept.append((s, e_, ent))
                continue
            clash = (k > 0 and taken[k - 1][1] > s) or (k < len(taken) and taken[k][0] < e_)
            if clash:
                continue
            taken.insert(k, (s, e_))
            kept.append((s, e_, ent))
        kept = [k for k in kept if not k[2].neutral]
        kept.sort(key=lambda c: (c[0], c[1], c[2].category))
        return kept

