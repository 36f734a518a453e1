"""The words of one article, found once and shared by the loaded-language model and the target rule.

Method
------
:func:`analysis.text.word_spans` of the whole text (the project's one
definition of a word), computed once per article.  The words of a part of
the text (a sentence, a clause) are a slice of that list, found by binary
search, and they are exactly ``word_spans(text[a:b])`` shifted by ``a``
whenever no word of the whole text crosses ``a`` or ``b``: the word pattern
has no look-around or anchors, so a match that ends inside the part is the
same match in the part alone.  When a word does cross an edge (a part cut
inside a word), :meth:`Words.spans_in` falls back to matching the part alone,
so callers always get what ``word_spans`` of the part would give.

Lower-cased forms (curly apostrophes made straight, as the model reads
words) are computed once per article too.
"""
from __future__ import annotations

import bisect

from ..text import word_spans

__all__ = ["Words"]


class Words:
    """``word_spans(text)`` with the words of any part of ``text`` (see the module docstring)."""

    __slots__ = ("text", "spans", "_starts", "_ends", "_lows")

    def __init__(self, text: str):
        self.text = text
        self.spans = word_spans(text)
        self._starts = [a for a, _ in self.spans]
        self._ends = [b for _, b in self.spans]
        self._lows: list[str] | None = None

    def range(self, a: int, b: int) -> tuple[int, int] | None:
        """Indices ``[i, j)`` of the words of ``text[a:b]``, or None when a word crosses ``a`` or ``b``."""
        i = bisect.bisect_left(self._starts, a)
        if i > 0 and self._ends[i - 1] > a:
            return None
        j = bisect.bisect_left(self._starts, b)
        if j > i and self._ends[j - 1] > b:
            return None
        return i, max(i, j)

    def spans_in(self, a: int, b: int) -> list[tuple[int, int]]:
        """``word_spans(text[a:b])`` as offsets into ``text``."""
        r = self.range(a, b)
        if r is None:
            return [(a + x, a + y) for x, y in word_spans(self.text[a:b])]
        return self.spans[r[0]:r[1]]

    @property
    def lows(self) -> list[str]:
        """Each word lower-cased, curly apostrophes straight (``w.replace("’", "'").lower()``)."""
        if self._lows is None:
            text = self.text
            low = text.replace("’", "'").lower()
            # lower() of the whole text equals word-by-word lower() when no character changed length and
            # no capital sigma is present (its lower case depends on the next character)
            if len(low) == len(text) and "Σ" not in text:
                self._lows = [low[a:b] for a, b in self.spans]
            else:
                self._lows = [text[a:b].replace("’", "'").lower() for a, b in self.spans]
        return self._lows
